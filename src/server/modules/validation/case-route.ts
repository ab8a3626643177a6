import type { FastifySchema } from 'fastify';
import type { AccessPolicy } from '../../platform/access-control';
import { routeOptionsFor } from '../../platform/http';
import { caseParams } from './validation.schemas';

/** Where the routes on one case start: the application the case examines. */
export const CASE_PATH = '/api/v1/applications/:id';

/** What a case route states of its schema; its params default to the case's `:id`. */
type CaseRouteSchema = Omit<FastifySchema, 'tags'>;

/** A case route's schema: the case's params unless it names longer ones. */
type WithCaseParams<S> = Omit<{ params: typeof caseParams }, keyof S> & S;

/**
 * The options of the routes on one case for a module's OpenAPI tag: who may call the route, and its schema with
 * the case's params unless the route names longer ones (`:id/findings/:questionId`).
 */
export function caseRouteOptions(tag: string) {
  const route = routeOptionsFor(tag);
  // Named, not inferred: a generic spread infers an intersection, which would intersect a route's own params with the case's.
  return <S extends CaseRouteSchema>(access: AccessPolicy, schema: S) =>
    route<WithCaseParams<S>>(access, { params: caseParams, ...schema });
}
