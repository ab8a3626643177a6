import type { Decision } from '../../../risk-engine/policy/index';
import type { Db, Trx } from '../../platform/database';
import { AppError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { DeclarationRow, DeclarationsRepository, NewDeclarationRow } from './declarations.repository';
import type { RiskSettingsRepository } from './risk-settings.repository';

export type StoredDeclaration = DeclarationRow & { model_number: number | null };

/** A decision as answered: what was stored for the declaration id, and whether it was stored earlier. */
export interface WrittenDecision {
  id: string;
  decision: Decision;
  modelNumber: number | null;
  receivedAt: Date;
  isReplay: boolean;
}

export interface WriteOutcome {
  rows: WrittenDecision[];
}

export interface WriteRequest {
  context: RequestContext;
  /** Who submitted, as stored and as idempotency keys are scoped (api key id or user id). */
  principal: string;
  rows: NewDeclarationRow[];
  /** The decisions the rows carry (as objects, so nothing is parsed back). */
  decisions: Decision[];
  modelNumber: number | null;
  idempotency?: { key: string; bodyHash: string };
}

export function toWrittenDecision(row: StoredDeclaration, isReplay: boolean): WrittenDecision {
  return {
    id: row.id,
    decision: row.decision as Decision,
    modelNumber: row.model_number,
    receivedAt: row.received_at,
    isReplay,
  };
}

interface Pending extends WriteRequest {
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

/** Rows per transaction at most; a flush takes whole requests until it passes this. */
const FLUSH_ROWS = 5000;

/**
 * Group commit for decisions. Concurrent submissions queue here and are written together, one transaction per
 * flush, so fifty clients sending one declaration each cost one round of inserts and one audit event instead of
 * fifty. Each caller's promise settles only after its rows are committed: nothing is answered that is not stored.
 * A declaration id already stored with the same content is a replay (its stored decision is answered); with other
 * content it is refused (422), and that submission writes nothing.
 */
export class DecisionWriter {
  private queue: Pending[] = [];
  private isFlushing = false;

  constructor(
    private readonly db: Db,
    private readonly declarations: DeclarationsRepository,
    private readonly settings: RiskSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  write(request: WriteRequest): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.isFlushing) setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.isFlushing) return;
    this.isFlushing = true;
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let size = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || size + this.queue[0]!.rows.length <= FLUSH_ROWS)
        ) {
          const next = this.queue.shift()!;
          size += next.rows.length;
          batch.push(next);
        }
        await this.flush(batch);
      }
    } finally {
      this.isFlushing = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    const settled: { pending: Pending; outcome: WriteOutcome | AppError }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        settled.length = 0;
        const { open, claimed } = await this.claimIdempotencyKeys(trx, batch, settled);
        const ids = [...new Set(open.flatMap((p) => p.rows.map((r) => r.id)))];
        const hashes = await this.declarations.findHashes(trx, ids);
        const planned = new Map<string, NewDeclarationRow>();
        const owner = new Map<string, Pending>();
        const accepted: Pending[] = [];
        for (const pending of open) {
          const conflicts = pending.rows.filter((row) => {
            const other = hashes.get(row.id) ?? planned.get(row.id)?.body_hash;
            return other !== undefined && other !== row.body_hash;
          });
          if (conflicts.length > 0) {
            settled.push({ pending, outcome: conflictError(conflicts.map((r) => r.id)) });
            continue;
          }
          for (const row of pending.rows) {
            if (hashes.has(row.id) || planned.has(row.id)) continue;
            planned.set(row.id, row);
            owner.set(row.id, pending);
          }
          accepted.push(pending);
        }
        // In id order, so that two writers inserting overlapping ids lock them in the same order.
        const inserted = await this.declarations.insertNew(
          trx,
          [...planned.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        );
        // Another process may have stored some of them between our read and our insert: read what won.
        const lost = [...planned.keys()].filter((id) => !inserted.has(id));
        for (const [id, hash] of await this.declarations.findHashes(trx, lost)) hashes.set(id, hash);
        const isWrittenBy = (pending: Pending, id: string) => inserted.has(id) && owner.get(id) === pending;

        await this.recordSideEffects(trx, accepted, isWrittenBy);
        // Replays answer what is stored; new rows answer what was just written, without reading it back.
        const replayIds = accepted.flatMap((p) =>
          p.rows.filter((r) => !isWrittenBy(p, r.id)).map((r) => r.id),
        );
        const stored = new Map(
          (await this.declarations.findByIds(trx, [...new Set(replayIds)])).map((row) => [row.id, row]),
        );
        for (const pending of accepted) {
          const mismatch = pending.rows.filter((row) => {
            const hash = inserted.has(row.id) ? planned.get(row.id)?.body_hash : hashes.get(row.id);
            return hash !== row.body_hash;
          });
          if (mismatch.length > 0) {
            settled.push({ pending, outcome: conflictError(mismatch.map((r) => r.id)) });
            continue;
          }
          const seen = new Set<string>();
          settled.push({
            pending,
            outcome: {
              rows: pending.rows.map((row, i) => {
                const isNew = isWrittenBy(pending, row.id) && !seen.has(row.id);
                seen.add(row.id);
                if (isNew) {
                  return {
                    id: row.id,
                    decision: pending.decisions[i]!,
                    modelNumber: pending.modelNumber,
                    receivedAt: row.received_at ?? pending.context.now,
                    isReplay: false,
                  };
                }
                const replay = stored.get(row.id);
                if (replay) return toWrittenDecision(replay, true);
                // Written by an earlier submission of this same flush: its decision is the stored one.
                const first = owner.get(row.id)!;
                const index = first.rows.findIndex((r) => r.id === row.id);
                return {
                  id: row.id,
                  decision: first.decisions[index]!,
                  modelNumber: first.modelNumber,
                  receivedAt: first.context.now,
                  isReplay: true,
                };
              }),
            },
          });
        }
        // A claimed key whose submission was refused stays free: the refused body stored nothing.
        await this.declarations.deleteIdempotencyKeys(
          trx,
          settled.flatMap(({ pending, outcome }) =>
            outcome instanceof AppError && claimed.has(pending) && pending.idempotency
              ? [{ principal: pending.principal, key: pending.idempotency.key }]
              : [],
          ),
        );
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const { pending, outcome } of settled) {
      if (outcome instanceof AppError) pending.reject(outcome);
      else pending.resolve(outcome);
    }
  }

  /**
   * Claims each Idempotency-Key before anything is written, in the flush's transaction: the primary key on
   * (principal, key) lets exactly one transaction insert it (a concurrent writer on another connection or node
   * waits for that one to commit, then finds the key taken). A submission whose key is held by another body is
   * refused (422) and writes nothing; one with the same body goes on and is answered as a replay of the stored
   * declarations. Returns the submissions that go on, and those whose key this flush claimed.
   */
  private async claimIdempotencyKeys(
    trx: Trx,
    batch: Pending[],
    settled: { pending: Pending; outcome: WriteOutcome | AppError }[],
  ): Promise<{ open: Pending[]; claimed: Set<Pending> }> {
    const keyOf = (p: Pending, key: string) => `${p.principal}\u0000${key}`;
    const first = new Map<string, Pending>();
    for (const pending of batch) {
      if (!pending.idempotency) continue;
      const key = keyOf(pending, pending.idempotency.key);
      if (!first.has(key)) first.set(key, pending);
    }
    if (first.size === 0) return { open: batch, claimed: new Set() };
    // Sorted, so that two writers claiming overlapping keys lock them in the same order.
    const claimants = [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
    const won = await this.declarations.claimIdempotencyKeys(
      trx,
      claimants.map((p) => ({
        principal: p.principal,
        key: p.idempotency!.key,
        body_hash: p.idempotency!.bodyHash,
        declaration_ids: p.rows.map((r) => r.id),
        created_at: p.context.now,
      })),
    );
    const claimed = new Set(claimants.filter((p) => won.has(keyOf(p, p.idempotency!.key))));
    const taken = await this.declarations.findIdempotencyKeys(
      trx,
      claimants
        .filter((p) => !claimed.has(p))
        .map((p) => ({ principal: p.principal, key: p.idempotency!.key })),
    );
    const open: Pending[] = [];
    for (const pending of batch) {
      if (!pending.idempotency) {
        open.push(pending);
        continue;
      }
      const key = keyOf(pending, pending.idempotency.key);
      const holder = claimed.has(first.get(key)!)
        ? first.get(key)!.idempotency!.bodyHash
        : taken.get(key)?.body_hash;
      if (holder === pending.idempotency.bodyHash) open.push(pending);
      else settled.push({ pending, outcome: idempotencyKeyReused() });
    }
    return { open, claimed };
  }

  /** Rule hit counters and one audit event per submitter, in the flush's transaction. */
  private async recordSideEffects(
    trx: Trx,
    accepted: Pending[],
    isWrittenBy: (pending: Pending, id: string) => boolean,
  ): Promise<void> {
    const hits = new Map<string, number>();
    const byPrincipal = new Map<string, { context: RequestContext; rows: NewDeclarationRow[] }>();
    for (const pending of accepted) {
      const own = pending.rows.filter((row) => isWrittenBy(pending, row.id));
      if (own.length === 0) continue;
      const group = byPrincipal.get(pending.principal) ?? { context: pending.context, rows: [] };
      group.rows.push(...own);
      byPrincipal.set(pending.principal, group);
      pending.rows.forEach((row, i) => {
        if (!isWrittenBy(pending, row.id)) return;
        const decision = pending.decisions[i]!;
        for (const ruleId of new Set(decision.ruleHits.map((h) => h.ruleId))) {
          const key = `${ruleId}\u0000${row.declared_on}`;
          hits.set(key, (hits.get(key) ?? 0) + 1);
        }
      });
    }
    await this.settings.addRuleHits(
      trx,
      [...hits].map(([key, count]) => {
        const [rule_id = '', day = ''] = key.split('\u0000');
        return { rule_id, day, hits: count };
      }),
    );
    for (const { context, rows } of byPrincipal.values()) {
      const channels: Record<string, number> = {};
      for (const row of rows) channels[row.channel] = (channels[row.channel] ?? 0) + 1;
      await this.audit.record(trx, context, {
        action: 'declarations.decided',
        entityType: 'declaration',
        entityId: rows[0]!.id,
        summary: {
          count: rows.length,
          source: rows[0]!.source,
          channels,
          ids: rows.slice(0, 20).map((r) => r.id),
          ...(rows.length > 20 ? { idsOmitted: rows.length - 20 } : {}),
        },
      });
    }
  }
}

export function idempotencyKeyReused(): AppError {
  return new AppError('unprocessable', 'This Idempotency-Key was used with a different body.', {
    reason: 'idempotency_key_reused',
  });
}

function conflictError(ids: string[]): AppError {
  return new AppError(
    'unprocessable',
    'A declaration with this id was already received with different content; send a new id or the original content.',
    {
      reason: 'declaration_conflict',
      ids: ids.slice(0, 100),
    },
  );
}
