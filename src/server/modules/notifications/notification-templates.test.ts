import { describe, expect, it } from 'vitest';
import { applicationsNotificationTemplates } from '../applications/applications.notifications';
import { organisationsNotificationTemplates } from '../organisations/organisations.notifications';
import { trustNotificationTemplates } from '../trust/trust.notifications';
import { validationNotificationTemplates } from '../validation/validation.notifications';
import { renderTemplate, type NotificationTemplates } from './notification-templates';

const moduleTemplates: Record<string, NotificationTemplates> = {
  applications: applicationsNotificationTemplates,
  validation: validationNotificationTemplates,
  organisations: organisationsNotificationTemplates,
  trust: trustNotificationTemplates,
};

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{(\w+)\}\}/gu)].map((match) => match[1] ?? ''))].sort();
}

describe.each(Object.entries(moduleTemplates))('the %s module’s message templates', (_, templates) => {
  it.each(Object.entries(templates))('%s is sent as written, in both languages', (event, set) => {
    for (const language of ['en', 'ru'] as const) {
      expect(renderTemplate(event, language, {})).toEqual(set[language]);
    }
  });

  it.each(Object.entries(templates))(
    '%s asks for the same parameters in Russian, written in Cyrillic',
    (_, set) => {
      expect(placeholders(set.ru.subject + set.ru.body)).toEqual(placeholders(set.en.subject + set.en.body));
      expect(set.ru.subject).toMatch(/[а-яё]/iu);
      expect(set.ru.body).toMatch(/[а-яё]/iu);
    },
  );
});

it('fills each placeholder from the event’s parameters and keeps a missing one visible', () => {
  expect(renderTemplate('deadline.reminder', 'en', { title: 'Reply to RFI-1' })).toEqual({
    subject: 'Reminder: Reply to RFI-1 is due on {{dueDate}}',
    body: 'This is a reminder that Reply to RFI-1 is due on {{dueDate}}. Open OpenAEO to act on it.',
  });
});
