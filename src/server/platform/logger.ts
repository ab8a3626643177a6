import type { LoggerOptions } from 'pino';

/**
 * Secrets never reach the logs: credentials in bodies, cookies and authorisation headers are redacted.
 * Request bodies are not logged at all; these paths cover what a handler might log by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.otp',
  '*.secret',
  '*.token',
  '*.csrfToken',
  '*.apiKey',
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
