import canonicalize from 'canonicalize';
import { sha256Hex } from '../../platform/crypto';
import { SECRET_KEYS } from '../../platform/logger';

export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything it says, plus the previous event's hash. */
export interface AuditEventContent {
  seq: number;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string | null;
  onBehalfOfOperatorId: string | null;
  operatorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
}

export interface ChainedAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

/** RFC 8785 canonical JSON, so key order in jsonb storage cannot change the hash. */
export function computeAuditHash(prevHash: string, content: AuditEventContent): string {
  const canonical = canonicalize({ ...content, prevHash });
  if (canonical === undefined) throw new Error('Audit event content cannot be serialised');
  return sha256Hex(canonical);
}

export type ChainVerification =
  | { ok: true; events: number }
  | {
      ok: false;
      events: number;
      /** `chain`: the links between events; `checkpoint`: the chain against a signed checkpoint. */
      check: 'chain' | 'checkpoint';
      firstBrokenEvent: string | null;
      seq: number;
      reason: string;
    };

/** What a signed checkpoint says the chain was: `size` events, the last hashing to `headHash`. */
export interface ChainAnchor {
  size: number;
  headHash: string;
  /** Names the checkpoint in a failure, e.g. "the checkpoint signed at 2026-03-02T09:00:00.000Z". */
  label: string;
}

/**
 * Walks events in sequence order, continuing from `state` so a long chain can be verified page by page. Anchors
 * catch what the links alone cannot: a chain rewritten and re-hashed from some event on, or cut short.
 */
export class AuditChainVerifier {
  private previousHash = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private failure: ChainVerification | undefined;
  private readonly anchors: Map<number, ChainAnchor>;

  constructor(anchors: readonly ChainAnchor[] = []) {
    this.anchors = new Map(anchors.map((anchor) => [anchor.size, anchor]));
    const empty = this.anchors.get(0);
    if (empty && empty.headHash !== GENESIS_HASH)
      this.fail('checkpoint', null, 0, `${empty.label} is not of an empty chain`);
  }

  private fail(
    check: 'chain' | 'checkpoint',
    eventId: string | null,
    seq: number,
    reason: string,
  ): ChainVerification {
    this.failure ??= { ok: false, events: this.count, check, firstBrokenEvent: eventId, seq, reason };
    return this.failure;
  }

  add(event: ChainedAuditEvent): boolean {
    if (this.failure) return false;
    this.count += 1;
    const broken = (reason: string, check: 'chain' | 'checkpoint' = 'chain') => {
      this.fail(check, event.id, event.seq, reason);
      return false;
    };
    if (event.seq !== this.expectedSeq) return broken(`sequence gap: expected ${this.expectedSeq}`);
    if (event.prevHash !== this.previousHash) return broken('previous hash does not match the chain');
    const { prevHash: _prev, hash, ...content } = event;
    if (computeAuditHash(this.previousHash, content) !== hash)
      return broken('content does not match its hash');
    const anchor = this.anchors.get(event.seq);
    if (anchor && anchor.headHash !== hash)
      return broken(
        `the hash differs from ${anchor.label} (${anchor.size} events): the chain was rewritten at or before this event`,
        'checkpoint',
      );
    this.previousHash = hash;
    this.expectedSeq += 1;
    return true;
  }

  result(): ChainVerification {
    if (this.failure) return this.failure;
    const longest = [...this.anchors.values()].reduce<ChainAnchor | undefined>(
      (max, anchor) => (!max || anchor.size > max.size ? anchor : max),
      undefined,
    );
    if (longest && longest.size > this.count) {
      return this.fail(
        'checkpoint',
        null,
        this.count + 1,
        `the chain ends at event ${this.count}, but ${longest.label} covers ${longest.size} events: the newest events were removed`,
      );
    }
    return { ok: true, events: this.count };
  }
}

/** Exact names, compared without case and separators (`api_key`, `API-Key`); never a pattern that hits domain fields. */
const normaliseKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');
const SECRET_KEY_NAMES: ReadonlySet<string> = new Set(SECRET_KEYS.map(normaliseKey));

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_NAMES.has(normaliseKey(key));
}

/** Defence in depth: whatever a caller puts in a summary, secrets never enter the audit trail. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      result[key] = isSecretKey(key) ? '[redacted]' : redactSecrets(inner);
    }
    return result;
  }
  return value;
}
