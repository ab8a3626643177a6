import { unzlibSync, zlibSync } from 'fflate';
import { bytesEqual, hexToBytes, sha256Bytes, sha256Hex, utf8Decode, utf8Encode } from './byte-encoding';
import { base45Decode, base45Encode } from './base45';
import { TrustCoreError } from './trust-core-error';

/**
 * QR payload formats (version 1):
 *
 * - `AEO1:` + Base45(zlib-deflate(JWS bytes)) — the certificate itself, verifiable offline. Base45 keeps the QR in
 *   alphanumeric mode; zlib's Adler-32 catches a misread code before signature checking.
 * - `AEO1H:` + 64 lowercase hex SHA-256 of the JWS bytes + `:` + HTTPS URL — for a certificate too large to
 *   embed. The hash comes first because it has a fixed length, so any URL parses unambiguously. The verifier
 *   obtains the JWS from the URL by its own means, and must check it with `matchesQrReference` before use.
 */
export const QR_EMBEDDED_PREFIX = 'AEO1:';
export const QR_REFERENCE_PREFIX = 'AEO1H:';
/** Above this many characters a QR code needs version 30+ and scans poorly on a phone at a border post. */
export const QR_MAX_EMBEDDED_CHARS = 2000;
/** Bound on the inflated JWS, so a hostile QR cannot exhaust memory. */
const MAX_JWS_BYTES = 64 * 1024;

export type QrPayload =
  { kind: 'embedded'; jws: string } | { kind: 'reference'; url: string; sha256: string };

export function encodeQrPayload(jws: string, options: { referenceUrl?: string } = {}): string {
  const embedded = QR_EMBEDDED_PREFIX + base45Encode(zlibSync(utf8Encode(jws), { level: 9 }));
  if (embedded.length <= QR_MAX_EMBEDDED_CHARS) return embedded;
  if (!options.referenceUrl) {
    throw new TrustCoreError(
      'QR_PAYLOAD_TOO_LARGE',
      `Credential needs ${embedded.length} QR characters (max ${QR_MAX_EMBEDDED_CHARS}); pass a referenceUrl`,
    );
  }
  return encodeQrReference(jws, options.referenceUrl);
}

export function encodeQrReference(jws: string, referenceUrl: string): string {
  if (!/^https:\/\/\S+$/.test(referenceUrl)) {
    throw new TrustCoreError('INVALID_ARGUMENT', 'referenceUrl must be an https URL without spaces');
  }
  return `${QR_REFERENCE_PREFIX}${sha256Hex(utf8Encode(jws))}:${referenceUrl}`;
}

export function decodeQrPayload(text: string): QrPayload {
  const trimmed = text.trim();
  if (trimmed.startsWith(QR_REFERENCE_PREFIX)) {
    const rest = trimmed.slice(QR_REFERENCE_PREFIX.length);
    const match = /^([0-9a-f]{64}):(https:\/\/\S+)$/.exec(rest);
    if (!match?.[1] || !match[2]) throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Malformed AEO1H payload');
    return { kind: 'reference', sha256: match[1], url: match[2] };
  }
  if (trimmed.startsWith(QR_EMBEDDED_PREFIX)) {
    let jws: string;
    try {
      const compressed = base45Decode(trimmed.slice(QR_EMBEDDED_PREFIX.length));
      const inflated = unzlibSync(compressed);
      if (inflated.length > MAX_JWS_BYTES) throw new Error('too large');
      jws = utf8Decode(inflated);
    } catch (error) {
      if (error instanceof TrustCoreError) throw error;
      throw new TrustCoreError('QR_PAYLOAD_INVALID', 'AEO1 payload does not inflate to UTF-8 text');
    }
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) {
      throw new TrustCoreError('QR_PAYLOAD_INVALID', 'AEO1 payload is not a compact JWS');
    }
    return { kind: 'embedded', jws };
  }
  throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Not an AEO1 QR payload');
}

/** True when a JWS obtained for an `AEO1H:` reference is the one the QR code names. */
export function matchesQrReference(jws: string, reference: { sha256: string }): boolean {
  return bytesEqual(sha256Bytes(utf8Encode(jws)), hexToBytes(reference.sha256));
}
