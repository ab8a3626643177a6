import { TrustCoreError } from './trust-core-error';

// RFC 9285 Base45: its alphabet is exactly the QR alphanumeric set, which QR codes pack at 5.5 bits a character
// (base64url text would force byte mode at 8 bits a character).
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const DECODE = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
    const e = Math.floor(n / 2025);
    const rest = n % 2025;
    out += (ALPHABET[rest % 45] ?? '') + (ALPHABET[Math.floor(rest / 45)] ?? '') + (ALPHABET[e] ?? '');
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] ?? 0;
    out += (ALPHABET[n % 45] ?? '') + (ALPHABET[Math.floor(n / 45)] ?? '');
  }
  return out;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Invalid base45 length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (index: number): number => {
    const value = DECODE.get(text.charAt(index));
    if (value === undefined) throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Invalid base45 character');
    return value;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
      // RFC 9285 §4: values above 65535 are invalid, not wrapped.
      if (n > 0xffff) throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Invalid base45 triplet');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = digit(i) + digit(i + 1) * 45;
      if (n > 0xff) throw new TrustCoreError('QR_PAYLOAD_INVALID', 'Invalid base45 pair');
      out[o++] = n;
    }
  }
  return out;
}
