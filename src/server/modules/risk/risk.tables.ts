import type { Generated, ColumnType } from 'kysely';
import type {
  DateString,
  Json,
  NullableJson,
  NullableTimestamp,
  Numeric,
  Timestamp,
} from '../../platform/column-types';

export interface RiskModelVersionTable {
  id: Generated<string>;
  number: number;
  status: 'training' | 'ready' | 'failed';
  is_active: Generated<boolean>;
  preset: string;
  model: Buffer | null;
  evaluation: NullableJson<object>;
  score_reference: NullableJson<object>;
  training_rows: Generated<number>;
  progress: ColumnType<object, string | undefined, string>;
  error: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  activated_at: NullableTimestamp;
}

export interface DeclarationTable {
  id: string;
  office: string;
  declared_on: DateString;
  importer_id: string;
  payload: Json<object>;
  body_hash: string;
  source: 'api' | 'csv' | 'stream' | 'demo';
  submitted_by: string | null;
  received_at: Timestamp;
  channel: string;
  strategy: string;
  score: number;
  fraud_score: number;
  critical_score: number;
  policy_id: string;
  model_version_id: string | null;
  decision: Json<object>;
  rule_ids: ColumnType<string[], string[] | undefined, string[]>;
  agencies: ColumnType<string[], string[] | undefined, string[]>;
}

export interface IdempotencyKeyTable {
  key: string;
  principal: string;
  body_hash: string;
  declaration_ids: string[];
  created_at: Timestamp;
}

export interface InspectionResultTable {
  declaration_id: string;
  fraud: boolean;
  critical: boolean;
  duty_recovered: Numeric | null;
  notes: string | null;
  officer: string | null;
  agency: string | null;
  recorded_by: string | null;
  recorded_by_key: string | null;
  recorded_at: Timestamp;
  version: Generated<number>;
}

export interface InspectionFindingTable {
  declaration_id: string;
  agency: string;
  found: boolean;
  critical: boolean;
  officer: string;
  notes: string | null;
}

export interface TrustedTraderTable {
  party_id: string;
  status: 'active' | 'suspended' | 'revoked' | 'expired';
  authorisation_type: string;
  tier: string;
  source: 'national' | 'mra';
  partner: string | null;
  legal_name: string | null;
  inspection_factor: number | null;
  valid_until: DateString | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RiskProfileTable {
  id: string;
  name: string;
  description: Json<{ en: string; ru: string }>;
  owner_kind: 'customs' | 'agency';
  agency: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RiskRuleTable {
  id: string;
  profile_id: string;
  definition: Json<object>;
  version: Generated<number>;
  is_deleted: Generated<boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RiskRuleHitDayTable {
  rule_id: string;
  day: DateString;
  hits: number;
}

export interface SelectionPolicyTable {
  office: string;
  definition: Json<object>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RiskRevisionTable {
  id: Generated<boolean>;
  revision: number;
}

/** The tables the risk module owns; the platform composes every module's into the Database interface. */
export interface RiskTables {
  risk_model_version: RiskModelVersionTable;
  declaration: DeclarationTable;
  idempotency_key: IdempotencyKeyTable;
  inspection_result: InspectionResultTable;
  inspection_finding: InspectionFindingTable;
  trusted_trader: TrustedTraderTable;
  risk_profile: RiskProfileTable;
  risk_rule: RiskRuleTable;
  risk_rule_hit_day: RiskRuleHitDayTable;
  selection_policy: SelectionPolicyTable;
  risk_revision: RiskRevisionTable;
}
