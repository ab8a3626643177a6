import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  TestClient,
  createTestApp,
  factories,
  signIn,
  type TestApp,
} from '../../../../tests/support/test-app';
import { generateTotp } from './sessions.service';

let t: TestApp;
let adminEmail: string;
const logLines: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  t = await createTestApp({ LOG_LEVEL: 'debug' }, { logStream });
  adminEmail = (await factories.user(t, { roles: ['admin'] })).email;
});

afterAll(async () => t.close());

describe('sign-in and sessions', () => {
  it('signs in with an HttpOnly SameSite cookie and a CSRF token, and answers /me', async () => {
    const client = new TestClient(t.app);
    const response = await client.login(adminEmail);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'openaeo_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(response.json().csrfToken).toEqual(expect.any(String));
    const me = await client.request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: adminEmail, roles: ['admin'], operatorId: null });
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await new TestClient(t.app, { ip: '10.9.0.1' }).login(adminEmail, 'Not-the-password-1');
    const unknown = await new TestClient(t.app, { ip: '10.9.0.2' }).login(
      'nobody@example.test',
      'Not-the-password-1',
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('unauthenticated');
  });

  it('signs out and the session no longer works', async () => {
    const client = await signIn(t.app, adminEmail);
    expect((await client.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('issues a new session id at every login and ends the one the browser held', async () => {
    const client = await signIn(t.app, adminEmail);
    const firstCookie = client.cookie;
    await client.login(adminEmail);
    expect(client.cookie).not.toBe(firstCookie);
    const stale = new TestClient(t.app);
    stale.cookie = firstCookie;
    expect((await stale.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await signIn(t.app, adminEmail);
    const refused = await client.request('PATCH', '/api/v1/me', {
      body: { language: 'ru' },
      withoutCsrf: true,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');
    const forged = await client.request('PATCH', '/api/v1/me', {
      body: { language: 'ru' },
      withoutCsrf: true,
      headers: { 'x-csrf-token': 'forged-token' },
    });
    expect(forged.statusCode).toBe(403);
    const accepted = await client.request('PATCH', '/api/v1/me', { body: { language: 'ru' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.language).toBe('ru');
  });

  it('ends a session after the idle lifetime and after the absolute lifetime', async () => {
    const idle = await signIn(t.app, adminEmail);
    t.clock.advance(31 * 60_000);
    expect((await idle.request('GET', '/api/v1/me')).statusCode).toBe(401);

    const busy = await signIn(t.app, adminEmail);
    // Active every 20 minutes, so never idle: still valid at 11 h 40 min, gone at 12 h.
    for (let step = 0; step < 35; step += 1) {
      t.clock.advance(20 * 60_000);
      expect((await busy.request('GET', '/api/v1/me')).statusCode).toBe(200);
    }
    t.clock.advance(20 * 60_000);
    expect((await busy.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('login rate limiting', () => {
  it('blocks an account after repeated failures, even with the right password', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await new TestClient(t.app, { ip: `10.1.0.${attempt}` }).login(
        user.email,
        'Wrong-password-123',
      );
      expect(response.statusCode).toBe(401);
    }
    const blocked = await new TestClient(t.app, { ip: '10.1.0.99' }).login(user.email);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    t.clock.advance(16 * 60_000);
    expect((await new TestClient(t.app, { ip: '10.1.0.99' }).login(user.email)).statusCode).toBe(200);
  });

  it('blocks an address that tries many accounts', async () => {
    const limited = await createTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      const client = new TestClient(limited.app, { ip: '10.2.0.1' });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect((await client.login(`someone${attempt}@example.test`, 'Wrong-password-123')).statusCode).toBe(
          401,
        );
      }
      expect((await client.login('another@example.test', 'Wrong-password-123')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('roles', () => {
  it('answers 401 to anonymous callers and 403 to a role without access', async () => {
    expect((await new TestClient(t.app).request('GET', '/api/v1/admin/users')).statusCode).toBe(401);
    const validator = await factories.user(t, { roles: ['validator'] });
    const client = await signIn(t.app, validator.email);
    const response = await client.request('GET', '/api/v1/admin/users');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });
});

describe('user administration', () => {
  it('creates a user with field errors for a weak password and a customs role without office', async () => {
    const admin = await signIn(t.app, adminEmail);
    const bad = await admin.request('POST', '/api/v1/admin/users', {
      body: {
        email: 'new.validator@example.test',
        name: 'New',
        password: 'password1234',
        roles: ['validator'],
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['password', 'officeId']));

    const office = await factories.office(t.services);
    const created = await admin.request('POST', '/api/v1/admin/users', {
      body: {
        email: 'new.validator@example.test',
        name: 'New',
        password: TEST_PASSWORD,
        roles: ['validator'],
        officeId: office.id,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ roles: ['validator'], officeId: office.id, disabled: false });
    const duplicate = await admin.request('POST', '/api/v1/admin/users', {
      body: {
        email: 'NEW.validator@example.test',
        name: 'New',
        password: TEST_PASSWORD,
        roles: ['validator'],
        officeId: office.id,
      },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('ends every session of a user at once when the user is disabled', async () => {
    const user = await factories.user(t, { roles: ['risk_analyst'] });
    const victim = await signIn(t.app, user.email);
    expect((await victim.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const admin = await signIn(t.app, adminEmail);
    const disabled = await admin.request('PATCH', `/api/v1/admin/users/${user.id}`, {
      body: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.disabled).toBe(true);
    expect((await victim.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.email)).statusCode).toBe(401);
  });

  it('does not let an admin disable itself', async () => {
    const admin = await signIn(t.app, adminEmail);
    const me = (await admin.request('GET', '/api/v1/me')).json();
    const response = await admin.request('PATCH', `/api/v1/admin/users/${me.user.id}`, {
      body: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('API keys', () => {
  it('issues a scoped key shown once, honours its scopes, and refuses it after revocation', async () => {
    const admin = await signIn(t.app, adminEmail);
    const issued = await admin.request('POST', '/api/v1/admin/api-keys', {
      body: { name: 'National single window', scopes: ['register:read'] },
    });
    expect(issued.statusCode).toBe(201);
    const { apiKey, secret } = issued.json();
    expect(secret).toMatch(/^oaeo_/);
    const listed = await admin.request('GET', '/api/v1/admin/api-keys');
    expect(listed.body).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const allowed = await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers: bearer });
    expect(allowed.statusCode).toBe(200);
    const outOfScope = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: bearer });
    expect(outOfScope.statusCode).toBe(403);

    const narrow = (
      await admin.request('POST', '/api/v1/admin/api-keys', {
        body: { name: 'Inspection app', scopes: ['inspections:write'] },
      })
    ).json();
    const wrongScope = await t.app.inject({
      method: 'GET',
      url: '/api/v1/offices',
      headers: { authorization: `Bearer ${narrow.secret}` },
    });
    expect(wrongScope.statusCode).toBe(403);

    expect((await admin.request('POST', `/api/v1/admin/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/offices',
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(garbage.statusCode).toBe(401);
  });
});

describe('two-factor authentication', () => {
  it('asks for a one-time code once enrolled and accepts the right one', async () => {
    const user = await factories.user(t, { roles: ['aeo_manager'] });
    const client = await signIn(t.app, user.email);
    const setup = (await client.request('POST', '/api/v1/me/totp')).json();
    expect(setup.otpauthUri).toContain('otpauth://totp/');
    const wrong = await client.request('POST', '/api/v1/me/totp/confirm', { body: { otp: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await client.request('POST', '/api/v1/me/totp/confirm', {
      body: { otp: generateTotp(setup.secret, t.clock.now()) },
    });
    expect(confirmed.json().user.totpEnabled).toBe(true);

    const withoutCode = await new TestClient(t.app).login(user.email);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().error.code).toBe('otp_required');
    const withCode = await new TestClient(t.app).login(
      user.email,
      TEST_PASSWORD,
      generateTotp(setup.secret, t.clock.now()),
    );
    expect(withCode.statusCode).toBe(200);
  });

  it('makes customs users enrol before anything else when a second factor is required', async () => {
    const strict = await createTestApp({ TOTP_REQUIRED: 'true' });
    try {
      const officer = await factories.user(strict, { roles: ['validator'] });
      const client = await signIn(strict.app, officer.email);
      expect((await client.request('GET', '/api/v1/me')).json().user.secondFactorPending).toBe(true);
      const blocked = await client.request('GET', '/api/v1/offices');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.details.reason).toBe('second_factor_enrolment_required');
      const setup = (await client.request('POST', '/api/v1/me/totp')).json();
      await client.request('POST', '/api/v1/me/totp/confirm', {
        body: { otp: generateTotp(setup.secret, strict.clock.now()) },
      });
      expect((await client.request('GET', '/api/v1/offices')).statusCode).toBe(200);

      const operator = await factories.operator(strict);
      const trader = await factories.user(strict, { roles: ['operator'], operatorId: operator.id });
      const traderClient = await signIn(strict.app, trader.email);
      expect((await traderClient.request('GET', '/api/v1/offices')).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('secrets stay out of logs and the audit trail', () => {
  it('never writes a password, session token or API key to the log or audit events', async () => {
    const admin = await signIn(t.app, adminEmail);
    const issued = (
      await admin.request('POST', '/api/v1/admin/api-keys', {
        body: { name: 'Partner', scopes: ['mra:exchange'] },
      })
    ).json();
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/offices',
      headers: { authorization: `Bearer ${issued.secret}` },
    });
    const sessionToken = admin.cookie!.split('=')[1]!;
    const events = await sql<{
      text: string;
    }>`select summary::text || coalesce(actor_label, '') as text from audit_event`.execute(t.database.db);
    const auditText = events.rows.map((row) => row.text).join('\n');
    const logText = logLines.join('');
    expect(logText.length).toBeGreaterThan(0);
    for (const secret of [TEST_PASSWORD, sessionToken, issued.secret, admin.csrfToken!]) {
      expect(auditText).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
  });
});
