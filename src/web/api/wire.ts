/**
 * The web's view of the wire: every shape comes from the OpenAPI document the server builds from its zod schemas
 * (`openapi.generated.ts`), so the screens read what the server declares and never keep a copy.
 */
import type { components, paths } from './openapi.generated';

export type Schemas = components['schemas'];
export type ApiPath = keyof paths;
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type OperationOf<P extends ApiPath, M extends HttpMethod> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body an operation answers with the given success status. */
export type ResponseOf<P extends ApiPath, M extends HttpMethod, S extends number = 200> =
  OperationOf<P, M> extends { responses: infer Responses }
    ? S extends keyof Responses
      ? JsonOf<Responses[S]>
      : never
    : never;

/** The JSON body an operation accepts. */
export type RequestBodyOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { requestBody?: infer Body } ? JsonOf<NonNullable<Body>> : never;

/** The query parameters an operation accepts. */
export type QueryOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
