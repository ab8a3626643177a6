import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_STATUS, validationError } from './errors';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

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
