import type { LoggerOptions } from 'pino';

/**
 * Keys whose values are secrets wherever they appear: credentials, tokens and the headers that carry them. Matched by
 * exact name, never by pattern, so a domain field such as `authorisationType` or `apiKeyId` is never erased. The logs
 * and the audit trail redact the same keys.
 */
export const SECRET_KEYS: readonly string[] = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'otp',
  'secret',
  'totpSecret',
  'token',
  'previousToken',
  'csrfToken',
  'apiKey',
  'authorization',
  'cookie',
];

/**
 * Secrets never reach the logs: credentials in bodies, cookies and authorisation headers are redacted.
 * Request bodies are not logged at all; these paths cover what a handler might log by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.map((key) => `*.${key}`),
];

export function buildLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { id: string; method: string; url: string; ip?: string }) {
        return { id: request.id, method: request.method, url: redactQuery(request.url), ip: request.ip };
      },
    },
  };
}

/** Invitation and reset tokens travel in URLs; keep them out of access logs. */
function redactQuery(url: string): string {
  return url
    .replace(/\/invitations\/[^/?]+/, '/invitations/[redacted]')
    .replace(/([?&](token|key)=)[^&]*/gi, '$1[redacted]');
}
