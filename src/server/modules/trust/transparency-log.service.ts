import {
  auditCheckpointLogEntry,
  bytesToHex,
  encodeAuditCheckpointLogEntry,
  encodeLogEntry,
  hexToBytes,
  MerkleLog,
  signAuditCheckpoint,
  signLogCheckpoint,
  type AuditCheckpoint,
  type AuditCheckpointLogEntry,
  type LogEntry,
  type LogProof,
  type Signer,
} from '../../../trust-core';
import type { Config } from '../../platform/config';
import type { Db, Trx } from '../../platform/database';
import { AppError, notFound } from '../../platform/errors';
import type { TrustWriter } from './trust-writer';
import { parseLogEntry, presentLogCheckpoint, presentLogLeaf } from './trust.presenters';
import type { CertificateRow, TrustRepository } from './trust.repository';
import type { ConsistencyProofDto, InclusionProofDto, LogCheckpointDto, LogLeafDto } from './trust.schemas';

export interface SignedAuditCheckpoint {
  checkpoint: AuditCheckpoint;
  jws: string;
  kid: string;
  leafIndex: number;
}

/** Work inside one trust write that reads the audit chain's head in `trx` and has `sign` sign and log it. */
export type AuditCheckpointAnchor<T> = (
  trx: Trx,
  sign: (head: { size: number; headHash: string }) => Promise<SignedAuditCheckpoint>,
) => Promise<T>;

/**
 * The public, append-only transparency log (RFC 9162): leaves for issuance, status changes and audit checkpoints,
 * signed checkpoints, and the proofs a verifier checks against them.
 */
export class TransparencyLogService {
  readonly logOrigin: string;
  /** Committed leaves (and, during a write, that write's own); rebuilt from the database when in doubt. */
  private log: MerkleLog | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly repository: TrustRepository,
    private readonly writer: TrustWriter,
  ) {
    this.logOrigin = `${new URL(config.publicUrl).host}/aeo-log`;
    writer.onFailure(() => {
      this.log = undefined;
    });
  }

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

  /** Appends the entries inside a trust write and signs the new checkpoint; returns their leaf indexes. */
  async appendLeaves(
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

  /** Signs the current size unless it already has a checkpoint (after a key rotation, or for an empty log). */
  async resignCheckpoint(trx: Trx, signer: Signer, now: Date): Promise<void> {
    const log = await this.loadLog(trx, await this.repository.logSize(trx));
    await this.signCheckpoint(trx, signer, log, now, { isResign: true });
  }

  /**
   * Anchors the audit chain where the database alone cannot rewrite it. Inside one trust write, `anchor` reads the
   * chain's head (and stores its own rows); `sign` signs that head with the active key and appends it to this public,
   * append-only log as an `audit_checkpoint` leaf.
   */
  async anchorAuditCheckpoint<T>(now: Date, anchor: AuditCheckpointAnchor<T>): Promise<T> {
    return this.writer.write(now, (trx, signer) =>
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

  async getCheckpoint(now: Date): Promise<LogCheckpointDto> {
    let row = await this.repository.latestCheckpoint(this.db);
    if (!row) {
      await this.writer.write(now, (trx, signer) => this.resignCheckpoint(trx, signer, now));
      row = await this.repository.latestCheckpoint(this.db);
    }
    if (!row) throw new AppError('unavailable', 'The log has no checkpoint yet.');
    return presentLogCheckpoint(this.logOrigin, row);
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

  async inclusionProof(leafIndex: number, treeSize?: number): Promise<InclusionProofDto> {
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
      entry: parseLogEntry(leaf),
      auditPath: log.inclusionProof(leafIndex, checkpoint.tree_size).map(bytesToHex),
      checkpoint: checkpoint.jws,
    };
  }

  async consistencyProof(fromSize: number, toSize?: number): Promise<ConsistencyProofDto> {
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

  async listLogEntries(from: number, limit: number): Promise<LogLeafDto[]> {
    return (await this.repository.listLeaves(this.db, from, limit)).map(presentLogLeaf);
  }

  /** The inclusion proof of a certificate's issuance leaf against the latest checkpoint. */
  async logProofFor(certificate: CertificateRow): Promise<LogProof> {
    const proof = await this.inclusionProof(certificate.issuance_leaf_index);
    return {
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      auditPath: proof.auditPath,
      checkpoint: proof.checkpoint,
    };
  }
}
