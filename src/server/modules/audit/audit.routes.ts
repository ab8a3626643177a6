import { z } from 'zod';
import { allow } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';

const auditEventSchema = z
  .object({
    id: z.uuid(),
    seq: z.number(),
    occurredAt: z.string(),
    actor: z.object({
      id: z.string().nullable(),
      label: z.string().nullable(),
      kind: z.enum(['user', 'api_key', 'system']),
    }),
    onBehalfOfOperatorId: z.uuid().nullable(),
    operatorId: z.uuid().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    summary: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const listQuerySchema = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerAuditRoutes(app: ZodApp, services: Services): void {
  app.get(
    '/api/v1/audit/events',
    {
      config: { access: allow({ roles: ['admin', 'operator'] }) },
      schema: {
        tags: ['audit'],
        summary: 'Audit events (admins: all; operator users: their own records)',
        querystring: listQuerySchema,
        response: { 200: z.object({ items: z.array(auditEventSchema), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => {
      const query = request.query;
      const events = await services.audit.listEvents(request.context, {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to) : undefined,
      });
      return {
        items: events.map((event) => ({
          id: event.id,
          seq: event.seq,
          occurredAt: event.occurredAt,
          actor: {
            id: event.actorUserId ?? event.actorApiKeyId,
            label: event.actorLabel,
            kind: event.actorUserId
              ? ('user' as const)
              : event.actorApiKeyId
                ? ('api_key' as const)
                : ('system' as const),
          },
          onBehalfOfOperatorId: event.onBehalfOfOperatorId,
          operatorId: event.operatorId,
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          summary: event.summary,
          requestId: event.requestId,
        })),
        nextCursor: events.length === query.limit ? (events.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: allow({ roles: ['admin'] }) },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the audit hash chain',
        response: {
          200: z.union([
            z.object({ ok: z.literal(true), events: z.number() }),
            z.object({
              ok: z.literal(false),
              events: z.number(),
              firstBrokenEvent: z.string(),
              seq: z.number(),
              reason: z.string(),
            }),
          ]),
        },
      },
    },
    async () => services.audit.verifyChain(),
  );
}
