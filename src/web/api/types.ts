import type { Question } from '../../programme-core/programme-definition.schemas';
import type { VerificationDetails as TrustVerificationDetails } from '../../trust-core/credential-verifier';
import type { DelegationRight, OperatorRight } from '../../vocabulary/roles';
import type { RequestBodyOf, QueryOf, ResponseOf, Schemas } from './wire';
import type * as Vocabulary from '../../vocabulary/domain-values';

// The names the screens use for the wire shapes of the OpenAEO HTTP API (JSON under /api/v1). Every shape is an
// alias of what the server's zod schemas declare (generated into `openapi.generated.ts`), never a copy. Dates are
// ISO 8601 strings; calendar days are 'YYYY-MM-DD'.

export {
  CUSTOMS_ROLES,
  DELEGATION_RIGHTS,
  LANGUAGES,
  OPERATOR_RIGHTS,
  ROLES,
  type DelegationRight,
  type Language,
  type OperatorRight,
  type Role,
} from '../../vocabulary/roles';
export { ERROR_CODES, type ErrorCode, type FieldError } from '../../vocabulary/error-codes';
export {
  APPLICATION_STATES as APPLICATION_STATUSES,
  type ApplicationState as ApplicationStatus,
} from '../../vocabulary/application-lifecycle';
export {
  AUTHORISATION_STATUSES,
  CHANNELS,
  CHECKLIST_RESULTS,
  CONTROL_EFFECTIVENESS,
  FINDING_VALUES,
  MODEL_PRESETS,
  OFFICE_KINDS,
  OUTBOX_STATUSES,
  REGISTER_STATUSES,
  SITE_KINDS,
  STATUS_ACTIONS,
  STRATEGIES,
  TRADER_STATUSES,
  VERIFICATION_RESULTS,
  type AuthorisationStatus,
  type Channel,
  type ChecklistResult,
  type ControlEffectiveness,
  type FindingValue,
  type ModelPreset,
  type OfficeKind,
  type OutboxStatus,
  type RegisterStatus,
  type SiteKind,
  type StatusAction,
  type Strategy,
  type TraderStatus,
  type VerificationResultCode as VerificationResult,
} from '../../vocabulary/domain-values';

export type IsoDateTime = string;
/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** A list with the count of every match (the page shows `items`). */
export type Page<T> = { items: T[]; total: number };
export type Items<T> = { items: T[] };

// ---- Accounts, sessions, offices ------------------------------------------------------------------------------

export type User = Schemas['User'];
export type Me = Schemas['Me'];
export type ActingFor = Me['actingFor'][number];
export type OperatorSummary = NonNullable<Me['operator']>;
export type SessionResponse = ResponseOf<'/api/v1/session', 'post'>;
export type LoginRequest = RequestBodyOf<'/api/v1/session', 'post'>;
export type UpdateMeRequest = RequestBodyOf<'/api/v1/me', 'patch'>;
export type ChangePasswordRequest = RequestBodyOf<'/api/v1/me/password', 'post'>;
export type TotpSetup = ResponseOf<'/api/v1/me/totp', 'post'>;

export type ListUsersQuery = QueryOf<'/api/v1/admin/users', 'get'>;
export type CreateUserRequest = RequestBodyOf<'/api/v1/admin/users', 'post'>;
export type UpdateUserRequest = RequestBodyOf<'/api/v1/admin/users/{id}', 'patch'>;

export type ApiKeyScope = ResponseOf<'/api/v1/admin/api-keys/scopes', 'get'>['items'][number];
export type ApiKey = Schemas['ApiKey'];
export type IssueApiKeyRequest = RequestBodyOf<'/api/v1/admin/api-keys', 'post'>;
export type IssuedApiKey = ResponseOf<'/api/v1/admin/api-keys', 'post', 201>;

export type Office = Schemas['Office'];
export type SaveOfficeRequest = RequestBodyOf<'/api/v1/admin/offices', 'post'>;

// ---- Audit, notifications, outbox -----------------------------------------------------------------------------

export type AuditEvent = Schemas['AuditEvent'];
/** The filters of the audit list; the cursor is the list's own business. */
export type AuditQuery = Omit<QueryOf<'/api/v1/audit/events', 'get'>, 'cursor'>;
export type AuditPage = ResponseOf<'/api/v1/audit/events', 'get'>;
export type AuditCheckpointSummary = Schemas['AuditCheckpointSummary'];
export type AuditVerification = ResponseOf<'/api/v1/audit/verify', 'get'>;

export type AppNotification = Schemas['Notification'];
export type NotificationList = ResponseOf<'/api/v1/notifications', 'get'>;

export type OutboxMessage = Schemas['OutboxEmail'];

// ---- Operators, members, delegations --------------------------------------------------------------------------

export type Operator = Schemas['Operator'];
// The organisations schemas declare members' and delegations' rights as plain strings; they are always one of the
// vocabulary's rights (the requests that set them are checked against it), so the screens read them as such.
type MemberWire = ResponseOf<'/api/v1/operators/{id}/users', 'get'>['items'][number];
export type OperatorMember = Omit<MemberWire, 'rights'> & { rights: OperatorRight[] };
export type InviteRequest = RequestBodyOf<'/api/v1/operators/{id}/invitations', 'post'>;
export type Invitation = ResponseOf<'/api/v1/operators/{id}/invitations', 'post', 201>['invitation'];
export type AcceptInvitationRequest = RequestBodyOf<'/api/v1/invitations/{token}/accept', 'post'>;
export type UpdateMemberRequest = RequestBodyOf<'/api/v1/operators/{id}/users/{userId}', 'patch'>;
export type Delegation = Omit<Schemas['Delegation'], 'rights'> & { rights: DelegationRight[] };
type DelegationListsWire = ResponseOf<'/api/v1/operators/{id}/delegations', 'get'>;
export type DelegationLists = { [List in keyof DelegationListsWire]: Delegation[] };
export type GrantDelegationRequest = RequestBodyOf<'/api/v1/operators/{id}/delegations', 'post'>;

export type ErrorBody = Schemas['Error'];

// ---- Programme (issue 3) --------------------------------------------------------------------------------------
// The programme document's parts are the shared programme core's types (types only, erased at build time).

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
} from '../../programme-core/programme-definition.schemas';
export type { AnswerRecord } from '../../programme-core/questionnaire-engine';
export {
  OPERATOR_ROLES as OPERATOR_ROLE_IDS,
  VARIANTS as VARIANT_IDS,
} from '../../programme-core/programme-constants';

export type Programme = Schemas['Programme'];
export type QuestionType = Question['type'];

export type ReadinessResult = Schemas['ReadinessReport'];
export type ReadinessStatus = ReadinessResult['status'];

export type RegisterOperatorRequest = RequestBodyOf<'/api/v1/operators', 'post'>;
export type OperatorRoleId = RegisterOperatorRequest['roles'][number];
/** The same answer whether or not the e-mail already has an account: the next step is in the mailbox. */
export type RegisterOperatorResponse = ResponseOf<'/api/v1/operators', 'post', 202>;
export type ConfirmRegistrationResponse = ResponseOf<'/api/v1/registrations/{token}/confirm', 'post', 201>;

export type ProgrammeVersion = Schemas['ProgrammeVersion'];
export type LoadedProgrammeVersion = ResponseOf<'/api/v1/admin/programme-versions', 'post', 201>;
export type Holiday = Schemas['Holiday'];

// ---- Applications (issue 3) -----------------------------------------------------------------------------------

export type Application = Schemas['Application'];
export type ApplicationCase = Schemas['ApplicationCase'];
/** A stored answer as read back: the record plus its version for If-Match. */
export type StoredAnswer = NonNullable<ApplicationCase['answers'][string]>;
export type Evidence = Schemas['ApplicationEvidence'];
export type Site = Schemas['ApplicationSite'];
export type SiteRequest = RequestBodyOf<'/api/v1/applications/{id}/sites', 'post'>;
export type CaseMessage = Schemas['ApplicationMessage'];
export type MessageKind = CaseMessage['kind'];
export type ApplicationCompleteness = Schemas['ApplicationCompleteness'];
export type TimelineEntry = Schemas['ApplicationTimelineEntry'];
export type SavedAnswer = Schemas['SavedAnswer'];
export type AcceptanceOutcome = RequestBodyOf<'/api/v1/applications/{id}/acceptance', 'post'>['outcome'];

// ---- Risk management (issue 5) --------------------------------------------------------------------------------
// The rule and policy formats are the risk engine's types (types only, erased at build time).

export type { Rule, RuleAction, RuleCondition, RuleScalar } from '../../risk-engine/rules/rule.schemas';
export type { RuleField } from '../../risk-engine/rules/rule-fields';
export type { SelectionPolicy } from '../../risk-engine/policy/selection-policy.schemas';

export type Decision = Schemas['Decision'];
/** A text in both UI languages, as the risk engine writes its reasons. */
export type BilingualText = Decision['reasons'][number];
export type RuleHitDto = Decision['ruleHits'][number];
export type AeoFacilitation = NonNullable<Decision['aeoFacilitation']>;
export type CustomsDeclaration = Schemas['CustomsDeclaration'];
export type DeclarationParty = CustomsDeclaration['importer'];
export type DeclarationGoodsItem = CustomsDeclaration['items'][number];

export type DeclarationPage = Schemas['DeclarationPage'];
export type DeclarationListItem = DeclarationPage['items'][number];
export type DeclarationListQuery = QueryOf<'/api/v1/declarations', 'get'>;
export type DeclarationDetail = Schemas['DeclarationDetail'];
/** One reason of the model: a feature group's contribution to the score, in words. */
export type ModelReason = NonNullable<DeclarationDetail['explanation']>['fraud']['en'][number];
export type InspectionResult = Schemas['InspectionResult'];
export type InspectionFinding = InspectionResult['findings'][number];
export type InspectionResultRequest = RequestBodyOf<'/api/v1/declarations/{id}/inspection-result', 'post'>;

export type StoredRule = Schemas['StoredRule'];
export type RuleHitStatistics = StoredRule['hits'];
export type RiskProfile = Schemas['RiskProfileWithRules'];
export type CreateProfileRequest = RequestBodyOf<'/api/v1/risk/profiles', 'post'>;
export type BudgetList = ResponseOf<'/api/v1/risk/budgets', 'get'>;
export type BudgetEntry = Schemas['BudgetEntry'];

export type ModelVersion = Schemas['ModelVersion'];
export type HeadEvaluationDto = NonNullable<ModelVersion['evaluation']>['fraud'];
export type SelectionMetricsDto = HeadEvaluationDto['atShare'][number];
export type ModelList = ResponseOf<'/api/v1/risk/models', 'get'>;
export type ModelComparison = Schemas['ModelComparison'];
export type CurvePoint = ModelComparison['candidate']['points'][number];
export type ModelDrift = NonNullable<ResponseOf<'/api/v1/risk/models/drift', 'get'>['drift']>;

export type TrustedTrader = Schemas['TrustedTrader'];
export type TrustedTraderRequest = RequestBodyOf<'/api/v1/risk/trusted-traders/{partyId}', 'put'>;

// ---- Authorisations, certificates, verification and the public register (issue 7) ----------------------------

export type Authorisation = Schemas['Authorisation'];
export type AuthorisationSite = Authorisation['sites'][number];
/** GET /authorisations/{id}/certificate: the certificate and everything an offline verifier needs. */
export type CertificateBundle = Schemas['CertificateBundle'];
export type LogProof = Schemas['LogProof'];

export type StatusChangeRequest = RequestBodyOf<'/api/v1/authorisations/{id}/status', 'post'>;
export type StatusChangeResult = Schemas['AuthorisationStatusChangeResult'];
export type StatusChange = Schemas['AuthorisationStatusChange'];

type VerifyWire = ResponseOf<'/api/v1/verify', 'post'>;
export type VerifyResponse = Omit<VerifyWire, 'details'> & { details: VerificationDetails };
/**
 * What the verifier could read (the trust core's shape; the route's schema leaves `details` open). Everything but the
 * time is absent when the credential did not parse.
 */
export type VerificationDetails = Partial<TrustVerificationDetails>;
export type VerificationStatusCheck = NonNullable<VerificationDetails['statusChecks']>[number];
export type VerificationLogInclusion = NonNullable<VerificationDetails['logInclusion']>;
/** What the signed credential says: the page or screen that presents it must say the same. */
export type CredentialSummary = NonNullable<VerifyWire['credential']>;

export type RegisterEntry = Schemas['RegisterEntry'];
export type RegisterQuery = QueryOf<'/api/v1/register', 'get'>;
export type RegisterSearchResult = ResponseOf<'/api/v1/register', 'get'>;
export type RegisterConsent = Schemas['RegisterConsent'];

// ---- Validation and decision (issue 6) ------------------------------------------------------------------------

export type Finding = Schemas['ReviewFinding'];
export type FindingVisibility = Finding['visibility'];

export type CaseClock = Schemas['CaseClock'];
export type ValidationCase = Schemas['ValidationCase'];
export type ValidationWorkspace = Schemas['ValidationWorkspace'];
export type SignOffLevelProgress = ValidationWorkspace['signOff']['levels'][number];
export type DeskReviewSummary = Schemas['DeskReviewSummary'];
export type CriterionFinding = DeskReviewSummary['criteria'][number]['finding'];

export type RiskMap = Schemas['RiskMap'];
export type RiskMapEntry = Schemas['RiskMapEntry'];
export type RiskMeasure = Schemas['RiskMeasure'];
export type RiskRating = Schemas['RiskRating'];
export type RiskLevel = RiskRating['level'];
export type HeatMapCell = RiskMap['heatMap'][number][number];
export type RiskSuggestion = RiskMap['suggestions'][number];
export type RiskRequest = RequestBodyOf<'/api/v1/applications/{id}/risks', 'post'>;

export type Visit = Schemas['Visit'];
export type VisitSlot = Schemas['VisitSlot'];
export type ChecklistItem = Schemas['ChecklistItem'];
/** A photo backing a checklist item; the image itself is at `checklistPhotoUrl` (customs only). */
export type ChecklistPhoto = ChecklistItem['photos'][number];

export type ValidationReport = Schemas['ValidationReport'];
export type Recommendation = NonNullable<ValidationReport['recommendation']>;
export type ImprovementPlan = Schemas['ImprovementPlan'];
export type ImprovementMeasure = Schemas['ImprovementMeasure'];
export type RejectionNotice = Schemas['RejectionNotice'];
export type CaseDecision = Schemas['CaseDecision'];
export type CaseAppeal = Schemas['CaseAppeal'];
export type CaseDocument = Schemas['CaseDocument'];
export type SignOffOutcome = RequestBodyOf<'/api/v1/applications/{id}/sign-off', 'post'>['outcome'];
export type AppealOutcome = RequestBodyOf<'/api/v1/applications/{id}/appeal/review', 'post'>['outcome'];

/** An applicant's record with the risk service (GET /applications/{id}/compliance-history). */
export type ComplianceHistory = Schemas['ComplianceHistory'];

// ---- The wire says the vocabulary's words ---------------------------------------------------------------------
// A compile error here means a server schema and src/vocabulary/domain-values.ts parted: build the schema from the list.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T extends true[]> = T;
export type WireSpeaksVocabulary = AllTrue<
  [
    Same<Office['kind'], Vocabulary.OfficeKind>,
    Same<OutboxMessage['status'], Vocabulary.OutboxStatus>,
    Same<Site['kind'], Vocabulary.SiteKind>,
    Same<Decision['channel'], Vocabulary.Channel>,
    Same<NonNullable<RequestBodyOf<'/api/v1/risk/models', 'post'>['preset']>, Vocabulary.ModelPreset>,
    Same<TrustedTrader['status'], Vocabulary.TraderStatus>,
    Same<Authorisation['status'], Vocabulary.AuthorisationStatus>,
    Same<StatusChangeRequest['action'], Vocabulary.StatusAction>,
    Same<VerifyWire['result'], Vocabulary.VerificationResultCode>,
    Same<RegisterEntry['status'], Vocabulary.RegisterStatus>,
    Same<Finding['finding'], Vocabulary.FindingValue>,
    Same<RiskMapEntry['controlEffectiveness'], Vocabulary.ControlEffectiveness>,
    Same<ChecklistItem['result'], Vocabulary.ChecklistResult>,
  ]
>;
