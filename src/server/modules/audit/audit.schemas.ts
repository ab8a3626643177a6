import { z } from 'zod';

/** `customs` names no one: to an applicant, an officer or an administrator is "customs", never an e-mail. */
export const auditActorKindSchema = z.enum(['user', 'api_key', 'system', 'customs']);

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    seq: z.number(),
    occurredAt: z.string(),
    actor: z.object({
      id: z.string().nullable(),
      label: z.string().nullable(),
      kind: auditActorKindSchema,
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

export const listAuditEventsQuerySchema = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEventPageResponseSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.number().nullable(),
});

export const checkpointSummarySchema = z
  .object({
    size: z.number(),
    headHash: z.string(),
    signedAt: z.string(),
    kid: z.string(),
    logLeafIndex: z.number(),
  })
  .meta({ id: 'AuditCheckpointSummary' });

export const checkpointSchema = checkpointSummarySchema
  .extend({ origin: z.string(), jws: z.string(), file: z.string() })
  .meta({ id: 'AuditCheckpoint' });

export const auditVerificationResponseSchema = z.union([
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
]);
