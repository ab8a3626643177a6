import { z } from 'zod';
import { queryBooleanSchema } from '../../platform/http';
import { OUTBOX_STATUSES } from '../../../vocabulary';

export const listNotificationsQuerySchema = z.object({ unreadOnly: queryBooleanSchema });

export const notificationSchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const inboxResponseSchema = z.object({ items: z.array(notificationSchema), unread: z.number() });

export const outboxEmailSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    /** When a queued e-mail is tried next (retries back off); null once sent or failed. */
    nextAttemptAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'OutboxEmail' });

export const outboxResponseSchema = z.object({ items: z.array(outboxEmailSchema) });
