import { z } from 'zod';
import { SIGNED_IN, allow } from '../../platform/access-control';
import { AppError } from '../../platform/errors';
import { idParamsSchema, queryBooleanSchema, type ZodApp } from '../../platform/http';
import type { RequestContext } from '../../platform/request-context';
import type { Services } from '../../services';

const notificationSchema = z
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

function userId(context: RequestContext): string {
  if (context.principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
  return context.principal.userId;
}

export function registerNotificationsRoutes(app: ZodApp, services: Services): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        querystring: z.object({ unreadOnly: queryBooleanSchema }),
        response: { 200: z.object({ items: z.array(notificationSchema), unread: z.number() }) },
      },
    },
    async (request) =>
      services.notifications.listInbox(userId(request.context), request.query.unreadOnly ?? false),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { config: { access: SIGNED_IN }, schema: { tags: ['notifications'], params: idParamsSchema } },
    async (request, reply) => {
      await services.notifications.markRead(request.context, userId(request.context), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    { config: { access: SIGNED_IN }, schema: { tags: ['notifications'] } },
    async (request, reply) => {
      await services.notifications.markRead(request.context, userId(request.context));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/admin/outbox',
    {
      config: { access: allow({ roles: ['admin'] }) },
      schema: {
        tags: ['admin'],
        summary: 'E-mail outbox and delivery log',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                to: z.string(),
                subject: z.string(),
                body: z.string(),
                status: z.enum(['queued', 'sent', 'failed']),
                attempts: z.number(),
                createdAt: z.string(),
                sentAt: z.string().nullable(),
                /** When a queued e-mail is tried next (retries back off); null once sent or failed. */
                nextAttemptAt: z.string().nullable(),
                error: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await services.notifications.listOutbox() }),
  );
}
