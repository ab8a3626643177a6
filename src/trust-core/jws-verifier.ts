import { compactVerify } from 'jose';
import { isPlainObject, utf8Decode } from './byte-encoding';
import { parseProtectedHeader, type HeaderRejection } from './jws-header';
import type { TrustedKey, TrustList } from './trust-list';

export type JwsFailureReason =
  HeaderRejection | 'UNKNOWN_KID' | 'KEY_ALG_MISMATCH' | 'BAD_SIGNATURE' | 'BAD_PAYLOAD';

export type TrustedJwsResult =
  | { ok: true; key: TrustedKey; payload: Record<string, unknown> }
  | {
      ok: false;
      /** The VerificationResult code the failure maps to. */
      code: 'INVALID_SIGNATURE' | 'UNKNOWN_ISSUER';
      reason: JwsFailureReason;
      message: string;
      kid?: string;
    };

/**
 * Verifies a compact JWS against the trust list: header vetting and key lookup happen first and without any
 * cryptography; only then does jose check the signature, with the algorithm pinned to the trusted key's.
 */
export async function verifyTrustedJws(
  jws: string,
  trustList: TrustList,
  expectedTyp: string,
): Promise<TrustedJwsResult> {
  const parsed = parseProtectedHeader(jws, expectedTyp);
  if (!parsed.ok)
    return { ok: false, code: 'INVALID_SIGNATURE', reason: parsed.reason, message: parsed.message };
  const { alg, kid } = parsed.value.header;
  const key = trustList.findKey(kid);
  if (!key) {
    return {
      ok: false,
      code: 'UNKNOWN_ISSUER',
      reason: 'UNKNOWN_KID',
      message: `kid ${kid} is not trusted`,
      kid,
    };
  }
  if (key.alg !== alg) {
    return {
      ok: false,
      code: 'INVALID_SIGNATURE',
      reason: 'KEY_ALG_MISMATCH',
      message: `kid ${kid} is an ${key.alg} key, header says ${alg}`,
      kid,
    };
  }
  let payloadBytes: Uint8Array;
  try {
    const verified = await compactVerify(jws, await trustList.cryptoKey(kid), { algorithms: [key.alg] });
    payloadBytes = verified.payload;
  } catch {
    return {
      ok: false,
      code: 'INVALID_SIGNATURE',
      reason: 'BAD_SIGNATURE',
      message: 'Signature does not verify',
      kid,
    };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(utf8Decode(payloadBytes));
  } catch {
    payload = undefined;
  }
  if (!isPlainObject(payload)) {
    return {
      ok: false,
      code: 'INVALID_SIGNATURE',
      reason: 'BAD_PAYLOAD',
      message: 'Payload is not JSON',
      kid,
    };
  }
  return { ok: true, key, payload };
}
