import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { Executor } from '../../platform/database';
import type { Database } from '../../platform/database-schema';
import type { AuditCheckpointTable, AuditEventTable } from './audit.tables';
import type { ChainedAuditEvent } from './audit-chain';

// One lock serialises chain appends so two transactions can never link to the same predecessor.
const AUDIT_CHAIN_LOCK = 7_263_001;

export type AuditCheckpointRow = Selectable<AuditCheckpointTable>;

export interface AuditEventFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  operatorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export class AuditRepository {
  async lockChainAndReadHead(trx: Transaction<Database>): Promise<{ seq: number; hash: string } | undefined> {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    return trx
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertCheckpoint(trx: Transaction<Database>, row: Insertable<AuditCheckpointTable>): Promise<void> {
    await trx.insertInto('audit_checkpoint').values(row).execute();
  }

  listCheckpoints(db: Executor): Promise<AuditCheckpointRow[]> {
    return db.selectFrom('audit_checkpoint').selectAll().orderBy('size').execute();
  }

  latestCheckpoint(db: Executor): Promise<AuditCheckpointRow | undefined> {
    return db.selectFrom('audit_checkpoint').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
  }

  async insert(trx: Transaction<Database>, event: ChainedAuditEvent): Promise<void> {
    await trx
      .insertInto('audit_event')
      .values({
        seq: event.seq,
        id: event.id,
        occurred_at: new Date(event.occurredAt),
        actor_user_id: event.actorUserId,
        actor_api_key_id: event.actorApiKeyId,
        actor_label: event.actorLabel,
        on_behalf_of_operator_id: event.onBehalfOfOperatorId,
        operator_id: event.operatorId,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        summary: JSON.stringify(event.summary),
        request_id: event.requestId,
        prev_hash: event.prevHash,
        hash: event.hash,
      })
      .execute();
  }

  async list(db: Executor, filter: AuditEventFilter): Promise<ChainedAuditEvent[]> {
    let query = db.selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(filter.limit);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
    if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
    if (filter.actorId) query = query.where('actor_user_id', '=', filter.actorId);
    if (filter.operatorId) query = query.where('operator_id', '=', filter.operatorId);
    if (filter.from) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to) query = query.where('occurred_at', '<=', filter.to);
    if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
    return (await query.execute()).map(toChainedEvent);
  }

  async listPageInOrder(db: Executor, afterSeq: number, limit: number): Promise<ChainedAuditEvent[]> {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toChainedEvent);
  }

  /** Every event of the given actions on one record, oldest first, without a page limit. */
  async listActs(db: Executor, entityType: string, entityId: string, actions: readonly string[]) {
    if (actions.length === 0) return [];
    const rows = await db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'action', 'summary'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .where('action', 'in', actions)
      .orderBy('seq', 'asc')
      .execute();
    return rows.map((row) => ({ actorUserId: row.actor_user_id, action: row.action, summary: row.summary }));
  }
}

function toChainedEvent(row: Selectable<AuditEventTable>): ChainedAuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorApiKeyId: row.actor_api_key_id,
    actorLabel: row.actor_label,
    onBehalfOfOperatorId: row.on_behalf_of_operator_id,
    operatorId: row.operator_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
