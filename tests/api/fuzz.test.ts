/**
 * Malformed input for every operation of the OpenAPI document, generated so that a route added tomorrow is covered
 * without anyone remembering: wrong types, missing and extra fields, NUL and other control characters, lone
 * surrogates, huge strings, bad percent-encoding, long path parameters and wrong content types, sent anonymously and
 * as an admin, an operator and a validator (with their real CSRF tokens, so writes get past CSRF to validation).
 * Every answer must be below 500, and every error must have the documented shape with a code of the closed set.
 * FUZZ_SEED and FUZZ_RUNS (runs per operation and caller) change the draw; the defaults keep the file within CI time.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../src/server/platform/errors';
import { errorResponseSchema } from '../../src/server/platform/http';
import { GENERATED_REQUEST_HEADER } from '../support/route-coverage';
import { createTestApp, factories, signIn, type TestApp } from '../support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_312);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

/**
 * Operations a signed-in caller does not fuzz because a success would end the fixture itself; the anonymous caller
 * still fuzzes them.
 */
const SKIPPED_WHEN_SIGNED_IN: Record<string, string> = {
  'DELETE /api/v1/session':
    'signs the fuzzing caller out, so every later request would test only the 401 path',
};

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  jsonBody: JsonSchema | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Caller {
  name: string;
  headers: Record<string, string>;
  isSignedIn: boolean;
}

interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload: Buffer | undefined;
  /** What was sent, short enough for a failure message. */
  summary: string;
}

let t: TestApp;
let document: OpenApiDocument;
let operations: Operation[];
const callers: Caller[] = [];
/** Ids that exist, so some requests get past "not found" to the handler's own checks. */
const realIds: string[] = [];
/** Real values for a path parameter, by the segment before it (`applications/{id}`); other parameters use realIds. */
const realValues: Record<string, string[]> = {};
/**
 * The operator's draft application, created anew when a fuzzed request (a valid withdrawal, a submission) moved it on,
 * so that later operations still reach their checks on an editable case.
 */
let keepDraftApplication: () => Promise<string>;

function realValuesFor(path: string, name: string): string[] {
  const segment = new RegExp(`([^/]+)/\\{${name}\\}`).exec(path)?.[1];
  return realValues[`${segment}/{${name}}`] ?? realIds;
}

beforeAll(async () => {
  t = await createTestApp();
  const headquarters = await factories.office(t.services, 'headquarters');
  const admin = await factories.user(t, { roles: ['admin'] });
  const validator = await factories.user(t, { roles: ['validator'], officeId: headquarters.id });
  const throwaway = await factories.user(t, { roles: ['validator'], officeId: headquarters.id });

  // An operator user with every right, a colleague and a draft application, so its own ids are real for it.
  const operator = await factories.operator(t, 'Fuzz Trading LLP');
  const owner = await factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
  });
  const colleague = await factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view'],
  });
  const operatorClient = await signIn(t.app, owner.email);
  const programme = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json<{
    versionId: string;
    types: { id: string }[];
    questionnaire: { sections: { questions: { id: string }[] }[] };
  }>();
  const authorisationType = programme.types[0]?.id;
  keepDraftApplication = async () => {
    const current = realValues['applications/{id}']?.[0];
    if (current) {
      const read = await operatorClient.request('GET', `/api/v1/applications/${current}`);
      if (read.json<{ status?: string }>().status === 'draft') return current;
    }
    const created = await operatorClient.request('POST', '/api/v1/applications', {
      body: { authorisationType },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    realValues['applications/{id}'] = [id];
    return id;
  };
  const applicationId = await keepDraftApplication();
  const questionId = programme.questionnaire.sections[0]?.questions[0]?.id ?? 'q1';
  Object.assign(realValues, {
    'operators/{id}': [operator.id],
    'consent/{operatorId}': [operator.id],
    'users/{id}': [throwaway.id],
    'users/{userId}': [colleague.id],
    'offices/{id}': [headquarters.id],
    'versions/{versionId}': [programme.versionId],
    'answers/{questionId}': [questionId],
    'findings/{questionId}': [questionId],
    'holidays/{day}': ['2026-12-25'],
    'budgets/{office}': [headquarters.code, '*'],
    'trusted-traders/{partyId}': ['KZ123456789012'],
    'status-lists/{purpose}': ['revocation', 'suspension'],
  });
  realIds.push(applicationId, operator.id, programme.versionId, headquarters.id, throwaway.id, colleague.id);

  callers.push({ name: 'anonymous', headers: {}, isSignedIn: false });
  for (const [name, client] of [
    ['admin', await signIn(t.app, admin.email)],
    ['operator', operatorClient],
    ['validator', await signIn(t.app, validator.email)],
  ] as const) {
    callers.push({
      name,
      headers: { cookie: client.cookie ?? '', 'x-csrf-token': client.csrfToken ?? '' },
      isSignedIn: true,
    });
  }

  document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase() as Operation['method'],
      path,
      parameters: operation.parameters ?? [],
      jsonBody: operation.requestBody?.content['application/json']?.schema,
    })),
  );
});

afterAll(async () => t?.close());

// ---------------------------------------------------------------- building blocks

const NUL_TEXT = fc.constantFrom('\u0000', 'a\u0000b', 'report\u0000.pdf', '\u0000\u0000\u0000');
const CONTROL_TEXT = fc.constantFrom(
  '\u0001',
  'a\u0007b',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  'line\u2028break',
  '\r\n',
);
const LONE_SURROGATE = fc.constantFrom('\ud800', 'x\udfffy', '\udbff');
const HUGE_TEXT = fc.constantFrom(10_000, 70_000).map((length) => 'x'.repeat(length));
const AWKWARD_TEXT = fc.constantFrom(
  '',
  ' ',
  '%',
  '_',
  '\\',
  "' or 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '-1',
  '1e309',
  'NaN',
  '9007199254740993',
  '2026-02-30',
  'null',
  '__proto__',
  'Ωmega-日本-🚚',
);

const malformedText = fc.oneof(
  NUL_TEXT,
  CONTROL_TEXT,
  LONE_SURROGATE,
  HUGE_TEXT,
  AWKWARD_TEXT,
  fc.string({ maxLength: 30, unit: 'binary' }),
);

/**
 * Deeply nested values, spliced into the JSON text after serialising (building them as objects would exhaust the
 * test's own stack): plain arrays, and a recursive rule condition.
 */
const DEEP_CONDITION = '\u0002deep-condition\u0002';
const DEEP_VALUES: Record<string, string> = {
  '\u0002deep-array\u0002': '['.repeat(5_000) + ']'.repeat(5_000),
  [DEEP_CONDITION]:
    '{"kind":"not","condition":'.repeat(5_000) +
    '{"kind":"hsPrefix","prefixes":["0101"]}' +
    '}'.repeat(5_000),
};

function serialise(value: unknown): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const [marker, deep] of Object.entries(DEEP_VALUES))
    text = text.replaceAll(JSON.stringify(marker), deep);
  return text;
}

const malformedValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: malformedText },
  fc.integer(),
  fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(...Object.keys(DEEP_VALUES)),
);

const extraKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  NUL_TEXT,
  fc.constantFrom('__proto__', 'constructor', 'id'),
);

/** Percent-encodes for a URL; a lone surrogate becomes its (invalid) three UTF-8 bytes, as a sloppy client sends it. */
function encodeLoose(value: string): string {
  return Array.from(value)
    .map((character) => {
      if (!/^[\ud800-\udfff]$/.test(character)) return encodeURIComponent(character);
      const code = character.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** A URL component: either text to encode, or raw text that is already (badly) encoded. */
type UrlPart = { raw: string } | { text: string };
const urlPart = (text: fc.Arbitrary<string>): fc.Arbitrary<UrlPart> => text.map((value) => ({ text: value }));
const badEncoding: fc.Arbitrary<UrlPart> = fc
  .constantFrom('%E0%A4%A', '%', '%ZZ', '%C0%AF', '%FF%FE', '%ED%A0%80', 'a%2')
  .map((raw) => ({ raw }));
const toUrl = (part: UrlPart) => ('raw' in part ? part.raw : encodeLoose(part.text));

function resolve(schema: JsonSchema | undefined): JsonSchema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.replace('#/components/schemas/', '');
  return document.components?.schemas?.[name] ?? {};
}

function safeStringMatching(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** Values the schema accepts (mostly): the starting point that single mutations then break. */
function validValue(input: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices?.length) return fc.oneof(...choices.map((choice) => validValue(choice, depth + 1)));
  if (schema.allOf?.length) return validValue(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties))
        record[name] = validValue(property, depth + 1);
      return fc.record(record, {
        requiredKeys: (schema.required ?? []).filter((name) => name in properties),
      });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(validValue(schema.items, depth + 1), {
        minLength,
        maxLength: Math.min(schema.maxItems ?? minLength + 2, minLength + 2),
      });
    }
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1),
        max: Math.min(schema.maximum ?? 1_000, 1_000_000),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? 0,
        max: schema.maximum ?? 1_000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return validText(schema);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function validText(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...realIds));
    case 'email':
      return fc.constantFrom('someone@example.test', 'a.b@example.org');
    case 'date':
      return fc.constantFrom('2026-03-10', '2026-12-31');
    case 'date-time':
      return fc.constantFrom('2026-03-10T10:00:00.000Z', '2026-12-31T23:59:59Z');
    case 'uri':
      return fc.constantFrom('https://example.test/a');
    default:
      break;
  }
  const matching = schema.pattern ? safeStringMatching(schema.pattern) : undefined;
  if (matching) return matching;
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? minLength + 12, minLength + 12) });
}

type Mutation =
  | { kind: 'none' }
  | { kind: 'replace' | 'delete' | 'taint'; at: number; value: unknown; taint: string }
  | { kind: 'extra'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constantFrom('replace' as const, 'delete' as const, 'taint' as const),
    at: fc.nat(),
    value: malformedValue,
    taint: fc.oneof(NUL_TEXT, CONTROL_TEXT, LONE_SURROGATE),
  }),
  fc.record({ kind: fc.constant('extra' as const), at: fc.nat(), key: extraKey, value: malformedValue }),
);

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container | undefined;
  key: string | number;
  value: unknown;
}

function slotsOf(value: unknown, parent?: Container, key: string | number = ''): Slot[] {
  const slots: Slot[] = [{ parent, key, value }];
  if (Array.isArray(value)) value.forEach((item, index) => slots.push(...slotsOf(item, value, index)));
  else if (value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) slots.push(...slotsOf(item, value as Container, name));
  }
  return slots;
}

/** Breaks one place of a (structured-cloned) value; the root may be replaced outright. */
function mutate(original: unknown, change: Mutation): unknown {
  if (change.kind === 'none') return original;
  const root = structuredClone(original);
  const setAt = (slot: Slot, value: unknown) => {
    if (!slot.parent) return value;
    (slot.parent as Record<string | number, unknown>)[slot.key] = value;
    return root;
  };
  if (change.kind === 'taint') {
    const strings = slotsOf(root).filter((slot) => typeof slot.value === 'string');
    const slot = strings[change.at % Math.max(strings.length, 1)];
    return slot ? setAt(slot, `${String(slot.value)}${change.taint}`) : change.taint;
  }
  const slots = slotsOf(root);
  const slot = slots[change.at % slots.length] ?? { parent: undefined, key: '', value: root };
  if (change.kind === 'replace') return setAt(slot, change.value);
  if (change.kind === 'delete') {
    if (!slot.parent) return undefined;
    if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
    else delete slot.parent[slot.key];
    return root;
  }
  if (change.kind !== 'extra') return root;
  const objects = slots.filter(
    (candidate) =>
      candidate.value !== null && typeof candidate.value === 'object' && !Array.isArray(candidate.value),
  );
  const target = objects[change.at % Math.max(objects.length, 1)];
  if (!target) return root;
  Object.defineProperty(target.value, change.key, { value: change.value, enumerable: true, writable: true });
  return root;
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

const multipartBody = fc.record({
  fileName: fc.oneof(
    fc.constantFrom('evidence.pdf', 'photo.png', 'отчёт №1.pdf', 'a"b\\c.pdf', ''),
    NUL_TEXT,
    CONTROL_TEXT,
    fc.constantFrom(300, 10_000).map((length) => `${'n'.repeat(length)}.pdf`),
  ),
  content: fc.oneof(
    fc.constantFrom(
      PDF,
      PNG,
      Buffer.alloc(0),
      Buffer.from('PK\u0003\u0004junk', 'latin1'),
      Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(64, 0xff)]),
    ),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  ),
  fieldName: fc.constantFrom('file', 'file', 'other'),
  caption: fc.option(malformedText, { nil: undefined }),
});

function encodeMultipart(part: {
  fileName: string;
  content: Buffer;
  fieldName: string;
  caption: string | undefined;
}): { payload: Buffer; contentType: string } {
  const boundary = `----fuzz${randomUUID()}`;
  const chunks = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.fieldName}"; filename="${part.fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    part.content,
    Buffer.from('\r\n'),
  ];
  if (part.caption !== undefined) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${part.caption}\r\n`,
      ),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; bytes: Buffer; contentType: string };

function bodyFor(operation: Operation): fc.Arbitrary<Body> {
  const json = (value: fc.Arbitrary<unknown>) =>
    fc.record({
      kind: fc.constant('json' as const),
      value,
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    });
  const raw = fc.oneof(
    fc.record({
      kind: fc.constant('raw' as const),
      bytes: fc.constantFrom(
        Buffer.from('{"a":'),
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        Buffer.from('{"a":"\u0000"}'),
        Buffer.from('{"__proto__":{"x":1}}'),
        Buffer.from('[]'),
        Buffer.from('null'),
        Buffer.from(''),
      ),
      contentType: fc.constant('application/json'),
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      bytes: fc.constantFrom(Buffer.from('a=b&c=%00'), Buffer.from('plain text'), Buffer.from('<x/>')),
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json; charset=utf-16',
        'image/png',
      ),
    }),
    multipartBody.map((part) => {
      const { payload, contentType } = encodeMultipart(part);
      return { kind: 'raw' as const, bytes: payload, contentType };
    }),
  );
  if (operation.method === 'GET' || operation.method === 'DELETE') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 1, arbitrary: raw },
    );
  }
  if (!operation.jsonBody) {
    // No JSON body documented: uploads (multipart) and bodiless actions.
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 3, arbitrary: raw },
      { weight: 1, arbitrary: json(malformedValue) },
    );
  }
  const valid = validValue(operation.jsonBody);
  return fc.oneof(
    { weight: 6, arbitrary: json(fc.tuple(valid, mutation).map(([value, change]) => mutate(value, change))) },
    { weight: 1, arbitrary: json(malformedValue) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: raw },
  );
}

function pathValue(path: string, name: string): fc.Arbitrary<UrlPart> {
  const real = fc.constantFrom(...realValuesFor(path, name));
  return fc.oneof(
    { weight: 4, arbitrary: urlPart(real) },
    { weight: 2, arbitrary: urlPart(fc.uuid()) },
    { weight: 2, arbitrary: urlPart(fc.constantFrom(101, 150, 2_000).map((length) => 'a'.repeat(length))) },
    {
      weight: 2,
      arbitrary: urlPart(
        fc.oneof(
          NUL_TEXT,
          real.map((id) => `${id}\u0000`),
        ),
      ),
    },
    { weight: 1, arbitrary: urlPart(fc.oneof(CONTROL_TEXT, LONE_SURROGATE, AWKWARD_TEXT)) },
    { weight: 1, arbitrary: badEncoding },
  );
}

function queryValue(parameter: Parameter): fc.Arbitrary<UrlPart | undefined> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: urlPart(validValue(parameter.schema).map(String)) },
    { weight: 3, arbitrary: urlPart(malformedText) },
    { weight: 1, arbitrary: badEncoding },
  );
}

const extraHeaders = (caller: Caller): fc.Arbitrary<Record<string, string>> => {
  // Header values must be bytes (below U+0100) for the injector; real HTTP refuses the rest earlier anyway.
  const value = fc.oneof(
    fc.constantFrom('\u0000', 'a\u0000b', '\u0001', 'x'.repeat(8_000), 'ÿ', '"3"', 'W/"-1"', '*', '1e9'),
    fc.string({
      maxLength: 20,
      unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)),
    }),
  );
  const names = ['x-fuzz', 'idempotency-key', 'if-match', 'accept-language', 'user-agent', 'x-forwarded-for'];
  if (!caller.isSignedIn) names.push('authorization', 'cookie');
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.record({ name: fc.constantFrom(...names), value }).map(({ name, value: text }) => ({
        [name]:
          name === 'authorization' ? `Bearer ${text}` : name === 'cookie' ? `openaeo_session=${text}` : text,
      })),
    },
  );
};

interface RequestParts {
  path: Record<string, UrlPart>;
  query: Record<string, UrlPart | undefined>;
  extraQuery?: [UrlPart, UrlPart] | undefined;
  body: Body;
  headers: Record<string, string>;
}

const pathNamesOf = (operation: Operation) =>
  [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');

function buildRequest(operation: Operation, caller: Caller, parts: RequestParts): FuzzRequest {
  const { path, query, extraQuery: extra, body, headers } = parts;
  const url = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    toUrl(path[name] ?? { text: '' }),
  );
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, UrlPart] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${toUrl(value)}`);
  if (extra) pairs.push(`${toUrl(extra[0])}=${toUrl(extra[1])}`);
  const allHeaders: Record<string, string> = { ...caller.headers, ...headers };
  let payload: Buffer | undefined;
  if (body.kind === 'json') {
    payload = Buffer.from(serialise(body.value));
    allHeaders['content-type'] = body.contentType;
  } else if (body.kind === 'raw') {
    payload = body.bytes;
    allHeaders['content-type'] = body.contentType;
  }
  const fullUrl = pairs.length ? `${url}?${pairs.join('&')}` : url;
  const shownHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, JSON.stringify(value.slice(0, 60))]),
  );
  const shownBody =
    body.kind === 'none'
      ? '-'
      : `${allHeaders['content-type']} ${JSON.stringify(payload?.toString('utf8').slice(0, 300))}`;
  const summary = `${operation.method} ${fullUrl.slice(0, 300)} headers=${JSON.stringify(shownHeaders)} body=${shownBody}`;
  return { url: fullUrl, headers: allHeaders, payload, summary };
}

/** Random requests: each part drawn from valid and malformed values. */
function requestFor(operation: Operation, caller: Caller): fc.Arbitrary<FuzzRequest> {
  const pathArbs: Record<string, fc.Arbitrary<UrlPart>> = {};
  for (const name of pathNamesOf(operation)) pathArbs[name] = pathValue(operation.path, name);
  const queryArbs: Record<string, fc.Arbitrary<UrlPart | undefined>> = {};
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    queryArbs[parameter.name] = queryValue(parameter);
  }
  const extraQuery = fc.option(fc.tuple(urlPart(extraKey), fc.oneof(urlPart(malformedText), badEncoding)), {
    nil: undefined,
    freq: 4,
  });
  return fc
    .record({
      path: fc.record(pathArbs),
      query: fc.record(queryArbs),
      extraQuery,
      body: bodyFor(operation),
      headers: extraHeaders(caller),
    })
    .map((parts) => buildRequest(operation, caller, parts));
}

/**
 * The request a well-behaved client would send (real path values, a body drawn from the schema), then the same
 * request with a NUL added to one field at a time (each path and query parameter, each documented header; each string
 * of the body, with an unpaired surrogate too), with every object field of the body nested deeply, and, where no JSON body is documented, with broken uploads.
 * Random draws alone would reach a deep field too rarely.
 */
function sweepFor(
  operation: Operation,
  caller: Caller,
  seed: number,
): { baseline: FuzzRequest; variants: FuzzRequest[] } {
  const path: Record<string, UrlPart> = {};
  for (const name of pathNamesOf(operation))
    path[name] = { text: realValuesFor(operation.path, name)[0] ?? randomUUID() };
  const value = operation.jsonBody
    ? fc.sample(validValue(operation.jsonBody), { seed, numRuns: 1 })[0]
    : undefined;
  const body: Body = operation.jsonBody
    ? { kind: 'json', value, contentType: 'application/json' }
    : { kind: 'none' };
  const base: RequestParts = { path, query: {}, body, headers: {} };
  const variants: RequestParts[] = [];
  for (const [name, part] of Object.entries(path)) {
    variants.push({
      ...base,
      path: { ...path, [name]: { text: `${'text' in part ? part.text : ''}\u0000` } },
    });
  }
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query')
      variants.push({ ...base, query: { [parameter.name]: { text: 'a\u0000' } } });
    if (parameter.in === 'header') variants.push({ ...base, headers: { [parameter.name]: 'a\u0000' } });
  }
  if (operation.jsonBody) {
    const strings = slotsOf(value).filter((slot) => typeof slot.value === 'string');
    for (let index = 0; index < Math.min(strings.length, 20); index += 1) {
      // An unpaired surrogate too: JSON carries it (`"\udfff"`) and jsonb refuses it.
      for (const taint of ['\u0000', '\udfff']) {
        const change: Mutation = { kind: 'taint', at: index, value: undefined, taint };
        variants.push({
          ...base,
          body: { kind: 'json', value: mutate(value, change), contentType: 'application/json' },
        });
      }
    }
    const extra: Mutation = { kind: 'extra', at: 0, key: 'note\u0000', value: 'x' };
    variants.push({
      ...base,
      body: { kind: 'json', value: mutate(value, extra), contentType: 'application/json' },
    });
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // Every object field nested thousands of levels deep, so a recursive schema (a rule condition) recurses on it.
      const deep = Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          item !== null && typeof item === 'object' && !Array.isArray(item) ? DEEP_CONDITION : item,
        ]),
      );
      variants.push({ ...base, body: { kind: 'json', value: deep, contentType: 'application/json' } });
    }
  }
  if (!operation.jsonBody && operation.method !== 'GET' && operation.method !== 'DELETE') {
    // Perhaps an upload (multipart is not in the document): a file that starts like a ZIP and stops, and names
    // holding a NUL, a control character or 10 000 characters.
    for (const [fileName, content, caption] of [
      ['evidence.pdf', Buffer.from('PK\u0003\u0004junk', 'latin1'), undefined],
      ['evi\u0000dence.pdf', PDF, undefined],
      ['evi\u0007dence.pdf', PDF, undefined],
      [`${'n'.repeat(10_000)}.pdf`, PDF, undefined],
      ['photo.png', PNG, 'a\u0000'],
    ] as const) {
      const { payload, contentType } = encodeMultipart({ fileName, content, fieldName: 'file', caption });
      variants.push({ ...base, body: { kind: 'raw', bytes: payload, contentType } });
    }
  }
  return {
    baseline: buildRequest(operation, caller, base),
    variants: variants.map((parts) => buildRequest(operation, caller, parts)),
  };
}

// ---------------------------------------------------------------- the property

/** What is wrong with an answer, or undefined when it is a success or a well-formed error. */
function problemWith(response: LightMyRequestResponse): string | undefined {
  if (response.statusCode >= 500) return `answered ${response.statusCode}: ${response.body.slice(0, 300)}`;
  if (response.statusCode < 400) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `answered ${response.statusCode} with a body that is not JSON: ${response.body.slice(0, 200)}`;
  }
  const parsed = errorResponseSchema.safeParse(body);
  if (!parsed.success)
    return `answered ${response.statusCode} outside the error shape: ${response.body.slice(0, 300)}`;
  const code: ErrorCode = parsed.data.error.code;
  if (ERROR_STATUS[code] !== response.statusCode) {
    return `answered ${response.statusCode} with code ${code}, which maps to ${ERROR_STATUS[code]}`;
  }
  return undefined;
}

/** Derives a seed per operation and caller, so each gets its own draw and a failure replays alone. */
function seedFor(key: string): number {
  let hash = SEED;
  for (const character of key) hash = (Math.imul(hash, 31) + character.charCodeAt(0)) | 0;
  return hash;
}

async function send(
  operation: Operation,
  request: FuzzRequest,
): Promise<{ status: number; problem: { message: string; request: FuzzRequest } | undefined }> {
  const response = await t.app.inject({
    method: operation.method,
    url: request.url,
    // Marked, so that the route-coverage check does not count a fuzzed request as a test of the route.
    headers: { ...request.headers, [GENERATED_REQUEST_HEADER]: '1' },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  const message = problemWith(response);
  return { status: response.statusCode, problem: message === undefined ? undefined : { message, request } };
}

async function fuzz(caller: Caller): Promise<string[]> {
  const failures: string[] = [];
  for (const operation of operations) {
    if (caller.isSignedIn && SKIPPED_WHEN_SIGNED_IN[operation.key]) continue;
    const seed = seedFor(`${caller.name} ${operation.key}`);
    await keepDraftApplication();
    const sweep = sweepFor(operation, caller, seed);
    const baseline = await send(operation, sweep.baseline);
    const problems = [baseline.problem];
    // Access is decided before any input is read: a caller refused the plain request is refused every variant.
    if (![401, 403].includes(baseline.status)) {
      for (const variant of sweep.variants) problems.push((await send(operation, variant)).problem);
    }
    const sweepProblem = problems.find((problem) => problem !== undefined);
    if (sweepProblem)
      failures.push(`${operation.key}: ${sweepProblem.message}\n    sent: ${sweepProblem.request.summary}`);
    const result = await fc.check(
      fc.asyncProperty(requestFor(operation, caller), async (request) => {
        const { problem } = await send(operation, request);
        if (problem) throw new Error(problem.message);
      }),
      { seed, numRuns: RUNS, endOnFailure: true },
    );
    if (result.failed) {
      const [request] = (result.counterexample ?? []) as [FuzzRequest?];
      const reason =
        result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      failures.push(`${operation.key} (seed ${seed}): ${reason}\n    sent: ${request?.summary ?? '?'}`);
    }
  }
  return failures;
}

describe('malformed input to every operation of the OpenAPI document', () => {
  it('covers the documented operations', () => {
    expect(operations.length).toBeGreaterThan(100);
    for (const key of Object.keys(SKIPPED_WHEN_SIGNED_IN)) {
      expect(operations.map((operation) => operation.key)).toContain(key);
    }
  });

  for (const name of ['anonymous', 'admin', 'operator', 'validator']) {
    it(`never answers 5xx and always in the error shape (${name})`, async () => {
      const caller = callers.find((candidate) => candidate.name === name);
      if (!caller) throw new Error(`no caller ${name}`);
      const failures = await fuzz(caller);
      expect(failures, failures.join('\n')).toEqual([]);
    }, 300_000);
  }
});
