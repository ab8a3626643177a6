import { ALLOWED_SIGNING_ALGORITHMS, type SigningAlgorithm } from './credential-signer';
import { base64UrlDecode, isPlainObject, utf8Decode } from './byte-encoding';

/** Why a JWS was refused before any signature check. */
export type HeaderRejection =
  'MALFORMED_JWS' | 'ALG_NOT_ALLOWED' | 'FORBIDDEN_HEADER' | 'WRONG_TYP' | 'MISSING_KID';

export interface ParsedCompactJws {
  readonly header: { alg: SigningAlgorithm; kid: string; typ: string };
  readonly payloadSegment: string;
}

// Allow-list, not deny-list: jku, jwk, x5u, x5c, crit, b64, zip and anything invented later are refused, so no
// header can steer key selection or change how the payload is interpreted.
const ALLOWED_HEADER_MEMBERS = new Set(['alg', 'kid', 'typ', 'cty']);

/**
 * Parses and vets the protected header of a compact JWS without touching any key. Runs before any cryptography so
 * that `alg: none`, HMAC-with-the-public-key and embedded-key attacks never reach a verify call.
 */
export function parseProtectedHeader(
  jws: string,
  expectedTyp: string,
): { ok: true; value: ParsedCompactJws } | { ok: false; reason: HeaderRejection; message: string } {
  const parts = jws.split('.');
  const [headerSegment, payloadSegment, signatureSegment] = parts;
  if (parts.length !== 3 || !headerSegment || !payloadSegment || !signatureSegment) {
    return { ok: false, reason: 'MALFORMED_JWS', message: 'Not a compact JWS with three non-empty parts' };
  }
  let header: unknown;
  try {
    header = JSON.parse(utf8Decode(base64UrlDecode(headerSegment)));
    base64UrlDecode(signatureSegment);
  } catch {
    return { ok: false, reason: 'MALFORMED_JWS', message: 'Header is not base64url-encoded JSON' };
  }
  if (!isPlainObject(header))
    return { ok: false, reason: 'MALFORMED_JWS', message: 'Header is not an object' };
  for (const member of Object.keys(header)) {
    if (!ALLOWED_HEADER_MEMBERS.has(member)) {
      return { ok: false, reason: 'FORBIDDEN_HEADER', message: `Header member "${member}" is not accepted` };
    }
  }
  const { alg, kid, typ } = header;
  if (typeof alg !== 'string' || !(ALLOWED_SIGNING_ALGORITHMS as readonly string[]).includes(alg)) {
    return { ok: false, reason: 'ALG_NOT_ALLOWED', message: `Algorithm ${String(alg)} is not accepted` };
  }
  if (typ !== expectedTyp) {
    return { ok: false, reason: 'WRONG_TYP', message: `typ must be ${expectedTyp}, got ${String(typ)}` };
  }
  if (typeof kid !== 'string' || kid.length === 0) {
    return { ok: false, reason: 'MISSING_KID', message: 'Header has no kid' };
  }
  return { ok: true, value: { header: { alg: alg as SigningAlgorithm, kid, typ }, payloadSegment } };
}

export function decodeJsonPayload(payloadSegment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8Decode(base64UrlDecode(payloadSegment)));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
