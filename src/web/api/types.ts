import type {
  AuthorisationType,
  LocalisedText,
  ProgrammeDefinition,
  Question,
  Variant,
} from '../../server/modules/programme/programme-definition.schemas';
import type { OPERATOR_ROLES } from '../../server/modules/programme/programme-constants';
import type { AnswerRecord, Completeness } from '../../server/modules/programme/questionnaire-engine';
import type { SelectionPolicy } from '../../risk-engine/policy/selection-policy.schemas';
import type { Rule, RuleAction, RuleCondition, RuleScalar } from '../../risk-engine/rules/rule.schemas';

// Wire types of the OpenAEO HTTP API (JSON under /api/v1). Dates are ISO 8601 strings; calendar days are
// 'YYYY-MM-DD'. Kept in step with the server's zod schemas by hand until the OpenAPI document generates them.

export const ROLES = [
  'operator',
  'validator',
  'aeo_manager',
  'risk_analyst',
  'agency_officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by customs staff (they belong to an office); `operator` users belong to an operator instead. */
export const CUSTOMS_ROLES: readonly Role[] = ['validator', 'aeo_manager', 'risk_analyst', 'admin'];

export const OPERATOR_RIGHTS = ['view', 'prepare', 'submit', 'manage_users'] as const;
export type OperatorRight = (typeof OPERATOR_RIGHTS)[number];

export const DELEGATION_RIGHTS = ['view', 'prepare', 'submit'] as const;
export type DelegationRight = (typeof DELEGATION_RIGHTS)[number];

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export type IsoDateTime = string;
/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  language: Language;
  officeId: string | null;
  operatorId: string | null;
  operatorRights: OperatorRight[];
  /** A partner agency's code (e.g. SPS) for `agency_officer` users; null for everyone else. */
  agency: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: IsoDateTime;
  lastLoginAt: IsoDateTime | null;
}

export interface ActingFor {
  operatorId: string;
  legalName: string;
  rights: OperatorRight[];
  validUntil: IsoDate;
}

export interface OperatorSummary {
  id: string;
  legalName: string;
  taxpayerId: string;
  country: string;
}

export interface Me extends User {
  actingFor: ActingFor[];
  operator: OperatorSummary | null;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export interface LoginRequest {
  email: string;
  password: string;
  otp?: string;
}

export interface UpdateMeRequest {
  name?: string;
  language?: Language;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}

export interface ListUsersQuery {
  q?: string;
  role?: Role;
  limit?: number;
  offset?: number;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  roles: Role[];
  officeId?: string;
  operatorId?: string;
  agency?: string;
  language?: Language;
}

export interface UpdateUserRequest {
  name?: string;
  roles?: Role[];
  officeId?: string | null;
  operatorId?: string | null;
  agency?: string | null;
  disabled?: boolean;
}

export interface ApiKeyScope {
  id: string;
  description: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: IsoDateTime;
  createdBy: { id: string; email: string };
  lastUsedAt: IsoDateTime | null;
  expiresAt: IsoDateTime | null;
  revokedAt: IsoDateTime | null;
}

export interface IssueApiKeyRequest {
  name: string;
  scopes: string[];
  expiresAt?: IsoDateTime;
}

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** Shown once: the server keeps only a hash. */
  secret: string;
}

export const OFFICE_KINDS = ['headquarters', 'local'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export interface Office {
  id: string;
  code: string;
  name: string;
  kind: OfficeKind;
  parentId: string | null;
  regions: string[];
}

export interface SaveOfficeRequest {
  code: string;
  name: string;
  kind: OfficeKind;
  parentId?: string | null;
  regions: string[];
}

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: IsoDateTime;
  /** `customs`: an officer or administrator, whom an operator's users do not see named. */
  actor: { id: string | null; label: string | null; kind: 'user' | 'api_key' | 'system' | 'customs' };
  onBehalfOfOperatorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** ISO date-time, inclusive. */
  from?: string;
  /** ISO date-time, exclusive. */
  to?: string;
  limit?: number;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

/** The latest signed checkpoint of the audit chain (its size and head hash), as verification used it. */
export interface AuditCheckpointSummary {
  size: number;
  headHash: string;
  signedAt: IsoDateTime;
  kid: string;
  logLeafIndex: number;
}

export type AuditVerification =
  | { ok: true; events: number; checkpoint: AuditCheckpointSummary | null }
  | {
      ok: false;
      events: number;
      /** What failed: the links of the chain, the chain against a checkpoint, or a checkpoint's proofs. */
      check: 'chain' | 'checkpoint' | 'signature' | 'log' | 'file';
      firstBrokenEvent: string | null;
      seq: number | null;
      reason: string;
      checkpoint: AuditCheckpointSummary | null;
    };

/** The server names the first event whose hash does not chain; we accept an id, a sequence number or both. */
export type AuditBrokenEvent = string | number | { id?: string; seq?: number };

export interface AppNotification {
  id: string;
  event: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: IsoDateTime;
  readAt: IsoDateTime | null;
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
}

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  createdAt: IsoDateTime;
  sentAt: IsoDateTime | null;
  /** Sending attempts so far; a failed attempt is retried later, with growing waits. */
  attempts: number;
  nextAttemptAt: IsoDateTime | null;
  error: string | null;
}

export interface Operator {
  id: string;
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
  roles: string[];
  employees: number | null;
  annualTurnover: number | null;
  createdAt: IsoDateTime;
}

export interface OperatorMember {
  user: User;
  rights: OperatorRight[];
}

export interface InviteRequest {
  email: string;
  name: string;
  rights: OperatorRight[];
}

export interface Invitation {
  id: string;
  email: string;
  expiresAt: IsoDateTime;
}

export interface AcceptInvitationRequest {
  name: string;
  password: string;
}

export interface UpdateMemberRequest {
  rights?: OperatorRight[];
  disabled?: boolean;
}

export interface Delegation {
  id: string;
  principal: { id: string; legalName: string };
  delegate: { id: string; legalName: string };
  rights: DelegationRight[];
  validFrom: IsoDate;
  validUntil: IsoDate;
  revokedAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

export interface DelegationLists {
  granted: Delegation[];
  received: Delegation[];
}

export interface GrantDelegationRequest {
  delegateTaxpayerId: string;
  delegateLegalName: string;
  delegateCountry: string;
  rights: DelegationRight[];
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'otp_required',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'csrf_failed',
  'unprocessable',
  'precondition_failed',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// ---- Programme (issue 3) -------------------------------------------------------------------------------------
// The programme document's shapes come from the server's schema module (types only, erased at build time), so a
// programme field added there is seen here without copying it.

export type {
  AuthorisationType,
  Column,
  Criterion,
  LocalisedText,
  Option,
  ProgrammeDefinition,
  Question,
  ReadinessItem,
  Section,
  Tier,
  Variant,
} from '../../server/modules/programme/programme-definition.schemas';
export type { AnswerRecord } from '../../server/modules/programme/questionnaire-engine';

export {
  OPERATOR_ROLES as OPERATOR_ROLE_IDS,
  VARIANTS as VARIANT_IDS,
} from '../../server/modules/programme/programme-constants';
export type OperatorRoleId = (typeof OPERATOR_ROLES)[number];

/** GET /programme: the definition with `authorisationTypes` published as `types`, questionnaire of one variant. */
export type Programme = Omit<ProgrammeDefinition, 'authorisationTypes'> & {
  versionId: string;
  types: AuthorisationType[];
};

export type QuestionType = Question['type'];

export type ReadinessStatus = 'ready' | 'partly' | 'missing';

export interface ReadinessResult {
  status: ReadinessStatus;
  criteria: {
    criterionId: string;
    title: LocalisedText;
    status: ReadinessStatus;
    yes: number;
    total: number;
    toPrepare: {
      itemId: string;
      question: LocalisedText;
      advice: LocalisedText;
    }[];
  }[];
}

export interface RegisterOperatorRequest {
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
  roles: OperatorRoleId[];
  employees: number;
  annualTurnover: number;
  user: { name: string; email: string; password: string; language?: Language };
}

/** The same answer whether or not the e-mail already has an account: the next step is in the mailbox. */
export interface RegisterOperatorResponse {
  registration: { status: 'confirmation_sent'; email: string; expiresAt: IsoDateTime; isSme: boolean };
}

export interface ConfirmRegistrationResponse {
  operator: Operator & { isSme: boolean };
  user: User;
}

export interface ProgrammeVersion {
  id: string;
  programmeId: string;
  version: string;
  isActive: boolean;
  loadedAt: IsoDateTime;
}

export interface LoadedProgrammeVersion {
  id: string;
  programmeId: string;
  version: string;
}

export interface Holiday {
  day: IsoDate;
  name: string;
}

// ---- Applications (issue 3) ----------------------------------------------------------------------------------

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'information_requested',
  'accepted',
  'not_accepted',
  'withdrawn',
  'expired',
  // Examination, decision and appeal (issue 6).
  'desk_review',
  'on_site',
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
  'ready_for_decision',
  'right_to_be_heard',
  'notice_answered',
  'granted',
  'rejected',
  'under_appeal',
  'rejection_upheld',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface Application {
  id: string;
  reference: string;
  status: ApplicationStatus;
  operatorId: string;
  operatorName: string | null;
  programmeVersionId: string;
  authorisationType: string;
  variant: Variant;
  isSme: boolean;
  officeId: string | null;
  assignedValidatorId: string | null;
  version: number;
  createdAt: IsoDateTime;
  submittedAt: IsoDateTime | null;
  acceptanceDue: IsoDate | null;
  acceptedAt: IsoDateTime | null;
  decisionDue: IsoDate | null;
  informationDue: IsoDate | null;
  pausedSince: IsoDate | null;
  pausedDays: number;
  closedAt: IsoDateTime | null;
  closingReason: string | null;
}

/** A stored answer as read back: the record plus its version for If-Match. */
export type StoredAnswer = AnswerRecord & {
  version: number;
};

export interface Evidence {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  checksum: string;
  uploadedAt?: IsoDateTime;
}

export const SITE_KINDS = ['head_office', 'branch', 'site'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export interface Site {
  id: string;
  kind: SiteKind;
  name: string;
  address: string;
  activities?: string | null;
  licence?: string | null;
}

export interface SiteRequest {
  kind: SiteKind;
  name: string;
  address: string;
  activities?: string;
  licence?: string;
}

export type MessageKind = 'information_request' | 'reply' | 'message';

export interface CaseMessage {
  id: string;
  side: 'customs' | 'operator';
  kind: MessageKind;
  body: string;
  dueDate: IsoDate | null;
  evidenceIds: string[] | null;
  createdAt: IsoDateTime;
}

export type ApplicationCompleteness = Completeness;

export interface ApplicationCase extends Application {
  operator: { id: string; legalName: string; country: string; roles: string[] };
  answers: Partial<Record<string, StoredAnswer>>;
  evidence: Evidence[];
  sites: Site[];
  messages: CaseMessage[];
  completeness: ApplicationCompleteness;
}

export interface TimelineEntry {
  at: IsoDateTime;
  action: string;
  actor: string | null;
  onBehalfOfOperatorId?: string | null;
  summary: Record<string, unknown>;
}

export interface SavedAnswer {
  questionId: string;
  answer: AnswerRecord;
  version: number;
  updatedAt: IsoDateTime;
}

export type AcceptanceOutcome = 'accepted' | 'information_requested' | 'not_accepted';

// ---- Risk management (issue 5) -------------------------------------------------------------------------------
// The rule and policy formats come from the risk engine's schema modules (types only, erased at build time).

export type { Rule, RuleAction, RuleCondition, RuleScalar };
export type { RuleField } from '../../risk-engine/rules/rule-fields';
export type { SelectionPolicy };

export const CHANNELS = ['green', 'blue', 'yellow', 'red'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A text in both UI languages, as the risk engine writes its reasons. */
export interface BilingualText {
  en: string;
  ru: string;
}

export interface DeclarationParty {
  scheme: 'tin' | 'eori' | 'aeo' | 'other';
  id: string;
  country?: string;
  name?: string;
}

export interface DeclarationGoodsItem {
  hsCode: string;
  description?: string;
  originCountry?: string;
  departureCountry?: string;
  customsValue: number;
  currency: string;
  netMassKg?: number;
  quantity?: number;
  dutyRate?: number;
  taxType?: string;
  preferenceClaimed?: boolean;
  originIndicator?: string;
  permits?: string[];
}

export interface CustomsDeclaration {
  id: string;
  date: IsoDate;
  office: string;
  processType?: string;
  importType?: string;
  importUse?: string;
  paymentType?: string;
  transportMode?: string;
  importer: DeclarationParty;
  seller?: DeclarationParty;
  declarant?: DeclarationParty;
  carrier?: DeclarationParty;
  items: DeclarationGoodsItem[];
}

export interface RuleHitDto {
  ruleId: string;
  ruleName: string;
  profileId?: string;
  agency: string | null;
  itemIndex?: number;
  hsCode?: string;
  reason: BilingualText;
}

export interface AeoFacilitation {
  partyId: string;
  type: string;
  tier: string;
  source: 'national' | 'mra';
  partner?: string;
  factor: number;
  keptOutOfModelSelection: boolean;
}

export interface Decision {
  declarationId: string;
  channel: Channel;
  score: number;
  scores: { fraud: number; critical: number; revenue: number };
  strategy: string;
  explorationMode?: 'random' | 'uncertain';
  reasons: BilingualText[];
  ruleHits: RuleHitDto[];
  aeoFacilitation: AeoFacilitation | null;
  agenciesToNotify: string[];
  policyId: string;
  modelVersion: number | null;
  decidedAt: IsoDateTime;
  replayed: boolean;
}

export interface DeclarationListItem {
  id: string;
  office: string;
  date: IsoDate;
  importerId: string;
  source: string;
  receivedAt: IsoDateTime;
  channel: Channel;
  strategy: string;
  score: number;
  fraudScore: number;
  criticalScore: number;
  modelVersion: number | null;
  ruleIds: string[];
  isAeo: boolean;
  inspection: { found: boolean } | null;
}

export interface DeclarationListQuery {
  channel?: Channel;
  strategy?: string;
  office?: string;
  importer?: string;
  ruleId?: string;
  inspected?: 'true' | 'false';
  from?: IsoDate;
  to?: IsoDate;
  before?: string;
  limit?: number;
}

export interface DeclarationPage {
  items: DeclarationListItem[];
  nextCursor: string | null;
}

/** One reason of the model: a feature group's contribution to the score, in words. */
export interface ModelReason {
  head: 'fraud' | 'critical';
  topic: string;
  contribution: number;
  effect: 'raises' | 'lowers';
  text: string;
  features: string[];
}

export interface InspectionFinding {
  agency: string;
  found: boolean;
  critical: boolean;
  officer: string;
  notes: string | null;
}

export interface InspectionResult {
  found: boolean;
  critical: boolean;
  dutyRecovered: number | null;
  notes: string | null;
  officer: string | null;
  agency: string | null;
  recordedAt: IsoDateTime;
  version: number;
  findings: InspectionFinding[];
}

export interface DeclarationDetail {
  declaration: CustomsDeclaration;
  source: string;
  submittedBy: string | null;
  decision: Decision;
  explanation: {
    fraud: Record<Language, ModelReason[]>;
    critical: Record<Language, ModelReason[]>;
  } | null;
  inspection: InspectionResult | null;
}

export interface InspectionResultRequest {
  found?: boolean;
  critical?: boolean;
  dutyRecovered?: number;
  notes?: string;
  officer?: string;
  agency?: string;
  findings?: { agency: string; found: boolean; critical: boolean; officer: string; notes?: string }[];
}

export interface RuleHitStatistics {
  total: number;
  last30Days: number;
  lastHit: IsoDate | null;
}

export interface StoredRule {
  id: string;
  profileId: string;
  rule: Rule;
  version: number;
  updatedAt: IsoDateTime;
  hits: RuleHitStatistics;
}

export interface RiskProfile {
  id: string;
  name: string;
  description: BilingualText;
  owner: 'customs' | 'agency';
  agency: string | null;
  createdAt: IsoDateTime;
  isEditable: boolean;
  rules: StoredRule[];
}

export interface CreateProfileRequest {
  id: string;
  name: string;
  description: BilingualText;
}

export interface BudgetEntry {
  office: string;
  policy: SelectionPolicy;
  version: number;
  updatedAt: IsoDateTime;
}

export interface BudgetList {
  items: BudgetEntry[];
  /** The built-in policy in force while no '*' budget is stored. */
  defaultPolicy: SelectionPolicy | null;
}

export const MODEL_PRESETS = ['fast', 'balanced', 'best', 'compact'] as const;
export type ModelPreset = (typeof MODEL_PRESETS)[number];

export interface SelectionMetricsDto {
  share: number;
  inspected: number;
  hits: number;
  precision: number;
  recall: number;
  lift: number;
  dutyCaptured: number;
  dutyCapturedAmount: number;
}

export interface HeadEvaluationDto {
  rows: number;
  positives: number;
  baseRate: number;
  auc: number;
  atShare: SelectionMetricsDto[];
}

export interface ModelVersion {
  id: string;
  number: number;
  status: 'training' | 'ready' | 'failed';
  isActive: boolean;
  preset: string;
  evaluation: { rows: number; fraud: HeadEvaluationDto; critical: HeadEvaluationDto } | null;
  trainingRows: number | null;
  progress: { stage: string; head?: string; round?: number; rounds?: number } | null;
  error: string | null;
  note: string | null;
  createdAt: IsoDateTime;
  finishedAt: IsoDateTime | null;
  activatedAt: IsoDateTime | null;
}

export interface ModelList {
  items: ModelVersion[];
  labelled: { rows: number; positives: number };
}

export interface CurvePoint {
  rate: number;
  precision: number;
  recall: number;
}

export interface ModelComparison {
  rows: number;
  positives: number;
  candidate: { id: string; number: number; auc: number; points: CurvePoint[] };
  active: { id: string; number: number; auc: number; points: CurvePoint[] } | null;
}

export interface ModelDrift {
  modelVersion: number;
  recentRows: number;
  psi: number | null;
  bins: { from: number; to: number; training: number; recent: number }[];
}

export const TRADER_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type TraderStatus = (typeof TRADER_STATUSES)[number];

export interface TrustedTrader {
  partyId: string;
  status: TraderStatus;
  authorisationType: string;
  tier: string;
  source: 'national' | 'mra';
  partner: string | null;
  legalName: string | null;
  inspectionFactor: number | null;
  effectiveInspectionFactor: number;
  validUntil: IsoDate | null;
  updatedAt: IsoDateTime;
}

export interface TrustedTraderRequest {
  status: TraderStatus;
  authorisationType: string;
  tier: string;
  source: 'national' | 'mra';
  partner?: string | null;
  legalName?: string | null;
  inspectionFactor?: number | null;
  validUntil?: IsoDate | null;
}

export const STRATEGIES = [
  'rule',
  'model_fraud',
  'model_critical',
  'model_revenue',
  'random',
  'exploration',
  'none',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

// ----- authorisations, certificates, verification and the public register (issue 7) ---------------------------

export const AUTHORISATION_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

export interface AuthorisationSite {
  id: string;
  kind: string;
  name: string;
  address: string;
}

export interface Authorisation {
  id: string;
  operatorId: string;
  operatorName: string | null;
  applicationId: string;
  applicationReference: string | null;
  decisionId: string;
  programmeVersionId: string;
  authorisationType: string;
  tier: string;
  siteIds: string[];
  sites: AuthorisationSite[];
  effectiveDate: IsoDate;
  status: AuthorisationStatus;
  grantedAt: IsoDateTime;
}

export interface LogProof {
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
  checkpoint: string;
}

/** GET /authorisations/{id}/certificate: the certificate and everything an offline verifier needs. */
export interface CertificateBundle {
  format: string;
  credential: string;
  certificateId: string;
  certificateNumber: string;
  authorisationId: string;
  status: AuthorisationStatus;
  validFrom: IsoDateTime;
  validUntil: IsoDateTime;
  issuedAt: IsoDateTime;
  kid: string;
  credentialHash: string;
  /** The text the certificate's QR code carries (AEO1…: the credential compressed, or a reference). */
  qrPayload: string;
  trustList: unknown;
  statusLists: string[];
  logProof: LogProof;
}

export const STATUS_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export interface StatusChangeRequest {
  action: StatusAction;
  reason: string;
  remediationDeadline?: IsoDate;
}

export interface StatusChangeResult {
  authorisationId: string;
  status: AuthorisationStatus;
  previousStatus: AuthorisationStatus;
  certificateNumber: string;
  leafIndex: number;
  changedAt: IsoDateTime;
}

export interface StatusChange {
  action: StatusAction;
  fromStatus: AuthorisationStatus;
  toStatus: AuthorisationStatus;
  reason: string;
  remediationDeadline: IsoDate | null;
  leafIndex: number;
  changedAt: IsoDateTime;
}

export const VERIFICATION_RESULTS = [
  'VALID',
  'SUSPENDED',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
  'INVALID_SIGNATURE',
  'UNKNOWN_ISSUER',
  'STATUS_STALE',
] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

export interface VerificationStatusCheck {
  purpose: 'suspension' | 'revocation';
  statusListCredential: string;
  index: number;
  outcome: 'clear' | 'set' | 'stale' | 'missing' | 'rejected' | 'out-of-range';
  listValidUntil?: IsoDateTime;
}

export type VerificationLogInclusion =
  | { checked: false }
  | {
      checked: true;
      verified: boolean;
      leafIndex: number;
      treeSize: number;
      origin?: string;
      checkpointTimestamp?: IsoDateTime;
      message?: string;
    };

/** What the verifier could read; everything but the time is absent when the credential did not parse. */
export interface VerificationDetails {
  checkedAt?: IsoDateTime;
  issuer?: string;
  kid?: string;
  keyStatus?: string;
  certificateId?: string;
  certificateNumber?: string;
  subject?: {
    operatorId: string;
    operatorIdScheme: string;
    legalName: string;
    authorisationType: string;
    tier?: string;
    siteCount: number;
  };
  validFrom?: IsoDateTime;
  validUntil?: IsoDateTime;
  statusChecks?: VerificationStatusCheck[];
  logInclusion?: VerificationLogInclusion;
}

/** What the signed credential says: the page or screen that presents it must say the same. */
export interface CredentialSummary {
  holder: { legalName: string; operatorId: string; operatorIdScheme: string };
  authorisationType: string;
  tier: string | null;
  certificateNumber: string | null;
  validFrom: IsoDateTime | null;
  validUntil: IsoDateTime | null;
}

export interface VerifyResponse {
  result: VerificationResult;
  reason: string;
  message: string;
  /** Only a credential is verified; from a PDF, the one embedded in it, never the printed page. */
  verifiedScope: 'credential' | 'embedded_credential';
  credential: CredentialSummary | null;
  scopeNotice: string;
  details: VerificationDetails;
}

export const REGISTER_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export interface RegisterEntry {
  legalName: string;
  operatorId: string;
  country: string;
  authorisationType: string;
  tier: string;
  certificateNumber: string;
  status: RegisterStatus;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export interface RegisterQuery {
  q?: string;
  type?: string;
  country?: string;
  status?: Exclude<RegisterStatus, 'expired'>;
  limit?: number;
  offset?: number;
}

export interface RegisterSearchResult {
  total: number;
  /** The search matched more than `total` (counts stop at 1 000). */
  isTotalCapped?: boolean;
  items: RegisterEntry[];
}

export interface RegisterConsent {
  operatorId: string;
  isPublished: boolean;
  updatedAt: IsoDateTime | null;
}

// ---- Validation and decision (issue 6) -----------------------------------------------------------------------

export const FINDING_VALUES = [
  'satisfactory',
  'needs_improvement',
  'unsatisfactory',
  'not_verified',
] as const;
export type FindingValue = (typeof FINDING_VALUES)[number];
export type FindingVisibility = 'internal' | 'shared';
export type ControlEffectiveness = 'none' | 'weak' | 'adequate' | 'strong';
export const CONTROL_EFFECTIVENESS: readonly ControlEffectiveness[] = ['none', 'weak', 'adequate', 'strong'];
export type RiskLevel = 'low' | 'medium' | 'high' | 'very_high';
export type CriterionFinding = 'satisfied' | 'partly_satisfied' | 'not_satisfied' | 'not_assessed';

export interface CaseClock {
  decisionDue: IsoDate | null;
  pausedSince: IsoDate | null;
  pausedDays: number;
  isPaused: boolean;
  daysLeft: number | null;
  isOverdue: boolean;
  extension: { days: number; reason: string; previousDue: IsoDate; newDue: IsoDate } | null;
}

export interface ValidationCase {
  id: string;
  reference: string;
  status: ApplicationStatus;
  operatorId: string;
  operatorName: string | null;
  authorisationType: string;
  officeId: string | null;
  assignedValidatorId: string | null;
  decisionDue: IsoDate | null;
  pausedSince: IsoDate | null;
  pausedDays: number;
  closedAt: IsoDateTime | null;
  clock: CaseClock;
}

export interface Finding {
  questionId: string;
  finding: FindingValue;
  note: string;
  visibility: FindingVisibility;
  reviewerId: string;
  updatedAt: IsoDateTime;
}

export interface DeskReviewSummary {
  criteria: Array<{
    criterionId: string;
    code: string | null;
    questionIds: string[];
    counts: Record<FindingValue | 'unreviewed', number>;
    finding: CriterionFinding;
  }>;
  scores: Record<string, number> | null;
  proposal: {
    authorisationType: string;
    tier: string | null;
    satisfiedTiers: string[];
    unmet: unknown[];
    alternatives: Array<{ authorisationType: string; tier: string }>;
  };
  reviewed: number;
  total: number;
  sections: Array<{ sectionId: string; reviewed: number; total: number }>;
}

export interface SignOffLevelProgress {
  number: number;
  id: string;
  title: LocalisedText;
  roles: Role[];
  headquarters: boolean;
  signedBy: string | null;
  signedByName: string | null;
  signedAt: string | null;
}

export interface ValidationWorkspace extends Omit<ValidationCase, 'operatorName'> {
  operatorName: string;
  /** The lifecycle actions the signed-in officer may take now (role, office and four eyes applied by the server). */
  allowedActions: string[];
  signOff: { levels: SignOffLevelProgress[]; nextLevel: number | null };
  assignments: Array<{ sectionId: string; reviewerId: string }>;
  findings: Finding[];
  summary: DeskReviewSummary;
}

export interface RiskMeasure {
  id: string;
  description: string;
  dueDate: IsoDate;
  status: string;
}

export interface RiskRating {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
}

export interface RiskMapEntry {
  id: string;
  catalogueId: string | null;
  criterion: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  controls: string;
  controlEffectiveness: ControlEffectiveness;
  inherent: RiskRating;
  residual: RiskRating;
  measures: RiskMeasure[];
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: RiskLevel;
  inherent: string[];
  residual: string[];
}

export interface RiskSuggestion {
  catalogueId: string;
  criterion: string;
  title: LocalisedText;
  description: LocalisedText;
  typicalControls: LocalisedText[];
  questionIds: string[];
  suggestedLikelihood: number;
  suggestedImpact: number;
}

export interface RiskMap {
  items: RiskMapEntry[];
  heatMap: HeatMapCell[][];
  suggestions: RiskSuggestion[];
}

export interface RiskRequest {
  catalogueId?: string;
  criterion?: string;
  title?: string;
  description?: string;
  likelihood: number;
  impact: number;
  controls?: string;
  controlEffectiveness?: ControlEffectiveness;
}

export interface VisitSlot {
  id: string;
  startsAt: IsoDateTime;
  endsAt: IsoDateTime;
  status: string;
  chosenAt: IsoDateTime | null;
}

export type ChecklistResult = 'not_checked' | 'ok' | 'issue' | 'not_applicable';
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['not_checked', 'ok', 'issue', 'not_applicable'];

/** A photo backing a checklist item; the image itself is at `checklistPhotoUrl` (customs only). */
export interface ChecklistPhoto {
  id: string;
  fileName: string;
  caption: string;
  takenAt: IsoDateTime;
  size: number;
}

export interface ChecklistItem {
  id: string;
  position: number;
  source: string;
  sourceRef: string | null;
  criterion: string | null;
  title: string;
  result: ChecklistResult;
  observation: string | null;
  observedAt: IsoDateTime | null;
  photos: ChecklistPhoto[];
}

export interface Visit {
  slots: VisitSlot[];
  team?: string[];
  minutes?: string | null;
  checklist?: ChecklistItem[];
}

export type Recommendation = 'grant' | 'reject' | 'improve';

export interface ValidationReport {
  id: string;
  number: string;
  issuedAt: IsoDateTime;
  recommendation?: Recommendation;
  content: unknown;
  comments: Array<{ id: string; author: string | null; body: string; createdAt: IsoDateTime }>;
}

export interface ImprovementMeasure {
  id: string;
  criterion: string | null;
  description: string;
  status: string;
  operatorNote: string | null;
  reportedAt: IsoDateTime | null;
  verifiedAt: IsoDateTime | null;
  verificationNote: string | null;
}

export interface ImprovementPlan {
  dueDate: IsoDate;
  originalDue: IsoDate;
  extensionReason: string | null;
  extendedAt: IsoDateTime | null;
  isOverdue: boolean;
  measures: ImprovementMeasure[];
}

export interface RejectionNotice {
  id: string;
  reasons: string;
  replyDue: IsoDate;
  issuedAt: IsoDateTime;
  reply: string | null;
  repliedAt: IsoDateTime | null;
}

export interface CaseDecision {
  id: string;
  outcome: 'granted' | 'rejected';
  authorisationType: string;
  tier: string | null;
  proposedTier: string | null;
  overrideReason: string | null;
  grounds: string | null;
  rulesReliedOn: string[];
  appealRoute: string | null;
  appealDue: IsoDate | null;
  effectiveDate: IsoDate | null;
  barredUntil: IsoDate | null;
  decidedBy: string;
  decidedAt: IsoDateTime;
  onAppeal: boolean;
}

export interface CaseAppeal {
  id: string;
  decisionId: string;
  grounds: string;
  body: string;
  status: string;
  lodgedAt: IsoDateTime;
  reviewNote: string | null;
  reviewedAt: IsoDateTime | null;
}

export interface CaseDocument {
  id: string;
  kind: string;
  language: string;
  title: string;
  fileName: string;
  mediaType: string;
  checksum: string;
  isShared: boolean;
  createdAt: IsoDateTime;
}

export type SignOffOutcome = 'approved' | 'returned' | 'referred';
export type AppealOutcome = 'upheld' | 'reversed' | 'sent_back';

/** An applicant's record with the risk service (GET /applications/{id}/compliance-history). */
export interface ComplianceHistory {
  since: string;
  declarations: number;
  controlled: number;
  inspected: number;
  found: number;
  critical: number;
  findingRate: number | null;
  dutyRecovered: number;
  firstDeclaration: string | null;
  lastDeclaration: string | null;
  latestFindings: {
    declarationId: string;
    date: string;
    office: string;
    critical: boolean;
    dutyRecovered: number | null;
    notes: string | null;
  }[];
}
