import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/server/platform/http';
import { MAX_FILE_NAME_LENGTH, checkFileName } from '../../src/server/platform/uploads';
import { findNulPath } from '../../src/server/platform/text-safety';
import { createTestApp, factories, signIn, type TestApp, type TestClient } from '../support/test-app';

const UPLOAD_LIMIT_BYTES = 4096;

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '2048', UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT_BYTES) });
});

afterAll(async () => t.close());

describe('API conventions', () => {
  it('has an access policy on every route (deny by default)', () => {
    expect(t.app.routesWithoutAccessPolicy).toEqual([]);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String), details: {} },
    });
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", "password": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.body).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('names every field of the wrong type', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const response = await client.request('POST', '/api/v1/admin/users', {
      body: { email: 'not-an-email', name: 42, password: 'x', roles: ['emperor'] },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.roles.0']));
    const badQuery = await client.request('GET', '/api/v1/admin/users?limit=many');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.details.fields[0].path).toBe('querystring.limit');
    const badId = await client.request('GET', '/api/v1/admin/users/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.fields[0].path).toBe('params.id');
  });

  it('answers a body over the configured size with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('sends security headers and a request id on every response', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/nothing']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const openapi = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/session', '/api/v1/audit/verify']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});

function fieldsOf(response: { json: () => unknown }): { path: string; message: string }[] {
  return (response.json() as { error: { details: { fields: { path: string; message: string }[] } } }).error
    .details.fields;
}

function expectErrorShape(
  response: { statusCode: number; json: () => unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Object) },
  });
}

describe('NUL characters are refused at the edge, naming the field', () => {
  it('refuses a NUL in a query parameter, even from an anonymous caller', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/register?q=%00' });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toEqual([{ path: 'querystring.q', message: expect.any(String) }]);
  });

  it('refuses a NUL in the sign-in e-mail', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'someone\u0000@example.test', password: 'whatever' },
    });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('body.email');
  });

  it('refuses a NUL in a path parameter and in a JSON field of a write', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const byId = await client.request('GET', '/api/v1/declarations/DECL-1%00');
    expectErrorShape(byId, 400, 'validation_failed');
    expect(fieldsOf(byId)[0]?.path).toBe('params.id');
    const write = await client.request('PATCH', '/api/v1/me', { body: { name: 'Ada\u0000Lovelace' } });
    expectErrorShape(write, 400, 'validation_failed');
    expect(fieldsOf(write)[0]?.path).toBe('body.name');
    const key = await client.request('PATCH', '/api/v1/me', { body: { name: 'Ada', ['x\u0000']: 1 } });
    expect(fieldsOf(key)[0]?.path).toBe('body.x\u0000');
  });

  it('refuses an unpaired surrogate in a JSON field, which jsonb cannot store', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const response = await client.request('PUT', '/api/v1/admin/holidays/2026-12-25', {
      payload: Buffer.from('{"name":"Holiday \\udfff"}'),
      headers: { 'content-type': 'application/json' },
    });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toEqual([{ path: 'body.name', message: expect.stringContaining('Unicode') }]);
  });

  it('refuses a NUL in a header value', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-note': 'a\u0000b' },
    });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('headers.x-note');
  });

  it('refuses JSON nested too deeply to validate', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":${'['.repeat(500)}${']'.repeat(500)},"password":"x"}`,
    });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('body');
  });

  it('finds the first NUL in document order, without recursion on hostile nesting', () => {
    expect(findNulPath({ a: 'ok', b: [{ c: 'x\u0000' }], ['d\u0000']: 1 })).toBe('b.0.c');
    expect(findNulPath({ ['k\u0000']: 'v' })).toBe('k\u0000');
    expect(findNulPath('\u0000', 'body')).toBe('body');
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findNulPath(deep)).toBeUndefined(); // beyond the default depth
    expect(findNulPath(deep, '', Number.POSITIVE_INFINITY)).toMatch(/^0(\.0)+$/);
  });
});

describe('errors raised before routing have the error shape', () => {
  it('answers bad percent-encoding in the path in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/applications/%E0%A4%A' });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('url');
  });

  it('answers a path parameter over 100 characters in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${'a'.repeat(101)}` });
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('params');
  });

  it('answers a request the HTTP parser refuses (a NUL in a header) in the error shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0000b\r\n\r\n');
      });
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body)).toEqual({
      error: { code: 'validation_failed', message: expect.any(String), details: {} },
    });
  });
});

describe('uploads', () => {
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
  let owner: TestClient;
  let applicationId: string;

  beforeAll(async () => {
    const operator = await factories.operator(t);
    const user = await factories.user(t, {
      roles: ['operator'],
      operatorId: operator.id,
      operatorRights: ['view', 'prepare', 'submit'],
    });
    owner = await signIn(t.app, user.email);
    const programme = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json<{
      types: { id: string }[];
    }>();
    const created = await owner.request('POST', '/api/v1/applications', {
      body: { authorisationType: programme.types[0]?.id },
    });
    expect(created.statusCode).toBe(201);
    applicationId = created.json<{ id: string }>().id;
  });

  function upload(fileName: string, content: Buffer, extra = '') {
    const boundary = `----platform${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(
        extra ? `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${extra}\r\n` : '',
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return owner.request('POST', `/api/v1/applications/${applicationId}/evidence`, {
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }

  it('refuses a file that starts like a ZIP and stops with 400 on file', async () => {
    const response = await upload(
      'evidence.pdf',
      Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('junk')]),
    );
    expectErrorShape(response, 400, 'validation_failed');
    expect(fieldsOf(response)[0]?.path).toBe('file');
  });

  it('refuses control characters in the file name and a NUL in a text field', async () => {
    for (const fileName of ['evi\u0000dence.pdf', 'evi\u0007dence.pdf']) {
      const response = await upload(fileName, PDF);
      expectErrorShape(response, 400, 'validation_failed');
      expect(fieldsOf(response)[0]?.path).toBe('file');
    }
    const field = await upload('evidence.pdf', PDF, 'a\u0000b');
    expectErrorShape(field, 400, 'validation_failed');
    expect(fieldsOf(field)[0]?.path).toBe('note');
  });

  it('shortens a 10 000-character file name, keeping its extension', async () => {
    const response = await upload(`${'n'.repeat(10_000)}.pdf`, PDF);
    expect(response.statusCode).toBe(201);
    const { fileName } = response.json<{ fileName: string }>();
    expect(fileName.length).toBe(MAX_FILE_NAME_LENGTH);
    expect(fileName.endsWith('.pdf')).toBe(true);
    expect(checkFileName(`${'я'.repeat(300)}.jpeg`)).toBe(`${'я'.repeat(MAX_FILE_NAME_LENGTH - 5)}.jpeg`);
    expect(checkFileName(`a${'🚚'.repeat(150)}`)).toBe(`a${'🚚'.repeat(99)}`); // never half a surrogate pair
  });

  it('sends a non-ASCII file name as filename* with an ASCII fallback', async () => {
    const uploaded = await upload('Отчёт №1 (final).pdf', PDF);
    expect(uploaded.statusCode).toBe(201);
    const evidenceId = uploaded.json<{ id: string }>().id;
    const download = await owner.request(
      'GET',
      `/api/v1/applications/${applicationId}/evidence/${evidenceId}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_____ _1 (final).pdf"; filename*=UTF-8''` +
        '%D0%9E%D1%82%D1%87%D1%91%D1%82%20%E2%84%961%20%28final%29.pdf',
    );
    expect(contentDisposition('inline', 'a"b\\c%.png')).toBe(
      `inline; filename="a_b_c_.png"; filename*=UTF-8''a%22b%5Cc%25.png`,
    );
    expect(contentDisposition('attachment', '\ud800.pdf')).toBe(
      `attachment; filename="_.pdf"; filename*=UTF-8''%EF%BF%BD.pdf`,
    );
  });

  it('answers a file over the limit with 413 and the limit', async () => {
    const response = await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(UPLOAD_LIMIT_BYTES)]));
    expectErrorShape(response, 413, 'payload_too_large');
    expect(response.json().error.details.limitBytes).toBe(UPLOAD_LIMIT_BYTES);
  });
});
