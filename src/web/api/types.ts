import type {
  AuthorisationType,
  LocalisedText,
  ProgrammeDefinition,
  Question,
  Variant,
} from '../../server/modules/programme/programme-definition.schemas';
import type { OPERATOR_ROLES } from '../../server/modules/programme/programme-constants';
import type { AnswerRecord, Completeness } from '../../server/modules/programme/questionnaire-engine';

// Wire types of the OpenAEO HTTP API (JSON under /api/v1). Dates are ISO 8601 strings; calendar days are
// 'YYYY-MM-DD'. Kept in step with the server's zod schemas by hand until the OpenAPI document generates them.

export const ROLES = ['operator', 'validator', 'aeo_manager', 'risk_analyst', 'admin'] as const;
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
  language?: Language;
}

export interface UpdateUserRequest {
  name?: string;
  roles?: Role[];
  officeId?: string | null;
  operatorId?: string | null;
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
  actor: { id: string; email: string } | null;
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

export type AuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; firstBrokenEvent: AuditBrokenEvent; reason: string };

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

export interface RegisterOperatorResponse {
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
