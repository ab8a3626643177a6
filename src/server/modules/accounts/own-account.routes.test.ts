import { describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  TestClient,
  auditEvents,
  createTestApp,
  useTestApp,
  factories,
  signIn,
} from '../../../../tests/support/test-app';
import { generateTotp } from './sessions.service';

const NEW_PASSWORD = 'Lorry-convoy-2027!';

const t = useTestApp();

/** Enrols the signed-in client in two-factor authentication and answers the secret. */
async function enrol(client: TestClient): Promise<string> {
  const { secret } = (await client.request('POST', '/api/v1/me/totp')).json<{ secret: string }>();
  const confirmed = await client.request('POST', '/api/v1/me/totp/confirm', {
    body: { otp: generateTotp(secret, t.clock.now()) },
  });
  expect(confirmed.statusCode).toBe(200);
  return secret;
}

describe('changing one’s own password', () => {
  it('replaces the password, ends the other sessions, keeps this one, and records the change', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    const other = await signIn(t.app, user.email);
    const client = await signIn(t.app, user.email);

    const changed = await client.request('POST', '/api/v1/me/password', {
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(204);

    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await other.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditEvents(t, 'user', user.id, ['user.password_changed'])).toEqual([
      { action: 'user.password_changed', actor_user_id: user.id, summary: { endedOtherSessions: 1 } },
    ]);
  });

  it('refuses a wrong current password and a weak new one, and keeps the old password', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, user.email);

    const wrong = await client.request('POST', '/api/v1/me/password', {
      body: { currentPassword: 'Not-the-password-1', newPassword: NEW_PASSWORD },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([
      { path: 'currentPassword', message: expect.any(String) },
    ]);
    const weak = await client.request('POST', '/api/v1/me/password', {
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].path).toBe('newPassword');

    expect((await new TestClient(t.app).login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditEvents(t, 'user', user.id, ['user.password_changed'])).toEqual([]);
  });

  it('refuses an anonymous caller', async () => {
    const response = await new TestClient(t.app).request('POST', '/api/v1/me/password', {
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('turning two-factor authentication off', () => {
  it('turns it off with a current code, so that sign-in no longer asks for one, and records it', async () => {
    const user = await factories.user(t, { roles: ['aeo_manager'] });
    const client = await signIn(t.app, user.email);
    const secret = await enrol(client);

    const disabled = await client.request('DELETE', '/api/v1/me/totp', {
      body: { otp: generateTotp(secret, t.clock.now()) },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.totpEnabled).toBe(false);

    expect((await new TestClient(t.app).login(user.email)).statusCode).toBe(200);
    expect(await auditEvents(t, 'user', user.id, ['user.totp_disabled'])).toEqual([
      expect.objectContaining({ actor_user_id: user.id }),
    ]);
  });

  it('refuses a wrong code and keeps asking for one at sign-in', async () => {
    const user = await factories.user(t, { roles: ['aeo_manager'] });
    const client = await signIn(t.app, user.email);
    await enrol(client);

    const wrong = await client.request('DELETE', '/api/v1/me/totp', { body: { otp: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('otp');

    const withoutCode = await new TestClient(t.app).login(user.email);
    expect(withoutCode.json().error.code).toBe('otp_required');
    expect(await auditEvents(t, 'user', user.id, ['user.totp_disabled'])).toEqual([]);
  });

  it('answers 409 when two-factor authentication is not on', async () => {
    const user = await factories.user(t, { roles: ['aeo_manager'] });
    const client = await signIn(t.app, user.email);
    const response = await client.request('DELETE', '/api/v1/me/totp', { body: { otp: '123456' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
  });

  it('refuses it to a customs officer while a second factor is required', async () => {
    const strict = await createTestApp({ TOTP_REQUIRED: 'true' });
    try {
      const officer = await factories.user(strict, { roles: ['validator'] });
      const client = await signIn(strict.app, officer.email);
      const { secret } = (await client.request('POST', '/api/v1/me/totp')).json<{ secret: string }>();
      await client.request('POST', '/api/v1/me/totp/confirm', {
        body: { otp: generateTotp(secret, strict.clock.now()) },
      });

      const refused = await client.request('DELETE', '/api/v1/me/totp', {
        body: { otp: generateTotp(secret, strict.clock.now()) },
      });
      expect(refused.statusCode).toBe(403);
      const stored = await strict.database.db
        .selectFrom('user_account')
        .select('totp_enabled_at')
        .where('id', '=', officer.id)
        .executeTakeFirstOrThrow();
      expect(stored.totp_enabled_at).not.toBeNull();
    } finally {
      await strict.close();
    }
  });
});
