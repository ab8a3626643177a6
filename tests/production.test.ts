import path from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process';

// One server as an operator runs it in production: `npm start` with NODE_ENV=production and two-factor required.
// It listens on plain HTTP here; the Secure cookie is sent back by hand, as a browser would over HTTPS.
const OFFICER = 'validator@demo.openaeo.test';
const TRADER = 'operator@demo.openaeo.test';
const root = path.resolve(import.meta.dirname, '..');

let server: ServerProcess;

beforeAll(async () => {
  // The first start may build the web UI: as long as the browser tests allow.
  server = await startServerProcess({
    env: { NODE_ENV: 'production', TOTP_REQUIRED: 'true', OPENAEO_SEED_DEMO: 'true' },
    timeoutMs: 230_000,
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

interface Session {
  cookie: string;
  csrfToken: string;
}

async function call(
  method: string,
  url: string,
  options: { session?: Session; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrfToken;
  }
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return fetch(`${server.url}${url}`, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
}

async function signIn(email: string, otp?: string): Promise<{ response: Response; session: Session }> {
  const response = await call('POST', '/api/v1/session', {
    body: { email, password: server.password, ...(otp ? { otp } : {}) },
  });
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('openaeo_session='));
  const body = (await response.clone().json()) as { csrfToken?: string };
  return {
    response,
    session: { cookie: setCookie?.split(';')[0] ?? '', csrfToken: body.csrfToken ?? '' },
  };
}

/** The one error shape, and nothing that tells how the server is built. */
async function expectPlainError(response: Response, status: number, code: string): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b|FST_ERR|SyntaxError|stack/i);
  expect(text).not.toContain(root);
  expect(response.headers.get('x-powered-by')).toBeNull();
}

describe('production mode (NODE_ENV=production, TOTP_REQUIRED=true)', () => {
  it('sets the session cookie Secure, HttpOnly and SameSite', async () => {
    const { response } = await signIn(TRADER);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('openaeo_session='));
    expect(setCookie).toBeDefined();
    const attributes = setCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
  });

  it('sends Strict-Transport-Security on the API and the web UI', async () => {
    for (const url of ['/healthz', '/api/v1/programme', '/']) {
      const response = await call('GET', url);
      expect(response.status, url).toBe(200);
      const hsts = response.headers.get('strict-transport-security') ?? '';
      // At least 180 days, the floor browsers' preload lists and most audits ask for.
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), `${url}: ${hsts}`).toBeGreaterThanOrEqual(
        180 * 24 * 3600,
      );
    }
  });

  it('holds a customs officer at two-factor enrolment until a second factor is enrolled', async () => {
    const { response, session } = await signIn(OFFICER);
    expect(response.status).toBe(200);
    expect((await response.json()).user.secondFactorPending).toBe(true);

    // Only the enrolment routes (and reading oneself, signing out) answer; everything else is refused.
    const me = await call('GET', '/api/v1/me', { session });
    expect(me.status).toBe(200);
    for (const [method, url, body] of [
      ['GET', '/api/v1/validation/cases', undefined],
      ['GET', '/api/v1/applications', undefined],
      ['PATCH', '/api/v1/me', { locale: 'ru' }],
    ] as const) {
      const refused = await call(method, url, { session, body });
      expect(refused.status, `${method} ${url}`).toBe(403);
      expect((await refused.json()).error).toMatchObject({
        code: 'forbidden',
        details: { reason: 'second_factor_enrolment_required' },
      });
    }

    const setup = await call('POST', '/api/v1/me/totp', { session });
    expect(setup.status).toBe(200);
    const { secret, otpauthUri } = (await setup.json()) as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain('otpauth://totp/');
    const confirmed = await call('POST', '/api/v1/me/totp/confirm', {
      session,
      body: { otp: generateSync({ secret }) },
    });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect((await confirmed.json()).user).toMatchObject({ totpEnabled: true, secondFactorPending: false });
    expect((await call('GET', '/api/v1/validation/cases', { session })).status).toBe(200);

    // From now on the password alone is not enough.
    const withoutCode = await signIn(OFFICER);
    expect(withoutCode.response.status).toBe(401);
    expect((await withoutCode.response.json()).error.code).toBe('otp_required');
    const withCode = await signIn(OFFICER, generateSync({ secret }));
    expect(withCode.response.status).toBe(200);
    expect((await withCode.response.json()).user.secondFactorPending).toBe(false);
    expect((await call('GET', '/api/v1/validation/cases', { session: withCode.session })).status).toBe(200);
  });

  it('lets a trader work without a second factor', async () => {
    const { response, session } = await signIn(TRADER);
    expect((await response.json()).user.secondFactorPending).toBe(false);
    expect((await call('GET', '/api/v1/applications', { session })).status).toBe(200);
  });

  it('answers errors without a stack trace or internal detail', async () => {
    await expectPlainError(await call('GET', '/api/v1/nothing-here'), 404, 'not_found');
    await expectPlainError(
      await call('POST', '/api/v1/session', { body: '{"email": "a@b.c", "password": ' }),
      400,
      'validation_failed',
    );
    await expectPlainError(
      await call('POST', '/api/v1/session', {
        body: '<session/>',
        headers: { 'content-type': 'application/xml' },
      }),
      415,
      'unsupported_media_type',
    );
    await expectPlainError(await call('GET', '/api/v1/applications/%E0%A4%A'), 400, 'validation_failed');
    await expectPlainError(await call('GET', '/api/v1/validation/cases'), 401, 'unauthenticated');
  });
});
