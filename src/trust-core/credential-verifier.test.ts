import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { base64UrlDecode, base64UrlEncode, utf8Encode } from './byte-encoding';
import { createLocalSigner } from './credential-signer';
import {
  describeVerifiedScope,
  summariseCredential,
  verifyCredential,
  type VerificationDetails,
  type VerifyCredentialOptions,
} from './credential-verifier';
import { forgeJws } from './credential-verifier.test-support';
import { issueCredential } from './credential-issuer';
import { generateSigningKey, rotateKeys } from './signing-keys';
import { BitstringStatusList, issueStatusListCredential } from './status-list';
import { StatusListSet } from './status-list-set';
import { TrustList } from './trust-list';
import {
  CHECK_TIME,
  createTrustFixture,
  ISSUED_AT,
  ISSUER_DID,
  issueSample,
  issueStatusLists,
  REVOCATION_LIST_URL,
  sampleClaims,
  SUSPENSION_LIST_URL,
  VALID_FROM,
  VALID_UNTIL,
  type TrustFixture,
} from './trust-test-fixtures';

function headerOf(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('verifyCredential', () => {
  let fixture: TrustFixture;
  let jws: string;
  let statusLists: string[];

  beforeAll(async () => {
    fixture = await createTrustFixture();
    jws = await issueSample(fixture);
    statusLists = await issueStatusLists(fixture);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const options = (overrides: Partial<VerifyCredentialOptions> = {}): VerifyCredentialOptions => ({
    trustList: fixture.trustList,
    statusLists,
    now: CHECK_TIME,
    ...overrides,
  });

  it('accepts a current, unrevoked certificate and reports what it checked', async () => {
    const result = await verifyCredential(jws, options());
    expect(result.status).toBe('VALID');
    expect(result.details).toMatchObject({
      issuer: ISSUER_DID,
      kid: `${ISSUER_DID}#key-2025`,
      certificateNumber: 'KZ/0042/AEOF',
      subject: { operatorId: 'KZ123456789012', legalName: 'Steppe Logistics LLP', authorisationType: 'AEOF' },
      validFrom: '2025-01-15T00:00:00Z',
      validUntil: '2028-01-15T00:00:00Z',
      logInclusion: { checked: false },
    });
    expect(result.details.statusChecks.map((check) => [check.purpose, check.outcome])).toEqual([
      ['suspension', 'clear'],
      ['revocation', 'clear'],
    ]);
  });

  it('issues a VC 2.0 vc+jwt with the AEO subject, both status entries and nbf/exp', () => {
    expect(headerOf(jws)).toEqual({ alg: 'EdDSA', kid: `${ISSUER_DID}#key-2025`, typ: 'vc+jwt' });
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'AEOCertificate'],
      issuer: ISSUER_DID,
      credentialSubject: { operatorIdScheme: 'BIN', tier: '2', sites: [expect.any(Object)] },
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListIndex: '4242' },
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '4242' },
      ],
      iat: ISSUED_AT.getTime() / 1000,
      nbf: VALID_FROM.getTime() / 1000,
      exp: VALID_UNTIL.getTime() / 1000,
    });
  });

  it('verifies ES256 certificates too', async () => {
    const es = await createTrustFixture('ES256', 'p256-2025');
    const token = await issueSample(es);
    expect(headerOf(token).alg).toBe('ES256');
    const result = await verifyCredential(token, {
      trustList: es.trustList,
      statusLists: await issueStatusLists(es),
      now: CHECK_TIME,
    });
    expect(result.status).toBe('VALID');
  });

  describe('signature and header rules', () => {
    it('reports INVALID_SIGNATURE for a flipped byte in the payload or the signature', async () => {
      const [h, p, s] = jws.split('.') as [string, string, string];
      const payload = base64UrlDecode(p);
      payload[40] = (payload[40] ?? 0) ^ 0x01;
      const signature = base64UrlDecode(s);
      signature[5] = (signature[5] ?? 0) ^ 0x80;
      for (const tampered of [
        `${h}.${base64UrlEncode(payload)}.${s}`,
        `${h}.${p}.${base64UrlEncode(signature)}`,
      ]) {
        const result = await verifyCredential(tampered, options());
        expect(result.status).toBe('INVALID_SIGNATURE');
        expect(result.reason).toBe('BAD_SIGNATURE');
      }
    });

    const payloadSegment = (): string => jws.split('.')[1] ?? '';
    const kid = `${ISSUER_DID}#key-2025`;

    it.each([
      ['alg none', { alg: 'none', kid, typ: 'vc+jwt' }, 'ALG_NOT_ALLOWED'],
      ['RS256', { alg: 'RS256', kid, typ: 'vc+jwt' }, 'ALG_NOT_ALLOWED'],
      [
        'jku',
        { alg: 'EdDSA', kid, typ: 'vc+jwt', jku: 'https://evil.example/jwks.json' },
        'FORBIDDEN_HEADER',
      ],
      [
        'jwk',
        { alg: 'EdDSA', kid, typ: 'vc+jwt', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA' } },
        'FORBIDDEN_HEADER',
      ],
      ['x5u', { alg: 'EdDSA', kid, typ: 'vc+jwt', x5u: 'https://evil.example/cert.pem' }, 'FORBIDDEN_HEADER'],
      ['crit', { alg: 'EdDSA', kid, typ: 'vc+jwt', crit: ['exp'], exp: 1 }, 'FORBIDDEN_HEADER'],
      ['a wrong typ', { alg: 'EdDSA', kid, typ: 'JWT' }, 'WRONG_TYP'],
    ])('rejects %s before any cryptography', async (_name, header, reason) => {
      const verify = vi.spyOn(crypto.subtle, 'verify');
      const importKey = vi.spyOn(crypto.subtle, 'importKey');
      const result = await verifyCredential(
        forgeJws(header, payloadSegment(), new Uint8Array(64)),
        options(),
      );
      expect(result.status).toBe('INVALID_SIGNATURE');
      expect(result.reason).toBe(reason);
      expect(verify).not.toHaveBeenCalled();
      expect(importKey).not.toHaveBeenCalled();
    });

    it('rejects HS256 keyed with the published public key before any cryptography', async () => {
      const publicKeyBytes = base64UrlDecode(String(fixture.key.publicKey.publicJwk.x));
      const header = { alg: 'HS256', kid, typ: 'vc+jwt' };
      const signingInput = `${base64UrlEncode(utf8Encode(JSON.stringify(header)))}.${payloadSegment()}`;
      const mac = createHmac('sha256', publicKeyBytes).update(signingInput).digest();
      const verify = vi.spyOn(crypto.subtle, 'verify');
      const result = await verifyCredential(`${signingInput}.${base64UrlEncode(mac)}`, options());
      expect(result).toMatchObject({ status: 'INVALID_SIGNATURE', reason: 'ALG_NOT_ALLOWED' });
      expect(verify).not.toHaveBeenCalled();
    });

    it('answers UNKNOWN_ISSUER for an unknown kid, before any cryptography', async () => {
      const verify = vi.spyOn(crypto.subtle, 'verify');
      const header = { alg: 'EdDSA', kid: 'did:web:evil.example#key-1', typ: 'vc+jwt' };
      const result = await verifyCredential(
        forgeJws(header, payloadSegment(), new Uint8Array(64)),
        options(),
      );
      expect(result).toMatchObject({ status: 'UNKNOWN_ISSUER', reason: 'UNKNOWN_KID' });
      expect(verify).not.toHaveBeenCalled();
    });

    it('never fetches anything while verifying', async () => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      await verifyCredential(jws, options());
      expect(fetchSpy).not.toHaveBeenCalled();
    });

    it('does call the signature check for a well-formed token (control for the spies above)', async () => {
      const verify = vi.spyOn(crypto.subtle, 'verify');
      await verifyCredential(jws, options());
      expect(verify).toHaveBeenCalled();
    });

    it('rejects certificates signed by keys that are not trust-listed', async () => {
      const stranger = await createTrustFixture('EdDSA', 'key-2025');
      const result = await verifyCredential(await issueSample(stranger), options());
      // Same kid, different key: the signature cannot verify against the listed key.
      expect(result.status).toBe('INVALID_SIGNATURE');
      const otherKid = await createTrustFixture('EdDSA', 'key-rogue');
      expect((await verifyCredential(await issueSample(otherKid), options())).status).toBe('UNKNOWN_ISSUER');
    });

    it('refuses a trusted key that speaks for another issuer', async () => {
      const other = await generateSigningKey({ did: 'did:web:customs.example.by', keyId: 'k1' });
      const trustList = new TrustList({
        issuers: [ISSUER_DID, 'did:web:customs.example.by'],
        keys: [fixture.key.publicKey, other.publicKey],
      });
      const signer = await createLocalSigner({ kid: other.kid, alg: 'EdDSA', privateJwk: other.privateJwk });
      // A signer whose kid is genuine but who writes a foreign issuer into the payload.
      const { signCompactJws } = await import('./credential-signer');
      const payload = JSON.parse(
        Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as Record<string, unknown>;
      const token = await signCompactJws(signer, 'vc+jwt', payload);
      const result = await verifyCredential(token, options({ trustList }));
      expect(result).toMatchObject({ status: 'UNKNOWN_ISSUER', reason: 'ISSUER_KEY_MISMATCH' });
      // The claims of a credential that is not authentic are not shown.
      expect(result.details).not.toHaveProperty('subject');
      expect(result.details).not.toHaveProperty('validUntil');
      expect(summariseCredential(result.details)).toBeNull();
    });
  });

  describe('validity window with an injected clock', () => {
    it('reports NOT_YET_VALID before validFrom', async () => {
      const result = await verifyCredential(jws, options({ now: new Date('2025-01-14T23:59:59Z') }));
      expect(result.status).toBe('NOT_YET_VALID');
    });

    it('reports EXPIRED from validUntil on', async () => {
      const lists = await issueStatusLists(fixture, new Date('2028-01-15T00:00:00Z'));
      const result = await verifyCredential(jws, options({ now: VALID_UNTIL, statusLists: lists }));
      expect(result.status).toBe('EXPIRED');
    });
  });

  describe('status', () => {
    async function listsWith(mutate: (f: TrustFixture) => void): Promise<string[]> {
      const copy = {
        ...fixture,
        suspension: fixture.suspension.clone(),
        revocation: fixture.revocation.clone(),
      };
      mutate(copy);
      return issueStatusLists(copy);
    }

    it('reports SUSPENDED when the suspension bit is set', async () => {
      const lists = await listsWith((f) => f.suspension.set(4242, true));
      expect((await verifyCredential(jws, options({ statusLists: lists }))).status).toBe('SUSPENDED');
    });

    it('reports REVOKED when the revocation bit is set, even if also suspended', async () => {
      const revokedOnly = await listsWith((f) => f.revocation.set(4242, true));
      expect((await verifyCredential(jws, options({ statusLists: revokedOnly }))).status).toBe('REVOKED');
      const both = await listsWith((f) => {
        f.suspension.set(4242, true);
        f.revocation.set(4242, true);
      });
      expect((await verifyCredential(jws, options({ statusLists: both }))).status).toBe('REVOKED');
    });

    it('ignores bits of other certificates', async () => {
      const lists = await listsWith((f) => {
        f.suspension.set(4241, true);
        f.revocation.set(4243, true);
      });
      expect((await verifyCredential(jws, options({ statusLists: lists }))).status).toBe('VALID');
    });

    it('reports STATUS_STALE once a status list is past its validUntil, never VALID', async () => {
      const old = await issueStatusLists(fixture, new Date(CHECK_TIME.getTime() - 49 * 60 * 60 * 1000));
      const result = await verifyCredential(jws, options({ statusLists: old }));
      expect(result).toMatchObject({ status: 'STATUS_STALE', reason: 'STATUS_LIST_EXPIRED' });
    });

    it('still reports REVOKED from a stale list, because revocation cannot be undone', async () => {
      const copy = { ...fixture, revocation: fixture.revocation.clone() };
      copy.revocation.set(4242, true);
      const old = await issueStatusLists(copy, new Date(CHECK_TIME.getTime() - 72 * 60 * 60 * 1000));
      expect((await verifyCredential(jws, options({ statusLists: old }))).status).toBe('REVOKED');
    });

    it('uses the newest of several versions of a list', async () => {
      const copy = { ...fixture, suspension: fixture.suspension.clone() };
      copy.suspension.set(4242, true);
      const older = await issueStatusLists(copy, new Date(CHECK_TIME.getTime() - 2 * 60 * 60 * 1000));
      const newer = await issueStatusLists(fixture, new Date(CHECK_TIME.getTime() - 60 * 60 * 1000));
      expect((await verifyCredential(jws, options({ statusLists: [...newer, ...older] }))).status).toBe(
        'VALID',
      );
    });

    it('reports STATUS_STALE when a status list is missing', async () => {
      const result = await verifyCredential(jws, options({ statusLists: statusLists.slice(0, 1) }));
      expect(result).toMatchObject({ status: 'STATUS_STALE', reason: 'STATUS_LIST_MISSING' });
    });

    it('refuses a status list not signed by a trust-listed key', async () => {
      const impostor = await createTrustFixture('EdDSA', 'key-impostor');
      const forged = await issueStatusLists(fixture, undefined, impostor.signer);
      const result = await verifyCredential(jws, options({ statusLists: forged }));
      expect(result.status).toBe('UNKNOWN_ISSUER');
      expect(result.reason).toBe('STATUS_LIST_UNKNOWN_KID');
    });

    it('refuses a status list with a broken signature', async () => {
      const [first, second] = statusLists;
      const [h, p, s] = (second ?? '').split('.') as [string, string, string];
      const broken = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
      const result = await verifyCredential(jws, options({ statusLists: [first ?? '', broken] }));
      expect(result.status).toBe('INVALID_SIGNATURE');
    });

    it('accepts a StatusListSet prepared once for many verifications', async () => {
      const prepared = await StatusListSet.fromJws(statusLists, fixture.trustList);
      expect(prepared.size).toBe(2);
      expect((await verifyCredential(jws, options({ statusLists: prepared }))).status).toBe('VALID');
    });
  });

  describe('key rotation', () => {
    it('still verifies certificates signed with a retired key, and new ones with the new key', async () => {
      const next = await generateSigningKey({ did: ISSUER_DID, keyId: 'key-2026' });
      const keys = rotateKeys([fixture.key.publicKey], next.publicKey);
      expect(keys.map((key) => [key.kid, key.status])).toEqual([
        [`${ISSUER_DID}#key-2025`, 'retired'],
        [`${ISSUER_DID}#key-2026`, 'active'],
      ]);
      const trustList = new TrustList({ issuers: [ISSUER_DID], keys });
      const oldResult = await verifyCredential(jws, options({ trustList }));
      expect(oldResult.status).toBe('VALID');
      expect(oldResult.details.keyStatus).toBe('retired');
      const nextSigner = await createLocalSigner({
        kid: next.kid,
        alg: 'EdDSA',
        privateJwk: next.privateJwk,
      });
      const fresh = await issueCredential({
        signer: nextSigner,
        claims: sampleClaims({ certificateId: 'urn:uuid:new' }),
        issuedAt: ISSUED_AT,
      });
      const lists = await issueStatusLists(fixture, undefined, nextSigner);
      const newResult = await verifyCredential(fresh, options({ trustList, statusLists: lists }));
      expect(newResult.status).toBe('VALID');
      expect(newResult.details.keyStatus).toBe('active');
    });
  });

  it('refuses to reinstate a revoked index', () => {
    const list = BitstringStatusList.create('revocation');
    list.set(7, true);
    expect(() => list.set(7, false)).toThrow(/cannot be undone/);
  });

  it('keeps the status list URLs the certificate names', async () => {
    const token = await issueCredential({
      signer: fixture.signer,
      claims: sampleClaims(),
      issuedAt: ISSUED_AT,
    });
    const lists = await Promise.all([
      issueStatusListCredential({
        signer: fixture.signer,
        id: SUSPENSION_LIST_URL,
        list: fixture.suspension,
        validFrom: CHECK_TIME,
      }),
      issueStatusListCredential({
        signer: fixture.signer,
        id: REVOCATION_LIST_URL,
        list: fixture.revocation,
        validFrom: CHECK_TIME,
      }),
    ]);
    const result = await verifyCredential(token, options({ statusLists: lists }));
    expect(result.details.statusChecks.map((check) => check.statusListCredential)).toEqual([
      SUSPENSION_LIST_URL,
      REVOCATION_LIST_URL,
    ]);
  });
});

describe('summariseCredential and describeVerifiedScope', () => {
  const details: Partial<VerificationDetails> = {
    subject: {
      operatorId: 'KZ123456789012',
      operatorIdScheme: 'BIN',
      legalName: 'Steppe Logistics LLP',
      authorisationType: 'AEOF',
      tier: '2',
      siteCount: 1,
    },
    certificateNumber: 'KZ/0042/AEOF',
    validFrom: '2025-01-15T00:00:00Z',
    validUntil: '2028-01-15T00:00:00Z',
  };

  it('summarises what the credential says, with null for what it does not say', () => {
    expect(summariseCredential(details)).toEqual({
      holder: { legalName: 'Steppe Logistics LLP', operatorId: 'KZ123456789012', operatorIdScheme: 'BIN' },
      authorisationType: 'AEOF',
      tier: '2',
      certificateNumber: 'KZ/0042/AEOF',
      validFrom: '2025-01-15T00:00:00Z',
      validUntil: '2028-01-15T00:00:00Z',
    });
    const { tier: _tier, ...untiered } = details.subject!;
    expect(summariseCredential({ subject: untiered })).toEqual({
      holder: { legalName: 'Steppe Logistics LLP', operatorId: 'KZ123456789012', operatorIdScheme: 'BIN' },
      authorisationType: 'AEOF',
      tier: null,
      certificateNumber: null,
      validFrom: null,
      validUntil: null,
    });
    expect(summariseCredential({})).toBeNull();
  });

  it('tells the reader to compare the page with exactly what the credential says', () => {
    const summary = summariseCredential(details);
    expect(describeVerifiedScope('credential', summary)).toBe(
      'Only the credential was verified. A page or screen showing it is this certificate only if it shows ' +
        'exactly what the credential says: holder Steppe Logistics LLP (BIN KZ123456789012), AEOF tier 2, ' +
        'valid 2025-01-15 to 2028-01-15.',
    );
    expect(describeVerifiedScope('embedded_credential', summary)).toBe(
      'Only the credential embedded in this PDF was verified, not the printed page. The page is this ' +
        'certificate only if it shows exactly what the credential says: holder Steppe Logistics LLP ' +
        '(BIN KZ123456789012), AEOF tier 2, valid 2025-01-15 to 2028-01-15.',
    );
    const { tier: _tier, ...untiered } = details.subject!;
    expect(describeVerifiedScope('credential', summariseCredential({ subject: untiered }))).toMatch(
      /: holder Steppe Logistics LLP \(BIN KZ123456789012\), AEOF, valid \? to \?\.$/u,
    );
  });

  it('confirms nothing when no genuine credential was found', () => {
    expect(describeVerifiedScope('embedded_credential', null)).toBe(
      'No genuine credential was found in this PDF, so nothing its page says is confirmed.',
    );
    expect(describeVerifiedScope('credential', null)).toBe(
      'No genuine credential was found, so nothing a page showing it says is confirmed.',
    );
  });
});
