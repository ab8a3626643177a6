/** The closed set of error codes clients see; each maps to one HTTP status, here and nowhere else. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  otp_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** One field's problem in a `validation_failed` error (`details.fields`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Why a request was refused, when the code alone does not say (`details.reason`): a closed set a client may branch
 * on. Each reason stands with the code it comes with.
 */
export const ERROR_REASONS = {
  wrong_state:
    'conflict: the case is not in a state that allows the act (details.state, details.allowedActions)',
  four_eyes: 'forbidden: the four-eyes rule bars the caller from this act on this case (details.rule)',
  second_factor_enrolment_required:
    'forbidden: customs staff must enrol a second factor before anything else',
  reapplication_barred:
    'conflict: a revocation or rejection bars a new application until details.barredUntil',
  already_confirmed: 'conflict: the registration was confirmed already',
  already_consulted: 'conflict: the agency was consulted on this case already',
  already_extended: 'conflict: the deadline or plan may be extended once, and was',
  appeal_out_of_time: 'conflict: the period to appeal has ended',
  consultation_closed: 'conflict: the consultation has its final answer',
  hearing_period_running: 'conflict: the applicant may still answer the notice of intended rejection',
  improvement_plan_overdue: 'conflict: the improvement plan is past its due date',
  information_request_open: 'conflict: an information request still waits for the applicant',
  measures_not_verified: 'conflict: not every improvement measure is verified',
  no_visit_date: 'conflict: the company has not chosen a visit date',
  reply_out_of_time: 'conflict: the period to reply has ended',
  request_answered: 'conflict: the request was answered already',
  too_many_photos: 'conflict: the checklist item holds as many photos as allowed',
  not_enough_results: 'conflict: too few inspection results to train or compare a model',
  idempotency_key_reused: 'conflict: the Idempotency-Key was used with another body',
  declaration_conflict: 'conflict: a declaration with this id exists with other content',
  invalid_json: 'declaration stream: the message is not JSON',
  invalid_declaration: 'declaration stream: the message is not a valid declaration',
  delivery_attempts_exhausted: 'declaration stream: the message failed on every delivery attempt',
} as const;

export type ErrorReason = keyof typeof ERROR_REASONS;
