import { base64UrlEncode, utf8Encode } from './byte-encoding';

// Shared by the credential-verifier tests: a compact JWS with any header, signed with whatever bytes the test chooses.

export function forgeJws(
  header: Record<string, unknown>,
  payloadSegment: string,
  signature: Uint8Array,
): string {
  return `${base64UrlEncode(utf8Encode(JSON.stringify(header)))}.${payloadSegment}.${base64UrlEncode(signature)}`;
}
