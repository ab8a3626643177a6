import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, registerAccessControl } from './platform/access-control';
import type { Config } from './platform/config';
import { isDatabaseReachable, type Db } from './platform/database';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from './platform/errors';
import { registerInputChecks, type ZodApp } from './platform/http';
import { buildLoggerOptions } from './platform/logger';
import { systemClock, type Clock } from './platform/request-context';
import { registerAccountsRoutes } from './modules/accounts/accounts.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerNotificationsRoutes } from './modules/notifications/notifications.routes';
import { registerOrganisationsRoutes } from './modules/organisations/organisations.routes';
import { registerProgrammeRoutes } from './modules/programme/programme.routes';
import { registerApplicationsRoutes } from './modules/applications/applications.routes';
import { registerValidationRoutes } from './modules/validation/validation.routes';
import { registerAuthorisationsRoutes } from './modules/authorisations/authorisations.routes';
import { registerDeclarationsRoutes } from './modules/risk/declarations.routes';
import { registerRiskModelsRoutes } from './modules/risk/risk-models.routes';
import { registerRiskSettingsRoutes } from './modules/risk/risk-settings.routes';
import { registerTrustRoutes } from './modules/trust/trust.routes';
import type { Services } from './services';

export interface AppDependencies {
  db: Db;
  config: Config;
  services: Services;
  clock?: Clock;
  /** Built web UI; served when present. */
  webDir?: string;
  logger?: boolean;
  /** Where logs go (tests read them to prove no secret is logged). */
  logStream?: NodeJS.WritableStream;
}

export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');

/** Longer path parameters are refused before routing (no id, code or token of ours comes near it). */
const MAX_PARAM_LENGTH = 100;

function sendError(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
  return { status: ERROR_STATUS[code], body: { error: { code, message, details } } };
}

/**
 * Requests Node's HTTP parser refuses (a NUL or other control character in a header, a malformed request line,
 * oversized headers) never reach Fastify; they get the same error shape, written to the socket.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? sendError('payload_too_large', 'The request headers are too large.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? sendError('validation_failed', 'The request was not received in time.')
        : sendError(
            'validation_failed',
            'The request is not valid HTTP (a header may hold a forbidden character).',
          );
  const body = JSON.stringify(response.body);
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  // end(), not destroy(): the answer is flushed before the connection closes (as Node's own handler does).
  socket.end(
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

/** Maps anything thrown to the one error shape; clients never see a stack trace or SQL. */
function toErrorResponse(error: FastifyError | AppError | Error) {
  if (error instanceof AppError) return sendError(error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as { validationContext?: string }).validationContext ?? 'body';
    const fields: FieldError[] = error.validation.map((issue) => ({
      path: [location, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'Invalid value',
    }));
    return sendError('validation_failed', 'The request is not valid.', { fields });
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_BAD_URL':
      return sendError('validation_failed', 'The URL is not valid: a part of it is badly percent-encoded.', {
        fields: [{ path: 'url', message: 'Percent-encode the URL as UTF-8.' }],
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendError('validation_failed', 'A path parameter is too long.', {
        fields: [
          { path: 'params', message: `Keep each path parameter within ${MAX_PARAM_LENGTH} characters.` },
        ],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError('unsupported_media_type', 'This content type is not accepted here.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError('validation_failed', 'The JSON body is empty.', {
        fields: [{ path: 'body', message: 'Required' }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError('validation_failed', 'The body is not valid JSON.', {
        fields: [{ path: 'body', message: 'Malformed JSON' }],
      });
    default:
      break;
  }
  if (fastifyError.statusCode === 429)
    return sendError('rate_limited', 'Too many requests. Try again later.');
  if (fastifyError.statusCode === 400 && error instanceof SyntaxError) {
    return sendError('validation_failed', 'The body is not valid JSON.', {
      fields: [{ path: 'body', message: 'Malformed JSON' }],
    });
  }
  if (fastifyError.statusCode === 413) return sendError('payload_too_large', 'The request is too large.');
  if (fastifyError.statusCode === 415)
    return sendError('unsupported_media_type', 'This content type is not accepted here.');
  if (fastifyError.statusCode === 404) return sendError('not_found', 'Not found.');
  if (fastifyError.statusCode === 403) return sendError('forbidden', 'Forbidden.');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendError('validation_failed', fastifyError.message);
  }
  return undefined;
}

function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const response = toErrorResponse(error) ?? sendError('validation_failed', 'The request is not valid.');
  void reply.header('x-request-id', request.id).code(response.status).send(response.body);
}

export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { config, services, db } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const app = Fastify({
    logger:
      dependencies.logger === false
        ? false
        : {
            ...buildLoggerOptions(config.logLevel),
            ...(dependencies.logStream ? { stream: dependencies.logStream } : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors raised before routing (bad percent-encoding, an over-long parameter) get the one error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const response = toErrorResponse(error);
    if (response) {
      if (response.status >= 500) request.log.error({ err: error }, 'request failed');
      const retryAfter = response.body.error.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
      return reply.code(response.status).send(response.body);
    }
    if (isResponseSerializationError(error))
      request.log.error({ err: error }, 'response did not match its schema');
    else request.log.error({ err: error }, 'unexpected error');
    const internal = sendError(
      'internal',
      'Something went wrong on our side. The request id identifies it.',
      {
        requestId: request.id,
      },
    );
    return reply.code(internal.status).send(internal.body);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.env === 'production',
  });
  await app.register(cookie);
  registerInputChecks(app);

  registerAccessControl(
    app,
    {
      authenticateSession: (token, now) => services.sessions.authenticate(token, now),
      authenticateApiKey: (key, now) => services.apiKeys.authenticate(key, now),
    },
    clock,
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenAEO API',
        version: '1',
        description:
          'Authorized Economic Operator programme and border risk management. Errors always have the shape ' +
          '{ "error": { "code", "message", "details" } }. Browser sessions send the X-CSRF-Token header on writes; ' +
          'machine clients use Authorization: Bearer <API key>.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'openaeo_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: (document) => withErrorResponses(jsonSchemaTransform(document)),
    // Emits the schemas registered with an id (`.meta({ id })`) as components, so every `$ref` resolves.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.get(
    '/healthz',
    {
      config: { access: PUBLIC },
      schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['operations'],
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) =>
      (await isDatabaseReachable(db))
        ? { status: 'ready' as const }
        : reply.code(503).send({ status: 'unavailable' as const }),
  );

  registerAccountsRoutes(app, services, config);
  registerOrganisationsRoutes(app, services);
  registerAuditRoutes(app, services);
  registerNotificationsRoutes(app, services);
  registerProgrammeRoutes(app, services);
  registerApplicationsRoutes(app, services, config);
  registerValidationRoutes(app, services, config);
  registerAuthorisationsRoutes(app, services);
  registerDeclarationsRoutes(app, services, config);
  registerRiskSettingsRoutes(app, services);
  registerRiskModelsRoutes(app, services);
  registerTrustRoutes(app, services, config);
  app.addHook('onClose', async () => {
    await services.riskModels.settle();
    await services.scoringPool.close();
  });

  const webDir = dependencies.webDir ?? DEFAULT_WEB_DIR;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, index: false });
    app.get('/', { config: { access: PUBLIC }, schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html').sendFile('index.html'),
    );
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz';
    if (!isApi && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const response = sendError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(response.status).send(response.body);
  });

  return app;
}

/**
 * Every route answers a refusal or a failure with the one error shape; the document says so once for every route
 * (4XX and 5XX) instead of each route repeating it. Documentation only: the error handler shapes the body.
 */
function withErrorResponses(
  route: ReturnType<typeof jsonSchemaTransform>,
): ReturnType<typeof jsonSchemaTransform> {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide) return route;
  const error = {
    description: 'The error shape: { "error": { "code", "message", "details" } }.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return { ...route, schema: { ...schema, response: { ...schema.response, '4XX': error, '5XX': error } } };
}
