import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalSigner, signCompactJws, type Signer } from './credential-signer';
import { verifyCredential, type LogProof, type VerifyCredentialOptions } from './credential-verifier';
import { forgeJws } from './credential-verifier.test-support';
import { VC_CONTEXT_V2 } from './credential-issuer';
import { signLogCheckpoint } from './log-checkpoint';
import { createLogEntry, encodeLogEntry, issuanceLogEntryFor } from './log-entry';
import { MerkleLog } from './merkle-log';
import { generateSigningKey } from './signing-keys';
import { issueStatusListCredential } from './status-list';
import { TrustList } from './trust-list';
import {
  CHECK_TIME,
  createTrustFixture,
  ISSUER_DID,
  issueSample,
  issueStatusLists,
  REVOCATION_LIST_URL,
  SUSPENSION_LIST_URL,
  VALID_FROM,
  VALID_UNTIL,
  type TrustFixture,
} from './trust-test-fixtures';
import { buildLogProof } from './verification-bundle';

describe('verifyCredential, rule by rule', () => {
  const OTHER_DID = 'did:web:customs.example.by';
  let fixture: TrustFixture;
  let jws: string;
  let statusLists: string[];
  let payload: Record<string, unknown>;

  beforeAll(async () => {
    fixture = await createTrustFixture();
    jws = await issueSample(fixture);
    statusLists = await issueStatusLists(fixture);
    payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  });

  const options = (overrides: Partial<VerifyCredentialOptions> = {}): VerifyCredentialOptions => ({
    trustList: fixture.trustList,
    statusLists,
    now: CHECK_TIME,
    ...overrides,
  });
  /** A token signed by the trusted key whose payload is the sample's with some claims changed. */
  const signedWith = (changes: Record<string, unknown>): Promise<string> =>
    signCompactJws(fixture.signer, 'vc+jwt', { ...payload, ...changes });
  const statusEntries = () => payload.credentialStatus as Array<Record<string, unknown>>;
  const at = (iso: string) => new Date(iso);
  const HOUR = 60 * 60 * 1000;
  const claimFields = ['subject', 'certificateId', 'certificateNumber', 'validFrom', 'validUntil'];

  describe('what it reports', () => {
    it('reports the certificate, its holder and the key of a valid certificate', async () => {
      const result = await verifyCredential(jws, options());
      expect(result).toMatchObject({
        status: 'VALID',
        reason: 'VALID',
        message: 'Signature, validity period and status checked',
      });
      expect(result.details).toEqual({
        checkedAt: '2026-03-01T12:00:00.000Z',
        issuer: ISSUER_DID,
        kid: `${ISSUER_DID}#key-2025`,
        keyStatus: 'active',
        certificateId: 'urn:uuid:6f1c1f0e-8a4b-4b7e-9a55-0d0c2f1e7a11',
        certificateNumber: 'KZ/0042/AEOF',
        subject: {
          operatorId: 'KZ123456789012',
          operatorIdScheme: 'BIN',
          legalName: 'Steppe Logistics LLP',
          authorisationType: 'AEOF',
          tier: '2',
          siteCount: 1,
        },
        validFrom: '2025-01-15T00:00:00Z',
        validUntil: '2028-01-15T00:00:00Z',
        statusChecks: [
          {
            purpose: 'suspension',
            statusListCredential: SUSPENSION_LIST_URL,
            index: 4242,
            outcome: 'clear',
            listValidUntil: '2026-03-03T11:00:00.000Z',
          },
          {
            purpose: 'revocation',
            statusListCredential: REVOCATION_LIST_URL,
            index: 4242,
            outcome: 'clear',
            listValidUntil: '2026-03-03T11:00:00.000Z',
          },
        ],
        logInclusion: { checked: false },
      });
    });

    it('reports no tier for a single-tier certificate', async () => {
      const result = await verifyCredential(await issueSample(fixture, { tier: undefined }), options());
      expect(result.status).toBe('VALID');
      expect(result.details.subject).not.toHaveProperty('tier');
    });

    it('reads a token surrounded by white space, as pasted', async () => {
      expect((await verifyCredential(`\n  ${jws} \n`, options())).status).toBe('VALID');
    });

    it('names the kid of a token whose key it does not know', async () => {
      const header = { alg: 'EdDSA', kid: 'did:web:evil.example#key-1', typ: 'vc+jwt' };
      const result = await verifyCredential(
        forgeJws(header, jws.split('.')[1] ?? '', new Uint8Array(64)),
        options(),
      );
      expect(result.details.kid).toBe('did:web:evil.example#key-1');
      expect(result.details).not.toHaveProperty('keyStatus');
    });
  });

  describe('credential shape', () => {
    it.each([
      [
        'the VC 2.0 context is not first',
        { '@context': ['https://example.org/ctx', VC_CONTEXT_V2] },
        /VC v2/,
      ],
      ['it is not typed an AEO certificate', { type: ['VerifiableCredential'] }, /type/],
      ['it is typed only an AEO certificate', { type: ['AEOCertificate'] }, /type/],
      ['its issuer is not a DID', { issuer: 'customs.example.kz' }, /issuer/],
      ['its validity is not a date-time', { validUntil: '2028-01-15' }, /validUntil/],
      ['it names no holder', { credentialSubject: {} }, /credentialSubject/],
    ])('refuses a signed token when %s', async (_name, changes, cause) => {
      const result = await verifyCredential(await signedWith(changes), options());
      expect(result).toMatchObject({ status: 'INVALID_SIGNATURE', reason: 'MALFORMED_CREDENTIAL' });
      expect(result.message).toMatch(/^Not an AEO certificate: /u);
      expect(result.message).toMatch(cause);
      expect(result.details.kid).toBe(`${ISSUER_DID}#key-2025`);
      for (const field of claimFields) expect(result.details).not.toHaveProperty(field);
    });

    it('refuses a certificate that cannot be revoked', async () => {
      const suspensionOnly = statusEntries().filter((entry) => entry.statusPurpose === 'suspension');
      const result = await verifyCredential(
        await signedWith({ credentialStatus: suspensionOnly }),
        options(),
      );
      expect(result.reason).toBe('MALFORMED_CREDENTIAL');
      expect(result.message).toContain('a certificate must be revocable');
    });

    it('accepts status indexes written as plain decimal numbers of up to ten digits only', async () => {
      const withIndex = (index: string) =>
        signedWith({
          credentialStatus: statusEntries().map((entry) =>
            entry.statusPurpose === 'suspension' ? { ...entry, statusListIndex: index } : entry,
          ),
        });
      for (const index of ['04242', '-1', '4242.0', '12345678901', ' 4242']) {
        const result = await verifyCredential(await withIndex(index), options());
        expect(result.reason, index).toBe('MALFORMED_CREDENTIAL');
      }
      expect((await verifyCredential(await withIndex('0'), options())).status).toBe('VALID');
      // Ten digits are well-formed; such an index simply lies beyond the list.
      const far = await verifyCredential(await withIndex('1234567890'), options());
      expect(far).toMatchObject({ status: 'STATUS_STALE', reason: 'STATUS_ENTRY_MISMATCH' });
    });

    it('refuses an iss claim that differs from the issuer, and accepts one that matches', async () => {
      const foreign = await verifyCredential(await signedWith({ iss: OTHER_DID }), options());
      expect(foreign).toMatchObject({
        status: 'UNKNOWN_ISSUER',
        reason: 'ISSUER_KEY_MISMATCH',
        message: `Issuer ${ISSUER_DID} is not the key's DID`,
      });
      expect((await verifyCredential(await signedWith({ iss: ISSUER_DID }), options())).status).toBe('VALID');
      expect((await verifyCredential(await signedWith({ iss: undefined }), options())).status).toBe('VALID');
    });
  });

  describe('validity window', () => {
    const listsAt = (instant: Date) => issueStatusLists(fixture, new Date(instant.getTime() - HOUR));

    it('is valid from the first instant of validFrom and not a millisecond before', async () => {
      const lists = await listsAt(VALID_FROM);
      const first = await verifyCredential(jws, options({ now: VALID_FROM, statusLists: lists }));
      expect(first.status).toBe('VALID');
      const before = await verifyCredential(
        jws,
        options({ now: new Date(VALID_FROM.getTime() - 1), statusLists: lists }),
      );
      expect(before).toMatchObject({
        status: 'NOT_YET_VALID',
        reason: 'NOT_YET_VALID',
        message: 'Valid from 2025-01-15T00:00:00Z',
      });
    });

    it('is valid until the last millisecond before validUntil', async () => {
      const lists = await listsAt(VALID_UNTIL);
      const last = await verifyCredential(
        jws,
        options({ now: new Date(VALID_UNTIL.getTime() - 1), statusLists: lists }),
      );
      expect(last.status).toBe('VALID');
      const end = await verifyCredential(jws, options({ now: VALID_UNTIL, statusLists: lists }));
      expect(end).toMatchObject({
        status: 'EXPIRED',
        reason: 'EXPIRED',
        message: 'Expired at 2028-01-15T00:00:00Z',
      });
    });

    it('takes the narrower window when nbf or exp is narrower than validFrom and validUntil', async () => {
      const nbf = at('2025-02-01T00:00:00Z');
      const exp = at('2027-01-01T00:00:00Z');
      const narrow = await signedWith({ nbf: nbf.getTime() / 1000, exp: exp.getTime() / 1000 });
      const early = at('2025-01-20T00:00:00Z');
      expect(
        (await verifyCredential(narrow, options({ now: early, statusLists: await listsAt(early) }))).status,
      ).toBe('NOT_YET_VALID');
      expect(
        (await verifyCredential(narrow, options({ now: nbf, statusLists: await listsAt(nbf) }))).status,
      ).toBe('VALID');
      expect(
        (await verifyCredential(narrow, options({ now: exp, statusLists: await listsAt(exp) }))).status,
      ).toBe('EXPIRED');
    });

    it('keeps validFrom and validUntil when nbf and exp are wider or absent', async () => {
      const wide = await signedWith({ nbf: 0, exp: 4_000_000_000 });
      const bare = await signedWith({ nbf: undefined, exp: undefined });
      const lists = await listsAt(VALID_UNTIL);
      for (const token of [wide, bare]) {
        expect(
          (await verifyCredential(token, options({ now: new Date(VALID_FROM.getTime() - 1) }))).status,
        ).toBe('NOT_YET_VALID');
        expect(
          (await verifyCredential(token, options({ now: VALID_UNTIL, statusLists: lists }))).status,
        ).toBe('EXPIRED');
        expect((await verifyCredential(token, options())).status).toBe('VALID');
      }
    });
  });

  describe('status lists', () => {
    const suspensionList = (list = fixture.suspension, validFrom = new Date(CHECK_TIME.getTime() - HOUR)) =>
      issueStatusListCredential({ signer: fixture.signer, id: SUSPENSION_LIST_URL, list, validFrom });
    const revocationList = (list = fixture.revocation, validFrom = new Date(CHECK_TIME.getTime() - HOUR)) =>
      issueStatusListCredential({ signer: fixture.signer, id: REVOCATION_LIST_URL, list, validFrom });
    const withBit = (purpose: 'suspension' | 'revocation', index = 4242) => {
      const list = (purpose === 'suspension' ? fixture.suspension : fixture.revocation).clone();
      list.set(index, true);
      return list;
    };
    const untrusted = async () => {
      const impostor = await createTrustFixture('EdDSA', 'key-impostor');
      return Promise.all([
        issueStatusListCredential({
          signer: impostor.signer,
          id: SUSPENSION_LIST_URL,
          list: fixture.suspension,
        }),
        issueStatusListCredential({
          signer: impostor.signer,
          id: REVOCATION_LIST_URL,
          list: fixture.revocation,
        }),
      ]);
    };
    const outcomes = (result: Awaited<ReturnType<typeof verifyCredential>>) =>
      result.details.statusChecks.map((check) => check.outcome);

    it('names the refused list and why it was refused', async () => {
      const [forgedSuspension] = await untrusted();
      const result = await verifyCredential(
        jws,
        options({ statusLists: [forgedSuspension ?? '', await revocationList()] }),
      );
      expect(result).toMatchObject({ status: 'UNKNOWN_ISSUER', reason: 'STATUS_LIST_UNKNOWN_KID' });
      expect(result.message).toContain('key-impostor');
      expect(outcomes(result)).toEqual(['rejected', 'clear']);
    });

    it('reports the first refused list when several are refused', async () => {
      const [forgedSuspension] = await untrusted();
      const [h, p, s] = (await revocationList()).split('.') as [string, string, string];
      const broken = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
      const result = await verifyCredential(jws, options({ statusLists: [broken, forgedSuspension ?? ''] }));
      expect(result).toMatchObject({ status: 'UNKNOWN_ISSUER', reason: 'STATUS_LIST_UNKNOWN_KID' });
      expect(outcomes(result)).toEqual(['rejected', 'rejected']);
    });

    it('refuses a status list that another trusted administration issued under the same address', async () => {
      const other = await generateSigningKey({ did: OTHER_DID, keyId: 'k1' });
      const otherSigner = await createLocalSigner({
        kid: other.kid,
        alg: 'EdDSA',
        privateJwk: other.privateJwk,
      });
      const trustList = new TrustList({
        issuers: [ISSUER_DID, OTHER_DID],
        keys: [fixture.key.publicKey, other.publicKey],
      });
      const foreign = await issueStatusListCredential({
        signer: otherSigner,
        id: REVOCATION_LIST_URL,
        list: fixture.revocation,
        validFrom: new Date(CHECK_TIME.getTime() - HOUR),
      });
      const result = await verifyCredential(
        jws,
        options({ trustList, statusLists: [await suspensionList(), foreign] }),
      );
      expect(result).toMatchObject({
        status: 'UNKNOWN_ISSUER',
        reason: 'STATUS_LIST_ISSUER_MISMATCH',
        message: `Status list ${REVOCATION_LIST_URL} is issued by ${OTHER_DID}`,
      });
      expect(outcomes(result)).toEqual(['clear', 'rejected']);
    });

    it('reports a status entry that points at a list of the other purpose', async () => {
      const swapped = await issueStatusListCredential({
        signer: fixture.signer,
        id: SUSPENSION_LIST_URL,
        list: fixture.revocation,
        validFrom: new Date(CHECK_TIME.getTime() - HOUR),
      });
      const result = await verifyCredential(jws, options({ statusLists: [swapped, await revocationList()] }));
      expect(result).toMatchObject({
        status: 'STATUS_STALE',
        reason: 'STATUS_ENTRY_MISMATCH',
        message: `Entry does not fit status list ${SUSPENSION_LIST_URL}`,
      });
      expect(outcomes(result)).toEqual(['out-of-range', 'clear']);
    });

    it('reads the last index of a list and reports one past it as not fitting', async () => {
      const last = fixture.suspension.length - 1;
      const token = (index: number) =>
        issueSample(fixture, {
          status: {
            suspension: { statusListCredential: SUSPENSION_LIST_URL, index },
            revocation: { statusListCredential: REVOCATION_LIST_URL, index: 4242 },
          },
        });
      const lists = [await suspensionList(withBit('suspension', last)), await revocationList()];
      expect((await verifyCredential(await token(last), options({ statusLists: lists }))).status).toBe(
        'SUSPENDED',
      );
      const beyond = await verifyCredential(await token(last + 1), options({ statusLists: lists }));
      expect(beyond.reason).toBe('STATUS_ENTRY_MISMATCH');
    });

    it('trusts a list from its validFrom up to, not including, its validUntil', async () => {
      const from = new Date(CHECK_TIME.getTime() - HOUR);
      const until = new Date(from.getTime() + 48 * HOUR);
      const valid = async (now: Date) => (await verifyCredential(jws, options({ now }))).status;
      expect(await valid(from)).toBe('VALID');
      expect(await valid(new Date(until.getTime() - 1))).toBe('VALID');
      const expired = await verifyCredential(jws, options({ now: until }));
      expect(expired).toMatchObject({
        status: 'STATUS_STALE',
        reason: 'STATUS_LIST_EXPIRED',
        message: `Status list ${SUSPENSION_LIST_URL} is valid ${from.toISOString()} to ${until.toISOString()}`,
      });
      expect(outcomes(expired)).toEqual(['stale', 'stale']);
      const early = await verifyCredential(jws, options({ now: new Date(from.getTime() - 1) }));
      expect(early.reason).toBe('STATUS_LIST_EXPIRED');
    });

    it('does not report a suspension read from an out-of-date list', async () => {
      const old = new Date(CHECK_TIME.getTime() - 72 * HOUR);
      const result = await verifyCredential(
        jws,
        options({ statusLists: [await suspensionList(withBit('suspension'), old), await revocationList()] }),
      );
      expect(result).toMatchObject({ status: 'STATUS_STALE', reason: 'STATUS_LIST_EXPIRED' });
      expect(outcomes(result)).toEqual(['stale', 'clear']);
    });

    it('ranks the answers: revoked, then a refused list, then a stale list, then suspended', async () => {
      const [forgedSuspension] = await untrusted();
      const old = new Date(CHECK_TIME.getTime() - 72 * HOUR);
      const verify = async (lists: string[]) => verifyCredential(jws, options({ statusLists: lists }));

      const revokedDespiteRefusal = await verify([
        forgedSuspension ?? '',
        await revocationList(withBit('revocation')),
      ]);
      expect(revokedDespiteRefusal).toMatchObject({
        status: 'REVOKED',
        reason: 'REVOKED',
        message: 'The certificate has been revoked',
      });
      expect(outcomes(revokedDespiteRefusal)).toEqual(['rejected', 'set']);

      const refusedOverStale = await verify([
        await suspensionList(undefined, old),
        (await untrusted())[1] ?? '',
      ]);
      expect(refusedOverStale.reason).toBe('STATUS_LIST_UNKNOWN_KID');

      const staleOverSuspended = await verify([
        await suspensionList(withBit('suspension')),
        await revocationList(undefined, old),
      ]);
      expect(staleOverSuspended.status).toBe('STATUS_STALE');
      expect(outcomes(staleOverSuspended)).toEqual(['set', 'stale']);

      const suspended = await verify([await suspensionList(withBit('suspension')), await revocationList()]);
      expect(suspended).toMatchObject({
        status: 'SUSPENDED',
        reason: 'SUSPENDED',
        message: 'The certificate is suspended',
      });
    });

    it('reports the first missing or stale list', async () => {
      const old = new Date(CHECK_TIME.getTime() - 72 * HOUR);
      const result = await verifyCredential(
        jws,
        options({ statusLists: [await revocationList(undefined, old)] }),
      );
      expect(result).toMatchObject({
        status: 'STATUS_STALE',
        reason: 'STATUS_LIST_MISSING',
        message: `No status list ${SUSPENSION_LIST_URL}`,
      });
      expect(outcomes(result)).toEqual(['missing', 'stale']);
      expect(result.details.statusChecks[0]).not.toHaveProperty('listValidUntil');
    });
  });

  describe('log inclusion', () => {
    const ORIGIN = 'customs.example.kz/aeo-log';
    let logSigner: Signer;
    let trustList: TrustList;
    let log: MerkleLog;
    let leafIndex: number;

    beforeAll(async () => {
      const logKey = await generateSigningKey({ did: ISSUER_DID, keyId: 'log-2025' });
      logSigner = await createLocalSigner({ kid: logKey.kid, alg: 'EdDSA', privateJwk: logKey.privateJwk });
      trustList = new TrustList({ issuers: [ISSUER_DID], keys: [fixture.key.publicKey, logKey.publicKey] });
      log = new MerkleLog();
      for (let i = 0; i < 3; i++) {
        const other = await issueSample(fixture, { certificateId: `urn:uuid:other-${i}` });
        log.append(encodeLogEntry(issuanceLogEntryFor(other)));
      }
      leafIndex = log.append(encodeLogEntry(issuanceLogEntryFor(jws))).leafIndex;
      log.append(encodeLogEntry(createLogEntry('suspension', jws, CHECK_TIME)));
    });

    const checkpoint = (signer = logSigner) =>
      signLogCheckpoint({ signer, log, origin: ORIGIN, timestamp: CHECK_TIME });
    const verifyWith = (logProof: LogProof, token = jws) =>
      verifyCredential(token, { trustList, statusLists, now: CHECK_TIME, logProof });

    it('reports where the issuance entry sits in the checkpointed log', async () => {
      const proof = buildLogProof({ log, leafIndex, treeSize: log.size, checkpoint: await checkpoint() });
      const result = await verifyWith(proof, `${jws}\n`);
      expect(result.status).toBe('VALID');
      expect(result.details.logInclusion).toEqual({
        checked: true,
        verified: true,
        leafIndex: 3,
        treeSize: 5,
        origin: ORIGIN,
        checkpointTimestamp: '2026-03-01T12:00:00Z',
      });
    });

    it.each([
      ['the checkpoint is not signed by a trusted key', 'checkpoint', /^Checkpoint rejected: /u],
      [
        'the proof and the checkpoint disagree on the size',
        'size',
        /^Proof and checkpoint disagree on the tree size$/u,
      ],
      ['the audit path is not hex', 'hex', /^Audit path is not hex$/u],
      ['the path leads elsewhere', 'path', /^Issuance entry is not in the checkpointed tree$/u],
    ])('fails closed and withholds the claims when %s', async (_name, fault, message) => {
      const stranger = await createTrustFixture('EdDSA', 'log-stranger');
      const signed = await checkpoint(fault === 'checkpoint' ? stranger.signer : logSigner);
      const proof = buildLogProof({ log, leafIndex, treeSize: log.size, checkpoint: signed });
      if (fault === 'size') proof.treeSize = log.size - 1;
      if (fault === 'hex') proof.auditPath = ['zz', ...proof.auditPath.slice(1)];
      if (fault === 'path') proof.leafIndex = leafIndex - 1;
      const result = await verifyWith(proof);
      expect(result).toMatchObject({ status: 'INVALID_SIGNATURE', reason: 'LOG_PROOF_INVALID' });
      expect(result.message).toMatch(message);
      expect(result.details.logInclusion).toMatchObject({
        checked: true,
        verified: false,
        leafIndex: proof.leafIndex,
        treeSize: proof.treeSize,
        message: result.message,
      });
      if (fault !== 'checkpoint') expect(result.details.logInclusion).toMatchObject({ origin: ORIGIN });
      for (const field of claimFields) expect(result.details).not.toHaveProperty(field);
      expect(result.details.issuer).toBe(ISSUER_DID);
    });
  });
});
