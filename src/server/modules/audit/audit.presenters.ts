import type { z } from 'zod';
import type { ChainedAuditEvent } from './audit-chain';
import type { auditActorKindSchema, auditEventSchema } from './audit.schemas';

export type AuditActorKind = z.infer<typeof auditActorKindSchema>;

/** An audit event as a reader may see it: who did it (as far as the reader may know) and what was recorded. */
export type AuditEventView = z.infer<typeof auditEventSchema>;
export type AuditActor = AuditEventView['actor'];

/**
 * How the users of one operator read the trail of its own records; null hides the event. The applications module
 * gives it (what an applicant may see is its rule), so the audit API and the case timeline apply the same one.
 */
export type OperatorAuditView = (event: ChainedAuditEvent) => AuditEventView | null;

/** Everything, for a reader entitled to the whole event (administrators, customs on their cases). */
export function fullAuditView(event: ChainedAuditEvent): AuditEventView {
  return {
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt,
    actor: {
      id: event.actorUserId ?? event.actorApiKeyId,
      label: event.actorLabel,
      kind: event.actorUserId ? 'user' : event.actorApiKeyId ? 'api_key' : 'system',
    },
    onBehalfOfOperatorId: event.onBehalfOfOperatorId,
    operatorId: event.operatorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    summary: event.summary,
    requestId: event.requestId,
  };
}
