import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { EmailOutboxTable, NotificationTable } from './notifications.tables';
import type { notificationSchema, outboxEmailSchema } from './notifications.schemas';

export type NotificationDto = z.infer<typeof notificationSchema>;
export type OutboxEmailDto = z.infer<typeof outboxEmailSchema>;

export function presentNotification(row: Selectable<NotificationTable>): NotificationDto {
  return {
    id: row.id,
    event: row.event,
    subject: row.subject,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

export function presentOutboxEmail(row: Selectable<EmailOutboxTable>): OutboxEmailDto {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    body: row.body_text,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    error: row.last_error,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
  };
}
