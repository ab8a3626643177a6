import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../../src/server/platform/access-control';
import {
  API_SCOPES,
  ROLES,
  systemContext,
  type ApiScope,
  type Role,
} from '../../src/server/platform/request-context';
import { GENERATED_REQUEST_HEADER } from '../support/route-coverage';
import { createTestApp, factories, signIn, type TestApp, type TestClient } from '../support/test-app';
import { INTENDED_ROUTE_POLICIES, type IntendedPolicy } from './route-policies.expected';

/**
 * Every route's access policy is the intended one (route-policies.expected.ts, reviewed by hand), and the edge
 * enforces it: generated from that table, every role left out of a route's list, an API key without its scopes, an
 * anonymous caller and a user who must still enrol a second factor are refused. A role-list refusal is the same 403
 * whatever the id, so it reveals nothing; hiding a record's existence (404) is the object checks' job, which
 * object-scope.test.ts covers.
 */

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let t: TestApp;
const clientOfRole = new Map<Role, TestClient>();
const keyOfScopes = new Map<string, string>();

/** The product's policy in the table's shape: role and scope lists as sorted sets, defaults spelled out. */
function describePolicy(policy: AccessPolicy | IntendedPolicy | undefined): string {
  if (!policy) return 'no policy';
  if (policy.kind === 'public') return 'public';
  const roles =
    policy.roles === undefined || policy.roles === 'any' ? 'any' : [...policy.roles].sort().join(',');
  const scopes = [...(policy.scopes ?? [])].sort().join(',');
  return `roles=${roles} scopes=${scopes || 'none'}${policy.allowPendingSecondFactor ? ' pending-2fa' : ''}`;
}

function intendedRoutes(): Array<[key: string, method: Method, url: string, policy: IntendedPolicy]> {
  return Object.entries(INTENDED_ROUTE_POLICIES).map(([key, policy]) => {
    const [method, url] = key.split(' ') as [Method, string];
    return [key, method, url, policy];
  });
}

/** Any value fits a parameter: the edge answers before the parameters are read. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, () => randomUUID()).replace(/\*$/, 'x');
}

async function send(
  method: Method,
  url: string,
  auth: { client?: TestClient; apiKey?: string } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { [GENERATED_REQUEST_HEADER]: '1' };
  if (auth.client?.cookie) headers.cookie = auth.client.cookie;
  // The CSRF token goes along, so that only the policy can refuse the write.
  if (auth.client?.csrfToken && method !== 'GET' && method !== 'HEAD')
    headers['x-csrf-token'] = auth.client.csrfToken;
  if (auth.apiKey) headers.authorization = `Bearer ${auth.apiKey}`;
  return t.app.inject({ method, url: concreteUrl(url), headers });
}

/** `403 forbidden` for a route, or what was answered instead; HEAD answers carry no body. */
function refusal(method: Method, response: LightMyRequestResponse): string {
  if (method === 'HEAD') return `${response.statusCode}`;
  let code: string | undefined;
  try {
    code = response.json<{ error?: { code?: string } }>().error?.code;
  } catch {
    code = undefined;
  }
  return `${response.statusCode} ${code ?? response.body.slice(0, 80)}`;
}

async function clientFor(role: Role): Promise<TestClient> {
  const known = clientOfRole.get(role);
  if (known) return known;
  const user =
    role === 'operator'
      ? await factories.user(t, {
          roles: ['operator'],
          operatorId: (await factories.operator(t, 'Policy Trading LLP')).id,
          operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
        })
      : await factories.user(t, { roles: [role], ...(role === 'agency_officer' ? { agency: 'SPS' } : {}) });
  const client = await signIn(t.app, user.email);
  clientOfRole.set(role, client);
  return client;
}

/** An API key holding every scope but the route's (undefined when the route accepts every scope). */
async function keyWithout(scopes: readonly ApiScope[]): Promise<string | undefined> {
  const others = (Object.keys(API_SCOPES) as ApiScope[]).filter((scope) => !scopes.includes(scope));
  if (others.length === 0) return undefined;
  const name = others.join(',');
  const known = keyOfScopes.get(name);
  if (known) return known;
  const issued = await t.services.apiKeys.issue(systemContext(new Date(), 'test'), {
    name: `without ${scopes.join(',') || 'any scope'}`,
    scopes: others,
  });
  keyOfScopes.set(name, issued.secret);
  return issued.secret;
}

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);

afterAll(async () => t.close());

describe('route access policies', () => {
  it('gives every route exactly the intended policy', () => {
    const actual = new Map<string, string>();
    const duplicates: string[] = [];
    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      if (actual.has(key)) duplicates.push(key);
      actual.set(key, describePolicy(route.access));
    }
    const differences: string[] = [];
    for (const [key, policy] of Object.entries(INTENDED_ROUTE_POLICIES)) {
      const found = actual.get(key);
      if (found === undefined) differences.push(`${key}: in the table, not registered`);
      else if (found !== describePolicy(policy))
        differences.push(`${key}: is ${found}, intended ${describePolicy(policy)}`);
    }
    for (const key of actual.keys()) {
      if (!(key in INTENDED_ROUTE_POLICIES))
        differences.push(`${key}: registered, not in the table (${actual.get(key) ?? ''})`);
    }
    expect(duplicates).toEqual([]);
    expect(differences).toEqual([]);
  });

  it('refuses with 403 forbidden every role a route does not list', async () => {
    const admitted: string[] = [];
    let checked = 0;
    for (const [key, method, url, policy] of intendedRoutes()) {
      if (policy.kind === 'public' || policy.roles === 'any') continue;
      for (const role of ROLES.filter((candidate) => !policy.roles.includes(candidate))) {
        const response = await send(method, url, { client: await clientFor(role) });
        const answer = refusal(method, response);
        checked += 1;
        if (answer !== (method === 'HEAD' ? '403' : '403 forbidden'))
          admitted.push(`${key} as ${role}: ${answer}`);
      }
    }
    expect(admitted).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses with 403 forbidden an API key without the scope a route needs', async () => {
    const admitted: string[] = [];
    for (const [key, method, url, policy] of intendedRoutes()) {
      if (policy.kind === 'public') continue;
      const apiKey = await keyWithout(policy.scopes);
      if (!apiKey) continue;
      const answer = refusal(method, await send(method, url, { apiKey }));
      if (answer !== (method === 'HEAD' ? '403' : '403 forbidden')) admitted.push(`${key}: ${answer}`);
    }
    expect(admitted).toEqual([]);
  });

  it('refuses with 401 unauthenticated an anonymous caller on every route that is not public', async () => {
    const admitted: string[] = [];
    for (const [key, method, url, policy] of intendedRoutes()) {
      if (policy.kind === 'public') continue;
      const answer = refusal(method, await send(method, url));
      if (answer !== (method === 'HEAD' ? '401' : '401 unauthenticated')) admitted.push(`${key}: ${answer}`);
    }
    expect(admitted).toEqual([]);
  });
});

describe('route access policies while a second factor must still be enrolled', () => {
  let strict: TestApp;
  let pending: TestClient;

  beforeAll(async () => {
    strict = await createTestApp({ TOTP_REQUIRED: 'true' });
    // The edge checks the pending second factor before the roles, so one customs role stands for all.
    const admin = await factories.user(strict, { roles: ['admin'] });
    pending = await signIn(strict.app, admin.email);
  }, 120_000);

  afterAll(async () => strict.close());

  it('refuses every route but the enrolment ones until the second factor is enrolled', async () => {
    const admitted: string[] = [];
    for (const [key, method, url, policy] of intendedRoutes()) {
      if (policy.kind === 'public' || policy.allowPendingSecondFactor || method === 'HEAD') continue;
      const response = await strict.app.inject({
        method,
        url: concreteUrl(url),
        headers: {
          [GENERATED_REQUEST_HEADER]: '1',
          cookie: pending.cookie ?? '',
          'x-csrf-token': pending.csrfToken ?? '',
        },
      });
      const error = response.json<{ error?: { code?: string; details?: { reason?: string } } }>().error;
      if (response.statusCode !== 403 || error?.details?.reason !== 'second_factor_enrolment_required')
        admitted.push(`${key}: ${response.statusCode} ${error?.code ?? ''}`);
    }
    expect(admitted).toEqual([]);
    const me = await pending.request('GET', '/api/v1/me');
    expect(me.json<{ user: { secondFactorPending: boolean } }>().user.secondFactorPending).toBe(true);
  });
});
