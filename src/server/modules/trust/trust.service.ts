import { randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import {
  allocateStatusIndex,
  auditCheckpointLogEntry,
  BitstringStatusList,
  buildDidDocument,
  buildJwks,
  bytesToHex,
  createLocalSigner,
  createLogEntry,
  credentialHash,
  decodeQrPayload,
  didFromKid,
  encodeAuditCheckpointLogEntry,
  encodeLogEntry,
  encodeQrPayload,
  encodeQrReference,
  generateSigningKey,
  hexToBytes,
  issuanceLogEntryFor,
  issueCredential,
  issueStatusListCredential,
  MerkleLog,
  signAuditCheckpoint,
  signLogCheckpoint,
  StatusListSet,
  TrustCoreError,
  TrustList,
  VERIFICATION_BUNDLE_FORMAT,
  describeVerifiedScope,
  summariseCredential,
  verifyCredential,
  type CredentialSummary,
  type VerifiedScope,
  type AuditCheckpoint,
  type AuditCheckpointLogEntry,
  type LogEntry,
  type LogProof,
  type PublishedKey,
  type Signer,
  type TrustListJson,
  type VerificationDetails,
  type VerificationStatus,
} from '../../../trust-core';
import type { Config } from '../../platform/config';
import type { Db, Trx } from '../../platform/database';
import { AppError, conflict, notFound } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { ValidationService } from '../validation/validation.service';
import type { RiskSettingsService } from '../risk/risk-settings.service';
import { transitionAuthorisation } from './authorisation-status';
import { certificateNumberFor } from './certificate-numbering';
import { extractCredentialFromPdf, renderCertificatePdf } from './certificate-pdf';
import { KeyDirectory, readSigningKeyFile } from './signing-key-files';
import './trust-notification-templates';
import {
  TrustRepository,
  type AuthorisationForCertificate,
  type CertificateRow,
  type RegisterFilter,
  type SigningKeyRow,
} from './trust.repository';
import type { StatusAction, StatusPurpose } from './trust.tables';

export interface StatusChangeInput {
  action: StatusAction;
  reason: string;
  remediationDeadline?: string | undefined;
}

export interface VerifyResponse {
  result: VerificationStatus;
  reason: string;
  message: string;
  /** Only the credential is ever verified; for a PDF, the credential embedded in it, not its printed page. */
  verifiedScope: VerifiedScope;
  /** What the credential says (holder, type, validity), for the reader to compare with the page. */
  credential: CredentialSummary | null;
  scopeNotice: string;
  details: VerificationDetails | Record<string, unknown>;
}

export interface SignedAuditCheckpoint {
  checkpoint: AuditCheckpoint;
  jws: string;
  kid: string;
  leafIndex: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_VALIDITY_YEARS = 5;
const STATUS_EVENTS: Record<StatusAction, { event: string; audit: string }> = {
  suspend: { event: 'trust.authorisation_suspended', audit: 'authorisation.suspended' },
  reinstate: { event: 'trust.authorisation_reinstated', audit: 'authorisation.reinstated' },
  revoke: { event: 'trust.authorisation_revoked', audit: 'authorisation.revoked' },
};

/** did:web of the public address's host (a port is percent-encoded, as the did:web method requires). */
export function didWebFor(publicUrl: string): string {
  return `did:web:${encodeURIComponent(new URL(publicUrl).host)}`;
}

/**
 * Certificates and the trust they rest on: the administration's keys, issuance, suspension / reinstatement /
 * revocation, the two status lists, the transparency log and verification. Every write takes the trust lock, so
 * numbers, status indexes and log leaves are handed out in one order, and commits together with its audit event.
 */
export class TrustService {
  private readonly repository = new TrustRepository();
  private readonly keyDirectory: KeyDirectory;
  readonly did: string;
  readonly logOrigin: string;
  private keysReady: Promise<void> | undefined;
  private readonly signers = new Map<string, Promise<Signer>>();
  /** Committed leaves (and, during a write, that write's own); rebuilt from the database when in doubt. */
  private log: MerkleLog | undefined;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private trustListCache: { fingerprint: string; list: TrustList } | undefined;
  private statusSetCache: { key: string; set: StatusListSet } | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
    private readonly riskSettings: RiskSettingsService,
    private readonly validation: ValidationService,
  ) {
    this.keyDirectory = new KeyDirectory(config.trust.keyDir);
    this.did = didWebFor(config.publicUrl);
    this.logOrigin = `${new URL(config.publicUrl).host}/aeo-log`;
  }

  statusListUrl(purpose: StatusPurpose): string {
    return `${this.config.publicUrl}/api/v1/status-lists/${purpose}`;
  }

  // ----- keys ---------------------------------------------------------------------------------------------------

  private ensureKeys(now: Date): Promise<void> {
    this.keysReady ??= this.initialiseKeys(now).catch((error: unknown) => {
      this.keysReady = undefined;
      throw error;
    });
    return this.keysReady;
  }

  /**
   * With TRUST_SIGNING_KEY_FILE, that key becomes the active one (a new file is how such a deployment rotates);
   * without it, a key is generated at the first start and its private part written under the key dir.
   */
  private async initialiseKeys(now: Date): Promise<void> {
    const file = this.config.trust.signingKeyFile;
    const context = systemContext(now, 'trust-keys');
    if (file) {
      const material = await readSigningKeyFile(file);
      const kid = `${this.did}#${material.keyId}`;
      const existing = await this.repository.findKey(this.db, kid);
      if (existing?.status === 'active') return;
      if (existing)
        throw new Error(`TRUST_SIGNING_KEY_FILE holds ${kid}, a retired key; rotation only moves forward`);
      await this.db.transaction().execute(async (trx) => {
        await this.repository.lock(trx);
        await this.repository.retireActiveKey(trx, now);
        await this.repository.insertKey(trx, {
          kid,
          alg: material.alg,
          public_jwk: JSON.stringify(material.publicJwk),
          status: 'active',
          private_key_source: 'file',
          created_at: now,
        });
        await this.audit.record(trx, context, {
          action: 'trust.signing_key_activated',
          entityType: 'signing_key',
          entityId: kid,
          summary: { source: 'file', alg: material.alg },
        });
      });
      return;
    }
    const keys = await this.repository.listKeys(this.db);
    if (!keys.some((key) => key.status === 'active')) await this.generateKey(context);
  }

  private async generateKey(context: RequestContext): Promise<string> {
    const stamp = context.now.toISOString().slice(0, 10).replaceAll('-', '');
    const keyId = `key-${stamp}-${randomBytes(4).toString('hex')}`;
    const generated = await generateSigningKey({
      did: this.did,
      keyId,
      alg: this.config.trust.signingAlgorithm,
    });
    this.keyDirectory.write(keyId, generated.privateJwk);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.lock(trx);
      await this.repository.retireActiveKey(trx, context.now);
      await this.repository.insertKey(trx, {
        kid: generated.kid,
        alg: generated.alg,
        public_jwk: JSON.stringify(generated.publicKey.publicJwk),
        status: 'active',
        private_key_source: 'data_dir',
        created_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'trust.signing_key_created',
        entityType: 'signing_key',
        entityId: generated.kid,
        summary: { source: 'data_dir', alg: generated.alg },
      });
    });
    return generated.kid;
  }

  private signerFor(row: SigningKeyRow): Promise<Signer> {
    let pending = this.signers.get(row.kid);
    if (!pending) {
      pending = this.loadSigner(row);
      pending.catch(() => this.signers.delete(row.kid));
      this.signers.set(row.kid, pending);
    }
    return pending;
  }

  private async loadSigner(row: SigningKeyRow): Promise<Signer> {
    const keyId = row.kid.slice(row.kid.indexOf('#') + 1);
    let privateJwk: JWK | undefined;
    if (row.private_key_source === 'file') {
      const file = this.config.trust.signingKeyFile;
      const material = file ? await readSigningKeyFile(file) : undefined;
      if (material?.keyId === keyId) privateJwk = material.privateJwk;
    } else {
      privateJwk = this.keyDirectory.read(keyId);
    }
    if (!privateJwk) {
      throw new AppError(
        'unavailable',
        `The private key of ${row.kid} is not available on this server (set TRUST_SIGNING_KEY_FILE or TRUST_KEY_DIR).`,
      );
    }
    return createLocalSigner({ kid: row.kid, alg: row.alg, privateJwk });
  }

  private async activeSigner(trx: Trx): Promise<Signer> {
    const active = (await this.repository.listKeys(trx)).find((key) => key.status === 'active');
    if (!active) throw new AppError('unavailable', 'No active signing key.');
    return this.signerFor(active);
  }

  private async publishedKeys(): Promise<PublishedKey[]> {
    await this.ensureKeys(new Date());
    return (await this.repository.listKeys(this.db)).map((row) => ({
      kid: row.kid,
      alg: row.alg,
      publicJwk: row.public_jwk,
      status: row.status,
    }));
  }

  async getJwks() {
    return buildJwks(await this.publishedKeys());
  }

  async getDidDocument() {
    return buildDidDocument(this.did, await this.publishedKeys());
  }

  async listKeys() {
    const rows = await this.repository.listKeys(this.db);
    return rows.map((row) => ({
      kid: row.kid,
      alg: row.alg,
      status: row.status,
      privateKeySource: row.private_key_source,
      createdAt: row.created_at.toISOString(),
      retiredAt: row.retired_at?.toISOString() ?? null,
    }));
  }

  /** A new key signs from now on; the old one stays published (retired) so what it signed still verifies. */
  async rotateSigningKey(context: RequestContext) {
    if (this.config.trust.signingKeyFile) {
      throw conflict(
        'The signing key comes from TRUST_SIGNING_KEY_FILE: put the new key in that file and restart.',
      );
    }
    await this.ensureKeys(context.now);
    const kid = await this.generateKey(context);
    // Status lists and the checkpoint are re-signed at once, so everything current speaks with the new key.
    await this.write(context.now, async (trx, signer) => {
      await this.publishStatusLists(trx, signer, context.now);
      const log = await this.loadLog(trx, await this.repository.logSize(trx));
      await this.signCheckpoint(trx, signer, log, context.now, { isResign: true });
    });
    return { kid, keys: await this.listKeys() };
  }

  /** The issuers and keys this server accepts: its own DID(s) and every key it ever published. */
  async trustList(): Promise<TrustList> {
    const keys = await this.publishedKeys();
    const fingerprint = keys.map((key) => `${key.kid}:${key.status}`).join('|');
    if (this.trustListCache?.fingerprint !== fingerprint) {
      const issuers = [...new Set(keys.map((key) => didFromKid(key.kid)))];
      this.trustListCache = {
        fingerprint,
        list: new TrustList({ issuers: issuers.length > 0 ? issuers : [this.did], keys }),
      };
    }
    return this.trustListCache.list;
  }

  async trustListJson(): Promise<TrustListJson> {
    return (await this.trustList()).toJson();
  }

  // ----- the write path -----------------------------------------------------------------------------------------

  /** One writer at a time in this process, the trust lock across processes; a failed write drops the log cache. */
  private async write<T>(now: Date, work: (trx: Trx, signer: Signer) => Promise<T>): Promise<T> {
    await this.ensureKeys(now);
    const run = async (): Promise<T> => {
      try {
        return await this.db.transaction().execute(async (trx) => {
          await this.repository.lock(trx);
          return work(trx, await this.activeSigner(trx));
        });
      } catch (error) {
        this.log = undefined;
        if (error instanceof TrustCoreError && error.code === 'REVOCATION_IRREVERSIBLE') {
          throw conflict('A revoked certificate cannot be reinstated.');
        }
        throw error;
      }
    };
    const result = this.writeQueue.then(run, run);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  // ----- transparency log ---------------------------------------------------------------------------------------

  /** The cached tree, holding at least `treeSize` leaves read from the database. */
  private async loadLog(db: Db | Trx, treeSize: number): Promise<MerkleLog> {
    if (!this.log) this.log = new MerkleLog();
    const log = this.log;
    if (log.size < treeSize) {
      const hashes = await this.repository.listLeafHashes(db, log.size, treeSize);
      for (const hash of hashes) log.appendLeafHash(hexToBytes(hash));
    }
    return log;
  }

  private async appendLeaves(
    trx: Trx,
    signer: Signer,
    entries: (LogEntry | AuditCheckpointLogEntry)[],
    now: Date,
  ): Promise<number[]> {
    const size = await this.repository.logSize(trx);
    if (this.log && this.log.size > size) this.log = undefined;
    const log = await this.loadLog(trx, size);
    const indexes: number[] = [];
    for (const entry of entries) {
      const isAudit = entry.kind === 'audit_checkpoint';
      const bytes = isAudit ? encodeAuditCheckpointLogEntry(entry) : encodeLogEntry(entry);
      const { leafIndex, leafHash } = log.append(bytes);
      await this.repository.insertLeaf(trx, {
        leaf_index: leafIndex,
        kind: entry.kind,
        certificate_id: isAudit ? null : entry.certificateId,
        credential_hash: isAudit ? null : entry.credentialHash,
        entry: new TextDecoder().decode(bytes),
        leaf_hash: bytesToHex(leafHash),
        appended_at: now,
      });
      indexes.push(leafIndex);
    }
    await this.signCheckpoint(trx, signer, log, now);
    return indexes;
  }

  private async signCheckpoint(
    trx: Trx,
    signer: Signer,
    log: MerkleLog,
    now: Date,
    options: { isResign?: boolean } = {},
  ): Promise<void> {
    // Checkpoints are append-only: a size already signed keeps its checkpoint, even after a key rotation.
    if (options.isResign && (await this.repository.findCheckpoint(trx, log.size))) return;
    const jws = await signLogCheckpoint({ signer, log, origin: this.logOrigin, timestamp: now });
    await this.repository.insertCheckpoint(trx, {
      tree_size: log.size,
      root_hash: bytesToHex(log.rootHash()),
      jws,
      kid: signer.kid,
      signed_at: now,
    });
  }

  // ----- audit checkpoints --------------------------------------------------------------------------------------

  /**
   * Anchors the audit chain where the database alone cannot rewrite it. Inside one trust write, `anchor` reads the
   * chain's head (and stores its own rows); `sign` signs that head with the active key and appends it to this public,
   * append-only log as an `audit_checkpoint` leaf.
   */
  async anchorAuditCheckpoint<T>(
    now: Date,
    anchor: (
      trx: Trx,
      sign: (head: { size: number; headHash: string }) => Promise<SignedAuditCheckpoint>,
    ) => Promise<T>,
  ): Promise<T> {
    return this.write(now, (trx, signer) =>
      anchor(trx, async (head) => {
        const checkpoint: AuditCheckpoint = {
          origin: `${new URL(this.config.publicUrl).host}/audit`,
          size: head.size,
          headHash: head.headHash,
          timestamp: now.toISOString(),
        };
        const jws = await signAuditCheckpoint(signer, checkpoint);
        const [leafIndex] = await this.appendLeaves(trx, signer, [auditCheckpointLogEntry(checkpoint)], now);
        return { checkpoint, jws, kid: signer.kid, leafIndex: leafIndex! };
      }),
    );
  }

  /** The audit checkpoints the log holds (their entries as stored; prove them with `inclusionProof`). */
  async listAuditCheckpointLeaves() {
    const rows = await this.repository.listAuditCheckpointLeaves(this.db);
    return rows.map((row) => ({ leafIndex: row.leaf_index, leafHash: row.leaf_hash, entry: row.entry }));
  }

  async getCheckpoint(now: Date) {
    let row = await this.repository.latestCheckpoint(this.db);
    if (!row) {
      await this.write(now, async (trx, signer) => {
        await this.signCheckpoint(trx, signer, await this.loadLog(trx, 0), now, { isResign: true });
      });
      row = await this.repository.latestCheckpoint(this.db);
    }
    if (!row) throw new AppError('unavailable', 'The log has no checkpoint yet.');
    return {
      origin: this.logOrigin,
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      timestamp: row.signed_at.toISOString(),
      kid: row.kid,
      checkpoint: row.jws,
    };
  }

  /** A tree read back from the database must hash to what was signed: a rewritten leaf fails here. */
  private async checkedLog(treeSize: number, rootHash: string): Promise<MerkleLog> {
    const log = await this.loadLog(this.db, treeSize);
    if (bytesToHex(log.rootHash(treeSize)) !== rootHash) {
      this.log = undefined;
      const reloaded = await this.loadLog(this.db, treeSize);
      if (bytesToHex(reloaded.rootHash(treeSize)) !== rootHash) {
        throw new AppError(
          'internal',
          `The stored log does not match its signed checkpoint at size ${treeSize}.`,
        );
      }
      return reloaded;
    }
    return log;
  }

  async inclusionProof(leafIndex: number, treeSize?: number) {
    const checkpoint =
      treeSize === undefined
        ? await this.repository.latestCheckpoint(this.db)
        : await this.repository.findCheckpoint(this.db, treeSize);
    if (!checkpoint) throw notFound('Checkpoint');
    const leaf = await this.repository.findLeaf(this.db, leafIndex);
    if (!leaf || leafIndex >= checkpoint.tree_size) throw notFound('Log leaf');
    const log = await this.checkedLog(checkpoint.tree_size, checkpoint.root_hash);
    return {
      leafIndex,
      treeSize: checkpoint.tree_size,
      leafHash: leaf.leaf_hash,
      entry: JSON.parse(leaf.entry) as Record<string, string>,
      auditPath: log.inclusionProof(leafIndex, checkpoint.tree_size).map(bytesToHex),
      checkpoint: checkpoint.jws,
    };
  }

  async consistencyProof(fromSize: number, toSize?: number) {
    const to =
      toSize === undefined
        ? await this.repository.latestCheckpoint(this.db)
        : await this.repository.findCheckpoint(this.db, toSize);
    const from = await this.repository.findCheckpoint(this.db, fromSize);
    if (!to || !from) throw notFound('Checkpoint');
    if (from.tree_size > to.tree_size) {
      throw new AppError('validation_failed', 'from must not be larger than to.', {
        fields: [{ path: 'querystring.from', message: 'larger than to' }],
      });
    }
    const log = await this.checkedLog(to.tree_size, to.root_hash);
    return {
      fromSize: from.tree_size,
      toSize: to.tree_size,
      proof: log.consistencyProof(from.tree_size, to.tree_size).map(bytesToHex),
      fromCheckpoint: from.jws,
      toCheckpoint: to.jws,
    };
  }

  async listLogEntries(from: number, limit: number) {
    const rows = await this.repository.listLeaves(this.db, from, limit);
    return rows.map((row) => ({
      leafIndex: row.leaf_index,
      leafHash: row.leaf_hash,
      entry: JSON.parse(row.entry) as Record<string, string>,
    }));
  }

  private async logProofFor(certificate: CertificateRow): Promise<LogProof> {
    const proof = await this.inclusionProof(certificate.issuance_leaf_index);
    return {
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      auditPath: proof.auditPath,
      checkpoint: proof.checkpoint,
    };
  }

  // ----- status lists -------------------------------------------------------------------------------------------

  /** Rebuilds both lists from the certificates' current status, signs them with a short validity, stores them. */
  private async publishStatusLists(trx: Trx, signer: Signer, now: Date): Promise<void> {
    const suspension = BitstringStatusList.create('suspension');
    const revocation = BitstringStatusList.create('revocation');
    for (const row of await this.repository.listCertificateStatuses(trx)) {
      if (row.status === 'suspended') suspension.set(row.status_index, true);
      if (row.status === 'revoked') revocation.set(row.status_index, true);
    }
    const previous = await this.repository.findStatusList(trx, 'revocation');
    if (previous)
      revocation.assertKeepsRevocationsOf(BitstringStatusList.decode('revocation', previous.encoded_list));
    const validUntil = new Date(now.getTime() + this.config.trust.statusListValidityHours * 3_600_000);
    for (const list of [suspension, revocation]) {
      const id = this.statusListUrl(list.purpose);
      const jws = await issueStatusListCredential({ signer, id, list, validFrom: now, validUntil });
      await this.repository.saveStatusList(trx, {
        purpose: list.purpose,
        list_url: id,
        jws,
        encoded_list: list.encode(),
        kid: signer.kid,
        valid_from: now,
        valid_until: validUntil,
      });
    }
  }

  async getStatusList(purpose: StatusPurpose, now: Date): Promise<string> {
    let row = await this.repository.findStatusList(this.db, purpose);
    if (!row) {
      await this.write(now, (trx, signer) => this.publishStatusLists(trx, signer, now));
      row = await this.repository.findStatusList(this.db, purpose);
    }
    if (!row) throw notFound('Status list');
    return row.jws;
  }

  private async statusListSet(trustList: TrustList): Promise<StatusListSet> {
    const rows = await this.repository.listStatusLists(this.db);
    const key = `${this.trustListCache?.fingerprint ?? ''}|${rows.map((row) => row.jws).join('|')}`;
    if (this.statusSetCache?.key !== key) {
      this.statusSetCache = {
        key,
        set: await StatusListSet.fromJws(
          rows.map((row) => row.jws),
          trustList,
        ),
      };
    }
    return this.statusSetCache.set;
  }

  /** Re-signs the lists when half their validity has passed (the scheduler calls this every tick). */
  async refreshStatusListsIfDue(now: Date): Promise<boolean> {
    const rows = await this.repository.listStatusLists(this.db);
    const halfLife = Math.min(DAY_MS, (this.config.trust.statusListValidityHours * 3_600_000) / 2);
    const isDue = rows.length < 2 || rows.some((row) => now.getTime() - row.valid_from.getTime() >= halfLife);
    if (!isDue) return false;
    await this.write(now, (trx, signer) => this.publishStatusLists(trx, signer, now));
    return true;
  }

  // ----- certificates -------------------------------------------------------------------------------------------

  /**
   * The authorisation if the caller may see the case it was granted on (customs in the case's office scope, the
   * holder or its representative; `customs`: customs only); 404 as for a missing one otherwise.
   */
  private async visibleAuthorisation(
    context: RequestContext,
    id: string,
    side: 'either' | 'customs' = 'either',
  ): Promise<AuthorisationForCertificate> {
    const authorisation = await this.validation.findAuthorisationForCertificate(this.db, id);
    if (!authorisation) throw notFound('Authorisation');
    await this.validation.applications.authorizeRecord(
      context,
      authorisation.applicationId,
      'Authorisation',
      side,
    );
    return authorisation;
  }

  /** The certificate of an authorisation, issued on first request; repeating gives the same bytes. */
  async getCertificate(context: RequestContext, authorisationId: string) {
    const authorisation = await this.visibleAuthorisation(context, authorisationId);
    const certificate = await this.ensureCertificate(context, authorisationId);
    return this.presentCertificate(authorisation, certificate);
  }

  /** Issues the certificate of an authorisation unless it has one (idempotent; no second log entry). */
  async ensureCertificate(context: RequestContext, authorisationId: string): Promise<CertificateRow> {
    const existing = await this.repository.findCertificateByAuthorisation(this.db, authorisationId);
    if (existing) return existing;
    const issued = await this.write(context.now, async (trx, signer) => {
      const again = await this.repository.findCertificateByAuthorisation(trx, authorisationId);
      if (again) return { certificate: again, authorisation: undefined };
      const authorisation = await this.validation.findAuthorisationForCertificate(trx, authorisationId, {
        forUpdate: true,
      });
      if (!authorisation) throw notFound('Authorisation');
      if (authorisation.status === 'revoked') throw conflict('A revoked authorisation gets no certificate.');
      const certificate = await this.issueInTransaction(trx, context, signer, authorisation);
      // Always re-signed: the first certificate creates the lists, and a fresh pair never hurts a verifier.
      await this.publishStatusLists(trx, signer, context.now);
      await this.notifications.notify(trx, context.now, {
        recipients: { userIds: await this.organisations.operatorUserIds(trx, authorisation.operatorId) },
        event: 'trust.certificate_issued',
        params: { certificateNumber: certificate.certificate_number, legalName: authorisation.legalName },
        link: `/authorisations/${authorisation.id}`,
        entityType: 'authorisation',
        entityId: authorisation.id,
      });
      await this.syncTrustedTrader(trx, context, authorisation, certificate);
      return { certificate, authorisation };
    });
    return issued.certificate;
  }

  private async issueInTransaction(
    trx: Trx,
    context: RequestContext,
    signer: Signer,
    authorisation: AuthorisationForCertificate,
  ): Promise<CertificateRow> {
    const now = context.now;
    const { definition } = await this.programme.getVersion(authorisation.programmeVersionId, trx);
    const sequence = await this.repository.takeSequence(trx);
    const certificateNumber = certificateNumberFor({
      numberPattern: definition.certificate?.numberPattern,
      countryCode: this.config.trust.countryCode,
      sequence,
      authorisationType: authorisation.authorisationType,
    });
    if (!certificateNumber) {
      throw new AppError('unprocessable', "No certificate number in the programme's format can be made.", {
        numberPattern: definition.certificate?.numberPattern,
      });
    }
    const statusIndex = allocateStatusIndex(await this.repository.listStatusIndexes(trx));
    const validFrom = new Date(`${authorisation.effectiveDate}T00:00:00Z`);
    const validUntil = new Date(validFrom);
    validUntil.setUTCFullYear(
      validUntil.getUTCFullYear() + (definition.certificate?.validityYears ?? DEFAULT_VALIDITY_YEARS),
    );
    const sites =
      authorisation.sites.length > 0
        ? authorisation.sites.map((site) => ({
            id: site.id,
            name: site.name,
            address: site.address,
            countryCode: authorisation.country,
          }))
        : [
            {
              name: authorisation.legalName,
              address: authorisation.address,
              countryCode: authorisation.country,
            },
          ];
    const certificateId = `urn:uuid:${randomUUID()}`;
    const jws = await issueCredential({
      signer,
      issuedAt: now,
      claims: {
        certificateId,
        certificateNumber,
        operator: { id: authorisation.taxpayerId, idScheme: 'TIN', legalName: authorisation.legalName },
        authorisationType: authorisation.authorisationType,
        tier: authorisation.tier,
        sites,
        validFrom,
        validUntil,
        status: {
          suspension: { statusListCredential: this.statusListUrl('suspension'), index: statusIndex },
          revocation: { statusListCredential: this.statusListUrl('revocation'), index: statusIndex },
        },
      },
    });
    const row: CertificateRow = {
      id: certificateId,
      authorisation_id: authorisation.id,
      operator_id: authorisation.operatorId,
      certificate_number: certificateNumber,
      sequence,
      jws,
      credential_hash: credentialHash(jws),
      kid: signer.kid,
      status_index: statusIndex,
      valid_from: validFrom,
      valid_until: validUntil,
      issued_at: now,
      issuance_leaf_index: await this.repository.logSize(trx),
    };
    await this.repository.insertCertificate(trx, row);
    const [leafIndex] = await this.appendLeaves(trx, signer, [issuanceLogEntryFor(jws)], now);
    if (leafIndex !== row.issuance_leaf_index) throw new Error('Log leaf index moved during issuance');
    await this.audit.record(trx, context, {
      action: 'certificate.issued',
      entityType: 'authorisation',
      entityId: authorisation.id,
      operatorId: authorisation.operatorId,
      summary: {
        certificateId,
        certificateNumber,
        kid: signer.kid,
        leafIndex,
        credentialHash: row.credential_hash,
      },
    });
    return row;
  }

  private qrPayloadFor(certificate: CertificateRow): string {
    try {
      return encodeQrPayload(certificate.jws);
    } catch (error) {
      if (!(error instanceof TrustCoreError) || error.code !== 'QR_PAYLOAD_TOO_LARGE') throw error;
      const url = `${this.config.publicUrl}/api/v1/authorisations/${certificate.authorisation_id}/certificate`;
      if (!url.startsWith('https://')) {
        throw new AppError(
          'unprocessable',
          'The certificate is too large for a QR code and PUBLIC_URL is not https.',
        );
      }
      return encodeQrReference(certificate.jws, url);
    }
  }

  private async presentCertificate(authorisation: AuthorisationForCertificate, certificate: CertificateRow) {
    const trustList = await this.trustListJson();
    const statusLists = (await this.repository.listStatusLists(this.db)).map((row) => row.jws);
    return {
      // The response is also a verification bundle: saved to a file, `openaeo verify FILE` checks it offline.
      format: VERIFICATION_BUNDLE_FORMAT,
      credential: certificate.jws,
      certificateId: certificate.id,
      certificateNumber: certificate.certificate_number,
      authorisationId: authorisation.id,
      status: authorisation.status,
      validFrom: certificate.valid_from.toISOString(),
      validUntil: certificate.valid_until.toISOString(),
      issuedAt: certificate.issued_at.toISOString(),
      kid: certificate.kid,
      credentialHash: certificate.credential_hash,
      qrPayload: this.qrPayloadFor(certificate),
      trustList,
      statusLists,
      logProof: await this.logProofFor(certificate),
    };
  }

  async getCertificatePdf(context: RequestContext, authorisationId: string) {
    const authorisation = await this.visibleAuthorisation(context, authorisationId);
    const certificate = await this.ensureCertificate(context, authorisationId);
    const { definition } = await this.programme.getVersion(authorisation.programmeVersionId);
    const type = definition.authorisationTypes.find((entry) => entry.id === authorisation.authorisationType);
    const pdf = await renderCertificatePdf({
      credential: certificate.jws,
      qrText: this.qrPayloadFor(certificate),
      certificateNumber: certificate.certificate_number,
      legalName: authorisation.legalName,
      taxpayerId: authorisation.taxpayerId,
      authorisationType: type?.title ?? {
        en: authorisation.authorisationType,
        ru: authorisation.authorisationType,
      },
      tier: authorisation.tier,
      sites: authorisation.sites.length > 0 ? authorisation.sites : [{ address: authorisation.address }],
      validFrom: certificate.valid_from.toISOString().slice(0, 10),
      validUntil: certificate.valid_until.toISOString().slice(0, 10),
      issuer: didFromKid(certificate.kid),
      credentialHash: certificate.credential_hash,
      verifyUrl: `${this.config.publicUrl}/verify`,
      issuedAt: certificate.issued_at,
    });
    return {
      pdf,
      fileName: `aeo-certificate-${certificate.certificate_number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`,
    };
  }

  /** Issues certificates for granted authorisations that have none (scheduler tick and demo seed). */
  async issuePendingCertificates(now: Date, limit = 50): Promise<number> {
    const ids = await this.repository.listUncertifiedAuthorisationIds(this.db, limit);
    for (const id of ids) await this.ensureCertificate(systemContext(now, 'trust-issuance'), id);
    return ids.length;
  }

  // ----- status changes -----------------------------------------------------------------------------------------

  async changeStatus(context: RequestContext, authorisationId: string, input: StatusChangeInput) {
    await this.visibleAuthorisation(context, authorisationId, 'customs');
    const now = context.now;
    const outcome = await this.write(now, async (trx, signer) => {
      const authorisation = await this.validation.findAuthorisationForCertificate(trx, authorisationId, {
        forUpdate: true,
      });
      if (!authorisation) throw notFound('Authorisation');
      const transition = transitionAuthorisation(authorisation.status, input.action);
      if (!transition.ok) throw conflict(transition.reason, { status: authorisation.status });
      const certificate =
        (await this.repository.findCertificateByAuthorisation(trx, authorisationId)) ??
        (await this.issueInTransaction(trx, context, signer, authorisation));
      // The validation module owns `authorisation`; this one column changes here, in the same transaction as the
      // status lists and the log, so the three can never disagree.
      const { barredUntil } = await this.validation.setAuthorisationStatus(
        trx,
        authorisationId,
        transition.to,
        now,
      );
      const [leafIndex] = await this.appendLeaves(
        trx,
        signer,
        [createLogEntry(transition.logKind, certificate.jws, now)],
        now,
      );
      const remediationDeadline = input.action === 'suspend' ? (input.remediationDeadline ?? null) : null;
      await this.repository.insertStatusChange(trx, {
        authorisation_id: authorisationId,
        certificate_id: certificate.id,
        action: input.action,
        from_status: authorisation.status,
        to_status: transition.to,
        reason: input.reason,
        remediation_deadline: remediationDeadline,
        leaf_index: leafIndex ?? -1,
        changed_by: context.principal?.kind === 'user' ? context.principal.userId : null,
        changed_at: now,
      });
      await this.publishStatusLists(trx, signer, now);
      const events = STATUS_EVENTS[input.action];
      await this.audit.record(trx, context, {
        action: events.audit,
        entityType: 'authorisation',
        entityId: authorisationId,
        operatorId: authorisation.operatorId,
        summary: {
          before: { status: authorisation.status },
          after: { status: transition.to },
          reason: input.reason,
          remediationDeadline,
          ...(barredUntil ? { barredUntil } : {}),
          certificateNumber: certificate.certificate_number,
          leafIndex,
        },
      });
      await this.notifications.notify(trx, now, {
        recipients: { userIds: await this.organisations.operatorUserIds(trx, authorisation.operatorId) },
        event: events.event,
        params: {
          certificateNumber: certificate.certificate_number,
          legalName: authorisation.legalName,
          reason: input.reason,
          remediationDeadline: remediationDeadline ?? '-',
          barredUntil: barredUntil ?? '-',
        },
        link: `/authorisations/${authorisationId}`,
        entityType: 'authorisation',
        entityId: authorisationId,
      });
      await this.syncTrustedTrader(trx, context, { ...authorisation, status: transition.to }, certificate);
      return {
        authorisation: { ...authorisation, status: transition.to },
        certificate,
        previousStatus: authorisation.status,
        leafIndex: leafIndex ?? -1,
      };
    });
    return {
      authorisationId,
      status: outcome.authorisation.status,
      previousStatus: outcome.previousStatus,
      certificateNumber: outcome.certificate.certificate_number,
      leafIndex: outcome.leafIndex,
      changedAt: now.toISOString(),
    };
  }

  async listStatusChanges(context: RequestContext, authorisationId: string) {
    await this.visibleAuthorisation(context, authorisationId);
    const rows = await this.repository.listStatusChanges(this.db, authorisationId);
    return rows.map((row) => ({
      action: row.action,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      reason: row.reason,
      remediationDeadline: row.remediation_deadline,
      leafIndex: row.leaf_index,
      changedAt: row.changed_at.toISOString(),
    }));
  }

  /**
   * Keeps the risk engine's trusted-trader entry in step. The risk service opens its own transaction, so this runs
   * right after the status change commits (PGlite has one connection: it cannot nest inside ours).
   */
  /** The risk engine's trusted-trader entry follows the authorisation, in the same transaction. */
  private async syncTrustedTrader(
    trx: Trx,
    context: RequestContext,
    authorisation: AuthorisationForCertificate,
    certificate: CertificateRow,
  ): Promise<void> {
    // The list has one entry per party, and a party may hold several types: revoking one type (a partial
    // revocation) must not end the facilitation another type still earns. The entry follows the best status held.
    const held = await Promise.all(
      (await this.validation.listOperatorAuthorisations(trx, authorisation.operatorId)).map(async (row) =>
        row.id === authorisation.id
          ? { ...row, status: authorisation.status, valid_until: certificate.valid_until }
          : {
              ...row,
              valid_until:
                (await this.repository.findCertificateByAuthorisation(trx, row.id))?.valid_until ?? null,
            },
      ),
    );
    const rank = { active: 0, suspended: 1, revoked: 2 } as const;
    const best = held.sort(
      (a, b) =>
        rank[a.status] - rank[b.status] || (b.valid_until?.getTime() ?? 0) - (a.valid_until?.getTime() ?? 0),
    )[0];
    if (!best) return;
    await this.riskSettings.upsertTrustedTraders(
      context,
      [
        {
          partyId: authorisation.taxpayerId,
          status: best.status,
          authorisationType: best.authorisation_type,
          tier: best.tier,
          source: 'national',
          legalName: authorisation.legalName,
          validUntil: best.valid_until?.toISOString().slice(0, 10) ?? null,
        },
      ],
      'authorisation',
      trx,
    );
  }

  // ----- verification -------------------------------------------------------------------------------------------

  /**
   * Verifies a certificate given as a compact JWS, QR text or the PDF this server produced. Keys and status come
   * from this server's own records only; no URL named in the input is ever fetched.
   */
  async verify(
    now: Date,
    input: { credential?: string | undefined; pdf?: Uint8Array | undefined },
  ): Promise<VerifyResponse> {
    const verified = await this.verifyCredentialOnly(now, input);
    const scope: VerifiedScope = input.pdf ? 'embedded_credential' : 'credential';
    const credential = summariseCredential(verified.details);
    return {
      ...verified,
      verifiedScope: scope,
      credential,
      scopeNotice: describeVerifiedScope(scope, credential),
    };
  }

  private async verifyCredentialOnly(
    now: Date,
    input: { credential?: string | undefined; pdf?: Uint8Array | undefined },
  ): Promise<Omit<VerifyResponse, 'verifiedScope' | 'credential' | 'scopeNotice'>> {
    let text: string;
    if (input.pdf) {
      const extracted = await extractCredentialFromPdf(input.pdf);
      if (!extracted) throw new AppError('unprocessable', 'This PDF carries no AEO certificate.');
      text = extracted;
    } else {
      text = (input.credential ?? '').trim();
    }
    let jws = text;
    if (text.startsWith('AEO1')) {
      let payload;
      try {
        payload = decodeQrPayload(text);
      } catch (error) {
        return {
          result: 'INVALID_SIGNATURE',
          reason: 'QR_PAYLOAD_INVALID',
          message: error instanceof Error ? error.message : 'Not a certificate QR code',
          details: { checkedAt: now.toISOString() },
        };
      }
      if (payload.kind === 'embedded') jws = payload.jws;
      else {
        const held = await this.repository.findCertificateByHash(this.db, payload.sha256);
        if (!held) {
          return {
            result: 'UNKNOWN_ISSUER',
            reason: 'REFERENCE_NOT_FOUND',
            message:
              'The QR code names a certificate this administration did not issue; its URL is not fetched.',
            details: { checkedAt: now.toISOString(), sha256: payload.sha256 },
          };
        }
        jws = held.jws;
      }
    }
    const trustList = await this.trustList();
    const statusLists = await this.statusListSet(trustList);
    const held = /^[A-Za-z0-9_.-]+$/.test(jws)
      ? await this.repository.findCertificateByHash(this.db, credentialHash(jws))
      : undefined;
    const logProof = held ? await this.logProofFor(held) : undefined;
    const result = await verifyCredential(jws, {
      trustList,
      statusLists,
      now,
      ...(logProof ? { logProof } : {}),
    });
    return { result: result.status, reason: result.reason, message: result.message, details: result.details };
  }

  // ----- public register ----------------------------------------------------------------------------------------

  async searchRegister(now: Date, filter: RegisterFilter) {
    const { rows, total, isTotalCapped } = await this.repository.searchRegister(this.db, filter);
    return {
      total,
      isTotalCapped,
      items: rows.map((row) => ({
        legalName: row.legal_name,
        operatorId: row.taxpayer_id,
        country: row.country,
        authorisationType: row.authorisation_type,
        tier: row.tier,
        certificateNumber: row.certificate_number,
        status:
          row.status === 'active' && row.valid_until.getTime() <= now.getTime() ? 'expired' : row.status,
        validFrom: row.valid_from.toISOString().slice(0, 10),
        validUntil: row.valid_until.toISOString().slice(0, 10),
      })),
    };
  }

  async getRegisterConsent(context: RequestContext, operatorId: string) {
    await this.organisations.authorizeOperator(context, operatorId, 'view');
    const row = await this.repository.findConsent(this.db, operatorId);
    return {
      operatorId,
      isPublished: row?.is_published ?? false,
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  }

  /** Publication is the operator's choice: its account managers (or a representative with the right) set it. */
  async setRegisterConsent(context: RequestContext, operatorId: string, isPublished: boolean) {
    const access = await this.organisations.authorizeOperator(context, operatorId, 'manage_users');
    await this.recordRegisterConsent(context, operatorId, isPublished, access.onBehalfOfOperatorId);
    return this.getRegisterConsent(context, operatorId);
  }

  /** Without an access check: for the demo seed and the operator-facing call above. */
  async recordRegisterConsent(
    context: RequestContext,
    operatorId: string,
    isPublished: boolean,
    onBehalfOfOperatorId: string | null = null,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.repository.saveConsent(trx, {
        operator_id: operatorId,
        is_published: isPublished,
        updated_by: context.principal?.kind === 'user' ? context.principal.userId : null,
        updated_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'register.consent_changed',
        entityType: 'operator',
        entityId: operatorId,
        operatorId,
        onBehalfOfOperatorId,
        summary: { isPublished },
      });
    });
  }

  /** Demo data only: the demo holders agree to publication (a real operator decides for itself). */
  async publishDemoHolders(context: RequestContext): Promise<number> {
    const operatorIds = await this.repository.listCertifiedOperatorsWithoutConsent(this.db);
    for (const operatorId of operatorIds) await this.recordRegisterConsent(context, operatorId, true);
    return operatorIds.length;
  }

  // ----- scheduler ----------------------------------------------------------------------------------------------

  /** Called every scheduler tick: certificates for new grants, status lists re-signed at least daily. */
  async runScheduled(now: Date): Promise<{ issued: number; isStatusListRefreshed: boolean }> {
    const issued = await this.issuePendingCertificates(now);
    const isStatusListRefreshed = await this.refreshStatusListsIfDue(now);
    return { issued, isStatusListRefreshed };
  }
}
