import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, factories, signIn, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
});

afterAll(async () => t.close());

describe('API conventions', () => {
  it('has an access policy on every route (deny by default)', () => {
    expect(t.app.routesWithoutAccessPolicy).toEqual([]);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String), details: {} },
    });
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", "password": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.body).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('names every field of the wrong type', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const response = await client.request('POST', '/api/v1/admin/users', {
      body: { email: 'not-an-email', name: 42, password: 'x', roles: ['emperor'] },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.roles.0']));
    const badQuery = await client.request('GET', '/api/v1/admin/users?limit=many');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.details.fields[0].path).toBe('querystring.limit');
    const badId = await client.request('GET', '/api/v1/admin/users/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.fields[0].path).toBe('params.id');
  });

  it('answers a body over the configured size with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('sends security headers and a request id on every response', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/nothing']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const openapi = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/session', '/api/v1/audit/verify']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});
