import { createHmac, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { addDuration } from '../../../programme-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  encodeQrPayload,
  hashLeaf,
  hexToBytes,
  parseVerificationBundle,
  TrustList,
  verifyBundle,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../../trust-core';
import type { TestClient } from '../../../../tests/support/test-app';
import { factories, signIn } from '../../../../tests/support/test-app';
import { seedDemoTrust } from '../../seed/demo-trust';
import {
  createAuthorisation,
  createManager,
  createTrustTestApp,
  useTrustTestApp,
} from './trust.test-support';

interface CertificateBody {
  credential: string;
  certificateNumber: string;
  certificateId: string;
  kid: string;
  qrPayload: string;
  statusLists: string[];
  logProof: { leafIndex: number; treeSize: number; auditPath: string[]; checkpoint: string };
}

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');

describe('certificates, status and the transparency log', () => {
  const t = useTrustTestApp();

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const verify = async (credential: string) => {
    const response = await t.anonymous.request('POST', '/api/v1/verify', { body: { credential } });
    expect(response.statusCode).toBe(200);
    return response.json<{ result: string; reason: string; details: Record<string, unknown> }>();
  };

  const certificateOf = async (client: TestClient, authorisationId: string) => {
    const response = await client.request('GET', `/api/v1/authorisations/${authorisationId}/certificate`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CertificateBody>();
  };

  const changeStatus = (authorisationId: string, body: Record<string, unknown>, client = t.managerClient) =>
    client.request('POST', `/api/v1/authorisations/${authorisationId}/status`, { body });

  const logSize = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('transparency_log_leaf')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('publishes the signing key as a JWKS and a did:web document', async () => {
    const jwks = (await t.anonymous.request('GET', '/.well-known/jwks.json')).json<{
      keys: { kid: string; status: string; d?: string }[];
    }>();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ status: 'active', use: 'sig', alg: 'EdDSA' });
    expect(jwks.keys[0]!.kid).toMatch(/^did:web:customs\.example\.kz#key-/);
    expect(jwks.keys[0]!.d).toBeUndefined();
    const did = (await t.anonymous.request('GET', '/.well-known/did.json')).json<{
      id: string;
      assertionMethod: string[];
    }>();
    expect(did.id).toBe('did:web:customs.example.kz');
    expect(did.assertionMethod).toEqual([jwks.keys[0]!.kid]);
  });

  it('issues once: the same credential on every request and one log leaf', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const before = await logSize();
    const first = await certificateOf(made.ownerClient, made.authorisationId);
    const second = await certificateOf(t.managerClient, made.authorisationId);
    expect(second.credential).toBe(first.credential);
    expect(await logSize()).toBe(before + 1);
    expect(first.certificateNumber).toMatch(/^KZ\/\d{6}\/AEO$/);
    const stored = await t.database.db
      .selectFrom('certificate')
      .select('jws')
      .where('authorisation_id', '=', made.authorisationId)
      .executeTakeFirstOrThrow();
    expect(stored.jws).toBe(first.credential);
    // The response is an offline verification bundle.
    const offline = await verifyBundle(parseVerificationBundle(first), { now: t.clock.now() });
    expect(offline.status).toBe('VALID');
    expect(offline.details.logInclusion).toMatchObject({ checked: true, verified: true });
  });

  it('shows a certificate to customs and the holder only; others get 404', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const stranger = await createAuthorisation(t, { name: 'Other LLP', decidedBy: t.manager.id });
    expect(
      (
        await stranger.ownerClient.request(
          'GET',
          `/api/v1/authorisations/${made.authorisationId}/certificate`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.anonymous.request('GET', `/api/v1/authorisations/${made.authorisationId}/certificate`))
        .statusCode,
    ).toBe(401);
    expect(
      (await made.ownerClient.request('GET', `/api/v1/authorisations/${made.authorisationId}/certificate`))
        .statusCode,
    ).toBe(200);
  });

  it('verifies a pasted JWS, the QR text and the PDF as VALID', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const certificate = await certificateOf(made.ownerClient, made.authorisationId);
    expect(await verify(certificate.credential)).toMatchObject({ result: 'VALID' });
    expect(certificate.qrPayload).toBe(encodeQrPayload(certificate.credential));
    expect(await verify(certificate.qrPayload)).toMatchObject({ result: 'VALID' });

    const pdf = await made.ownerClient.request(
      'GET',
      `/api/v1/authorisations/${made.authorisationId}/certificate.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const fromPdf = await t.anonymous.request('POST', '/api/v1/verify', {
      payload: pdf.rawPayload,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(fromPdf.statusCode, fromPdf.body).toBe(200);
    expect(fromPdf.json()).toMatchObject({
      result: 'VALID',
      details: { certificateNumber: certificate.certificateNumber },
    });

    const notOurs = await t.anonymous.request('POST', '/api/v1/verify', {
      payload: Buffer.from('%PDF-1.4\n%%EOF'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(notOurs.statusCode).toBe(422);
  });

  it('answers INVALID_SIGNATURE for a flipped byte', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const { credential } = await certificateOf(t.managerClient, made.authorisationId);
    const [header, payload, signature] = credential.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[30] = (bytes[30] ?? 0) ^ 0x01;
    expect(await verify(`${header}.${b64(bytes)}.${signature}`)).toMatchObject({
      result: 'INVALID_SIGNATURE',
      reason: 'BAD_SIGNATURE',
    });
  });

  it('refuses alg none, HS256 with the public key, jku / jwk headers and an unknown kid before any cryptography', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const { credential, kid } = await certificateOf(t.managerClient, made.authorisationId);
    await verify(credential); // warms the status-list cache, so the spy below sees only this request's work
    const payload = credential.split('.')[1]!;
    const forge = (header: Record<string, unknown>, signature = new Uint8Array(64)) =>
      `${b64(JSON.stringify(header))}.${payload}.${b64(signature)}`;
    const jwks = (await t.anonymous.request('GET', '/.well-known/jwks.json')).json<{
      keys: { x: string }[];
    }>();
    const hsInput = `${b64(JSON.stringify({ alg: 'HS256', kid, typ: 'vc+jwt' }))}.${payload}`;
    const mac = createHmac('sha256', Buffer.from(jwks.keys[0]!.x, 'base64url')).update(hsInput).digest();

    const cases: [string, string, string][] = [
      [
        `${b64(JSON.stringify({ alg: 'none', kid, typ: 'vc+jwt' }))}.${payload}.`,
        'INVALID_SIGNATURE',
        'MALFORMED_JWS',
      ],
      [forge({ alg: 'none', kid, typ: 'vc+jwt' }), 'INVALID_SIGNATURE', 'ALG_NOT_ALLOWED'],
      [`${hsInput}.${b64(mac)}`, 'INVALID_SIGNATURE', 'ALG_NOT_ALLOWED'],
      [
        forge({ alg: 'EdDSA', kid, typ: 'vc+jwt', jku: 'https://evil.example/jwks.json' }),
        'INVALID_SIGNATURE',
        'FORBIDDEN_HEADER',
      ],
      [
        forge({ alg: 'EdDSA', kid, typ: 'vc+jwt', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA' } }),
        'INVALID_SIGNATURE',
        'FORBIDDEN_HEADER',
      ],
      [
        forge({ alg: 'EdDSA', kid: 'did:web:evil.example#key-1', typ: 'vc+jwt' }),
        'UNKNOWN_ISSUER',
        'UNKNOWN_KID',
      ],
    ];
    const subtleVerify = vi.spyOn(crypto.subtle, 'verify');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    for (const [token, result, reason] of cases) {
      expect(await verify(token), reason).toMatchObject({ result, reason });
    }
    expect(subtleVerify).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reports NOT_YET_VALID before the effective date and EXPIRED after the validity (injected clock)', async () => {
    const future = await createAuthorisation(t, { decidedBy: t.manager.id, effectiveDate: '2026-03-10' });
    const { credential } = await certificateOf(t.managerClient, future.authorisationId);
    expect(await verify(credential)).toMatchObject({ result: 'NOT_YET_VALID' });
    const saved = t.clock.now();
    try {
      t.clock.set(new Date('2031-03-11T00:00:00Z'));
      expect(await verify(credential)).toMatchObject({ result: 'EXPIRED' });
    } finally {
      t.clock.set(saved);
    }
  });

  it('suspends, reinstates and revokes, and refuses to reinstate a revoked authorisation', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const { credential } = await certificateOf(made.ownerClient, made.authorisationId);
    const leavesBefore = await logSize();

    expect(
      (await changeStatus(made.authorisationId, { action: 'suspend', reason: 'x' }, made.ownerClient))
        .statusCode,
    ).toBe(403);

    const suspended = await changeStatus(made.authorisationId, {
      action: 'suspend',
      reason: 'Security plan lapsed',
      remediationDeadline: '2026-04-30',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', previousStatus: 'active' });
    expect(await verify(credential)).toMatchObject({ result: 'SUSPENDED' });
    const trader = await t.database.db
      .selectFrom('trusted_trader')
      .selectAll()
      .where('party_id', '=', made.operator.taxpayer_id)
      .executeTakeFirstOrThrow();
    expect(trader).toMatchObject({
      status: 'suspended',
      source: 'national',
      legal_name: 'Steppe Trading LLP',
    });
    const inbox = (await made.ownerClient.request('GET', '/api/v1/notifications')).json<{
      items: { event: string }[];
    }>();
    expect(inbox.items.map((item) => item.event)).toContain('trust.authorisation_suspended');

    expect(
      (await changeStatus(made.authorisationId, { action: 'suspend', reason: 'again' })).statusCode,
    ).toBe(409);
    expect(
      (await changeStatus(made.authorisationId, { action: 'reinstate', reason: 'Plan restored' })).statusCode,
    ).toBe(200);
    expect(await verify(credential)).toMatchObject({ result: 'VALID' });

    expect(
      (await changeStatus(made.authorisationId, { action: 'revoke', reason: 'Serious infringement' }))
        .statusCode,
    ).toBe(200);
    expect(await verify(credential)).toMatchObject({ result: 'REVOKED' });
    const reinstate = await changeStatus(made.authorisationId, { action: 'reinstate', reason: 'appeal' });
    expect(reinstate.statusCode).toBe(409);
    expect(await verify(credential)).toMatchObject({ result: 'REVOKED' });
    expect(await logSize()).toBe(leavesBefore + 3);

    const status = await t.database.db
      .selectFrom('authorisation')
      .select(['status', 'barred_until', 'authorisation_type'])
      .where('id', '=', made.authorisationId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('revoked');
    // The programme bars a new application of that type for reapplicationBarAfterRevocation; the holder is told.
    const { definition } = await t.services.programme.getActive();
    const bar = definition.clocks.reapplicationBarAfterRevocation;
    expect(status.barred_until).toBe(addDuration(t.clock.now().toISOString().slice(0, 10), bar));
    const revokedNotice = (await made.ownerClient.request('GET', '/api/v1/notifications')).json<{
      items: { event: string; body: string }[];
    }>();
    expect(revokedNotice.items.find((item) => item.event === 'trust.authorisation_revoked')?.body).toContain(
      status.barred_until!,
    );
    const again = await made.ownerClient.request('POST', '/api/v1/applications', {
      body: { authorisationType: status.authorisation_type },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.details).toMatchObject({
      reason: 'reapplication_barred',
      barredUntil: status.barred_until,
      cause: 'revocation',
    });
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', made.authorisationId)
      .orderBy('seq')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'certificate.issued',
      'authorisation.suspended',
      'authorisation.reinstated',
      'authorisation.revoked',
    ]);
  });

  it('revokes one type of an operator holding two, keeping the other valid and its facilitation (partial revocation)', async () => {
    const security = await createAuthorisation(t, {
      name: 'Two Types LLP',
      decidedBy: t.manager.id,
      typeId: 'AEOS',
    });
    const customs = await createAuthorisation(t, {
      decidedBy: t.manager.id,
      typeId: 'AEOC',
      holder: { operator: security.operator, owner: security.owner },
    });
    const kept = (await certificateOf(customs.ownerClient, customs.authorisationId)).credential;
    const ended = (await certificateOf(security.ownerClient, security.authorisationId)).credential;
    const revoked = await changeStatus(security.authorisationId, {
      action: 'revoke',
      reason: 'Security plan abandoned',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await verify(ended)).toMatchObject({ result: 'REVOKED' });
    expect(await verify(kept)).toMatchObject({ result: 'VALID' });
    const trader = await t.database.db
      .selectFrom('trusted_trader')
      .selectAll()
      .where('party_id', '=', security.operator.taxpayer_id)
      .executeTakeFirstOrThrow();
    expect(trader).toMatchObject({ status: 'active', authorisation_type: 'AEOC' });
  });

  it('reports STATUS_STALE once the status lists expire, and VALID again after the scheduled refresh', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const { credential } = await certificateOf(t.managerClient, made.authorisationId);
    const saved = t.clock.now();
    try {
      t.clock.advance(49 * 3_600_000);
      expect(await verify(credential)).toMatchObject({
        result: 'STATUS_STALE',
        reason: 'STATUS_LIST_EXPIRED',
      });
      await t.services.trust.runScheduled(t.clock.now());
      expect(await verify(credential)).toMatchObject({ result: 'VALID' });
    } finally {
      t.clock.set(saved);
    }
  });

  it('keeps one leaf per issuance or status change, each provable against the latest checkpoint', async () => {
    const before = (await t.anonymous.request('GET', '/api/v1/log/checkpoint')).json<{
      treeSize: number;
      rootHash: string;
      checkpoint: string;
    }>();
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    await certificateOf(t.managerClient, made.authorisationId);
    await changeStatus(made.authorisationId, { action: 'suspend', reason: 'check' });
    const latest = (await t.anonymous.request('GET', '/api/v1/log/checkpoint')).json<{
      treeSize: number;
      rootHash: string;
      checkpoint: string;
    }>();
    expect(latest.treeSize).toBe(before.treeSize + 2);
    expect(latest.treeSize).toBe(await logSize());

    const trustList = TrustList.fromJson((await t.anonymous.request('GET', '/api/v1/trust-list')).json());
    const signed = await verifyCheckpoint(latest.checkpoint, trustList);
    expect(signed.ok && signed.checkpoint.rootHash).toBe(latest.rootHash);

    for (let leaf = 0; leaf < latest.treeSize; leaf++) {
      const proof = (await t.anonymous.request('GET', `/api/v1/log/proof/inclusion?leaf=${leaf}`)).json<{
        treeSize: number;
        leafHash: string;
        entry: Record<string, string>;
        auditPath: string[];
      }>();
      expect(proof.treeSize).toBe(latest.treeSize);
      // Leaves hold hashes and ids only.
      expect(Object.keys(proof.entry).sort()).toEqual(['at', 'certificateId', 'credentialHash', 'kind']);
      const leafHash = hashLeaf(
        new TextEncoder().encode(JSON.stringify(proof.entry, Object.keys(proof.entry).sort())),
      );
      expect(Buffer.from(leafHash).toString('hex')).toBe(proof.leafHash);
      expect(
        verifyInclusion({
          leafHash,
          leafIndex: leaf,
          treeSize: proof.treeSize,
          auditPath: proof.auditPath.map(hexToBytes),
          rootHash: hexToBytes(latest.rootHash),
        }),
      ).toBe(true);
    }

    const consistency = (
      await t.anonymous.request(
        'GET',
        `/api/v1/log/proof/consistency?from=${before.treeSize}&to=${latest.treeSize}`,
      )
    ).json<{ proof: string[] }>();
    expect(
      verifyConsistency({
        oldSize: before.treeSize,
        newSize: latest.treeSize,
        oldRoot: hexToBytes(before.rootHash),
        newRoot: hexToBytes(latest.rootHash),
        proof: consistency.proof.map(hexToBytes),
      }),
    ).toBe(true);
  });

  it('refuses to rewrite or delete a log leaf', async () => {
    // Its own leaf, so the refusal is seen whichever tests ran before: issuing a certificate appends one.
    const { authorisationId } = await createAuthorisation(t, { decidedBy: t.manager.id });
    const { leafIndex } = (await certificateOf(t.managerClient, authorisationId)).logProof;
    const leafHash = async () =>
      (
        await t.database.db
          .selectFrom('transparency_log_leaf')
          .select('leaf_hash')
          .where('leaf_index', '=', leafIndex)
          .executeTakeFirstOrThrow()
      ).leaf_hash;
    const original = await leafHash();

    await expect(
      sql`update transparency_log_leaf set leaf_hash = ${'00'.repeat(32)} where leaf_index = ${leafIndex}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from transparency_log_leaf where leaf_index = ${leafIndex}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    expect(await leafHash()).toBe(original);
  });

  it('rotates the signing key: new certificates use the new key, old ones still verify', async () => {
    const earlier = await createAuthorisation(t, { decidedBy: t.manager.id });
    const old = await certificateOf(t.managerClient, earlier.authorisationId);
    const admin = await factories.user(t, { roles: ['admin'] });
    const adminClient = await signIn(t.app, admin.email);
    expect((await t.managerClient.request('POST', '/api/v1/trust/keys/rotate')).statusCode).toBe(403);
    const rotated = await adminClient.request('POST', '/api/v1/trust/keys/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const newKid = rotated.json<{ kid: string }>().kid;
    expect(newKid).not.toBe(old.kid);

    const jwks = (await t.anonymous.request('GET', '/.well-known/jwks.json')).json<{
      keys: { kid: string; status: string }[];
    }>();
    expect(jwks.keys.find((key) => key.kid === old.kid)?.status).toBe('retired');
    expect(jwks.keys.find((key) => key.kid === newKid)?.status).toBe('active');

    expect(await verify(old.credential)).toMatchObject({
      result: 'VALID',
      details: { kid: old.kid, keyStatus: 'retired' },
    });
    const later = await createAuthorisation(t, { decidedBy: t.manager.id });
    const fresh = await certificateOf(t.managerClient, later.authorisationId);
    expect(fresh.kid).toBe(newKid);
    expect(await verify(fresh.credential)).toMatchObject({ result: 'VALID' });
  });

  it('lists in the public register only the operators that consented, with their status', async () => {
    const made = await createAuthorisation(t, { name: 'Caspian Freight JSC', decidedBy: t.manager.id });
    await certificateOf(t.managerClient, made.authorisationId);
    const search = async (query: string) =>
      (await t.anonymous.request('GET', `/api/v1/register?${query}`)).json<{
        total: number;
        items: { legalName: string; status: string }[];
      }>();
    expect((await search('q=Caspian')).total).toBe(0);

    expect(
      (
        await t.managerClient.request('PUT', `/api/v1/register/consent/${made.operator.id}`, {
          body: { isPublished: true },
        })
      ).statusCode,
    ).toBe(403);
    const consent = await made.ownerClient.request('PUT', `/api/v1/register/consent/${made.operator.id}`, {
      body: { isPublished: true },
    });
    expect(consent.statusCode, consent.body).toBe(200);

    const found = await search('q=caspian&country=KZ');
    expect(found.items).toEqual([
      expect.objectContaining({ legalName: 'Caspian Freight JSC', status: 'active' }),
    ]);
    expect((await search(`q=${made.operator.taxpayer_id}`)).total).toBe(1);
    await changeStatus(made.authorisationId, { action: 'suspend', reason: 'check' });
    expect((await search('q=Caspian&status=suspended')).items[0]?.status).toBe('suspended');
  });
});

describe('a signing key kept outside the API process (TRUST_SIGNING_KEY_FILE)', () => {
  it('signs with the key from the file and writes no key of its own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-keyfile-'));
    const file = path.join(dir, 'signing-key.pem');
    fs.writeFileSync(
      file,
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    const t = await createTrustTestApp({ TRUST_SIGNING_KEY_FILE: file });
    try {
      const { manager, client } = await createManager(t);
      const made = await createAuthorisation(t, { decidedBy: manager.id });
      const certificate = await client.request(
        'GET',
        `/api/v1/authorisations/${made.authorisationId}/certificate`,
      );
      expect(certificate.statusCode, certificate.body).toBe(200);
      const kid = certificate.json<{ kid: string }>().kid;
      expect(kid).toMatch(/^did:web:customs\.example\.kz#k-/);
      expect(fs.readdirSync(t.keyDir)).toEqual([]);
      const admin = await factories.user(t, { roles: ['admin'] });
      const rotate = await (await signIn(t.app, admin.email)).request('POST', '/api/v1/trust/keys/rotate');
      expect(rotate.statusCode).toBe(409);
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seedDemoTrust', () => {
  it('certifies every granted authorisation once and publishes the demo holders', async () => {
    const t = await createTrustTestApp();
    try {
      const { manager } = await createManager(t);
      await createAuthorisation(t, { name: 'Demo One LLP', decidedBy: manager.id });
      await createAuthorisation(t, { name: 'Demo Two LLP', decidedBy: manager.id });
      expect(await seedDemoTrust(t.services, t.clock.now())).toEqual({ issued: 2 });
      expect(await seedDemoTrust(t.services, t.clock.now())).toEqual({ issued: 0 });
      const register = await t.app.inject({ method: 'GET', url: '/api/v1/register?q=Demo' });
      expect(register.json<{ total: number }>().total).toBe(2);
    } finally {
      await t.close();
    }
  });
});
