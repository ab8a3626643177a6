import { emptyRootHash, hashChildren, hashLeaf, HASH_SIZE } from './merkle-proof';
import { TrustCoreError } from './trust-core-error';

/**
 * Storage for the log's hashes. Level 0 holds the leaf hashes in order; level L holds the roots of the complete,
 * aligned subtrees of 2^L leaves, appended as each one completes. That is about 2n hashes (64 MB at 1 M leaves)
 * and makes every root and proof a handful of lookups. A database-backed store implements the same five members;
 * the in-memory one below is the reference.
 */
export interface MerkleTreeStore {
  /** Number of hashes stored at a level (level 0: the number of leaves). */
  count(level: number): number;
  get(level: number, index: number): Uint8Array;
  /** Appends the next hash of a level; index equals count(level) before the call. */
  append(level: number, hash: Uint8Array): void;
}

/** A growable array of 32-byte hashes in one Uint8Array: no per-hash object, so 1 M leaves cost 32 MB. */
class HashArray {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity: number) {
    this.buffer = new Uint8Array(Math.max(1, initialCapacity) * HASH_SIZE);
  }

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_SIZE > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.length * HASH_SIZE);
    this.length++;
  }

  /** A view, not a copy: the log only reads it, and public methods copy before returning. */
  at(index: number): Uint8Array {
    return this.buffer.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

export class InMemoryMerkleTreeStore implements MerkleTreeStore {
  private readonly levels: HashArray[] = [];

  constructor(private readonly initialCapacity = 1024) {}

  count(level: number): number {
    return this.levels[level]?.length ?? 0;
  }

  get(level: number, index: number): Uint8Array {
    const array = this.levels[level];
    if (!array || index < 0 || index >= array.length) {
      throw new TrustCoreError('LOG_RANGE', `No node at level ${level} index ${index}`);
    }
    return array.at(index);
  }

  append(level: number, hash: Uint8Array): void {
    let array = this.levels[level];
    if (!array) {
      array = new HashArray(Math.ceil(this.initialCapacity / 2 ** level));
      this.levels[level] = array;
    }
    array.push(hash);
  }
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2 of size when it is a power of two, else -1. */
function exactLog2(size: number): number {
  let level = 0;
  let power = 1;
  while (power < size) {
    power *= 2;
    level++;
  }
  return power === size ? level : -1;
}

/**
 * Append-only Merkle log in the RFC 9162 (CT v2) / RFC 6962 construction. Proofs can be asked for any past tree
 * size, so a proof always matches whichever signed checkpoint the client holds.
 */
export class MerkleLog {
  constructor(private readonly store: MerkleTreeStore = new InMemoryMerkleTreeStore()) {}

  get size(): number {
    return this.store.count(0);
  }

  /** Appends raw leaf data (the canonical JSON of a log entry); returns its index and leaf hash. */
  append(leaf: Uint8Array): { leafIndex: number; leafHash: Uint8Array } {
    const leafHash = hashLeaf(leaf);
    return { leafIndex: this.appendLeafHash(leafHash), leafHash };
  }

  /** Appends an already computed leaf hash (e.g. when rebuilding the tree from a database at start-up). */
  appendLeafHash(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH_SIZE)
      throw new TrustCoreError('INVALID_ARGUMENT', 'Leaf hash must be 32 bytes');
    const leafIndex = this.store.count(0);
    this.store.append(0, leafHash);
    // Each time a node closes a pair, the parent subtree is complete: hash it once and keep it for good.
    let level = 0;
    let index = leafIndex;
    while (index % 2 === 1) {
      const parent = hashChildren(this.store.get(level, index - 1), this.store.get(level, index));
      level++;
      index = (index - 1) / 2;
      this.store.append(level, parent);
    }
    return leafIndex;
  }

  leafHash(leafIndex: number): Uint8Array {
    this.checkSize(leafIndex + 1);
    return this.store.get(0, leafIndex).slice();
  }

  rootHash(treeSize: number = this.size): Uint8Array {
    this.checkSize(treeSize);
    if (treeSize === 0) return emptyRootHash();
    return this.subtreeHash(0, treeSize).slice();
  }

  /** RFC 9162 §2.1.3.1 audit path for leafIndex in the tree of treeSize leaves. */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Uint8Array[] {
    this.checkSize(treeSize);
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
      throw new TrustCoreError('LOG_RANGE', `Leaf ${leafIndex} is not in a tree of size ${treeSize}`);
    }
    // PATH(m, D[start:start+n]) unrolled: walk down, collecting siblings; they are emitted leaf-side first.
    const path: Uint8Array[] = [];
    let start = 0;
    let n = treeSize;
    let m = leafIndex;
    while (n > 1) {
      const k = largestPowerOfTwoBelow(n);
      if (m < k) {
        path.push(this.subtreeHash(start + k, n - k));
        n = k;
      } else {
        path.push(this.subtreeHash(start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    return path.reverse().map((hash) => hash.slice());
  }

  /** RFC 9162 §2.1.4.1 consistency proof between two tree sizes. */
  consistencyProof(oldSize: number, newSize: number = this.size): Uint8Array[] {
    this.checkSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new TrustCoreError('LOG_RANGE', `Cannot prove ${oldSize} -> ${newSize}`);
    }
    if (oldSize === 0 || oldSize === newSize) return [];
    // SUBPROOF(m, D[start:start+n], b), unrolled; nodes are found root-side first and emitted leaf-side first.
    const proof: Uint8Array[] = [];
    let start = 0;
    let n = newSize;
    let m = oldSize;
    let isWholeOldTree = true;
    while (m !== n) {
      const k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        proof.push(this.subtreeHash(start + k, n - k));
        n = k;
      } else {
        proof.push(this.subtreeHash(start, k));
        start += k;
        m -= k;
        n -= k;
        isWholeOldTree = false;
      }
    }
    if (!isWholeOldTree) proof.push(this.subtreeHash(start, m));
    return proof.reverse().map((hash) => hash.slice());
  }

  /** MTH(D[start:start+size]); every left part in the RFC recursion is complete and aligned, hence cached. */
  private subtreeHash(start: number, size: number): Uint8Array {
    const level = exactLog2(size);
    if (level >= 0) return this.store.get(level, start / size);
    const k = largestPowerOfTwoBelow(size);
    return hashChildren(this.subtreeHash(start, k), this.subtreeHash(start + k, size - k));
  }

  private checkSize(treeSize: number): void {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.size) {
      throw new TrustCoreError('LOG_RANGE', `Tree size ${treeSize} outside 0..${this.size}`);
    }
  }
}
