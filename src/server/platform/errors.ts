/** The closed set of error codes clients see; each maps to one HTTP status in one place. */
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

export interface FieldError {
  path: string;
  message: string;
}

export type ErrorDetails = Record<string, unknown> & { fields?: FieldError[] };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function validationError(fields: FieldError[], message = 'The request is not valid.'): AppError {
  return new AppError('validation_failed', message, { fields });
}

/** The answer for a record that does not exist and for one the caller may not see: the same, so nothing leaks. */
export function notFound(what = 'Record'): AppError {
  return new AppError('not_found', `${what} not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): AppError {
  return new AppError('forbidden', message);
}

export function conflict(message: string, details: ErrorDetails = {}): AppError {
  return new AppError('conflict', message, details);
}
