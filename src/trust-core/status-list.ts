import { gunzipSync, gzipSync } from 'fflate';
import { base64UrlDecode, base64UrlEncode } from './byte-encoding';
import { didFromKid, signCompactJws, type Signer } from './credential-signer';
import { CREDENTIAL_JWS_TYP, toXsdDateTime, VC_CONTEXT_V2, type StatusPurpose } from './credential-issuer';
import { TrustCoreError } from './trust-core-error';

/** Spec minimum (16 KB of bits): a list this large gives each certificate herd privacy when the list is fetched. */
export const STATUS_LIST_MIN_ENTRIES = 131_072;
/** Upper bound on a decoded list; guards the verifier against a gzip bomb. */
export const STATUS_LIST_MAX_ENTRIES = 64 * 1024 * 1024;
/** Lists are regenerated on every change and at least daily; 48 h leaves a day's slack before verifiers say stale. */
export const DEFAULT_STATUS_LIST_VALIDITY_MS = 48 * 60 * 60 * 1000;

/**
 * A W3C Bitstring Status List. Index 0 is the left-most (most significant) bit of the first byte, as the spec says.
 * Revocation lists only ever gain bits: clearing a revocation bit throws, so a bug or a hostile request cannot
 * reinstate a revoked certificate. Suspension bits may be set and cleared.
 */
export class BitstringStatusList {
  private constructor(
    readonly purpose: StatusPurpose,
    private readonly bits: Uint8Array,
  ) {}

  static create(purpose: StatusPurpose, length: number = STATUS_LIST_MIN_ENTRIES): BitstringStatusList {
    if (!Number.isSafeInteger(length) || length < STATUS_LIST_MIN_ENTRIES || length % 8 !== 0) {
      throw new TrustCoreError(
        'INVALID_ARGUMENT',
        `A status list holds at least ${STATUS_LIST_MIN_ENTRIES} entries, in whole bytes`,
      );
    }
    if (length > STATUS_LIST_MAX_ENTRIES)
      throw new TrustCoreError('INVALID_ARGUMENT', 'Status list too long');
    return new BitstringStatusList(purpose, new Uint8Array(length / 8));
  }

  /** Decodes `encodedList` (multibase 'u' + base64url of the GZIP-compressed bitstring). */
  static decode(purpose: StatusPurpose, encodedList: string): BitstringStatusList {
    if (!encodedList.startsWith('u')) {
      throw new TrustCoreError('INVALID_ARGUMENT', "encodedList must be multibase base64url ('u' prefix)");
    }
    let bits: Uint8Array;
    try {
      const compressed = base64UrlDecode(encodedList.slice(1));
      bits = gunzipSync(compressed);
    } catch {
      throw new TrustCoreError('INVALID_ARGUMENT', 'encodedList is not GZIP-compressed base64url');
    }
    if (bits.length * 8 < STATUS_LIST_MIN_ENTRIES || bits.length * 8 > STATUS_LIST_MAX_ENTRIES) {
      throw new TrustCoreError('INVALID_ARGUMENT', `Status list has ${bits.length * 8} entries`);
    }
    return new BitstringStatusList(purpose, bits);
  }

  get length(): number {
    return this.bits.length * 8;
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) {
      throw new TrustCoreError('INVALID_ARGUMENT', `Status index ${index} outside 0..${this.length - 1}`);
    }
  }

  get(index: number): boolean {
    this.checkIndex(index);
    return (((this.bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) === 1;
  }

  set(index: number, value: boolean): void {
    this.checkIndex(index);
    const byteIndex = index >> 3;
    const mask = 0x80 >> (index & 7);
    const current = this.bits[byteIndex] ?? 0;
    if (!value && this.purpose === 'revocation' && (current & mask) !== 0) {
      throw new TrustCoreError(
        'REVOCATION_IRREVERSIBLE',
        `Index ${index} is revoked; revocation cannot be undone`,
        {
          index,
        },
      );
    }
    this.bits[byteIndex] = value ? current | mask : current & ~mask;
  }

  /** Number of set bits (for metrics and tests). */
  countSet(): number {
    let count = 0;
    for (const byte of this.bits) {
      let b = byte;
      while (b !== 0) {
        b &= b - 1;
        count++;
      }
    }
    return count;
  }

  /**
   * For a server that rebuilds the list from its database: refuses a new revocation list that lacks a bit the
   * previously published one had.
   */
  assertKeepsRevocationsOf(previous: BitstringStatusList): void {
    if (this.purpose !== 'revocation') return;
    if (previous.length > this.length)
      throw new TrustCoreError('REVOCATION_IRREVERSIBLE', 'Status list shrank');
    for (let i = 0; i < previous.bits.length; i++) {
      const before = previous.bits[i] ?? 0;
      if ((before & (this.bits[i] ?? 0)) !== before) {
        throw new TrustCoreError('REVOCATION_IRREVERSIBLE', 'A revocation bit was cleared', { byteIndex: i });
      }
    }
  }

  encode(): string {
    // mtime 0 keeps the encoding deterministic: the same bits always give the same encodedList.
    return `u${base64UrlEncode(gzipSync(this.bits, { level: 9, mtime: 0 }))}`;
  }

  clone(): BitstringStatusList {
    return new BitstringStatusList(this.purpose, this.bits.slice());
  }
}

/**
 * Picks a free status index uniformly at random, so an index reveals nothing about issuance order. `used` is the
 * set the caller already handed out (across both lists when one index serves both purposes).
 */
export function allocateStatusIndex(
  used: ReadonlySet<number>,
  listLength: number = STATUS_LIST_MIN_ENTRIES,
): number {
  if (used.size >= listLength)
    throw new TrustCoreError('STATUS_LIST_FULL', 'No free index in the status list');
  const sample = new Uint32Array(1);
  // Rejection sampling: a uniform 32-bit value below the largest multiple of listLength avoids modulo bias.
  const limit = Math.floor(0x1_0000_0000 / listLength) * listLength;
  for (let attempt = 0; attempt < 64; attempt++) {
    crypto.getRandomValues(sample);
    const value = sample[0] ?? 0;
    if (value >= limit) continue;
    const index = value % listLength;
    if (!used.has(index)) return index;
  }
  // Only a nearly full list gets here; pick uniformly among the remaining free indexes.
  const free: number[] = [];
  for (let i = 0; i < listLength; i++) if (!used.has(i)) free.push(i);
  crypto.getRandomValues(sample);
  const chosen = free[(sample[0] ?? 0) % free.length];
  if (chosen === undefined) throw new TrustCoreError('STATUS_LIST_FULL', 'No free index in the status list');
  return chosen;
}

export interface StatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
}

/**
 * Signs a status list as a vc+jwt with a short validity: verifiers report STATUS_STALE once `validUntil` passes,
 * so the server must re-issue on every change and at least daily.
 */
export async function issueStatusListCredential(options: {
  signer: Signer;
  /** The URL the list is served from; certificates name it in `statusListCredential`. */
  id: string;
  list: BitstringStatusList;
  validFrom?: Date;
  validUntil?: Date;
}): Promise<string> {
  const issuer = didFromKid(options.signer.kid);
  const validFrom = options.validFrom ?? new Date();
  const validUntil = options.validUntil ?? new Date(validFrom.getTime() + DEFAULT_STATUS_LIST_VALIDITY_MS);
  if (!(validUntil.getTime() > validFrom.getTime())) {
    throw new TrustCoreError('INVALID_ARGUMENT', 'validUntil must be after validFrom');
  }
  const credential: StatusListCredential = {
    '@context': [VC_CONTEXT_V2],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: toXsdDateTime(validFrom),
    validUntil: toXsdDateTime(validUntil),
    credentialSubject: {
      id: `${options.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.list.purpose,
      encodedList: options.list.encode(),
    },
    iss: issuer,
    iat: Math.floor(validFrom.getTime() / 1000),
    nbf: Math.floor(validFrom.getTime() / 1000),
    exp: Math.floor(validUntil.getTime() / 1000),
  };
  return signCompactJws(options.signer, CREDENTIAL_JWS_TYP, { ...credential });
}
