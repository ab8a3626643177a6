/**
 * Scoring looks up about thirty keys per declaration (fields and their crosses). Building each cross as a string and
 * looking it up in a Map costs an allocation and a full string hash per lookup; instead each field is hashed once
 * per declaration (two independent 32-bit hashes), crosses combine the field hashes arithmetically, and the tables
 * are open-addressing hash tables over typed arrays. With 64 bits of hash, two different keys of a table meeting is
 * vanishingly unlikely (≈ n² / 2⁶⁵).
 */

/** Two 32-bit FNV-1a style hashes of a string with different seeds and primes. */
export function hashField(text: string, out: Int32Array, at: number): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[at] = a;
  out[at + 1] = b;
}

const numberView = new Float64Array(1);
const numberWords = new Int32Array(numberView.buffer);

/**
 * Hashes a number by its bits, so that numeric fields need no string conversion. Not finite values are not keys
 * (callers hash MISSING_KEY for them).
 */
export function hashNumber(value: number, out: Int32Array, at: number): void {
  numberView[0] = value === 0 ? 0 : value;
  const low = numberWords[0] as number;
  const high = numberWords[1] as number;
  let a = Math.imul(low ^ 0x3c6ef372, 0x01000193) ^ Math.imul(high ^ 0x5f356495, 0x9e3779b1);
  a ^= a >>> 16;
  let b = Math.imul(high ^ 0x6a09e667, 0x5bd1e995) ^ Math.imul(low ^ 0x1f83d9ab, 0x85ebca6b);
  b ^= b >>> 13;
  out[at] = a;
  out[at + 1] = b;
}

/** Combines the field hashes at `fieldIndexes` (pairs in `fieldHashes`) into `out[0..1]`, order-sensitively. */
export function combineFieldHashes(fieldHashes: Int32Array, fieldIndexes: Int32Array, out: Int32Array): void {
  let a = 0x27d4eb2d | 0;
  let b = 0x165667b1 | 0;
  for (let i = 0; i < fieldIndexes.length; i++) {
    const at = 2 * (fieldIndexes[i] as number);
    a = Math.imul(a ^ (fieldHashes[at] as number), 0x85ebca6b);
    a ^= a >>> 13;
    b = Math.imul(b ^ (fieldHashes[at + 1] as number), 0xc2b2ae35);
    b ^= b >>> 16;
  }
  out[0] = a;
  out[1] = b;
}

/** Open addressing with linear probing; each slot is (hash a, hash b, value) side by side: one cache line. */
export class KeyHashTable {
  private readonly mask: number;
  private readonly slots: Int32Array;

  constructor(size: number) {
    let capacity = 16;
    while (capacity < 2 * size) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(4 * capacity);
    for (let slot = 0; slot < capacity; slot++) this.slots[4 * slot + 2] = -1;
  }

  set(a: number, b: number, value: number): void {
    const { slots, mask } = this;
    let slot = a & mask;
    while ((slots[4 * slot + 2] as number) >= 0) {
      if (slots[4 * slot] === a && slots[4 * slot + 1] === b) break;
      slot = (slot + 1) & mask;
    }
    slots[4 * slot] = a;
    slots[4 * slot + 1] = b;
    slots[4 * slot + 2] = value;
  }

  /** The value stored for the hash pair, or -1. */
  get(a: number, b: number): number {
    const { slots, mask } = this;
    let slot = a & mask;
    for (;;) {
      const at = 4 * slot;
      const value = slots[at + 2] as number;
      if (value < 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return value;
      slot = (slot + 1) & mask;
    }
  }
}
