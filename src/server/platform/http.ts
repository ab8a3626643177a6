import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify';
import type { CallSerializerTypeProvider } from 'fastify/types/type-provider';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessPolicy } from './access-control';
import { ERROR_STATUS, validationError } from './errors';
import { findTextPath, hasLoneSurrogate, hasNul } from './text-safety';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Route options for the routes listed under one OpenAPI tag: each route then states only who may call it and its
 * own schema (summary, params, body, response…), e.g. `const modelRoute = routeOptionsFor('risk models')`, then
 * `app.get(url, modelRoute(RISK_ANALYSTS, { response: { 200: modelListSchema } }), handler)`.
 */
export function routeOptionsFor(tag: string) {
  return <Schema extends FastifySchema>(access: AccessPolicy, schema: Schema) => ({
    config: { access },
    schema: { tags: [tag], ...schema },
  });
}

/** A request to a route whose schema is `S`, typed by its zod schemas. */
export type ZodRequest<S extends FastifySchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  S,
  ZodTypeProvider
>;

/** The reply of a route whose schema is `S`. */
export type ZodReply<S extends FastifySchema> = FastifyReply<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  ContextConfigDefault,
  S,
  ZodTypeProvider
>;

/** What a route declares in `routesFor`: who may call it, and its schema but the tag (summary, params, body, response…). */
export type RouteDeclaration = Omit<FastifySchema, 'tags'> & {
  access: AccessPolicy;
  response: Partial<Record<SuccessStatus, unknown>>;
};

type SuccessStatus = 200 | 201 | 202 | 204;
type RouteSchema<D extends RouteDeclaration> = Omit<D, 'access'>;
type SuccessOf<D extends RouteDeclaration> = Extract<keyof D['response'], SuccessStatus>;

/** The body a route answers: its success status's schema; for a 204 nothing is sent, whatever the handler returns. */
export type RouteAnswer<D extends RouteDeclaration> =
  SuccessOf<D> extends 204
    ? unknown
    : CallSerializerTypeProvider<ZodTypeProvider, D['response'][SuccessOf<D>]>;

/** Answers a request with the body to send; it may set headers or cookies on the reply, but does not send. */
export type RouteHandler<D extends RouteDeclaration> = (
  request: ZodRequest<RouteSchema<D>>,
  reply: ZodReply<RouteSchema<D>>,
) => Promise<RouteAnswer<D>>;

function successStatusOf(url: string, response: RouteDeclaration['response']): SuccessStatus {
  const statuses = Object.keys(response)
    .map(Number)
    .filter((status): status is SuccessStatus => status >= 200 && status < 300);
  const [status] = statuses;
  if (statuses.length !== 1 || status === undefined)
    throw new Error(`${url}: a declared route names exactly one success status.`);
  return status;
}

/**
 * The routes of one OpenAPI tag in their smaller form: `route.post(url, { access, ...schema }, handler)`, where the
 * handler returns the body and the route sends it with the one success status its response schema names (201 for
 * `response: { 201: … }`; no body for 204). Routes that send the reply themselves (files) use `routeOptionsFor`.
 *
 * ```ts
 * const route = routesFor(app, 'organisations');
 * route.get('/api/v1/operators/:id', { access: SIGNED_IN, params: idParamsSchema, response: { 200: operatorSchema } },
 *   async (request) => ({ operator: await organisations.getOperator(request.context, request.params.id) }));
 * ```
 */
export function routesFor(app: ZodApp, tag: string) {
  const declare =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    <D extends RouteDeclaration>(url: string, declaration: D, handler: RouteHandler<D>): void => {
      const { access, ...schema } = declaration;
      const status = successStatusOf(url, schema.response);
      app.route<RouteGenericInterface, ContextConfigDefault, FastifySchema>({
        method,
        url,
        config: { access },
        schema: { tags: [tag], ...schema },
        handler: async (request, reply) => {
          // Validated against the schema already; the type provider cannot resolve a generic schema's types.
          const typed = [request, reply] as unknown as Parameters<RouteHandler<D>>;
          const body = await handler(...typed);
          return reply.code(status).send(status === 204 ? undefined : body);
        },
      });
    };
  return {
    get: declare('GET'),
    post: declare('POST'),
    put: declare('PUT'),
    patch: declare('PATCH'),
    delete: declare('DELETE'),
  };
}

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(
        Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]],
      ),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });

/**
 * The response of a route that sends a file rather than JSON (a PDF, an upload, a CSV), documented by its media
 * types. Fastify sends the bytes as they are: a serializer only runs for objects.
 */
export function fileResponse(mediaTypes: readonly string[], description: string) {
  return {
    description,
    content: Object.fromEntries(
      mediaTypes.map((mediaType) => [
        mediaType,
        { schema: z.unknown().meta({ type: 'string', format: 'binary' }) },
      ]),
    ),
  };
}

/** The 204 of a change that has nothing to report but that it was done. */
export const noContentResponse = z.undefined().describe('Done; no content.');

export const idParamsSchema = z.object({ id: z.uuid() });

export const isoDateSchema = z.iso.date();

/** Query-string booleans arrive as text. */
export const queryBooleanSchema = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

/** The version an If-Match header names (`"3"`, `W/"3"` or `3`); undefined when absent or `*`. */
export function readIfMatch(headers: Record<string, string | string[] | undefined>): number | undefined {
  const header = headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '' || header.trim() === '*') return undefined;
  const version = Number(header.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(version) || version < 0)
    throw validationError([{ path: 'If-Match', message: 'Send the version you read.' }]);
  return version;
}

/** Like readIfMatch, for changes that must name the version they replace. */
export function requireIfMatch(headers: Record<string, string | string[] | undefined>): number {
  const version = readIfMatch(headers);
  if (version === undefined)
    throw validationError([{ path: 'If-Match', message: 'Send the version you read (If-Match).' }]);
  return version;
}

/** The request field (`querystring.q`, `body.items.0.name`) holding a string `isBad` flags, for a part of the request. */
function findField(location: string, value: unknown, isBad: (text: string) => boolean): string | undefined {
  if (Buffer.isBuffer(value)) return undefined;
  const path = findTextPath(value, isBad, '', Number.POSITIVE_INFINITY);
  if (path === undefined) return undefined;
  return path ? `${location}.${path}` : location;
}

/** Deeper JSON is refused: no request of ours nests this far, and recursive validation of it would exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

function isDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= maxDepth) return true;
    for (const item of Object.values(current as Record<string, unknown>))
      stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}

const UNSTORABLE_TEXT = [
  { isBad: hasNul, message: 'Must not contain the NUL character (U+0000).' },
  {
    isBad: hasLoneSurrogate,
    message: 'Must be well-formed Unicode (no unpaired surrogate such as \\ud800).',
  },
] as const;

/**
 * Refuses, on every route, text PostgreSQL cannot store (a NUL; an unpaired surrogate, which jsonb rejects) with a 400
 * naming the field, and JSON nested deeper than MAX_JSON_DEPTH. Headers are checked first (they identify the caller);
 * path, query and JSON body before validation, so an anonymous caller still gets 401 and a cross-site write 403
 * first. Multipart parts are checked where they are read (`readUpload`).
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    for (const [name, value] of Object.entries(request.headers)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((item) => typeof item === 'string' && hasNul(item))) {
        throw validationError([{ path: `headers.${name}`, message: UNSTORABLE_TEXT[0].message }]);
      }
    }
  });
  app.addHook('preValidation', async (request) => {
    if (isDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw validationError([
        { path: 'body', message: `Nest values at most ${MAX_JSON_DEPTH} levels deep.` },
      ]);
    }
    for (const { isBad, message } of UNSTORABLE_TEXT) {
      const field =
        findField('params', request.params, isBad) ??
        findField('querystring', request.query, isBad) ??
        findField('body', request.body, isBad);
      if (field) throw validationError([{ path: field, message }]);
    }
  });
}

/** RFC 5987 attr-char: what may stay unescaped in `filename*`. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A Content-Disposition header value (RFC 6266) for a file name of any script: a printable-ASCII `filename` for old
 * clients (other characters, quotes and backslashes become `_`) and the exact name as UTF-8 in `filename*`.
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  // Lone surrogates cannot be encoded as UTF-8; U+FFFD stands in for them.
  const name = fileName.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'download';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name || 'download')}`;
}
