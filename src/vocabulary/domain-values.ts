/**
 * The closed sets of domain words the server's schemas accept and the screens name (statuses, kinds, channels,
 * findings). One list each: the server builds its zod enums from them, the web its selects and labels.
 */

// ---- Organisations and offices ----------------------------------------------------------------------------------

export const OFFICE_KINDS = ['headquarters', 'local'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const SITE_KINDS = ['head_office', 'branch', 'site'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

// ---- Authorisations, certificates, the public register ----------------------------------------------------------

/** An authorisation's status; `expired` is not stored, it is read from the validity dates. */
export const AUTHORISATION_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

/** What an AEO manager may do to an authorisation's status. */
export const STATUS_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** An entry of the public register, and a trusted trader of the risk service: the stored statuses and `expired`. */
export const REGISTER_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];
export const TRADER_STATUSES = REGISTER_STATUSES;
export type TraderStatus = RegisterStatus;

/** What verifying a certificate concludes (the trust core's verdicts). */
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
export type VerificationResultCode = (typeof VERIFICATION_RESULTS)[number];

// ---- Risk management ----------------------------------------------------------------------------------------------

export const CHANNELS = ['green', 'blue', 'yellow', 'red'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MODEL_PRESETS = ['fast', 'balanced', 'best', 'compact'] as const;
export type ModelPreset = (typeof MODEL_PRESETS)[number];

/** The strategies a decision names (the server sends a plain string: a newer engine may add one). */
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

// ---- Validation ------------------------------------------------------------------------------------------------

export const FINDING_VALUES = [
  'satisfactory',
  'needs_improvement',
  'unsatisfactory',
  'not_verified',
] as const;
export type FindingValue = (typeof FINDING_VALUES)[number];

export const CONTROL_EFFECTIVENESS = ['none', 'weak', 'adequate', 'strong'] as const;
export type ControlEffectiveness = (typeof CONTROL_EFFECTIVENESS)[number];

export const CHECKLIST_RESULTS = ['not_checked', 'ok', 'issue', 'not_applicable'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];
