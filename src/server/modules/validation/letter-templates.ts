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

/** A text in each of the programme's languages. */
type Translated = Record<Language, string>;

/**
 * One paragraph of a letter with all its translations side by side, so that every language's letter has the same
 * paragraphs in the same order. A text that is only placeholders reads the same in every language: a plain string.
 */
interface LetterParagraph {
  heading: Translated;
  text: Translated | string;
}

interface LetterTemplate {
  title: Translated;
  paragraphs: LetterParagraph[];
}

const ADDRESSEE: LetterParagraph = { heading: { en: 'To', ru: 'Кому' }, text: '{{operatorName}}' };
const SIGNATURE: LetterParagraph = {
  heading: { en: 'Date and officer', ru: 'Дата и должностное лицо' },
  text: '{{date}}, {{officer}}',
};
const GROUNDS: LetterParagraph = { heading: { en: 'Grounds', ru: 'Основания' }, text: '{{grounds}}' };

/**
 * Official letters in the programme's languages. `{{name}}` placeholders are filled from the parameters; a letter
 * is rendered once per language and kept in the case's documents.
 */
const LETTERS: Record<LetterKind, LetterTemplate> = {
  acceptance: {
    title: {
      en: 'Acceptance of application {{reference}} for examination',
      ru: 'Принятие заявления {{reference}} к рассмотрению',
    },
    paragraphs: [
      ADDRESSEE,
      {
        heading: { en: 'Acceptance', ru: 'Принятие' },
        text: {
          en: 'Customs has accepted the application {{reference}} for AEO status, type {{authorisationType}}, for examination as of {{date}}.',
          ru: 'Таможенный орган принял к рассмотрению заявление {{reference}} о присвоении статуса УЭО, тип {{authorisationType}}, {{date}}.',
        },
      },
      {
        heading: { en: 'What happens next', ru: 'Дальнейшие действия' },
        text: {
          en: 'Customs will review your answers and evidence, may ask for more information and will visit your premises. A decision is due by {{decisionDue}}; any period in which you are asked to act does not count.',
          ru: 'Таможенный орган изучит ваши ответы и документы, может запросить дополнительные сведения и проведёт выездную проверку. Решение должно быть принято до {{decisionDue}}; периоды, в которые от вас требуются действия, в этот срок не засчитываются.',
        },
      },
      { heading: { en: 'Office', ru: 'Подразделение' }, text: '{{office}}' },
    ],
  },
  information_request: {
    title: {
      en: 'Request for information, application {{reference}}',
      ru: 'Запрос сведений, заявление {{reference}}',
    },
    paragraphs: [
      ADDRESSEE,
      {
        heading: { en: 'Request', ru: 'Запрос' },
        text: {
          en: 'To continue the examination of the application {{reference}}, customs asks you for the following information.',
          ru: 'Для продолжения рассмотрения заявления {{reference}} таможенный орган просит представить следующие сведения.',
        },
      },
      { heading: { en: 'Information requested', ru: 'Запрашиваемые сведения' }, text: '{{message}}' },
      { heading: { en: 'Questions concerned', ru: 'Вопросы анкеты' }, text: '{{questions}}' },
      {
        heading: { en: 'Reply by', ru: 'Срок ответа' },
        text: {
          en: '{{dueDate}}. Reply through OpenAEO on the case page. Without a reply by then customs decide on the information they hold.',
          ru: '{{dueDate}}. Ответ направляется через OpenAEO на странице дела. При отсутствии ответа в срок решение принимается на основании имеющихся сведений.',
        },
      },
    ],
  },
  decision_granted: {
    title: {
      en: 'Decision granting AEO status, application {{reference}}',
      ru: 'Решение о присвоении статуса УЭО, заявление {{reference}}',
    },
    paragraphs: [
      ADDRESSEE,
      {
        heading: { en: 'Decision', ru: 'Решение' },
        text: {
          en: 'Customs grants {{operatorName}} the status of Authorized Economic Operator, type {{authorisationType}}, tier {{tier}}, with effect from {{effectiveDate}}.',
          ru: 'Таможенный орган присваивает {{operatorName}} статус уполномоченного экономического оператора, тип {{authorisationType}}, уровень {{tier}}, с {{effectiveDate}}.',
        },
      },
      { heading: { en: 'Sites covered', ru: 'Охватываемые объекты' }, text: '{{sites}}' },
      GROUNDS,
      SIGNATURE,
    ],
  },
  decision_rejected: {
    title: {
      en: 'Decision rejecting application {{reference}}',
      ru: 'Решение об отказе по заявлению {{reference}}',
    },
    paragraphs: [
      ADDRESSEE,
      {
        heading: { en: 'Decision', ru: 'Решение' },
        text: {
          en: 'Customs rejects the application {{reference}} for AEO status.',
          ru: 'Таможенный орган отказывает в присвоении статуса УЭО по заявлению {{reference}}.',
        },
      },
      GROUNDS,
      { heading: { en: 'Rules relied on', ru: 'Применённые нормы' }, text: '{{rules}}' },
      {
        heading: { en: 'How to appeal', ru: 'Порядок обжалования' },
        text: {
          en: '{{appealRoute}} The appeal must be lodged by {{appealDue}}.',
          ru: '{{appealRoute}} Жалоба подаётся до {{appealDue}}.',
        },
      },
      { heading: { en: 'New application', ru: 'Повторное заявление' }, text: '{{reapplication}}' },
      SIGNATURE,
    ],
  },
  intended_rejection: {
    title: {
      en: 'Notice of intended rejection, application {{reference}}',
      ru: 'Уведомление о намерении отказать, заявление {{reference}}',
    },
    paragraphs: [
      ADDRESSEE,
      {
        heading: { en: 'Notice', ru: 'Уведомление' },
        text: {
          en: 'Customs intends to reject the application {{reference}} for the reasons below. Before a decision is taken you may state your views in writing.',
          ru: 'Таможенный орган намерен отказать по заявлению {{reference}} по указанным ниже причинам. До принятия решения вы вправе письменно изложить свою позицию.',
        },
      },
      { heading: { en: 'Reasons', ru: 'Причины' }, text: '{{reasons}}' },
      { heading: { en: 'Reply by', ru: 'Срок ответа' }, text: '{{replyDue}}' },
    ],
  },
  appeal_decided: {
    title: {
      en: 'Decision on the appeal, application {{reference}}',
      ru: 'Решение по жалобе, заявление {{reference}}',
    },
    paragraphs: [
      ADDRESSEE,
      { heading: { en: 'Outcome', ru: 'Результат' }, text: '{{outcome}}' },
      { heading: { en: 'Reasons', ru: 'Мотивы' }, text: '{{note}}' },
      SIGNATURE,
    ],
  },
};

export const APPEAL_OUTCOME_TEXT: Record<'upheld' | 'reversed' | 'sent_back', Translated> = {
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

export const DEFAULT_APPEAL_ROUTE: Translated = {
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
  const template = LETTERS[kind];
  const fill = (text: Translated | string) =>
    fillPlaceholders(typeof text === 'string' ? text : text[language], params);
  const title = fill(template.title);
  const sections = template.paragraphs.map((p) => ({ heading: fill(p.heading), lines: [fill(p.text)] }));
  const text = [title, ...sections.map((s) => `${s.heading}\n${s.lines.join('\n')}`)].join('\n\n');
  return { title, sections, text };
}
