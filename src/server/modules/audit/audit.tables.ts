import type { Generated } from 'kysely';
import type { Json } from '../../platform/column-types';

export interface AuditEventTable {
  seq: number;
  id: Generated<string>;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_label: string | null;
  on_behalf_of_operator_id: string | null;
  operator_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: Json<Record<string, unknown>>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** A signed statement of the chain's size and head (migration 0007), also in the transparency log and a file. */
export interface AuditCheckpointTable {
  size: number;
  head_hash: string;
  origin: string;
  signed_at: Date;
  kid: string;
  jws: string;
  log_leaf_index: number;
}

/** The tables the audit module owns; the platform composes every module's into the Database interface. */
export interface AuditTables {
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
}
