import type { NotificationTemplates } from '../notifications/notification-templates';

// Validation, decision and appeal (issue 6).
export const validationNotificationTemplates: NotificationTemplates = {
  'validation.review_started': {
    en: {
      subject: 'Examination of application {{reference}} has started',
      body: 'Customs started examining application {{reference}}.',
    },
    ru: {
      subject: 'Начата проверка заявления {{reference}}',
      body: 'Таможенный орган приступил к проверке заявления {{reference}}.',
    },
  },
  'validation.decision_extended': {
    en: {
      subject: 'The decision on {{reference}} is now due by {{dueDate}}',
      body: 'Customs extended the time to decide on application {{reference}} to {{dueDate}}. Reason:\n{{reason}}',
    },
    ru: {
      subject: 'Срок решения по {{reference}} продлён до {{dueDate}}',
      body: 'Таможенный орган продлил срок принятия решения по заявлению {{reference}} до {{dueDate}}. Причина:\n{{reason}}',
    },
  },
  'validation.report_issued': {
    en: {
      subject: 'Validation report on {{reference}} is available',
      body: 'Customs issued the validation report on application {{reference}}. You can read it and comment on it in OpenAEO.',
    },
    ru: {
      subject: 'Отчёт о проверке по {{reference}} готов',
      body: 'Таможенный орган подготовил отчёт о проверке по заявлению {{reference}}. Вы можете ознакомиться с ним и оставить комментарий в OpenAEO.',
    },
  },
  'validation.report_commented': {
    en: {
      subject: 'The applicant commented on the report of {{reference}}',
      body: 'The applicant commented on the validation report of {{reference}}.',
    },
    ru: {
      subject: 'Заявитель прокомментировал отчёт по {{reference}}',
      body: 'Заявитель оставил комментарий к отчёту о проверке по {{reference}}.',
    },
  },
  'validation.sign_off_requested': {
    en: {
      subject: 'Report of {{reference}} awaits your sign-off',
      body: 'The validation report of {{reference}} awaits the sign-off of a senior officer.',
    },
    ru: {
      subject: 'Отчёт по {{reference}} ожидает утверждения',
      body: 'Отчёт о проверке по {{reference}} ожидает утверждения старшим должностным лицом.',
    },
  },
  'validation.sign_off_approved': {
    en: {
      subject: 'Report of {{reference}} signed off',
      body: 'The validation report of {{reference}} was signed off; the case is ready for decision.',
    },
    ru: {
      subject: 'Отчёт по {{reference}} утверждён',
      body: 'Отчёт о проверке по {{reference}} утверждён; дело готово к принятию решения.',
    },
  },
  'validation.sign_off_returned': {
    en: {
      subject: 'Report of {{reference}} returned for rework',
      body: 'The validation report of {{reference}} was returned for rework:\n{{note}}',
    },
    ru: {
      subject: 'Отчёт по {{reference}} возвращён на доработку',
      body: 'Отчёт о проверке по {{reference}} возвращён на доработку:\n{{note}}',
    },
  },
  'validation.sign_off_referred': {
    en: {
      subject: 'Case {{reference}} referred to headquarters',
      body: 'The case {{reference}} was referred to headquarters:\n{{note}}',
    },
    ru: {
      subject: 'Дело {{reference}} передано в центральный аппарат',
      body: 'Дело {{reference}} передано в центральный аппарат:\n{{note}}',
    },
  },
  'validation.ready_for_decision': {
    en: {
      subject: 'Case {{reference}} is ready for decision',
      body: 'The report on {{reference}} is signed off; the case awaits a decision.',
    },
    ru: {
      subject: 'Дело {{reference}} готово к решению',
      body: 'Отчёт по {{reference}} утверждён; дело ожидает решения.',
    },
  },
  'validation.intended_rejection': {
    en: {
      subject: 'Customs intends to reject application {{reference}}',
      body: 'Customs intends to reject application {{reference}}. You may reply by {{dueDate}}. Reasons:\n{{reason}}',
    },
    ru: {
      subject: 'Таможенный орган намерен отказать по заявлению {{reference}}',
      body: 'Таможенный орган намерен отказать по заявлению {{reference}}. Вы можете ответить до {{dueDate}}. Причины:\n{{reason}}',
    },
  },
  'validation.notice_answered': {
    en: {
      subject: 'The applicant replied to the notice on {{reference}}',
      body: 'The applicant replied to the notice of intended rejection on {{reference}}.',
    },
    ru: {
      subject: 'Заявитель ответил на уведомление по {{reference}}',
      body: 'Заявитель ответил на уведомление о намерении отказать по {{reference}}.',
    },
  },
  'validation.improvement_required': {
    en: {
      subject: 'Compliance improvement plan for {{reference}}, due {{dueDate}}',
      body: 'Customs asks you to carry out the measures of the improvement plan for application {{reference}} by {{dueDate}}.',
    },
    ru: {
      subject: 'План улучшений по {{reference}}, срок {{dueDate}}',
      body: 'Таможенный орган просит выполнить меры плана улучшений по заявлению {{reference}} до {{dueDate}}.',
    },
  },
  'validation.improvement_extended': {
    en: {
      subject: 'Improvement plan of {{reference}} extended to {{dueDate}}',
      body: 'The deadline of the improvement plan of {{reference}} is now {{dueDate}}. Reason:\n{{reason}}',
    },
    ru: {
      subject: 'Срок плана улучшений по {{reference}} продлён до {{dueDate}}',
      body: 'Срок плана улучшений по {{reference}} продлён до {{dueDate}}. Причина:\n{{reason}}',
    },
  },
  'validation.measure_reported': {
    en: {
      subject: 'A measure of {{reference}} is reported done',
      body: 'The applicant reported a measure of the improvement plan of {{reference}} as carried out.',
    },
    ru: {
      subject: 'Мера по {{reference}} выполнена',
      body: 'Заявитель сообщил о выполнении меры плана улучшений по {{reference}}.',
    },
  },
  'validation.improvement_verified': {
    en: {
      subject: 'Improvement plan of {{reference}} verified',
      body: 'Customs verified every measure of the improvement plan of {{reference}}.',
    },
    ru: {
      subject: 'План улучшений по {{reference}} проверен',
      body: 'Таможенный орган проверил выполнение всех мер плана улучшений по {{reference}}.',
    },
  },
  'validation.consultation_requested': {
    en: {
      subject: 'Consultation on AEO application {{reference}}, reply by {{dueDate}}',
      body: 'Your office is consulted on AEO application {{reference}}. Report infringements, unlisted branches or objections by {{dueDate}}; silence counts as no objection.\n{{question}}',
    },
    ru: {
      subject: 'Запрос по заявлению УЭО {{reference}}, ответ до {{dueDate}}',
      body: 'Ваш таможенный орган запрошен по заявлению УЭО {{reference}}. Сообщите о нарушениях, неуказанных филиалах или возражениях до {{dueDate}}; отсутствие ответа означает отсутствие возражений.\n{{question}}',
    },
  },
  'validation.agency_consultation_requested': {
    en: {
      subject: 'Consultation on AEO application {{reference}}, reply by {{dueDate}}',
      body: 'Customs consult your agency ({{agency}}) on AEO application {{reference}}. Report infringements, unlisted branches or objections by {{dueDate}}; silence counts as no objection.\n{{question}}',
    },
    ru: {
      subject: 'Запрос по заявлению УЭО {{reference}}, ответ до {{dueDate}}',
      body: 'Таможенный орган запрашивает ваше ведомство ({{agency}}) по заявлению УЭО {{reference}}. Сообщите о нарушениях, неуказанных филиалах или возражениях до {{dueDate}}; отсутствие ответа означает отсутствие возражений.\n{{question}}',
    },
  },
  'validation.consultation_replied': {
    en: {
      subject: 'Consultation reply on {{reference}}: {{kind}}',
      body: 'A consulted office or agency replied on {{reference}} ({{kind}}).',
    },
    ru: {
      subject: 'Получен ответ по {{reference}}: {{kind}}',
      body: 'Запрошенный таможенный орган или ведомство ответили по {{reference}} ({{kind}}).',
    },
  },
  'validation.consultation_closed_silent': {
    en: {
      subject: 'A consultation on {{reference}} closed without reply',
      body: 'A consulted office or agency did not reply on {{reference}} by the deadline; this counts as no objection.',
    },
    ru: {
      subject: 'Запрос по {{reference}} закрыт без ответа',
      body: 'Запрошенный орган не ответил по {{reference}} в срок; это означает отсутствие возражений.',
    },
  },
  'validation.visit_proposed': {
    en: {
      subject: 'Choose a date for the on-site visit ({{reference}})',
      body: 'Customs proposed dates for the on-site validation visit of {{reference}}. Choose one in OpenAEO.',
    },
    ru: {
      subject: 'Выберите дату выездной проверки ({{reference}})',
      body: 'Таможенный орган предложил даты выездной проверки по {{reference}}. Выберите одну в OpenAEO.',
    },
  },
  'validation.visit_chosen': {
    en: {
      subject: 'Visit date chosen for {{reference}}: {{date}}',
      body: 'The applicant chose {{date}} for the on-site visit of {{reference}}.',
    },
    ru: {
      subject: 'Выбрана дата выезда по {{reference}}: {{date}}',
      body: 'Заявитель выбрал дату выездной проверки по {{reference}}: {{date}}.',
    },
  },
  'validation.information_requested': {
    en: {
      subject: 'Customs requests information on {{reference}}, reply by {{dueDate}}',
      body: 'To continue the examination of application {{reference}}, customs asks you for the following information. Reply in OpenAEO by {{dueDate}}; the letter is in your case documents.\n{{message}}',
    },
    ru: {
      subject: 'Таможенный орган запрашивает сведения по {{reference}}, ответ до {{dueDate}}',
      body: 'Для продолжения рассмотрения заявления {{reference}} таможенный орган просит представить следующие сведения. Ответьте в OpenAEO до {{dueDate}}; письмо находится в документах дела.\n{{message}}',
    },
  },
  'validation.information_received': {
    en: {
      subject: 'The applicant replied to the request for information on {{reference}}',
      body: 'The applicant replied to the request for information on {{reference}} (due {{dueDate}}). The reply is on the desk review.',
    },
    ru: {
      subject: 'Заявитель ответил на запрос сведений по {{reference}}',
      body: 'Заявитель ответил на запрос сведений по {{reference}} (срок {{dueDate}}). Ответ — на вкладке документальной проверки.',
    },
  },
  'validation.information_lapsed': {
    en: {
      subject: 'No reply to the request for information on {{reference}}',
      body: 'The applicant did not reply to the request for information on {{reference}} by {{dueDate}}; the decision clock runs again.',
    },
    ru: {
      subject: 'Нет ответа на запрос сведений по {{reference}}',
      body: 'Заявитель не ответил на запрос сведений по {{reference}} до {{dueDate}}; срок принятия решения снова течёт.',
    },
  },
  'decision.granted': {
    en: {
      subject: 'AEO status granted: {{reference}}',
      body: 'Customs granted AEO status on application {{reference}} (tier {{tier}}), effective {{effectiveDate}}. The decision letter is in your case documents.',
    },
    ru: {
      subject: 'Статус УЭО присвоен: {{reference}}',
      body: 'Таможенный орган присвоил статус УЭО по заявлению {{reference}} (уровень {{tier}}) с {{effectiveDate}}. Решение — в документах дела.',
    },
  },
  'decision.rejected': {
    en: {
      subject: 'Application {{reference}} rejected',
      body: 'Customs rejected application {{reference}}. You may appeal by {{dueDate}}. Grounds:\n{{reason}}',
    },
    ru: {
      subject: 'Отказ по заявлению {{reference}}',
      body: 'Таможенный орган отказал по заявлению {{reference}}. Обжаловать решение можно до {{dueDate}}. Основания:\n{{reason}}',
    },
  },
  'appeal.lodged': {
    en: {
      subject: 'Appeal lodged on {{reference}}',
      body: 'The applicant appealed against the rejection of {{reference}}.',
    },
    ru: { subject: 'Подана жалоба по {{reference}}', body: 'Заявитель обжаловал отказ по {{reference}}.' },
  },
  'appeal.upheld': {
    en: {
      subject: 'Appeal on {{reference}} dismissed',
      body: 'Headquarters dismissed your appeal on {{reference}}; the rejection stands.\n{{reason}}',
    },
    ru: {
      subject: 'Жалоба по {{reference}} отклонена',
      body: 'Центральный аппарат отклонил вашу жалобу по {{reference}}; отказ оставлен в силе.\n{{reason}}',
    },
  },
  'appeal.reversed': {
    en: {
      subject: 'Appeal on {{reference}} allowed: AEO status granted',
      body: 'Headquarters allowed your appeal on {{reference}} and granted AEO status.\n{{reason}}',
    },
    ru: {
      subject: 'Жалоба по {{reference}} удовлетворена: статус УЭО присвоен',
      body: 'Центральный аппарат удовлетворил вашу жалобу по {{reference}} и присвоил статус УЭО.\n{{reason}}',
    },
  },
  'appeal.sent_back': {
    en: {
      subject: 'Appeal on {{reference}} allowed: new examination',
      body: 'Headquarters allowed the appeal on {{reference}}; the application is examined again.\n{{reason}}',
    },
    ru: {
      subject: 'Жалоба по {{reference}} удовлетворена: повторная проверка',
      body: 'Центральный аппарат удовлетворил жалобу по {{reference}}; заявление будет рассмотрено повторно.\n{{reason}}',
    },
  },
};
