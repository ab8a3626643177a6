import { bytesToHex, hexToBytes } from './byte-encoding';
import { signCompactJws, type Signer } from './credential-signer';
import { toXsdDateTime } from './credential-issuer';
import { verifyTrustedJws, type JwsFailureReason } from './jws-verifier';
import type { MerkleLog } from './merkle-log';
import type { TrustList } from './trust-list';

/**
 * Checkpoints are compact JWS (`typ: checkpoint+jwt`) rather than C2SP signed notes: the same Signer (local or
 * HSM, EdDSA or ES256), the same trust list and the same hardened verifier serve certificates, status lists and the
 * log, and signed notes have no ES256 form. The payload mirrors the C2SP tlog-checkpoint body: origin, size, root.
 */
export const CHECKPOINT_JWS_TYP = 'checkpoint+jwt';

export interface Checkpoint {
  /** The log's permanent identity, e.g. `customs.example.kz/aeo-log`. */
  origin: string;
  treeSize: number;
  /** Hex SHA-256 Merkle Tree Hash at treeSize. */
  rootHash: string;
  timestamp: string;
}

export async function signCheckpoint(signer: Signer, checkpoint: Checkpoint): Promise<string> {
  return signCompactJws(signer, CHECKPOINT_JWS_TYP, { ...checkpoint });
}

/** Signs the log's current head. */
export async function signLogCheckpoint(options: {
  signer: Signer;
  log: MerkleLog;
  origin: string;
  timestamp?: Date;
}): Promise<string> {
  const treeSize = options.log.size;
  return signCheckpoint(options.signer, {
    origin: options.origin,
    treeSize,
    rootHash: bytesToHex(options.log.rootHash(treeSize)),
    timestamp: toXsdDateTime(options.timestamp ?? new Date()),
  });
}

export type CheckpointVerification =
  | { ok: true; checkpoint: Checkpoint; rootHash: Uint8Array; kid: string }
  | { ok: false; reason: JwsFailureReason | 'BAD_CHECKPOINT'; message: string };

export async function verifyCheckpoint(jws: string, trustList: TrustList): Promise<CheckpointVerification> {
  const verified = await verifyTrustedJws(jws, trustList, CHECKPOINT_JWS_TYP);
  if (!verified.ok) return { ok: false, reason: verified.reason, message: verified.message };
  const { origin, treeSize, rootHash, timestamp } = verified.payload;
  if (
    typeof origin !== 'string' ||
    typeof treeSize !== 'number' ||
    !Number.isSafeInteger(treeSize) ||
    treeSize < 0 ||
    typeof rootHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(rootHash) ||
    typeof timestamp !== 'string'
  ) {
    return { ok: false, reason: 'BAD_CHECKPOINT', message: 'Checkpoint payload is malformed' };
  }
  return {
    ok: true,
    checkpoint: { origin, treeSize, rootHash, timestamp },
    rootHash: hexToBytes(rootHash),
    kid: verified.key.kid,
  };
}
