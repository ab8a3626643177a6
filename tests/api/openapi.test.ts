import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let document: Record<string, unknown>;

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json();
});

afterAll(async () => t.close());

/** Every `$ref` in the document, with where it stands. */
function collectRefs(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => collectRefs(item, `${at}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [{ ref: item, at }] : collectRefs(item, `${at}/${key}`),
  );
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, token) =>
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined,
      root,
    );
}

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has no dangling $ref and emits the shared schemas as components', () => {
    const dangling = collectRefs(document).filter(({ ref }) => resolvePointer(document, ref) === undefined);
    expect(dangling).toEqual([]);
    const schemas = (document.components as { schemas?: Record<string, unknown> }).schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Error', 'User', 'RuleConditionInput']));
  });

  it('describes the success response of every operation, so clients are generated from it and not kept by hand', () => {
    type Response = { description?: string; content?: unknown };
    const paths = document.paths as Record<string, Record<string, { responses?: Record<string, Response> }>>;
    // Without a schema @fastify/swagger writes a bare "200: Default Response"; 204 and redirects carry no body.
    const isDescribed = ([status, response]: [string, Response]) =>
      /^[23]/.test(status) &&
      (response.content !== undefined ||
        (/^(204|3..)$/.test(status) && response.description !== 'Default Response'));
    const undescribed = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !Object.entries(operation.responses ?? {}).some(isDescribed))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('describes the one error shape for every operation', () => {
    const paths = document.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    const withoutErrors = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !operation.responses?.['4XX'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withoutErrors).toEqual([]);
  });
});
