import { ADMINS, SIGNED_IN, requireUserId } from '../../platform/access-control';
import { idParamsSchema, noContentResponse, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  inboxResponseSchema,
  listNotificationsQuerySchema,
  outboxResponseSchema,
} from './notifications.schemas';

export function registerNotificationsRoutes(app: ZodApp, services: Services): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        querystring: listNotificationsQuerySchema,
        response: { 200: inboxResponseSchema },
      },
    },
    async (request) =>
      services.notifications.listInbox(requireUserId(request.context), request.query.unreadOnly ?? false),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['notifications'], params: idParamsSchema, response: { 204: noContentResponse } },
    },
    async (request, reply) => {
      await services.notifications.markRead(
        request.context,
        requireUserId(request.context),
        request.params.id,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['notifications'], response: { 204: noContentResponse } },
    },
    async (request, reply) => {
      await services.notifications.markRead(request.context, requireUserId(request.context));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/admin/outbox',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'E-mail outbox and delivery log',
        response: { 200: outboxResponseSchema },
      },
    },
    async () => ({ items: await services.notifications.listOutbox() }),
  );
}
