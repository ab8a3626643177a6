import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { TrustTables } from '../modules/trust/trust.tables';
import type { ValidationTables } from '../modules/validation/validation.tables';

/** Timestamps come back as Date on both drivers; inserts may pass a Date or leave the default. */
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
/** `date` columns are parsed as 'YYYY-MM-DD' strings (see database.ts). */
type DateString = string;
/** `numeric` arrives as a string on both drivers. */
type Numeric = ColumnType<string, string | number, string | number>;
type Json<T extends object> = JSONColumnType<T, string, string>;
type NullableJson<T extends object> = ColumnType<T | null, string | null | undefined, string | null>;

export interface OfficeTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: 'headquarters' | 'local';
  parent_id: string | null;
  regions: string[];
  created_at: Timestamp;
}

export interface OperatorTable {
  id: Generated<string>;
  legal_name: string;
  taxpayer_id: string;
  country: string;
  address: string;
  roles: string[];
  employees: number | null;
  annual_turnover: Numeric | null;
  created_at: Timestamp;
}

export interface UserAccountTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  language: 'en' | 'ru';
  office_id: string | null;
  operator_id: string | null;
  operator_rights: Generated<string[]>;
  disabled_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  created_at: Timestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  /** Partner agency code of an agency_officer (e.g. SPS), null for everyone else. */
  agency: Generated<string | null>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  second_factor_pending: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  occurred_at: Timestamp;
}

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

export interface InvitationTable {
  id: Generated<string>;
  token_hash: string;
  operator_id: string;
  email: string;
  name: string;
  rights: string[];
  invited_by: string;
  created_at: Timestamp;
  expires_at: Date;
  accepted_at: NullableTimestamp;
  accepted_user_id: string | null;
}

export interface OperatorRegistrationTable {
  id: Generated<string>;
  token_hash: string;
  legal_name: string;
  taxpayer_id: string;
  country: string;
  address: string;
  roles: string[];
  employees: number | null;
  annual_turnover: Numeric | null;
  email: string;
  user_name: string;
  language: string;
  password_hash: string | null;
  created_at: Timestamp;
  expires_at: Date;
  confirmed_at: NullableTimestamp;
  operator_id: string | null;
}

export interface DelegationTable {
  id: Generated<string>;
  principal_operator_id: string;
  delegate_operator_id: string;
  rights: string[];
  valid_from: DateString;
  valid_until: DateString;
  created_by: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface ChangeNotificationTable {
  id: Generated<string>;
  operator_id: string;
  kind: string;
  description: string;
  effective_date: DateString;
  status: Generated<'submitted' | 'acknowledged'>;
  submitted_by: string;
  submitted_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  event: string;
  subject: string;
  body: string;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  notification_id: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
  /** When a queued e-mail is next tried (migration 0009): set on insert and pushed back after each failure. */
  next_attempt_at: Date;
}

export interface ReminderTable {
  id: Generated<string>;
  key: string;
  event: string;
  entity_type: string;
  entity_id: string;
  due_at: Date;
  remind_at: Date;
  escalate_at: Date | null;
  recipient_user_ids: string[];
  escalation_role: string | null;
  escalation_office_id: string | null;
  params: Json<Record<string, string>>;
  status: Generated<'pending' | 'reminded' | 'escalated' | 'cancelled'>;
  reminded_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ProgrammeVersionTable {
  id: Generated<string>;
  programme_id: string;
  version: string;
  definition: Json<Record<string, unknown>>;
  is_active: Generated<boolean>;
  loaded_by: string | null;
  loaded_at: Timestamp;
}

export interface ApplicationTable {
  id: Generated<string>;
  reference: string;
  operator_id: string;
  programme_version_id: string;
  authorisation_type: string;
  variant: string;
  is_sme: boolean;
  status: string;
  office_id: string | null;
  assigned_validator_id: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  submitted_at: NullableTimestamp;
  acceptance_due: DateString | null;
  accepted_at: NullableTimestamp;
  decision_due: DateString | null;
  information_due: DateString | null;
  paused_since: DateString | null;
  paused_days: Generated<number>;
  closed_at: NullableTimestamp;
  closing_reason: string | null;
}

export interface ApplicationAnswerTable {
  application_id: string;
  question_id: string;
  answer: Json<Record<string, unknown>>;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface EvidenceTable {
  id: Generated<string>;
  application_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface ApplicationSiteTable {
  id: Generated<string>;
  application_id: string;
  kind: 'head_office' | 'branch' | 'site';
  name: string;
  address: string;
  activities: Generated<string>;
  licence: string | null;
  created_at: Timestamp;
}

export interface ApplicationMessageTable {
  id: Generated<string>;
  application_id: string;
  author_user_id: string | null;
  author_side: 'operator' | 'customs' | 'system';
  kind: 'information_request' | 'reply' | 'message';
  body: string;
  due_date: DateString | null;
  evidence_ids: Generated<string[]>;
  created_at: Timestamp;
}

export interface HolidayTable {
  day: DateString;
  name: string;
}

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

export interface Database extends ValidationTables, TrustTables {
  office: OfficeTable;
  operator: OperatorTable;
  user_account: UserAccountTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  login_failure: LoginFailureTable;
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
  invitation: InvitationTable;
  operator_registration: OperatorRegistrationTable;
  delegation: DelegationTable;
  change_notification: ChangeNotificationTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  reminder: ReminderTable;
  programme_version: ProgrammeVersionTable;
  application: ApplicationTable;
  application_answer: ApplicationAnswerTable;
  evidence: EvidenceTable;
  application_site: ApplicationSiteTable;
  application_message: ApplicationMessageTable;
  holiday: HolidayTable;
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
