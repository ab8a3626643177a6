import type { FastifyReply } from 'fastify';
import { ADMINS, CASE_STAFF, PUBLIC, SESSION_COOKIE, SIGNED_IN, allow } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { idParamsSchema, noContentResponse, routesFor, type ZodApp } from '../../platform/http';
import type { RequestContext } from '../../platform/request-context';
import type { Services } from '../../services';
import {
  apiKeyListResponseSchema,
  apiKeyResponseSchema,
  apiScopeListResponseSchema,
  changePasswordBodySchema,
  createUserBodySchema,
  issueApiKeyBodySchema,
  issuedApiKeyResponseSchema,
  listUsersQuerySchema,
  loginBodySchema,
  meResponseSchema,
  otpBodySchema,
  sessionResponseSchema,
  totpEnrolmentResponseSchema,
  updateMeBodySchema,
  updateUserBodySchema,
  userListResponseSchema,
  userResponseSchema,
  validatorListResponseSchema,
} from './accounts.schemas';
import { presentMe, presentUser, type UserDto } from './accounts.presenters';

const ENROLMENT = allow({ allowPendingSecondFactor: true });

export function registerAccountsRoutes(app: ZodApp, services: Services, config: Config): void {
  const sessionRoute = routesFor(app, 'session');
  const adminRoute = routesFor(app, 'admin');
  const applicationRoute = routesFor(app, 'applications');
  const { users, apiKeys } = services;

  const describeMe = async (user: UserDto, context: RequestContext) => {
    const membership = await services.organisations.describeMembership(user.operatorId, context.now);
    const principal = context.principal;
    return presentMe(user, membership, principal?.kind === 'user' ? principal.isSecondFactorPending : false);
  };

  const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) => {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.session.cookieSecure,
      expires: expiresAt,
    });
  };

  sessionRoute.post(
    '/api/v1/session',
    { access: PUBLIC, summary: 'Sign in', body: loginBodySchema, response: { 200: sessionResponseSchema } },
    async (request, reply) => {
      const result = await services.sessions.login(request.context, {
        ...request.body,
        userAgent: request.headers['user-agent'],
        previousToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(reply, result.token, result.expiresAt);
      const context = { ...request.context, principal: result.principal };
      return { user: await describeMe(presentUser(result.user), context), csrfToken: result.csrfToken };
    },
  );

  sessionRoute.delete(
    '/api/v1/session',
    { access: ENROLMENT, summary: 'Sign out', response: { 204: noContentResponse } },
    async (request, reply) => {
      await services.sessions.logout(request.context);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  );

  sessionRoute.get(
    '/api/v1/me',
    { access: ENROLMENT, response: { 200: sessionResponseSchema } },
    async (request) => {
      const principal = request.context.principal;
      if (principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
      const user = await users.get(principal.userId);
      return { user: await describeMe(user, request.context), csrfToken: principal.csrfToken };
    },
  );

  sessionRoute.patch(
    '/api/v1/me',
    { access: SIGNED_IN, body: updateMeBodySchema, response: { 200: meResponseSchema } },
    async (request) => ({
      user: await describeMe(await users.updateProfile(request.context, request.body), request.context),
    }),
  );

  sessionRoute.post(
    '/api/v1/me/password',
    { access: SIGNED_IN, body: changePasswordBodySchema, response: { 204: noContentResponse } },
    async (request) => users.changePassword(request.context, request.body),
  );

  sessionRoute.post(
    '/api/v1/me/totp',
    {
      access: ENROLMENT,
      summary: 'Start two-factor enrolment',
      response: { 200: totpEnrolmentResponseSchema },
    },
    async (request) => users.startTotpEnrolment(request.context),
  );

  sessionRoute.post(
    '/api/v1/me/totp/confirm',
    { access: ENROLMENT, body: otpBodySchema, response: { 200: meResponseSchema } },
    async (request) => {
      const user = await users.confirmTotp(request.context, request.body.otp);
      const context = { ...request.context };
      if (context.principal?.kind === 'user')
        context.principal = { ...context.principal, isSecondFactorPending: false };
      return { user: await describeMe(user, context) };
    },
  );

  sessionRoute.delete(
    '/api/v1/me/totp',
    { access: SIGNED_IN, body: otpBodySchema, response: { 200: meResponseSchema } },
    async (request) => ({
      user: await describeMe(await users.disableTotp(request.context, request.body.otp), request.context),
    }),
  );

  adminRoute.get(
    '/api/v1/admin/users',
    { access: ADMINS, querystring: listUsersQuerySchema, response: { 200: userListResponseSchema } },
    async ({ query }) =>
      users.list({
        ...(query.q ? { query: query.q } : {}),
        ...(query.role ? { role: query.role } : {}),
        limit: query.limit,
        offset: query.offset,
      }),
  );

  adminRoute.post(
    '/api/v1/admin/users',
    { access: ADMINS, body: createUserBodySchema, response: { 201: userResponseSchema } },
    async (request) => ({ user: await users.create(request.context, request.body) }),
  );

  adminRoute.get(
    '/api/v1/admin/users/:id',
    { access: ADMINS, params: idParamsSchema, response: { 200: userResponseSchema } },
    async (request) => ({ user: await users.get(request.params.id) }),
  );

  adminRoute.patch(
    '/api/v1/admin/users/:id',
    {
      access: ADMINS,
      params: idParamsSchema,
      body: updateUserBodySchema,
      response: { 200: userResponseSchema },
    },
    async (request) => ({ user: await users.update(request.context, request.params.id, request.body) }),
  );

  applicationRoute.get(
    '/api/v1/validators',
    {
      access: CASE_STAFF,
      summary: 'Active validators, for assigning cases, visit teams and review sections',
      response: { 200: validatorListResponseSchema },
    },
    async () => ({ items: await users.listActiveValidators() }),
  );

  adminRoute.get(
    '/api/v1/admin/api-keys/scopes',
    { access: ADMINS, response: { 200: apiScopeListResponseSchema } },
    async () => ({ items: apiKeys.listScopes() }),
  );

  adminRoute.get(
    '/api/v1/admin/api-keys',
    { access: ADMINS, response: { 200: apiKeyListResponseSchema } },
    async () => ({ items: await apiKeys.list() }),
  );

  adminRoute.post(
    '/api/v1/admin/api-keys',
    {
      access: ADMINS,
      summary: 'Issue an API key (the secret is shown once)',
      body: issueApiKeyBodySchema,
      response: { 201: issuedApiKeyResponseSchema },
    },
    async (request) => {
      const { expiresAt, ...rest } = request.body;
      return apiKeys.issue(request.context, {
        ...rest,
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
      });
    },
  );

  adminRoute.post(
    '/api/v1/admin/api-keys/:id/revoke',
    { access: ADMINS, params: idParamsSchema, response: { 200: apiKeyResponseSchema } },
    async (request) => ({ apiKey: await apiKeys.revoke(request.context, request.params.id) }),
  );
}
