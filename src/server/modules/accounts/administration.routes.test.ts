import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../platform/request-context';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { signInAs } from './accounts.test-support';

const t = useTestApp();

describe('the scopes an API key can carry', () => {
  it('lists every scope with its description, and each listed scope can be issued', async () => {
    const admin = await signInAs(t, { roles: ['admin'] });
    const response = await admin.request('GET', '/api/v1/admin/api-keys/scopes');
    expect(response.statusCode).toBe(200);
    const scopes: { id: string; description: string }[] = response.json().items;
    expect(scopes).toEqual(Object.entries(API_SCOPES).map(([id, description]) => ({ id, description })));

    const issued = await admin.request('POST', '/api/v1/admin/api-keys', {
      body: { name: 'Every listed scope', scopes: scopes.map((scope) => scope.id) },
    });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().apiKey.scopes).toEqual(scopes.map((scope) => scope.id));
  });

  it('keeps the list from anyone but an administrator', async () => {
    const manager = await signInAs(t, { roles: ['aeo_manager'] });
    const response = await manager.request('GET', '/api/v1/admin/api-keys/scopes');
    expect(response.statusCode).toBe(403);
  });
});

describe('one user’s record', () => {
  it('shows an administrator the user as stored, with roles, office and sign-in time', async () => {
    const office = await factories.office(t.services);
    const validator = await factories.user(t, { roles: ['validator'], officeId: office.id });
    await signIn(t.app, validator.email);
    const admin = await signInAs(t, { roles: ['admin'] });

    const response = await admin.request('GET', `/api/v1/admin/users/${validator.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      id: validator.id,
      email: validator.email,
      roles: ['validator'],
      officeId: office.id,
      disabled: false,
      lastLoginAt: t.clock.now().toISOString(),
    });
    expect(response.body).not.toMatch(/password|totp_secret/i);
  });

  it('answers 404 for a user that does not exist, and 403 to anyone but an administrator', async () => {
    const admin = await signInAs(t, { roles: ['admin'] });
    expect((await admin.request('GET', `/api/v1/admin/users/${randomUUID()}`)).statusCode).toBe(404);
    const manager = await factories.user(t, { roles: ['aeo_manager'] });
    const managerClient = await signIn(t.app, manager.email);
    expect((await managerClient.request('GET', `/api/v1/admin/users/${manager.id}`)).statusCode).toBe(403);
  });
});
