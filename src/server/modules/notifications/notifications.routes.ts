import { ADMINS, SIGNED_IN, requireUserId } from '../../platform/access-control';
import { idParamsSchema, noContentResponse, routesFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  inboxResponseSchema,
  listNotificationsQuerySchema,
  outboxResponseSchema,
} from './notifications.schemas';

export function registerNotificationsRoutes(app: ZodApp, services: Services): void {
  const { notifications } = services;
  const route = routesFor(app, 'notifications');

  route.get(
    '/api/v1/notifications',
    { access: SIGNED_IN, querystring: listNotificationsQuerySchema, response: { 200: inboxResponseSchema } },
    async (request) =>
      notifications.listInbox(requireUserId(request.context), request.query.unreadOnly ?? false),
  );

  route.post(
    '/api/v1/notifications/:id/read',
    { access: SIGNED_IN, params: idParamsSchema, response: { 204: noContentResponse } },
    async ({ context, params }) => notifications.markRead(context, requireUserId(context), params.id),
  );

  route.post(
    '/api/v1/notifications/read-all',
    { access: SIGNED_IN, response: { 204: noContentResponse } },
    async ({ context }) => notifications.markRead(context, requireUserId(context)),
  );

  routesFor(app, 'admin').get(
    '/api/v1/admin/outbox',
    { access: ADMINS, summary: 'E-mail outbox and delivery log', response: { 200: outboxResponseSchema } },
    async () => ({ items: await notifications.listOutbox() }),
  );
}
