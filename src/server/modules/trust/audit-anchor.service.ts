import {
  auditCheckpointLogEntry,
  encodeAuditCheckpointLogEntry,
  hashLeaf,
  hexToBytes,
  verifyAuditCheckpoint,
  verifyCheckpoint,
  verifyInclusion,
  type AuditCheckpoint,
  type TrustList,
} from '../../../trust-core';
import type { Config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import type { ChainAnchor } from '../audit/audit-chain';
import type { AuditCheckpointRow } from '../audit/audit.repository';
import type { AuditService } from '../audit/audit.service';
import {
  appendMissingCheckpointRecords,
  readCheckpointFile,
  type AuditCheckpointRecord,
  type CheckpointFileContent,
} from './audit-checkpoint-file';
import type { TrustService } from './trust.service';

const HOUR_MS = 3_600_000;

export interface AuditCheckpointSummary {
  size: number;
  headHash: string;
  signedAt: string;
  kid: string;
  logLeafIndex: number;
}

export interface CreatedAuditCheckpoint extends AuditCheckpointSummary {
  origin: string;
  jws: string;
  /** The file the checkpoint was also written to. */
  file: string;
}

/** Which safeguard failed: the links of the chain, a checkpoint against the chain, or a checkpoint's own proofs. */
export type AuditVerificationCheck = 'chain' | 'checkpoint' | 'signature' | 'log' | 'file';

export type AuditVerification =
  | { ok: true; events: number; checkpoint: AuditCheckpointSummary | null }
  | {
      ok: false;
      events: number;
      check: AuditVerificationCheck;
      firstBrokenEvent: string | null;
      seq: number | null;
      reason: string;
      checkpoint: AuditCheckpointSummary | null;
    };

/** The checkpoint file's line: the summary with the signed JWS that it repeats. */
function recordOf(row: AuditCheckpointRow): AuditCheckpointRecord {
  return { ...summaryOf(row), jws: row.jws };
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function summaryOf(row: AuditCheckpointRow): AuditCheckpointSummary {
  return {
    size: row.size,
    headHash: row.head_hash,
    signedAt: row.signed_at.toISOString(),
    kid: row.kid,
    logLeafIndex: row.log_leaf_index,
  };
}

/**
 * Anchors the audit chain where the database alone cannot rewrite it. A checkpoint (the chain's size and head hash,
 * signed with the trust module's key) is stored in the database, appended to the public transparency log and to an
 * append-only file a second party keeps; verification then requires the chain to reach every checkpoint's size with
 * its head hash, so a truncated tail or a rewritten, re-hashed chain no longer verifies.
 */
export class AuditAnchorService {
  constructor(
    private readonly config: Config,
    private readonly audit: AuditService,
    private readonly trust: TrustService,
  ) {}

  /** Appends to the file serialised in this process, so that overlapping calls do not write a record twice. */
  private fileWrites: Promise<unknown> = Promise.resolve();

  /** On demand (an administrator, the CLI). */
  async createCheckpoint(context: RequestContext): Promise<CreatedAuditCheckpoint> {
    const created = await this.sign(context, false);
    if (!created) throw new Error('A checkpoint on demand is always signed');
    return created;
  }

  /**
   * Scheduler tick: a checkpoint when the latest is older than the interval (a day at most), and every checkpoint the
   * file lacks appended to it, so a write that failed after its commit (or one signed by another node) is made good.
   */
  async runScheduled(now: Date): Promise<CreatedAuditCheckpoint | null> {
    const created = this.isDue(await this.audit.latestCheckpoint(), now)
      ? await this.sign(systemContext(now, 'scheduler'), true)
      : null;
    if (!created) await this.writeMissingToFile();
    return created;
  }

  private isDue(latest: AuditCheckpointRow | undefined, now: Date): boolean {
    const interval = this.config.audit.checkpointIntervalHours * HOUR_MS;
    return !latest || now.getTime() - latest.signed_at.getTime() >= interval;
  }

  private async sign(context: RequestContext, onlyIfDue: boolean): Promise<CreatedAuditCheckpoint | null> {
    const file = this.config.audit.checkpointFile;
    const created = await this.trust.anchorAuditCheckpoint(context.now, async (trx, sign) => {
      // Another node may have signed while this one waited for the trust lock.
      if (onlyIfDue && !this.isDue(await this.audit.latestCheckpoint(trx), context.now)) return null;
      const head = await this.audit.lockHead(trx);
      const signed = await sign(head);
      const checkpoint: CreatedAuditCheckpoint = {
        size: head.size,
        headHash: head.headHash,
        signedAt: context.now.toISOString(),
        kid: signed.kid,
        logLeafIndex: signed.leafIndex,
        origin: signed.checkpoint.origin,
        jws: signed.jws,
        file,
      };
      await this.audit.insertCheckpoint(trx, {
        size: head.size,
        headHash: head.headHash,
        origin: signed.checkpoint.origin,
        signedAt: context.now,
        kid: signed.kid,
        jws: signed.jws,
        logLeafIndex: signed.leafIndex,
      });
      // The checkpoint's own event follows the head it covers: the next checkpoint covers it.
      await this.audit.record(trx, context, {
        action: 'audit.checkpoint_signed',
        entityType: 'audit_checkpoint',
        entityId: String(head.size),
        summary: {
          size: head.size,
          headHash: head.headHash,
          logLeafIndex: signed.leafIndex,
          kid: signed.kid,
        },
      });
      return checkpoint;
    });
    if (!created) return null;
    await this.writeMissingToFile(created.size);
    return created;
  }

  /**
   * Appends every checkpoint in the database that the file lacks (idempotent by size). A failure is thrown as
   * `unavailable` (the route and the scheduler log it); the checkpoint stays committed and the next tick retries.
   */
  private async writeMissingToFile(signedSize?: number): Promise<void> {
    const file = this.config.audit.checkpointFile;
    const write = this.fileWrites.then(async () =>
      appendMissingCheckpointRecords(file, (await this.audit.listCheckpoints()).map(recordOf)),
    );
    this.fileWrites = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      const what =
        signedSize === undefined
          ? 'Checkpoints missing from the checkpoint file'
          : `The checkpoint of ${signedSize} events is signed, stored and in the transparency log, but`;
      throw new AppError(
        'unavailable',
        `${what} could not be written to ${file} (AUDIT_CHECKPOINT_FILE): ${errorText(error)}. The scheduler retries on its next tick.`,
      );
    }
  }

  /**
   * Verifies the chain against its checkpoints: each checkpoint in the database carries a valid signature and is in
   * the transparency log, proven against the log's signed head; the log holds none the database lacks; the file
   * (`checkpointFile`, by default AUDIT_CHECKPOINT_FILE) is readable, holds the database's latest checkpoint and none
   * the database lacks or tells otherwise; and the chain has an event at each checkpoint's size whose hash is the
   * checkpoint's head.
   */
  async verify(options: { checkpointFile?: string | undefined } = {}): Promise<AuditVerification> {
    const file = options.checkpointFile ?? this.config.audit.checkpointFile;
    const rows = await this.audit.listCheckpoints();
    const leaves = await this.trust.listAuditCheckpointLeaves();
    const latest = rows.at(-1);
    const fail = (check: AuditVerificationCheck, reason: string): AuditVerification => ({
      ok: false,
      events: 0,
      check,
      firstBrokenEvent: null,
      seq: null,
      reason,
      checkpoint: latest ? summaryOf(latest) : null,
    });

    let fromFile: CheckpointFileContent;
    try {
      fromFile = await readCheckpointFile(file);
    } catch (error) {
      return fail('file', `The checkpoint file ${file} cannot be read (${errorText(error)}).`);
    }

    const anchors: ChainAnchor[] = [];
    if (
      rows.length > 0 ||
      leaves.length > 0 ||
      fromFile.records.length > 0 ||
      fromFile.invalidLines.length > 0
    ) {
      const trustList = await this.trust.trustList();
      const signedBy = new Map<number, AuditCheckpoint>();
      for (const row of rows) {
        const verified = await verifyAuditCheckpoint(row.jws, trustList);
        if (!verified.ok) {
          return fail(
            'signature',
            `The checkpoint of ${row.size} events in the database does not verify: ${verified.message}.`,
          );
        }
        if (verified.checkpoint.size !== row.size || verified.checkpoint.headHash !== row.head_hash) {
          return fail(
            'signature',
            `The checkpoint row of ${row.size} events says otherwise than its signature (${verified.checkpoint.size} events).`,
          );
        }
        signedBy.set(row.size, verified.checkpoint);
        anchors.push({
          size: row.size,
          headHash: row.head_hash,
          label: `the checkpoint signed at ${verified.checkpoint.timestamp}`,
        });
      }

      const leafByIndex = new Map(leaves.map((leaf) => [leaf.leafIndex, leaf]));
      for (const row of rows) {
        const expected = new TextDecoder().decode(
          encodeAuditCheckpointLogEntry(auditCheckpointLogEntry(signedBy.get(row.size)!)),
        );
        if (leafByIndex.get(row.log_leaf_index)?.entry !== expected) {
          return fail(
            'log',
            `The checkpoint of ${row.size} events is not in the transparency log at leaf ${row.log_leaf_index}.`,
          );
        }
      }
      for (const leaf of leaves) {
        const proven = await this.proveLeaf(leaf.leafIndex, leaf.entry, trustList);
        if (!proven.ok) return fail('log', proven.reason);
        if (!rows.some((row) => row.log_leaf_index === leaf.leafIndex)) {
          return fail(
            'log',
            `The transparency log holds a checkpoint of ${proven.size} events (leaf ${leaf.leafIndex}) that the database lacks: checkpoints were removed.`,
          );
        }
      }

      // The file is the record the database cannot rewrite, so it must hold the database's latest checkpoint (a
      // removed tail of events, checkpoints, leaves and log heads leaves an older "latest" that the file outruns).
      if (latest && !fromFile.exists) {
        return fail(
          'file',
          `The database holds ${rows.length} checkpoint(s) but the checkpoint file ${file} does not exist.`,
        );
      }
      if (fromFile.invalidLines.length > 0) {
        return fail('file', `${file}: line ${fromFile.invalidLines.join(', ')} is not a checkpoint record.`);
      }
      for (const record of fromFile.records) {
        const verified = await verifyAuditCheckpoint(record.jws, trustList);
        if (!verified.ok) {
          return fail(
            'file',
            `The checkpoint of ${record.size} events in ${file} does not verify: ${verified.message}.`,
          );
        }
        const row = rows.find((candidate) => candidate.size === verified.checkpoint.size);
        if (!row) {
          const isNewer = !latest || verified.checkpoint.size > latest.size;
          return fail(
            'file',
            `The checkpoint of ${verified.checkpoint.size} events signed at ${verified.checkpoint.timestamp} in ${file} is missing from the database${isNewer ? `, and newer than its latest (${latest ? `${latest.size} events` : 'none'}): the newest checkpoints were removed` : ': checkpoints were removed'}.`,
          );
        }
        if (row.jws !== record.jws) {
          return fail(
            'file',
            `The checkpoint of ${row.size} events in ${file} differs from the one in the database.`,
          );
        }
      }
      if (latest && !fromFile.records.some((record) => record.jws === latest.jws)) {
        return fail(
          'file',
          `The latest checkpoint in the database (${latest.size} events, signed at ${latest.signed_at.toISOString()}) is not in the checkpoint file ${file}: the file was not written, is not the one every node appends to, or was cut.`,
        );
      }
    }

    const chain = await this.audit.verifyChain(anchors);
    const checkpoint = latest ? summaryOf(latest) : null;
    if (chain.ok) return { ok: true, events: chain.events, checkpoint };
    return { ...chain, checkpoint };
  }

  /** A leaf's stored entry must hash to a leaf included under the log's signed head. */
  private async proveLeaf(
    leafIndex: number,
    entry: string,
    trustList: TrustList,
  ): Promise<{ ok: true; size: number } | { ok: false; reason: string }> {
    const parsed = parseLogEntry(entry);
    if (!parsed) return { ok: false, reason: `Log leaf ${leafIndex} is not an audit checkpoint.` };
    let proof: Awaited<ReturnType<TrustService['inclusionProof']>>;
    try {
      proof = await this.trust.inclusionProof(leafIndex);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `The transparency log cannot prove leaf ${leafIndex}: ${message}` };
    }
    const head = await verifyCheckpoint(proof.checkpoint, trustList);
    if (!head.ok)
      return { ok: false, reason: `The transparency log's checkpoint does not verify: ${head.message}.` };
    const isIncluded =
      head.checkpoint.treeSize === proof.treeSize &&
      verifyInclusion({
        leafHash: hashLeaf(new TextEncoder().encode(entry)),
        leafIndex,
        treeSize: proof.treeSize,
        auditPath: proof.auditPath.map(hexToBytes),
        rootHash: head.rootHash,
      });
    if (!isIncluded) {
      return {
        ok: false,
        reason: `Log leaf ${leafIndex} (an audit checkpoint of ${parsed.size} events) is not the one the log's signed head includes: the log was altered.`,
      };
    }
    return { ok: true, size: parsed.size };
  }
}

/** The leaf as stored must be the canonical encoding of an audit checkpoint entry. */
function parseLogEntry(entry: string): { size: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(entry);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, origin, size, headHash, at } = value as Record<string, unknown>;
  if (
    kind !== 'audit_checkpoint' ||
    typeof origin !== 'string' ||
    typeof size !== 'number' ||
    typeof headHash !== 'string' ||
    typeof at !== 'string'
  )
    return undefined;
  const canonical = new TextDecoder().decode(
    encodeAuditCheckpointLogEntry({ kind, origin, size, headHash, at }),
  );
  return canonical === entry ? { size } : undefined;
}
