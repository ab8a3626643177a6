import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest, type LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC, SESSION_COOKIE, SIGNED_IN, allow, registerAccessControl } from './access-control';
import { AppError } from './errors';
import type { ApiKeyPrincipal, Principal, UserPrincipal } from './request-context';

/*
 * The access-control hook on a bare Fastify instance: stub authenticators stand in for sessions and API keys, so
 * every rule of the hook is seen without a database. The full application's route table is walked elsewhere.
 */

const NOW = new Date('2026-03-02T09:00:00Z');
const CSRF = 'csrf-token-of-the-session';

function user(overrides: Partial<UserPrincipal> = {}): UserPrincipal {
  return {
    kind: 'user',
    userId: 'u-1',
    email: 'officer@example.test',
    name: 'Officer',
    roles: ['validator'],
    language: 'en',
    officeId: 'office-a',
    operatorId: null,
    operatorRights: [],
    agency: null,
    sessionId: 's-1',
    csrfToken: CSRF,
    isSecondFactorPending: false,
    ...overrides,
  };
}

const SESSIONS: Record<string, UserPrincipal> = {
  validator: user(),
  admin: user({ userId: 'u-admin', roles: ['admin'] }),
  operator: user({ userId: 'u-op', roles: ['operator'], officeId: null }),
  pending: user({ userId: 'u-pending', isSecondFactorPending: true }),
};

const API_KEYS: Record<string, ApiKeyPrincipal> = {
  'register-key': { kind: 'api_key', apiKeyId: 'k-1', name: 'Register', scopes: ['register:read'] },
  'mra-key': { kind: 'api_key', apiKeyId: 'k-2', name: 'Partner', scopes: ['mra:exchange'] },
};

/** The times the authenticators were asked at: each must be the request's clock reading. */
const askedAt: Date[] = [];

const authenticators = {
  authenticateSession: (token: string, now: Date): Promise<Principal | undefined> => {
    askedAt.push(now);
    return Promise.resolve(SESSIONS[token]);
  },
  authenticateApiKey: (key: string, now: Date): Promise<Principal | undefined> => {
    askedAt.push(now);
    return Promise.resolve(API_KEYS[key]);
  },
};

async function buildAccessApp(extraRoutes?: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    return reply.code(500).send({ error: { code: 'internal', message: String(error), details: {} } });
  });
  await app.register(cookie);
  registerAccessControl(app, authenticators, () => NOW);

  const showContext = async (request: FastifyRequest) => ({ context: request.context });
  app.get('/open', { config: { access: PUBLIC } }, showContext);
  app.post('/open', { config: { access: PUBLIC } }, async () => ({ ok: true }));
  app.get('/no-policy', async () => ({ ok: true }));
  app.get('/signed-in', { config: { access: SIGNED_IN } }, showContext);
  app.post('/signed-in', { config: { access: SIGNED_IN } }, async () => ({ ok: true }));
  app.get('/casework', { config: { access: allow({ roles: ['validator', 'admin'] }) } }, async () => ({
    ok: true,
  }));
  // Admins in the browser, or a key with either scope.
  const register = allow({ roles: ['admin'], scopes: ['register:read', 'declarations:read'] });
  app.get('/register', { config: { access: register } }, async () => ({ ok: true }));
  app.post('/register', { config: { access: register } }, async () => ({ ok: true }));
  app.get(
    '/enrol-second-factor',
    { config: { access: allow({ allowPendingSecondFactor: true }) } },
    async () => ({ ok: true }),
  );
  app.get('/api/docs/json', async () => ({ ok: true }));
  app.route({ method: ['GET', 'POST'], url: '/both-methods', handler: async () => ({ ok: true }) });
  extraRoutes?.(app);
  await app.ready();
  return app;
}

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

function errorOf(response: LightMyRequestResponse): ErrorBody['error'] {
  return response.json<ErrorBody>().error;
}

describe('access control', () => {
  // A fresh instance per test: each test registers the routes itself, so the onRoute hooks count as run by it.
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildAccessApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const get = (url: string, session?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers,
      ...(session ? { cookies: { [SESSION_COOKIE]: session } } : {}),
    });
  const post = (url: string, session?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers,
      payload: {},
      ...(session ? { cookies: { [SESSION_COOKIE]: session } } : {}),
    });

  describe('deny by default', () => {
    it('refuses a route that states no policy to everyone, signed in or not', async () => {
      for (const session of [undefined, 'admin']) {
        const response = await get('/no-policy', session);
        expect(response.statusCode).toBe(403);
        expect(errorOf(response)).toMatchObject({
          code: 'forbidden',
          message: 'This route has no access policy.',
        });
      }
    });

    it('lists exactly the routes without a policy, methods joined, and leaves the API docs public', async () => {
      expect(app.routesWithoutAccessPolicy).toEqual([
        'GET /no-policy',
        'HEAD /no-policy',
        'GET,POST /both-methods',
        'HEAD /both-methods',
      ]);
      expect((await get('/api/docs/json')).statusCode).toBe(200);
    });

    it('keeps every registered route and its policy, one entry per method, in the route table', () => {
      expect(app.routeTable).toContainEqual({ method: 'GET', url: '/open', access: PUBLIC });
      expect(app.routeTable).toContainEqual({ method: 'GET', url: '/no-policy', access: undefined });
      expect(app.routeTable).toContainEqual({ method: 'POST', url: '/both-methods', access: undefined });
      expect(app.routeTable).toContainEqual({ method: 'GET', url: '/both-methods', access: undefined });
      expect(app.routeTable).toContainEqual({ method: 'GET', url: '/api/docs/json', access: PUBLIC });
      // The generated scope and policy tests read the policy's kind from this table.
      expect(app.routeTable).toContainEqual({
        method: 'GET',
        url: '/casework',
        access: { kind: 'authenticated', roles: ['validator', 'admin'] },
      });
      expect(app.routeTable).toContainEqual({
        method: 'GET',
        url: '/signed-in',
        access: { kind: 'authenticated' },
      });
      expect(app.routeTable.every((entry) => typeof entry.method === 'string')).toBe(true);
    });

    it('makes a catch-all route public, and lets an unknown URL answer 404 rather than 403', async () => {
      const withCatchAll = await buildAccessApp((instance) => {
        instance.get('/*', async () => ({ page: 'index' }));
      });
      try {
        expect(withCatchAll.routesWithoutAccessPolicy).not.toContain('GET /*');
        expect((await withCatchAll.inject({ method: 'GET', url: '/some/page' })).json()).toEqual({
          page: 'index',
        });
      } finally {
        await withCatchAll.close();
      }
      const unknown = await get('/nowhere');
      expect(unknown.statusCode).toBe(404);
    });
  });

  describe('public routes', () => {
    it('serves anyone, and gives the handler the request context with the clock reading', async () => {
      const response = await get('/open');
      expect(response.statusCode).toBe(200);
      const { context } = response.json<{ context: Record<string, unknown> }>();
      expect(context).toEqual({
        requestId: response.headers['x-request-id'],
        ip: '127.0.0.1',
        now: NOW.toISOString(),
      });
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('still identifies a signed-in caller on a public route', async () => {
      askedAt.length = 0;
      const response = await get('/open', 'validator');
      expect(response.json<{ context: { principal: Principal } }>().context.principal).toEqual(
        SESSIONS.validator,
      );
      expect(askedAt).toEqual([NOW]);
    });

    it('takes an anonymous write without a CSRF token, but not a session’s write', async () => {
      expect((await post('/open')).statusCode).toBe(200);
      const response = await post('/open', 'validator');
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('csrf_failed');
      expect((await post('/open', 'validator', { 'x-csrf-token': CSRF })).statusCode).toBe(200);
    });
  });

  describe('signed-in routes', () => {
    it('asks an anonymous caller to sign in', async () => {
      const response = await get('/signed-in');
      expect(response.statusCode).toBe(401);
      expect(errorOf(response)).toMatchObject({ code: 'unauthenticated', message: 'Sign in to continue.' });
    });

    it('treats an unknown session cookie as no session', async () => {
      expect((await get('/signed-in', 'expired-session')).statusCode).toBe(401);
    });

    it('serves any signed-in user when the policy names no role', async () => {
      for (const session of ['validator', 'operator', 'admin']) {
        const response = await get('/signed-in', session);
        expect(response.statusCode).toBe(200);
        expect(response.json<{ context: { principal: Principal } }>().context.principal).toEqual(
          SESSIONS[session],
        );
      }
    });

    it('serves a user holding any one of the roles, and refuses other roles', async () => {
      expect((await get('/casework', 'validator')).statusCode).toBe(200);
      expect((await get('/casework', 'admin')).statusCode).toBe(200);
      const refused = await get('/casework', 'operator');
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused)).toMatchObject({
        code: 'forbidden',
        message: 'Your role does not allow this.',
      });
    });
  });

  describe('second factor still to enrol', () => {
    it('refuses everything but the enrolment routes, saying why', async () => {
      for (const url of ['/signed-in', '/casework']) {
        const response = await get(url, 'pending');
        expect(response.statusCode).toBe(403);
        expect(errorOf(response)).toEqual({
          code: 'forbidden',
          message: 'Set up two-factor authentication before continuing.',
          details: { reason: 'second_factor_enrolment_required' },
        });
      }
    });

    it('lets the enrolment routes through, for a pending user and for anyone signed in', async () => {
      expect((await get('/enrol-second-factor', 'pending')).statusCode).toBe(200);
      expect((await get('/enrol-second-factor', 'validator')).statusCode).toBe(200);
    });
  });

  describe('CSRF on writes', () => {
    it('refuses a session’s write with a missing or wrong X-CSRF-Token, and takes the session’s token', async () => {
      const wrongHeaders: Record<string, string>[] = [
        {},
        { 'x-csrf-token': 'not-the-token' },
        { 'x-csrf-token': `${CSRF}x` },
      ];
      for (const headers of wrongHeaders) {
        const response = await post('/signed-in', 'validator', headers);
        expect(response.statusCode).toBe(403);
        expect(errorOf(response)).toMatchObject({
          code: 'csrf_failed',
          message: 'The X-CSRF-Token header is missing or does not match the session.',
        });
      }
      expect((await post('/signed-in', 'validator', { 'x-csrf-token': CSRF })).statusCode).toBe(200);
    });

    it('needs no token on a read', async () => {
      expect((await get('/signed-in', 'validator')).statusCode).toBe(200);
    });

    it('checks the role before the token: a wrong role is told so, not asked for a token', async () => {
      const response = await post('/register', 'validator');
      expect(errorOf(response).message).toBe('Your role does not allow this.');
    });
  });

  describe('API keys', () => {
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    it('serves a key with any one of the route’s scopes, writes included, without a CSRF token', async () => {
      askedAt.length = 0;
      expect((await get('/register', undefined, bearer('register-key'))).statusCode).toBe(200);
      expect((await post('/register', undefined, bearer('register-key'))).statusCode).toBe(200);
      expect(askedAt).toEqual([NOW, NOW]);
    });

    it('accepts the scheme in any case and more than one space before the key', async () => {
      expect((await get('/register', undefined, { authorization: 'bearer   register-key' })).statusCode).toBe(
        200,
      );
    });

    it('refuses a key without the scope, and any key where the policy names no scope', async () => {
      for (const [url, key] of [
        ['/register', 'mra-key'],
        ['/signed-in', 'register-key'],
        ['/casework', 'register-key'],
      ] as const) {
        const response = await get(url, undefined, bearer(key));
        expect(response.statusCode).toBe(403);
        expect(errorOf(response)).toMatchObject({
          code: 'forbidden',
          message: 'The API key does not have the scope this route needs.',
        });
      }
    });

    it('answers 401 to an unknown key or a malformed header, even on a public route, and ignores the cookie', async () => {
      for (const authorization of [
        'Bearer unknown-key',
        'register-key',
        'Basic register-key',
        'Basic Bearer register-key',
        'Bearer register-key trailing',
        'Bearer ',
      ]) {
        for (const url of ['/open', '/register']) {
          const response = await app.inject({
            method: 'GET',
            url,
            headers: { authorization },
            cookies: { [SESSION_COOKIE]: 'admin' },
          });
          expect(response.statusCode, `${authorization} on ${url}`).toBe(401);
          expect(errorOf(response)).toMatchObject({
            code: 'unauthenticated',
            message: 'The API key is not valid.',
          });
        }
      }
    });
  });
});
