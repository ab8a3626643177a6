import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { AccessPolicy } from '../../platform/access-control';
import { routeOptionsFor, type ZodApp } from '../../platform/http';
import { uploadBodyLimit, withUploads } from '../../platform/uploads';
import { caseParams } from './validation.schemas';

/** Where the routes on one case start: the application the case examines. */
export const CASE_PATH = '/api/v1/applications/:id';

/** What a schema gives the handler: its output, or unknown where the route declares none. */
type Output<T> = T extends z.ZodType ? z.output<T> : unknown;

/** The request of a case route, typed by its params, body and querystring schemas. */
type CaseRequest<P, B, Q> = Omit<FastifyRequest, 'params' | 'body' | 'query'> & {
  params: Output<P>;
  body: Output<B>;
  query: Output<Q>;
};

/** What a case route answers: the body its one response schema describes (anything for a file or a 204). */
type Answer<R> = Output<R[keyof R]>;

/**
 * One route on a case: its schema (params default to the case's `:id`) and what it does. It declares one response,
 * whose status it answers with and whose body `run` returns; a route that sends a file sets its headers on `reply`
 * and returns the bytes.
 */
interface CaseAction<P, B, Q, R> {
  summary?: string;
  params?: P;
  body?: B;
  querystring?: Q;
  response: R;
  /** For a route that takes one uploaded file: its size limit in bytes (multipart is parsed for this route only). */
  uploadLimit?: number;
  run: (
    request: CaseRequest<P, B, Q>,
    reply: FastifyReply,
  ) => Promise<Answer<R> | (undefined extends Answer<R> ? void : never)>;
}

/** The one status a case action declares, e.g. `{ 201: schema }` → 201. */
function statusOf(response: object): number {
  const statuses = Object.keys(response);
  if (statuses.length !== 1)
    throw new Error(`A case action declares one response, not ${statuses.join(', ')}`);
  return Number(statuses[0]);
}

/**
 * Registers the routes on one case under a module's OpenAPI tag, each from its method, its path below the case, who
 * may call it and its action, e.g. `caseRoutes(app, 'validation')('POST', '/visit/start', CASE_STAFF, { response:
 * { 200: caseSchema }, run: … })`.
 */
export function caseRoutes(app: ZodApp, tag: string) {
  const options = routeOptionsFor(tag);
  return <P = typeof caseParams, B = undefined, Q = undefined, R extends object = object>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    access: AccessPolicy,
    { run, uploadLimit, ...schema }: CaseAction<P, B, Q, R>,
  ): void => {
    const status = statusOf(schema.response);
    const register = (scope: ZodApp, bodyLimit?: number): void => {
      scope.route({
        method,
        url: `${CASE_PATH}${path}`,
        // The case's params unless the route names longer ones (`:id/findings/:questionId`).
        ...options<FastifySchema>(access, { params: caseParams, ...schema }),
        ...(bodyLimit === undefined ? {} : { bodyLimit }),
        // Validated against the schema already; the type provider cannot resolve a generic schema's types.
        handler: async (request, reply) =>
          reply.code(status).send(await run(request as unknown as CaseRequest<P, B, Q>, reply)),
      });
    };
    if (uploadLimit === undefined) register(app);
    else withUploads(app, uploadLimit, (scope) => register(scope, uploadBodyLimit(uploadLimit)));
  };
}

/** Registers one route on a case: see `caseRoutes`. */
export type CaseRoute = ReturnType<typeof caseRoutes>;
