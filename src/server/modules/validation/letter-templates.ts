import type { Language } from '../notifications/notification-templates';
import type { PdfSection } from './pdf-document';
import { fillPlaceholders } from '../../platform/placeholders';

export type LetterKind =
  | 'acceptance'
  | 'information_request'
  | 'decision_granted'
  | 'decision_rejected'
  | 'intended_rejection'
  | 'appeal_decided';

export interface LetterParams {
  reference: string;
  operatorName: string;
  date: string;
  [key: string]: string;
}

interface LetterTemplate {
  title: string;
  paragraphs: Array<{ heading: string; text: string }>;
}

/**
 * Official letters in the programme's languages. `{{name}}` placeholders are filled from the parameters; a letter
 * is rendered once per language and kept in the case's documents.
 */
const LETTERS: Record<LetterKind, Record<Language, LetterTemplate>> = {
  acceptance: {
    en: {
      title: 'Acceptance of application {{reference}} for examination',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        {
          heading: 'Acceptance',
          text: 'Customs has accepted the application {{reference}} for AEO status, type {{authorisationType}}, for examination as of {{date}}.',
        },
        {
          heading: 'What happens next',
          text: 'Customs will review your answers and evidence, may ask for more information and will visit your premises. A decision is due by {{decisionDue}}; any period in which you are asked to act does not count.',
        },
        { heading: 'Office', text: '{{office}}' },
      ],
    },
    ru: {
      title: 'Принятие заявления {{reference}} к рассмотрению',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        {
          heading: 'Принятие',
          text: 'Таможенный орган принял к рассмотрению заявление {{reference}} о присвоении статуса УЭО, тип {{authorisationType}}, {{date}}.',
        },
        {
          heading: 'Дальнейшие действия',
          text: 'Таможенный орган изучит ваши ответы и документы, может запросить дополнительные сведения и проведёт выездную проверку. Решение должно быть принято до {{decisionDue}}; периоды, в которые от вас требуются действия, в этот срок не засчитываются.',
        },
        { heading: 'Подразделение', text: '{{office}}' },
      ],
    },
  },
  information_request: {
    en: {
      title: 'Request for information, application {{reference}}',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        {
          heading: 'Request',
          text: 'To continue the examination of the application {{reference}}, customs asks you for the following information.',
        },
        { heading: 'Information requested', text: '{{message}}' },
        { heading: 'Questions concerned', text: '{{questions}}' },
        {
          heading: 'Reply by',
          text: '{{dueDate}}. Reply through OpenAEO on the case page. Without a reply by then customs decide on the information they hold.',
        },
      ],
    },
    ru: {
      title: 'Запрос сведений, заявление {{reference}}',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        {
          heading: 'Запрос',
          text: 'Для продолжения рассмотрения заявления {{reference}} таможенный орган просит представить следующие сведения.',
        },
        { heading: 'Запрашиваемые сведения', text: '{{message}}' },
        { heading: 'Вопросы анкеты', text: '{{questions}}' },
        {
          heading: 'Срок ответа',
          text: '{{dueDate}}. Ответ направляется через OpenAEO на странице дела. При отсутствии ответа в срок решение принимается на основании имеющихся сведений.',
        },
      ],
    },
  },
  decision_granted: {
    en: {
      title: 'Decision granting AEO status, application {{reference}}',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        {
          heading: 'Decision',
          text: 'Customs grants {{operatorName}} the status of Authorized Economic Operator, type {{authorisationType}}, tier {{tier}}, with effect from {{effectiveDate}}.',
        },
        { heading: 'Sites covered', text: '{{sites}}' },
        { heading: 'Grounds', text: '{{grounds}}' },
        { heading: 'Date and officer', text: '{{date}}, {{officer}}' },
      ],
    },
    ru: {
      title: 'Решение о присвоении статуса УЭО, заявление {{reference}}',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        {
          heading: 'Решение',
          text: 'Таможенный орган присваивает {{operatorName}} статус уполномоченного экономического оператора, тип {{authorisationType}}, уровень {{tier}}, с {{effectiveDate}}.',
        },
        { heading: 'Охватываемые объекты', text: '{{sites}}' },
        { heading: 'Основания', text: '{{grounds}}' },
        { heading: 'Дата и должностное лицо', text: '{{date}}, {{officer}}' },
      ],
    },
  },
  decision_rejected: {
    en: {
      title: 'Decision rejecting application {{reference}}',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        { heading: 'Decision', text: 'Customs rejects the application {{reference}} for AEO status.' },
        { heading: 'Grounds', text: '{{grounds}}' },
        { heading: 'Rules relied on', text: '{{rules}}' },
        {
          heading: 'How to appeal',
          text: '{{appealRoute}} The appeal must be lodged by {{appealDue}}.',
        },
        { heading: 'New application', text: '{{reapplication}}' },
        { heading: 'Date and officer', text: '{{date}}, {{officer}}' },
      ],
    },
    ru: {
      title: 'Решение об отказе по заявлению {{reference}}',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        {
          heading: 'Решение',
          text: 'Таможенный орган отказывает в присвоении статуса УЭО по заявлению {{reference}}.',
        },
        { heading: 'Основания', text: '{{grounds}}' },
        { heading: 'Применённые нормы', text: '{{rules}}' },
        { heading: 'Порядок обжалования', text: '{{appealRoute}} Жалоба подаётся до {{appealDue}}.' },
        { heading: 'Повторное заявление', text: '{{reapplication}}' },
        { heading: 'Дата и должностное лицо', text: '{{date}}, {{officer}}' },
      ],
    },
  },
  intended_rejection: {
    en: {
      title: 'Notice of intended rejection, application {{reference}}',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        {
          heading: 'Notice',
          text: 'Customs intends to reject the application {{reference}} for the reasons below. Before a decision is taken you may state your views in writing.',
        },
        { heading: 'Reasons', text: '{{reasons}}' },
        { heading: 'Reply by', text: '{{replyDue}}' },
      ],
    },
    ru: {
      title: 'Уведомление о намерении отказать, заявление {{reference}}',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        {
          heading: 'Уведомление',
          text: 'Таможенный орган намерен отказать по заявлению {{reference}} по указанным ниже причинам. До принятия решения вы вправе письменно изложить свою позицию.',
        },
        { heading: 'Причины', text: '{{reasons}}' },
        { heading: 'Срок ответа', text: '{{replyDue}}' },
      ],
    },
  },
  appeal_decided: {
    en: {
      title: 'Decision on the appeal, application {{reference}}',
      paragraphs: [
        { heading: 'To', text: '{{operatorName}}' },
        { heading: 'Outcome', text: '{{outcome}}' },
        { heading: 'Reasons', text: '{{note}}' },
        { heading: 'Date and officer', text: '{{date}}, {{officer}}' },
      ],
    },
    ru: {
      title: 'Решение по жалобе, заявление {{reference}}',
      paragraphs: [
        { heading: 'Кому', text: '{{operatorName}}' },
        { heading: 'Результат', text: '{{outcome}}' },
        { heading: 'Мотивы', text: '{{note}}' },
        { heading: 'Дата и должностное лицо', text: '{{date}}, {{officer}}' },
      ],
    },
  },
};

export const APPEAL_OUTCOME_TEXT: Record<'upheld' | 'reversed' | 'sent_back', Record<Language, string>> = {
  upheld: {
    en: 'The appeal is dismissed; the rejection stands.',
    ru: 'Жалоба отклонена; решение об отказе оставлено в силе.',
  },
  reversed: {
    en: 'The appeal is allowed; AEO status is granted.',
    ru: 'Жалоба удовлетворена; статус УЭО присвоен.',
  },
  sent_back: {
    en: 'The appeal is allowed; the application goes back for a new examination.',
    ru: 'Жалоба удовлетворена; заявление направлено на повторное рассмотрение.',
  },
};

export const DEFAULT_APPEAL_ROUTE: Record<Language, string> = {
  en: 'You may appeal to the customs headquarters through OpenAEO (Appeal on the case page), stating your grounds.',
  ru: 'Вы вправе обжаловать решение в центральный аппарат таможенного органа через OpenAEO (раздел «Жалоба» на странице дела), изложив основания.',
};

/** What a rejection letter says of a new application: barred before a date (where the programme sets a bar), or not. */
export function reapplicationText(language: Language, barredUntil: string | undefined): string {
  if (barredUntil && barredUntil !== '-') {
    return language === 'ru'
      ? `Повторное заявление на этот тип статуса можно подать не ранее ${barredUntil}.`
      : `You may not apply again for this type of authorisation before ${barredUntil}.`;
  }
  return language === 'ru'
    ? 'Вы вправе подать новое заявление, устранив причины отказа.'
    : 'You may apply again once the grounds of this rejection are remedied.';
}

export function renderLetter(
  kind: LetterKind,
  language: Language,
  params: LetterParams,
): { title: string; sections: PdfSection[]; text: string } {
  const template = LETTERS[kind][language];
  const fill = (text: string) => fillPlaceholders(text, params);
  const title = fill(template.title);
  const sections = template.paragraphs.map((p) => ({ heading: fill(p.heading), lines: [fill(p.text)] }));
  const text = [title, ...sections.map((s) => `${s.heading}\n${s.lines.join('\n')}`)].join('\n\n');
  return { title, sections, text };
}
