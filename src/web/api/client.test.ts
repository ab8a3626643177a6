// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl, setCsrfToken, setUnauthenticatedHandler } from './client';

interface Recorded {
  url: string;
  init: RequestInit;
}

function stubFetch(status: number, body?: unknown, headers: Record<string, string> = {}): Recorded[] {
  const calls: Recorded[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? null : JSON.stringify(body);
    return Promise.resolve(new Response(status === 204 ? null : text, { status, headers }));
  });
  return calls;
}

function header(call: Recorded | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe('api client', () => {
  beforeEach(() => setCsrfToken(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthenticatedHandler(null);
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/admin/users', { q: 'ann', role: undefined, limit: 25, offset: 0, x: '' })).toBe(
      '/api/v1/admin/users?q=ann&limit=25&offset=0',
    );
  });

  it('sends the CSRF token on every non-GET request and never on GET', async () => {
    const calls = stubFetch(200, { ok: true });
    setCsrfToken('token-1');
    await api.get('/me');
    await api.post('/notifications/read-all');
    await api.patch('/me', { name: 'A' });
    await api.delete('/session');
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined();
    expect(calls.slice(1).map((call) => header(call, 'X-CSRF-Token'))).toEqual([
      'token-1',
      'token-1',
      'token-1',
    ]);
    expect(calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
    expect(calls[2]?.init.body).toBe('{"name":"A"}');
  });

  it('returns undefined for 204 No Content', async () => {
    stubFetch(204);
    await expect(api.post('/notifications/read-all')).resolves.toBeUndefined();
  });

  it('parses the error shape with field errors into an ApiError', async () => {
    stubFetch(400, {
      error: {
        code: 'validation_failed',
        message: 'Invalid body',
        details: {
          fields: [
            { path: 'newPassword', message: 'Too common' },
            { path: ['roles', 0], message: 'Bad role' },
            { path: 'body.rule.condition.prefixes.0', message: 'HS code prefix: 2 to 10 digits' },
          ],
        },
      },
    });
    const error = await api.post('/me/password', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.status).toBe(400);
    expect(apiError.fieldError('newPassword')).toBe('Too common');
    expect(apiError.fieldError('roles')).toBe('Bad role');
    expect(apiError.fieldError('rule.condition.prefixes')).toBe('HS code prefix: 2 to 10 digits');
    expect(apiError.fieldError('rule.cond')).toBeUndefined();
  });

  it('reads Retry-After on 429', async () => {
    stubFetch(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '30' });
    const error = (await api.post('/session', {}).catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('reports a 401 as the end of the session, except where told not to', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    stubFetch(401, { error: { code: 'unauthenticated', message: 'No session' } });
    await api.post('/session', {}, { skipAuthRedirect: true }).catch(() => undefined);
    expect(handler).not.toHaveBeenCalled();
    await api.get('/admin/users').catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('maps a non-JSON failure to a code from its status', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })));
    const error = (await api.get('/me').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('internal');
    expect(error.status).toBe(502);
  });

  it('maps a network failure to network_error', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const error = (await api.get('/me').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('network_error');
  });
});
