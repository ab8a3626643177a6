import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './byte-encoding';
import { MerkleLog, type MerkleTreeStore } from './merkle-log';
import { emptyRootHash, hashChildren, hashLeaf, verifyConsistency, verifyInclusion } from './merkle-proof';

// The RFC 6962 test vectors used across Certificate Transparency implementations (google/certificate-transparency,
// transparency-dev/merkle testonly/constants.go and proof/verify_test.go): 8 leaves, roots of every prefix, and
// published inclusion and consistency paths.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);

const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

// [leafIndex (0-based), treeSize, path]
const INCLUSION_PATHS: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
];

// [oldSize, newSize, proof]
const CONSISTENCY_PROOFS: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

// transparency-dev/merkle compact/range_test.go golden roots; leaf i is the two bytes [i & 0xff, i >> 8].
// Large enough to exercise many levels of the subtree cache.
const GOLDEN_ROOTS_BASE64: [number, string][] = [
  [10, 'VjWMPSYNtCuCNlF/RLnQy6HcwSk6CIipfxm+hettA+4='],
  [15, 'j4SulYmocFuxdeyp12xXCIgK6PekBcxzAIj4zbQzNEI='],
  [16, 'c+4Uc6BCMOZf/v3NZK1kqTUJe+bBoFtOhP+P3SayKRE='],
  [100, 'dUh9hYH88p0CMoHkdr1wC2szbhcLAXOejWpINIooKUY='],
  [255, 'SmdsuKUqiod3RX2jyF2M6JnbdE4QuTwwipfAowI4/i0='],
  [256, 'qFI0t/tZ1MdOYgyPpPzHFiZVw86koScXy9q3FU5casA='],
  [1000, 'RXrgb8xHd55Y48FbfotJwCbV82Kx22LZfEbmBGAvwlQ='],
  [4095, 'cWRFdQhPcjn9WyBXE/r1f04ejxIm5lvg40DEpRBVS0w='],
  [4096, '6uU/phfHg1n/GksYT6TO9aN8EauMCCJRl3dIK0HDs2M='],
  [10000, 'VZcav65F9haHVRk3wre2axFoBXRNeUh/1d9d5FQfxIg='],
  [65535, 'iPuVYJhP6SEE4gUFp8qbafd2rYv9YTCDYqAxCj8HdLM='],
];

const hex = (hashes: Uint8Array[]): string[] => hashes.map(bytesToHex);

function vectorLog(): MerkleLog {
  const log = new MerkleLog();
  for (const leaf of LEAVES) log.append(leaf);
  return log;
}

/** RFC 6962 §2.1 MTH straight from the definition, as an independent oracle for the cached implementation. */
function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return emptyRootHash();
  if (leaves.length === 1) return hashLeaf(leaves[0] ?? new Uint8Array());
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('RFC 6962 / RFC 9162 hashing', () => {
  it('hashes the empty tree, the empty leaf and interior nodes as the RFC test vectors say', () => {
    expect(bytesToHex(emptyRootHash())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(bytesToHex(hashLeaf(new Uint8Array()))).toBe(ROOTS[0]);
    expect(bytesToHex(hashLeaf(new TextEncoder().encode('L123456')))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    const enc = new TextEncoder();
    expect(bytesToHex(hashChildren(enc.encode('N123'), enc.encode('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });
});

describe('MerkleLog against the published vectors', () => {
  it('computes the root of every tree size 0..8', () => {
    const log = vectorLog();
    expect(bytesToHex(log.rootHash(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    ROOTS.forEach((root, i) => expect(bytesToHex(log.rootHash(i + 1))).toBe(root));
  });

  it.each(INCLUSION_PATHS)(
    'produces and verifies the audit path of leaf %i in a tree of %i',
    (index, size, path) => {
      const log = vectorLog();
      expect(hex(log.inclusionProof(index, size))).toEqual(path);
      expect(
        verifyInclusion({
          leafHash: hashLeaf(LEAVES[index] ?? new Uint8Array()),
          leafIndex: index,
          treeSize: size,
          auditPath: path.map(hexToBytes),
          rootHash: hexToBytes(ROOTS[size - 1] ?? ''),
        }),
      ).toBe(true);
    },
  );

  it.each(CONSISTENCY_PROOFS)(
    'produces and verifies the consistency proof %i -> %i',
    (oldSize, newSize, proof) => {
      const log = vectorLog();
      expect(hex(log.consistencyProof(oldSize, newSize))).toEqual(proof);
      expect(
        verifyConsistency({
          oldSize,
          newSize,
          oldRoot: hexToBytes(ROOTS[oldSize - 1] ?? ''),
          newRoot: hexToBytes(ROOTS[newSize - 1] ?? ''),
          proof: proof.map(hexToBytes),
        }),
      ).toBe(true);
    },
  );

  it('matches the transparency-dev golden roots up to 65 535 leaves', () => {
    const log = new MerkleLog();
    const largest = Math.max(...GOLDEN_ROOTS_BASE64.map(([size]) => size));
    for (let i = 0; i < largest; i++) log.append(new Uint8Array([i & 0xff, (i >> 8) & 0xff]));
    for (const [size, root] of GOLDEN_ROOTS_BASE64) {
      expect(Buffer.from(log.rootHash(size)).toString('base64'), `size ${size}`).toBe(root);
    }
  });

  it('rejects the corrupted inclusion proofs of the transparency-dev suite', () => {
    const [index, size, path] = INCLUSION_PATHS[2] ?? [0, 0, []];
    const proof = path.map(hexToBytes);
    const root = hexToBytes(ROOTS[size - 1] ?? '');
    const leafHash = hashLeaf(LEAVES[index] ?? new Uint8Array());
    const check = (overrides: Partial<Parameters<typeof verifyInclusion>[0]>): boolean =>
      verifyInclusion({
        leafHash,
        leafIndex: index,
        treeSize: size,
        auditPath: proof,
        rootHash: root,
        ...overrides,
      });
    expect(check({})).toBe(true);
    expect(check({ leafIndex: index - 1 })).toBe(false);
    expect(check({ leafIndex: index + 1 })).toBe(false);
    expect(check({ leafIndex: index ^ 2 })).toBe(false);
    expect(check({ treeSize: size * 2 })).toBe(false);
    expect(check({ treeSize: size / 2 })).toBe(false);
    expect(check({ leafHash: hashLeaf(new TextEncoder().encode('WrongLeaf')) })).toBe(false);
    expect(check({ rootHash: emptyRootHash() })).toBe(false);
    expect(check({ auditPath: [...proof, root] })).toBe(false);
    expect(check({ auditPath: [root, ...proof] })).toBe(false);
    expect(check({ auditPath: [...proof, new Uint8Array()] })).toBe(false);
    expect(check({ auditPath: proof.slice(0, -1) })).toBe(false);
    proof.forEach((_, i) => {
      const flipped = proof.map((hash) => hash.slice());
      const target = flipped[i];
      if (target) target[0] = (target[0] ?? 0) ^ 8;
      expect(check({ auditPath: flipped })).toBe(false);
    });
  });

  it('rejects a consistency proof checked against the wrong new root', () => {
    const log = vectorLog();
    expect(
      verifyConsistency({
        oldSize: 3,
        newSize: 7,
        oldRoot: log.rootHash(3),
        newRoot: log.rootHash(6),
        proof: log.consistencyProof(3, 7),
      }),
    ).toBe(false);
  });

  it('refuses proofs for sizes the log has not reached', () => {
    const log = vectorLog();
    expect(() => log.inclusionProof(8, 8)).toThrow();
    expect(() => log.inclusionProof(0, 9)).toThrow();
    expect(() => log.consistencyProof(5, 4)).toThrow();
    expect(() => log.rootHash(9)).toThrow();
  });
});

describe('MerkleTreeStore', () => {
  it('lets another storage back the log (e.g. rows in a database table) with identical results', () => {
    const rows = new Map<string, Uint8Array>();
    const counts: number[] = [];
    const tableStore: MerkleTreeStore = {
      count: (level) => counts[level] ?? 0,
      get: (level, index) => {
        const hash = rows.get(`${level}:${index}`);
        if (!hash) throw new Error(`missing ${level}:${index}`);
        return hash;
      },
      append: (level, hash) => {
        const index = counts[level] ?? 0;
        rows.set(`${level}:${index}`, hash.slice());
        counts[level] = index + 1;
      },
    };
    const log = new MerkleLog(tableStore);
    for (const leaf of LEAVES) log.append(leaf);
    expect(bytesToHex(log.rootHash())).toBe(ROOTS[7]);
    // 8 leaves + 4 + 2 + 1 complete subtrees: 2n - 1 stored hashes.
    expect(rows.size).toBe(15);
    expect(hex(log.inclusionProof(5, 8))).toEqual(INCLUSION_PATHS[2]?.[2]);
  });
});

describe('MerkleLog properties', () => {
  const leavesArbitrary = fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 });

  it('agrees with the RFC definition of MTH at every size', () => {
    fc.assert(
      fc.property(leavesArbitrary, (leaves) => {
        const log = new MerkleLog();
        leaves.forEach((leaf, i) => {
          log.append(leaf);
          expect(bytesToHex(log.rootHash())).toBe(bytesToHex(referenceRoot(leaves.slice(0, i + 1))));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('verifies every inclusion proof against every later root', () => {
    fc.assert(
      fc.property(leavesArbitrary, (leaves) => {
        const log = new MerkleLog();
        for (const leaf of leaves) log.append(leaf);
        for (let size = 1; size <= leaves.length; size++) {
          const rootHash = log.rootHash(size);
          for (let index = 0; index < size; index++) {
            const auditPath = log.inclusionProof(index, size);
            const leafHash = hashLeaf(leaves[index] ?? new Uint8Array());
            expect(verifyInclusion({ leafHash, leafIndex: index, treeSize: size, auditPath, rootHash })).toBe(
              true,
            );
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('verifies consistency between any two sizes', () => {
    fc.assert(
      fc.property(leavesArbitrary, (leaves) => {
        const log = new MerkleLog();
        for (const leaf of leaves) log.append(leaf);
        for (let newSize = 0; newSize <= leaves.length; newSize++) {
          for (let oldSize = 0; oldSize <= newSize; oldSize++) {
            const proof = log.consistencyProof(oldSize, newSize);
            const ok = verifyConsistency({
              oldSize,
              newSize,
              oldRoot: log.rootHash(oldSize),
              newRoot: log.rootHash(newSize),
              proof,
            });
            expect(ok, `${oldSize} -> ${newSize}`).toBe(true);
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('detects a rewritten leaf: old proofs fail against the rewritten tree and consistency breaks', () => {
    fc.assert(
      fc.property(
        leavesArbitrary.filter((leaves) => leaves.length >= 2),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 12 }),
        (leaves, pick, replacement) => {
          const target = pick % leaves.length;
          const original = leaves[target] ?? new Uint8Array();
          fc.pre(bytesToHex(original) !== bytesToHex(replacement));
          const honest = new MerkleLog();
          for (const leaf of leaves) honest.append(leaf);
          const forged = new MerkleLog();
          leaves.forEach((leaf, i) => forged.append(i === target ? replacement : leaf));
          const size = leaves.length;
          // The honest proof for the original leaf no longer leads to the forged root…
          expect(
            verifyInclusion({
              leafHash: hashLeaf(original),
              leafIndex: target,
              treeSize: size,
              auditPath: honest.inclusionProof(target, size),
              rootHash: forged.rootHash(size),
            }),
          ).toBe(false);
          // …and a client holding the honest checkpoint sees the forged tree is not an extension of it.
          forged.append(new Uint8Array([1]));
          expect(
            verifyConsistency({
              oldSize: size,
              newSize: size + 1,
              oldRoot: honest.rootHash(size),
              newRoot: forged.rootHash(size + 1),
              proof: forged.consistencyProof(size, size + 1),
            }),
          ).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});
