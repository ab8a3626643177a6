import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from './byte-encoding';
import { createLocalSigner, type Signer } from './credential-signer';
import { verifyCredential } from './credential-verifier';
import { signCheckpoint, signLogCheckpoint, verifyCheckpoint } from './log-checkpoint';
import { createLogEntry, encodeLogEntry, issuanceLogEntryFor } from './log-entry';
import { MerkleLog } from './merkle-log';
import { generateSigningKey } from './signing-keys';
import { TrustList } from './trust-list';
import {
  buildLogProof,
  buildVerificationBundle,
  parseVerificationBundle,
  verifyBundle,
  type VerificationBundle,
} from './verification-bundle';
import {
  CHECK_TIME,
  createTrustFixture,
  ISSUER_DID,
  issueSample,
  issueStatusLists,
  sampleClaims,
  type TrustFixture,
} from './trust-test-fixtures';

const LOG_ORIGIN = 'customs.example.kz/aeo-log';

describe('transparency log entries and checkpoints', () => {
  let fixture: TrustFixture;
  let logSigner: Signer;
  let trustList: TrustList;

  beforeAll(async () => {
    fixture = await createTrustFixture();
    const logKey = await generateSigningKey({ did: ISSUER_DID, keyId: 'log-2025' });
    logSigner = await createLocalSigner({ kid: logKey.kid, alg: 'EdDSA', privateJwk: logKey.privateJwk });
    trustList = new TrustList({ issuers: [ISSUER_DID], keys: [fixture.key.publicKey, logKey.publicKey] });
  });

  it('leaves are canonical JSON of hashes and ids only', async () => {
    const jws = await issueSample(fixture);
    const entry = issuanceLogEntryFor(jws);
    const text = new TextDecoder().decode(encodeLogEntry(entry));
    expect(text).toBe(
      `{"at":"2025-01-10T09:00:00Z","certificateId":"urn:uuid:6f1c1f0e-8a4b-4b7e-9a55-0d0c2f1e7a11",` +
        `"credentialHash":"${entry.credentialHash}","kind":"issuance"}`,
    );
    expect(text).not.toContain('Steppe');
    expect(createLogEntry('revocation', jws, CHECK_TIME)).toMatchObject({
      kind: 'revocation',
      at: '2026-03-01T12:00:00Z',
    });
  });

  it('signs checkpoints that verify against the trust list and not when altered', async () => {
    const log = new MerkleLog();
    log.append(encodeLogEntry(issuanceLogEntryFor(await issueSample(fixture))));
    const checkpoint = await signLogCheckpoint({
      signer: logSigner,
      log,
      origin: LOG_ORIGIN,
      timestamp: CHECK_TIME,
    });
    const verified = await verifyCheckpoint(checkpoint, trustList);
    expect(verified).toMatchObject({
      ok: true,
      checkpoint: { origin: LOG_ORIGIN, treeSize: 1, rootHash: bytesToHex(log.rootHash()) },
    });
    const untrusted = await verifyCheckpoint(checkpoint, fixture.trustList);
    expect(untrusted).toMatchObject({ ok: false, reason: 'UNKNOWN_KID' });
    const [h, , s] = checkpoint.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ origin: LOG_ORIGIN, treeSize: 2, rootHash: '00'.repeat(32), timestamp: 'x' }),
    ).toString('base64url');
    expect((await verifyCheckpoint(`${h}.${forgedPayload}.${s}`, trustList)).ok).toBe(false);
  });

  describe('verification with a log proof', () => {
    let jws: string;
    let statusLists: string[];
    let log: MerkleLog;
    let leafIndex: number;

    beforeAll(async () => {
      jws = await issueSample(fixture);
      statusLists = await issueStatusLists(fixture);
      log = new MerkleLog();
      // Other certificates before and after, so the proof has a real path.
      for (let i = 0; i < 5; i++) {
        const other = await issueSample(fixture, sampleClaims({ certificateId: `urn:uuid:other-${i}` }));
        log.append(encodeLogEntry(issuanceLogEntryFor(other)));
      }
      leafIndex = log.append(encodeLogEntry(issuanceLogEntryFor(jws))).leafIndex;
      log.append(encodeLogEntry(createLogEntry('suspension', jws, CHECK_TIME)));
    });

    it('reports the inclusion as checked when the audit path leads to a signed checkpoint', async () => {
      const checkpoint = await signLogCheckpoint({
        signer: logSigner,
        log,
        origin: LOG_ORIGIN,
        timestamp: CHECK_TIME,
      });
      const logProof = buildLogProof({ log, leafIndex, treeSize: log.size, checkpoint });
      const result = await verifyCredential(jws, { trustList, statusLists, now: CHECK_TIME, logProof });
      expect(result.status).toBe('VALID');
      expect(result.details.logInclusion).toMatchObject({
        checked: true,
        verified: true,
        leafIndex,
        treeSize: 7,
        origin: LOG_ORIGIN,
      });
    });

    it('fails closed when the proof does not lead to the checkpointed root', async () => {
      const checkpoint = await signCheckpoint(logSigner, {
        origin: LOG_ORIGIN,
        treeSize: log.size,
        rootHash: '11'.repeat(32),
        timestamp: CHECK_TIME.toISOString(),
      });
      const logProof = buildLogProof({ log, leafIndex, treeSize: log.size, checkpoint });
      const result = await verifyCredential(jws, { trustList, statusLists, now: CHECK_TIME, logProof });
      expect(result).toMatchObject({ status: 'INVALID_SIGNATURE', reason: 'LOG_PROOF_INVALID' });
      expect(result.details.logInclusion).toMatchObject({ checked: true, verified: false });
    });

    it('fails when the proof is for another certificate', async () => {
      const checkpoint = await signLogCheckpoint({ signer: logSigner, log, origin: LOG_ORIGIN });
      const logProof = buildLogProof({ log, leafIndex: 0, treeSize: log.size, checkpoint });
      const result = await verifyCredential(jws, { trustList, statusLists, now: CHECK_TIME, logProof });
      expect(result.reason).toBe('LOG_PROOF_INVALID');
    });

    it('builds a bundle that survives JSON and verifies the same way', async () => {
      const checkpoint = await signLogCheckpoint({
        signer: logSigner,
        log,
        origin: LOG_ORIGIN,
        timestamp: CHECK_TIME,
      });
      const bundle = buildVerificationBundle({
        credential: jws,
        trustList,
        statusLists,
        logProof: buildLogProof({ log, leafIndex, treeSize: log.size, checkpoint }),
        now: CHECK_TIME,
      });
      const parsed: VerificationBundle = parseVerificationBundle(JSON.parse(JSON.stringify(bundle)));
      expect(parsed).toEqual(bundle);
      const result = await verifyBundle(parsed);
      expect(result.status).toBe('VALID');
      expect(result.details.logInclusion).toMatchObject({ checked: true, verified: true });
      expect(() => parseVerificationBundle({ ...bundle, credential: 'not a jws' })).toThrow();
    });
  });
});
