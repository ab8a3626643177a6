import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { areEqualSecrets } from './crypto';
import { CASE_ROLES, DECISION_ROLES, RISK_ANALYST_ROLES } from '../../vocabulary/roles';
import { AppError, forbidden } from './errors';
import {
  hasRole,
  type ApiScope,
  type Clock,
  type Principal,
  type RequestContext,
  type Role,
} from './request-context';

/** Every route states who may call it; a route that does not is refused to everyone (deny by default). */
export type AccessPolicy =
  | { kind: 'public' }
  | {
      kind: 'authenticated';
      /** Session users with one of these roles; omitted means any signed-in user (object checks follow). */
      roles?: readonly Role[];
      /** API keys with one of these scopes; omitted means API keys are refused. */
      scopes?: readonly ApiScope[];
      /** Reachable while a second factor still has to be enrolled (the enrolment routes themselves). */
      allowPendingSecondFactor?: boolean;
    };

export const PUBLIC: AccessPolicy = { kind: 'public' };
export const SIGNED_IN: AccessPolicy = { kind: 'authenticated' };

export function allow(options: {
  roles?: readonly Role[];
  scopes?: readonly ApiScope[];
  allowPendingSecondFactor?: boolean;
}): AccessPolicy {
  return { kind: 'authenticated', ...options };
}

/** The policies of the vocabulary's role groups (src/vocabulary/roles.ts): one name per meaning, in every module. */
export const ADMINS = allow({ roles: ['admin'] });
export const CASE_STAFF = allow({ roles: CASE_ROLES });
export const DECISION_MAKERS = allow({ roles: DECISION_ROLES });
export const RISK_ANALYSTS = allow({ roles: RISK_ANALYST_ROLES });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    context: RequestContext;
  }
  interface FastifyInstance {
    routesWithoutAccessPolicy: string[];
    routeTable: RouteEntry[];
  }
}

/** One registered route and who may call it: the generated tests (object scope, fuzz) walk this table. */
export interface RouteEntry {
  method: string;
  url: string;
  access: AccessPolicy | undefined;
}

export const SESSION_COOKIE = 'openaeo_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authenticators {
  authenticateSession(token: string, now: Date): Promise<Principal | undefined>;
  authenticateApiKey(key: string, now: Date): Promise<Principal | undefined>;
}

/** Routes registered by plugins we trust to be public (API docs, static files). */
const PUBLIC_PREFIXES = ['/api/docs'];

export function registerAccessControl(
  app: FastifyInstance,
  authenticators: Authenticators,
  clock: Clock,
): void {
  app.decorate('routesWithoutAccessPolicy', [] as string[]);
  app.decorateRequest('context', undefined as unknown as RequestContext);

  app.addHook('onRoute', (route) => {
    if (route.config?.access) return;
    if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix)) || route.url === '/*') {
      route.config = { ...route.config, access: PUBLIC };
      return;
    }
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    app.routesWithoutAccessPolicy.push(`${methods} ${route.url}`);
  });
  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      app.routeTable.push({ method, url: route.url, access: route.config?.access });
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const now = clock();
    const principal = await authenticate(request, authenticators, now);
    request.context = { principal, requestId: request.id, ip: request.ip, now };
    reply.header('x-request-id', request.id);
    if (!request.routeOptions.url) return; // unknown route: the not-found handler answers
    enforcePolicy(request, request.routeOptions.config.access);
  });
}

async function authenticate(
  request: FastifyRequest,
  authenticators: Authenticators,
  now: Date,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match?.[1] ? await authenticators.authenticateApiKey(match[1], now) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'The API key is not valid.');
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  return token ? authenticators.authenticateSession(token, now) : undefined;
}

function enforcePolicy(request: FastifyRequest, policy: AccessPolicy | undefined): void {
  if (!policy) throw new AppError('forbidden', 'This route has no access policy.');
  const principal = request.context.principal;
  if (policy.kind === 'public') {
    checkCsrf(request, principal);
    return;
  }
  if (!principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (principal.kind === 'api_key') {
    const isAllowed = policy.scopes?.some((scope) => principal.scopes.includes(scope)) ?? false;
    if (!isAllowed) throw new AppError('forbidden', 'The API key does not have the scope this route needs.');
    return;
  }
  if (principal.isSecondFactorPending && !policy.allowPendingSecondFactor) {
    throw new AppError('forbidden', 'Set up two-factor authentication before continuing.', {
      reason: 'second_factor_enrolment_required',
    });
  }
  if (policy.roles && !policy.roles.some((role) => principal.roles.includes(role))) {
    throw new AppError('forbidden', 'Your role does not allow this.');
  }
  checkCsrf(request, principal);
}

/** Cookie-authenticated writes must echo the session's CSRF token; bearer-token clients need none. */
function checkCsrf(request: FastifyRequest, principal: Principal | undefined): void {
  if (principal?.kind !== 'user' || SAFE_METHODS.has(request.method)) return;
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || !areEqualSecrets(header, principal.csrfToken)) {
    throw new AppError('csrf_failed', 'The X-CSRF-Token header is missing or does not match the session.');
  }
}

/** The signed-in user acting, for acts recorded under a user's id (an API key or an anonymous caller gets 401). */
export function requireUserId(context: RequestContext): string {
  if (context.principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
  return context.principal.userId;
}

/** An object-level role check inside a service, after the route's policy let a wider group in. */
export function requireRole(context: RequestContext, roles: readonly Role[], message: string): void {
  if (!hasRole(context.principal, ...roles)) throw forbidden(message);
}
