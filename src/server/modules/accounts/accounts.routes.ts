import type { FastifyReply } from 'fastify';
import { ADMINS, CASE_STAFF, PUBLIC, SESSION_COOKIE, SIGNED_IN, allow } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { idParamsSchema, noContentResponse, routeOptionsFor, type ZodApp } from '../../platform/http';
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

const sessionRoute = routeOptionsFor('session');
const adminRoute = routeOptionsFor('admin');
const applicationRoute = routeOptionsFor('applications');

export function registerAccountsRoutes(app: ZodApp, services: Services, config: Config): void {
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

  app.post(
    '/api/v1/session',
    sessionRoute(PUBLIC, {
      summary: 'Sign in',
      body: loginBodySchema,
      response: { 200: sessionResponseSchema },
    }),
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

  app.delete(
    '/api/v1/session',
    sessionRoute(ENROLMENT, { summary: 'Sign out', response: { 204: noContentResponse } }),
    async (request, reply) => {
      await services.sessions.logout(request.context);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    sessionRoute(ENROLMENT, { response: { 200: sessionResponseSchema } }),
    async (request) => {
      const principal = request.context.principal;
      if (principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
      const user = await services.users.get(principal.userId);
      return { user: await describeMe(user, request.context), csrfToken: principal.csrfToken };
    },
  );

  app.patch(
    '/api/v1/me',
    sessionRoute(SIGNED_IN, { body: updateMeBodySchema, response: { 200: meResponseSchema } }),
    async (request) => {
      const user = await services.users.updateProfile(request.context, request.body);
      return { user: await describeMe(user, request.context) };
    },
  );

  app.post(
    '/api/v1/me/password',
    sessionRoute(SIGNED_IN, { body: changePasswordBodySchema, response: { 204: noContentResponse } }),
    async (request, reply) => {
      await services.users.changePassword(request.context, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/me/totp',
    sessionRoute(ENROLMENT, {
      summary: 'Start two-factor enrolment',
      response: { 200: totpEnrolmentResponseSchema },
    }),
    async (request) => services.users.startTotpEnrolment(request.context),
  );

  app.post(
    '/api/v1/me/totp/confirm',
    sessionRoute(ENROLMENT, { body: otpBodySchema, response: { 200: meResponseSchema } }),
    async (request) => {
      const user = await services.users.confirmTotp(request.context, request.body.otp);
      const context = { ...request.context };
      if (context.principal?.kind === 'user')
        context.principal = { ...context.principal, isSecondFactorPending: false };
      return { user: await describeMe(user, context) };
    },
  );

  app.delete(
    '/api/v1/me/totp',
    sessionRoute(SIGNED_IN, { body: otpBodySchema, response: { 200: meResponseSchema } }),
    async (request) => {
      const user = await services.users.disableTotp(request.context, request.body.otp);
      return { user: await describeMe(user, request.context) };
    },
  );

  app.get(
    '/api/v1/admin/users',
    adminRoute(ADMINS, { querystring: listUsersQuerySchema, response: { 200: userListResponseSchema } }),
    async (request) =>
      services.users.list({
        ...(request.query.q ? { query: request.query.q } : {}),
        ...(request.query.role ? { role: request.query.role } : {}),
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.post(
    '/api/v1/admin/users',
    adminRoute(ADMINS, { body: createUserBodySchema, response: { 201: userResponseSchema } }),
    async (request, reply) => {
      const user = await services.users.create(request.context, request.body);
      return reply.code(201).send({ user });
    },
  );

  app.get(
    '/api/v1/admin/users/:id',
    adminRoute(ADMINS, { params: idParamsSchema, response: { 200: userResponseSchema } }),
    async (request) => ({ user: await services.users.get(request.params.id) }),
  );

  app.patch(
    '/api/v1/admin/users/:id',
    adminRoute(ADMINS, {
      params: idParamsSchema,
      body: updateUserBodySchema,
      response: { 200: userResponseSchema },
    }),
    async (request) => ({
      user: await services.users.update(request.context, request.params.id, request.body),
    }),
  );

  app.get(
    '/api/v1/validators',
    applicationRoute(CASE_STAFF, {
      summary: 'Active validators, for assigning cases, visit teams and review sections',
      response: { 200: validatorListResponseSchema },
    }),
    async () => ({ items: await services.users.listActiveValidators() }),
  );

  app.get(
    '/api/v1/admin/api-keys/scopes',
    adminRoute(ADMINS, { response: { 200: apiScopeListResponseSchema } }),
    async () => ({ items: services.apiKeys.listScopes() }),
  );

  app.get(
    '/api/v1/admin/api-keys',
    adminRoute(ADMINS, { response: { 200: apiKeyListResponseSchema } }),
    async () => ({ items: await services.apiKeys.list() }),
  );

  app.post(
    '/api/v1/admin/api-keys',
    adminRoute(ADMINS, {
      summary: 'Issue an API key (the secret is shown once)',
      body: issueApiKeyBodySchema,
      response: { 201: issuedApiKeyResponseSchema },
    }),
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const result = await services.apiKeys.issue(request.context, {
        ...rest,
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/admin/api-keys/:id/revoke',
    adminRoute(ADMINS, { params: idParamsSchema, response: { 200: apiKeyResponseSchema } }),
    async (request) => ({ apiKey: await services.apiKeys.revoke(request.context, request.params.id) }),
  );
}
