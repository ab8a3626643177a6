import canonicalize from 'canonicalize';
import { sha256Hex } from '../../platform/crypto';

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
  | { ok: false; events: number; firstBrokenEvent: string; seq: number; reason: string };

/** Walks events in sequence order, continuing from `state` so a long chain can be verified page by page. */
export class AuditChainVerifier {
  private previousHash = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private failure: ChainVerification | undefined;

  add(event: ChainedAuditEvent): boolean {
    if (this.failure) return false;
    this.count += 1;
    const broken = (reason: string) => {
      this.failure = { ok: false, events: this.count, firstBrokenEvent: event.id, seq: event.seq, reason };
      return false;
    };
    if (event.seq !== this.expectedSeq) return broken(`sequence gap: expected ${this.expectedSeq}`);
    if (event.prevHash !== this.previousHash) return broken('previous hash does not match the chain');
    const { prevHash: _prev, hash, ...content } = event;
    if (computeAuditHash(this.previousHash, content) !== hash)
      return broken('content does not match its hash');
    this.previousHash = hash;
    this.expectedSeq += 1;
    return true;
  }

  result(): ChainVerification {
    return this.failure ?? { ok: true, events: this.count };
  }
}

const SECRET_KEY = /pass(word)?|secret|token|otp|api[-_]?key|cookie|authori[sz]ation/i;

/** Defence in depth: whatever a caller puts in a summary, secrets never enter the audit trail. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      result[key] = SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(inner);
    }
    return result;
  }
  return value;
}
