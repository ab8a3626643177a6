import { fillPlaceholders } from '../../platform/placeholders';
import { applicationsNotificationTemplates } from '../applications/applications.notifications';
import { organisationsNotificationTemplates } from '../organisations/organisations.notifications';
import { trustNotificationTemplates } from '../trust/trust.notifications';
import { validationNotificationTemplates } from '../validation/validation.notifications';

export type Language = 'en' | 'ru';

export interface MessageTemplate {
  subject: string;
  body: string;
}

export type TemplateSet = Record<Language, MessageTemplate>;

/**
 * A module's message templates by event, in every language users can choose; `{{name}}` placeholders are
 * filled from the event's parameters.
 */
export type NotificationTemplates = Record<string, TemplateSet>;

// Only deadline.* are this module's own events; every other module keeps its own in its `*.notifications.ts`.
const deadlineNotificationTemplates: NotificationTemplates = {
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
};

/** Every module's templates in one lookup, built from a fixed list: no import order decides what exists. */
const templates = composeTemplates([
  deadlineNotificationTemplates,
  applicationsNotificationTemplates,
  validationNotificationTemplates,
  organisationsNotificationTemplates,
  trustNotificationTemplates,
]);

function composeTemplates(sets: readonly NotificationTemplates[]): ReadonlyMap<string, TemplateSet> {
  const composed = new Map<string, TemplateSet>();
  for (const set of sets) {
    for (const [event, template] of Object.entries(set)) {
      // Two modules claiming one event would make one of them send the other's text.
      if (composed.has(event)) throw new Error(`Two modules define the message template for event ${event}`);
      composed.set(event, template);
    }
  }
  return composed;
}

export function renderTemplate(
  event: string,
  language: Language,
  params: Record<string, string>,
): MessageTemplate {
  const set = templates.get(event);
  if (!set) throw new Error(`No message template for event ${event}`);
  const template = set[language];
  const fill = (text: string) => fillPlaceholders(text, params, (name) => `{{${name}}}`);
  return { subject: fill(template.subject), body: fill(template.body) };
}
