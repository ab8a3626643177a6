// One error class with stable codes, like the server's AppError, so callers map failures without parsing text.
export type TrustCoreErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_KEY'
  | 'MALFORMED_JWS'
  | 'STATUS_LIST_FULL'
  | 'REVOCATION_IRREVERSIBLE'
  | 'QR_PAYLOAD_INVALID'
  | 'QR_PAYLOAD_TOO_LARGE'
  | 'LOG_RANGE';

export class TrustCoreError extends Error {
  constructor(
    readonly code: TrustCoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TrustCoreError';
  }
}
