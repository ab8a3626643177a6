import {
  ERROR_STATUS,
  type ErrorCode,
  type ErrorReason,
  type FieldError,
} from '../../vocabulary/error-codes';

export { ERROR_STATUS, type ErrorCode, type ErrorReason, type FieldError };

/** `reason` is one of the closed, documented set (vocabulary/error-codes.ts). */
export type ErrorDetails = Record<string, unknown> & { fields?: FieldError[]; reason?: ErrorReason };

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
