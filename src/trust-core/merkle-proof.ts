import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual } from './byte-encoding';

// RFC 9162 §2.1.1 hashing with domain separation: a leaf can never be confused with an interior node, which is
// the second-preimage forgery that naive Merkle libraries (merkletreejs) allow.

export const HASH_SIZE = 32;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(leaf).digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH of the empty tree: SHA-256 of the empty string. */
export function emptyRootHash(): Uint8Array {
  return sha256(new Uint8Array(0));
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function allHashes(path: readonly Uint8Array[]): boolean {
  return path.every((hash) => hash.length === HASH_SIZE);
}

/**
 * Root implied by an inclusion proof, per RFC 9162 §2.1.3.2, or undefined when the path cannot belong to a tree of
 * that size (wrong length or index).
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  auditPath: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0) return undefined;
  if (leafIndex >= treeSize || leafHash.length !== HASH_SIZE || !allHashes(auditPath)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of auditPath) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(proof: {
  leafHash: Uint8Array;
  leafIndex: number;
  treeSize: number;
  auditPath: readonly Uint8Array[];
  rootHash: Uint8Array;
}): boolean {
  const computed = rootFromInclusionProof(proof.leafHash, proof.leafIndex, proof.treeSize, proof.auditPath);
  return computed !== undefined && bytesEqual(computed, proof.rootHash);
}

/**
 * RFC 9162 §2.1.4.2 consistency verification: true when the tree of `oldSize` is a prefix of the tree of
 * `newSize`. Equal sizes need an empty proof and equal roots; an empty old tree is consistent with anything.
 */
export function verifyConsistency(proof: {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
}): boolean {
  const { oldSize, newSize, oldRoot, newRoot } = proof;
  const path = proof.proof;
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE || !allHashes(path)) return false;
  if (oldSize === newSize) return path.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return path.length === 0;
  if (path.length === 0) return false;
  // Step 2: when the old tree is a complete subtree, its root is the implicit first element of the path.
  const isPowerOfTwo = Number.isInteger(Math.log2(oldSize));
  const items = isPowerOfTwo ? [oldRoot, ...path] : [...path];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = items;
  if (!first) return false;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
