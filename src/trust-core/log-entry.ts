import canonicalize from 'canonicalize';
import { sha256Hex, utf8Encode } from './byte-encoding';
import { decodeJsonPayload } from './jws-header';
import { toXsdDateTime } from './credential-issuer';
import { TrustCoreError } from './trust-core-error';

export type LogEntryKind = 'issuance' | 'suspension' | 'reinstatement' | 'revocation';

/**
 * What a transparency-log leaf holds: hashes and identifiers only, never company data, so the log can be public.
 * The leaf bytes are the RFC 8785 canonical JSON of this object, so anyone can rebuild them byte for byte.
 */
export interface LogEntry {
  kind: LogEntryKind;
  certificateId: string;
  /** Hex SHA-256 of the compact JWS bytes, exactly as issued. */
  credentialHash: string;
  at: string;
}

export function credentialHash(jws: string): string {
  return sha256Hex(utf8Encode(jws));
}

export function encodeLogEntry(entry: LogEntry): Uint8Array {
  const json = canonicalize({
    kind: entry.kind,
    certificateId: entry.certificateId,
    credentialHash: entry.credentialHash,
    at: entry.at,
  });
  if (json === undefined) throw new TrustCoreError('INVALID_ARGUMENT', 'Log entry is not serialisable');
  return utf8Encode(json);
}

export function createLogEntry(kind: LogEntryKind, jws: string, at: Date): LogEntry {
  const payload = decodeCredentialPayloadUnverified(jws);
  return {
    kind,
    certificateId: payload.certificateId,
    credentialHash: credentialHash(jws),
    at: toXsdDateTime(at),
  };
}

/**
 * The issuance entry is fully determined by the credential (its `at` is the credential's `iat`), so a verifier
 * holding only the JWS and an audit path can rebuild the leaf and check inclusion without trusting extra input.
 */
export function issuanceLogEntryFor(jws: string): LogEntry {
  const payload = decodeCredentialPayloadUnverified(jws);
  return {
    kind: 'issuance',
    certificateId: payload.certificateId,
    credentialHash: credentialHash(jws),
    at: toXsdDateTime(new Date(payload.iat * 1000)),
  };
}

function decodeCredentialPayloadUnverified(jws: string): { certificateId: string; iat: number } {
  const payload = decodeJsonPayload(jws.split('.')[1] ?? '');
  const id = payload?.id;
  const iat = payload?.iat;
  if (typeof id !== 'string' || typeof iat !== 'number') {
    throw new TrustCoreError('MALFORMED_JWS', 'Credential payload lacks id or iat');
  }
  return { certificateId: id, iat };
}
