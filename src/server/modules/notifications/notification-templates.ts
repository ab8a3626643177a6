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
