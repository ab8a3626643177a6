import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allow } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { validationError, type AppError } from '../../platform/errors';
import { readIfMatch, routeOptionsFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  declarationDetailSchema,
  declarationListQuerySchema,
  declarationPageSchema,
  decisionSchema,
  idempotencyHeadersSchema,
  ingestBodySchema,
  inspectionResultSchema,
  inspectionViewSchema,
  parseIngestBody,
  type IngestBody,
} from './declarations.schemas';
import {
  DECLARATION_READER_ROLES,
  RISK_ANALYST_ROLES,
  RISK_RULE_EDITOR_ROLES,
} from '../../../vocabulary/roles';

const SUBMIT = allow({ roles: RISK_ANALYST_ROLES, scopes: ['declarations:write'] });
const READ = allow({ roles: DECLARATION_READER_ROLES, scopes: ['declarations:read', 'declarations:write'] });
const INSPECT = allow({ roles: RISK_RULE_EDITOR_ROLES, scopes: ['inspections:write'] });

const declarationRoute = routeOptionsFor('declarations');

const declarationParamsSchema = z.object({ id: z.string().min(1).max(64) });

function validateIngestBody(body: unknown): { value: IngestBody } | { error: AppError } {
  const parsed = parseIngestBody(body);
  if (!parsed.success) {
    return {
      error: validationError(
        parsed.fields.map((field) => ({
          path: field.path === '' ? 'body' : `body.${field.path}`,
          message: field.message,
        })),
      ),
    };
  }
  return { value: parsed.isBatch ? { declarations: parsed.declarations } : parsed.declarations[0]! };
}

export function registerDeclarationsRoutes(app: ZodApp, services: Services, config: Config): void {
  const declarations = services.declarations;

  app.post(
    '/api/v1/declarations',
    {
      ...declarationRoute(SUBMIT, {
        summary: 'Submit one declaration or a batch of up to 1 000 and get each channel decision',
        description:
          'Retries are safe: the same declaration id with the same content answers the stored decision ' +
          '(`replayed: true`); with other content, 422. An Idempotency-Key header scopes a whole request: ' +
          'the same key with a different body is a 422. The answer is one Decision, or `{ decisions: Decision[] }` ' +
          'in input order.',
        headers: idempotencyHeadersSchema,
        body: ingestBodySchema,
        response: { 200: z.union([decisionSchema, z.object({ decisions: z.array(decisionSchema) })]) },
      }),
      bodyLimit: Math.max(config.bodyLimitBytes, config.declarationsBodyLimitBytes),
      // The union documents both shapes; the body is validated as the one it was meant to be, so a 400 names
      // the failing field (`body.date`, `body.declarations`) instead of the whole body.
      // (Fastify types `schema` as the route's whole schema object; it is passed the part's zod schema.)
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? validateIngestBody
          : validatorCompiler({ ...route, schema: route.schema as unknown as z.ZodType }),
      // The schema documents the answer; the service builds it, so plain JSON.stringify keeps batches fast.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const body = request.body;
      const isBatch = 'declarations' in body;
      const decisions = await declarations.ingest(request.context, isBatch ? body.declarations : [body], {
        source: 'api',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return isBatch ? { decisions } : decisions[0]!;
    },
  );

  app.get(
    '/api/v1/declarations',
    declarationRoute(READ, {
      summary: 'The decision log, newest first, with filters; page with `before` = the previous nextCursor',
      querystring: declarationListQuerySchema,
      response: { 200: declarationPageSchema },
    }),
    async (request) => declarations.list(request.context, request.query),
  );

  app.get(
    '/api/v1/declarations/:id',
    declarationRoute(READ, {
      summary: 'A declaration with its decision, the reasons in plain words and any inspection result',
      params: declarationParamsSchema,
      response: { 200: declarationDetailSchema },
    }),
    async (request) => declarations.get(request.context, request.params.id),
  );

  app.post(
    '/api/v1/declarations/:id/inspection-result',
    declarationRoute(INSPECT, {
      summary:
        'Record the inspection result (the label the next model learns from); a joint inspection lists each ' +
        'agency’s findings. To correct a result, send If-Match with its version.',
      params: declarationParamsSchema,
      body: inspectionResultSchema,
      response: {
        200: inspectionViewSchema,
        201: inspectionViewSchema,
      },
    }),
    async (request, reply) => {
      const expectedVersion = readIfMatch(request.headers);
      const result = await declarations.recordInspection(
        request.context,
        request.params.id,
        request.body,
        expectedVersion,
      );
      return reply.code(expectedVersion === undefined ? 201 : 200).send(result);
    },
  );
}
