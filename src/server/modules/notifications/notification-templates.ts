export type Language = 'en' | 'ru';

export interface MessageTemplate {
  subject: string;
  body: string;
}

export type TemplateSet = Record<Language, MessageTemplate>;

/**
 * Message templates per event, in every language users can choose. Modules add their events with
 * `registerTemplates`; `{{name}}` placeholders are filled from the event's parameters.
 */
const templates = new Map<string, TemplateSet>();

export function registerTemplates(set: Record<string, TemplateSet>): void {
  for (const [event, template] of Object.entries(set)) templates.set(event, template);
}

export function hasTemplate(event: string): boolean {
  return templates.has(event);
}

export function renderTemplate(
  event: string,
  language: Language,
  params: Record<string, string>,
): MessageTemplate {
  const set = templates.get(event);
  if (!set) throw new Error(`No message template for event ${event}`);
  const template = set[language];
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? `{{${name}}}`);
  return { subject: fill(template.subject), body: fill(template.body) };
}

registerTemplates({
  'deadline.reminder': {
    en: {
      subject: 'Reminder: {{title}} is due on {{dueDate}}',
      body: 'This is a reminder that {{title}} is due on {{dueDate}}. Open OpenAEO to act on it.',
    },
    ru: {
      subject: 'Напоминание: срок «{{title}}» истекает {{dueDate}}',
      body: 'Напоминаем, что срок «{{title}}» истекает {{dueDate}}. Откройте OpenAEO, чтобы принять меры.',
    },
  },
  'deadline.escalated': {
    en: {
      subject: 'Overdue: {{title}} (due {{dueDate}})',
      body: 'The deadline for {{title}} passed on {{dueDate}} without action. It has been escalated to you.',
    },
    ru: {
      subject: 'Просрочено: «{{title}}» (срок {{dueDate}})',
      body: 'Срок «{{title}}» истёк {{dueDate}}, действий не последовало. Вопрос передан вам для контроля.',
    },
  },
  'operator.invitation': {
    en: {
      subject: '{{operatorName}} invites you to OpenAEO',
      body:
        '{{inviterName}} invites you to work for {{operatorName}} in OpenAEO, the AEO programme portal.\n' +
        'Accept the invitation before {{expiresDate}}: {{link}}',
    },
    ru: {
      subject: '{{operatorName}} приглашает вас в OpenAEO',
      body:
        '{{inviterName}} приглашает вас работать от имени {{operatorName}} в OpenAEO — портале программы УЭО.\n' +
        'Примите приглашение до {{expiresDate}}: {{link}}',
    },
  },
  'delegation.granted': {
    en: {
      subject: '{{principalName}} has authorised {{delegateName}} to act for it',
      body: '{{principalName}} granted {{delegateName}} the rights {{rights}} from {{validFrom}} to {{validUntil}}.',
    },
    ru: {
      subject: '{{principalName}} уполномочил {{delegateName}} действовать от его имени',
      body: '{{principalName}} предоставил {{delegateName}} права {{rights}} с {{validFrom}} по {{validUntil}}.',
    },
  },
  'delegation.revoked': {
    en: {
      subject: 'Authorisation of {{delegateName}} to act for {{principalName}} revoked',
      body: '{{principalName}} revoked the authorisation of {{delegateName}} to act for it.',
    },
    ru: {
      subject: 'Полномочия {{delegateName}} действовать от имени {{principalName}} отозваны',
      body: '{{principalName}} отозвал полномочия {{delegateName}} действовать от его имени.',
    },
  },
  'application.submitted': {
    en: {
      subject: 'New AEO application {{reference}} from {{operatorName}}',
      body: '{{operatorName}} submitted AEO application {{reference}}. Decide on its acceptance by {{dueDate}}.',
    },
    ru: {
      subject: 'Новое заявление УЭО {{reference}} от {{operatorName}}',
      body: '{{operatorName}} подал заявление УЭО {{reference}}. Решение о принятии к рассмотрению — до {{dueDate}}.',
    },
  },
  'application.accepted': {
    en: {
      subject: 'Your AEO application {{reference}} has been accepted for examination',
      body: 'Customs accepted application {{reference}} for examination. A decision is due by {{dueDate}}.',
    },
    ru: {
      subject: 'Ваше заявление УЭО {{reference}} принято к рассмотрению',
      body: 'Таможенный орган принял заявление {{reference}} к рассмотрению. Решение будет принято до {{dueDate}}.',
    },
  },
  'application.information_requested': {
    en: {
      subject: 'Customs requests information on application {{reference}}',
      body: 'Customs asks for more information on application {{reference}}; reply by {{dueDate}}:\n{{reason}}',
    },
    ru: {
      subject: 'Таможенный орган запрашивает сведения по заявлению {{reference}}',
      body: 'Таможенный орган запрашивает дополнительные сведения по заявлению {{reference}}; ответьте до {{dueDate}}:\n{{reason}}',
    },
  },
  'application.not_accepted': {
    en: {
      subject: 'Application {{reference}} was not accepted',
      body: 'Customs did not accept application {{reference}} for examination. Reason:\n{{reason}}',
    },
    ru: {
      subject: 'Заявление {{reference}} не принято к рассмотрению',
      body: 'Таможенный орган не принял заявление {{reference}} к рассмотрению. Причина:\n{{reason}}',
    },
  },
  'application.expired': {
    en: {
      subject: 'Application {{reference}} closed: no reply in time',
      body: 'Application {{reference}} was closed because the request for information was not answered in time.',
    },
    ru: {
      subject: 'Заявление {{reference}} закрыто: ответ не получен в срок',
      body: 'Заявление {{reference}} закрыто, так как ответ на запрос сведений не поступил в установленный срок.',
    },
  },
  'application.replied': {
    en: {
      subject: 'The applicant replied on {{reference}}',
      body: 'The applicant answered the request for information on {{reference}}.',
    },
    ru: {
      subject: 'Заявитель ответил по {{reference}}',
      body: 'Заявитель ответил на запрос сведений по заявлению {{reference}}.',
    },
  },
  'application.assigned': {
    en: {
      subject: 'Case {{reference}} assigned to you',
      body: 'AEO application {{reference}} has been assigned to you for validation.',
    },
    ru: {
      subject: 'Вам назначено дело {{reference}}',
      body: 'Вам назначено для проверки заявление УЭО {{reference}}.',
    },
  },
  'application.message': {
    en: {
      subject: 'New message from customs on {{reference}}',
      body: 'Customs wrote to you about application {{reference}}.',
    },
    ru: {
      subject: 'Новое сообщение таможенного органа по {{reference}}',
      body: 'Таможенный орган направил вам сообщение по заявлению {{reference}}.',
    },
  },
  'change_notification.submitted': {
    en: {
      subject: '{{operatorName}} notified a change: {{kind}}',
      body: '{{operatorName}} notified a change ({{kind}}) taking effect on {{effectiveDate}}:\n{{description}}',
    },
    ru: {
      subject: '{{operatorName}} уведомил об изменении: {{kind}}',
      body: '{{operatorName}} уведомил об изменении ({{kind}}), вступающем в силу {{effectiveDate}}:\n{{description}}',
    },
  },
});
