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
      // `customs`: an officer or administrator, unnamed to an operator's users.
      kind: z.enum(['user', 'api_key', 'system', 'customs']),
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

const checkpointSummarySchema = z
  .object({
    size: z.number(),
    headHash: z.string(),
    signedAt: z.string(),
    kid: z.string(),
    logLeafIndex: z.number(),
  })
  .meta({ id: 'AuditCheckpointSummary' });

const checkpointSchema = checkpointSummarySchema
  .extend({ origin: z.string(), jws: z.string(), file: z.string() })
  .meta({ id: 'AuditCheckpoint' });

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
        summary:
          'Audit events (admins: all; operator users: their own records, as their case timeline shows them)',
        querystring: listQuerySchema,
        response: { 200: z.object({ items: z.array(auditEventSchema), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => {
      const query = request.query;
      return services.audit.listEvents(request.context, {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to) : undefined,
      });
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: allow({ roles: ['admin'] }) },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the audit hash chain and check it against its signed checkpoints',
        description:
          'Checks every checkpoint in the database (signature, transparency log, checkpoint file) and that the chain ' +
          "has an event at each checkpoint's size whose hash is the checkpoint's head, so a truncated tail or a " +
          're-hashed rewrite is found. `check` names what failed.',
        response: {
          200: z.union([
            z.object({
              ok: z.literal(true),
              events: z.number(),
              checkpoint: checkpointSummarySchema.nullable(),
            }),
            z.object({
              ok: z.literal(false),
              events: z.number(),
              check: z.enum(['chain', 'checkpoint', 'signature', 'log', 'file']),
              firstBrokenEvent: z.string().nullable(),
              seq: z.number().nullable(),
              reason: z.string(),
              checkpoint: checkpointSummarySchema.nullable(),
            }),
          ]),
        },
      },
    },
    async () => services.auditAnchor.verify(),
  );

  app.post(
    '/api/v1/audit/checkpoints',
    {
      config: { access: allow({ roles: ['admin'] }) },
      schema: {
        tags: ['audit'],
        summary: 'Sign a checkpoint of the audit chain now (the scheduler signs one at least daily)',
        description:
          "The chain's size and head hash, signed with the trust key, stored, appended to the transparency log and " +
          'to the checkpoint file (AUDIT_CHECKPOINT_FILE).',
        response: { 201: checkpointSchema },
      },
    },
    async (request, reply) => {
      const created = await services.auditAnchor.createCheckpoint(request.context);
      return reply.code(201).send(created);
    },
  );
}
