import canonicalize from 'canonicalize';
import { utf8Encode } from './byte-encoding';
import { signCompactJws, type Signer } from './credential-signer';
import { verifyTrustedJws, type JwsFailureReason } from './jws-verifier';
import type { TrustList } from './trust-list';
import { TrustCoreError } from './trust-core-error';

/**
 * A signed statement of the audit trail's length and head: "the chain had `size` events and the last one hashed to
 * `headHash`". Its own `typ`, so it can never pass for a certificate or a log checkpoint.
 */
export const AUDIT_CHECKPOINT_JWS_TYP = 'audit-checkpoint+jwt';

export interface AuditCheckpoint {
  /** The installation, e.g. `customs.example.kz/audit`. */
  origin: string;
  /** Events in the chain (the sequence number of its head; 0 for an empty chain). */
  size: number;
  /** Hex SHA-256 hash of event `size` (64 zeros for an empty chain). */
  headHash: string;
  timestamp: string;
}

/** The transparency-log leaf of an audit checkpoint: public, hashes and counts only. */
export interface AuditCheckpointLogEntry {
  kind: 'audit_checkpoint';
  origin: string;
  size: number;
  headHash: string;
  at: string;
}

export function auditCheckpointLogEntry(checkpoint: AuditCheckpoint): AuditCheckpointLogEntry {
  return {
    kind: 'audit_checkpoint',
    origin: checkpoint.origin,
    size: checkpoint.size,
    headHash: checkpoint.headHash,
    at: checkpoint.timestamp,
  };
}

/** RFC 8785 canonical JSON, as for the certificate leaves, so anyone can rebuild the leaf bytes. */
export function encodeAuditCheckpointLogEntry(entry: AuditCheckpointLogEntry): Uint8Array {
  const json = canonicalize({
    kind: entry.kind,
    origin: entry.origin,
    size: entry.size,
    headHash: entry.headHash,
    at: entry.at,
  });
  if (json === undefined) throw new TrustCoreError('INVALID_ARGUMENT', 'Log entry is not serialisable');
  return utf8Encode(json);
}

export async function signAuditCheckpoint(signer: Signer, checkpoint: AuditCheckpoint): Promise<string> {
  return signCompactJws(signer, AUDIT_CHECKPOINT_JWS_TYP, { ...checkpoint });
}

export type AuditCheckpointVerification =
  | { ok: true; checkpoint: AuditCheckpoint; kid: string }
  | { ok: false; reason: JwsFailureReason | 'BAD_CHECKPOINT'; message: string };

export async function verifyAuditCheckpoint(
  jws: string,
  trustList: TrustList,
): Promise<AuditCheckpointVerification> {
  const verified = await verifyTrustedJws(jws, trustList, AUDIT_CHECKPOINT_JWS_TYP);
  if (!verified.ok) return { ok: false, reason: verified.reason, message: verified.message };
  const { origin, size, headHash, timestamp } = verified.payload;
  if (
    typeof origin !== 'string' ||
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    typeof headHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(headHash) ||
    typeof timestamp !== 'string'
  ) {
    return { ok: false, reason: 'BAD_CHECKPOINT', message: 'Audit checkpoint payload is malformed' };
  }
  return { ok: true, checkpoint: { origin, size, headHash, timestamp }, kid: verified.key.kid };
}
