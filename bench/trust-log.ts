// Transparency log at scale: `node --import tsx bench/trust-log.ts [entries]` (default 1 000 000).
import { randomBytes } from 'node:crypto';
import {
  bytesToHex,
  encodeLogEntry,
  MerkleLog,
  verifyConsistency,
  verifyInclusion,
  type LogEntryKind,
} from '../src/trust-core';
import { measure, printHeader, printTable, type BenchRow } from './trust-bench-report';

const size = Number(process.argv[2] ?? 1_000_000);
const kinds: LogEntryKind[] = ['issuance', 'suspension', 'reinstatement', 'revocation'];
const randomIndex = (n: number): number => Math.floor(Math.random() * n);

printHeader(`trust-log: Merkle transparency log, ${size.toLocaleString('en-US')} entries`);
const rows: BenchRow[] = [];

const log = new MerkleLog();
const memoryBefore = process.memoryUsage();
const started = performance.now();
const at = new Date('2026-01-01T00:00:00Z').getTime();
for (let i = 0; i < size; i++) {
  log.append(
    encodeLogEntry({
      kind: kinds[i % 4] ?? 'issuance',
      certificateId: `urn:uuid:${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
      credentialHash: bytesToHex(randomBytes(32)),
      at: new Date(at + i * 1000).toISOString(),
    }),
  );
}
const appendSeconds = (performance.now() - started) / 1000;
rows.push({
  name: 'append (canonical JSON entry + leaf hash + subtree cache)',
  ops: size,
  seconds: appendSeconds,
});
const memoryAfter = process.memoryUsage();

const leafHashes = Array.from({ length: Math.min(size, 200_000) }, (_, i) => log.leafHash(i));
const rebuildStarted = performance.now();
const rebuilt = new MerkleLog();
for (const hash of leafHashes) rebuilt.appendLeafHash(hash);
rows.push({
  name: 'appendLeafHash (rebuild from stored leaf hashes)',
  ops: leafHashes.length,
  seconds: (performance.now() - rebuildStarted) / 1000,
});

const root = log.rootHash();
rows.push(
  await measure(`root hash at ${size.toLocaleString('en-US')}`, () => log.rootHash(), { minSeconds: 1 }),
);
rows.push(
  await measure('inclusion proof, random leaf, latest size', () => log.inclusionProof(randomIndex(size)), {
    minSeconds: 1.5,
  }),
);
rows.push(
  await measure(
    'inclusion proof, random leaf, random past size',
    () => {
      const treeSize = 1 + randomIndex(size);
      return log.inclusionProof(randomIndex(treeSize), treeSize);
    },
    { minSeconds: 1.5 },
  ),
);
const index = randomIndex(size);
const auditPath = log.inclusionProof(index);
const leafHash = log.leafHash(index);
rows.push(
  await measure(
    'inclusion proof verify',
    () => {
      if (!verifyInclusion({ leafHash, leafIndex: index, treeSize: size, auditPath, rootHash: root })) {
        throw new Error('inclusion failed');
      }
    },
    { minSeconds: 1, note: `${auditPath.length} hashes` },
  ),
);
rows.push(
  await measure(
    'consistency proof, random old size -> latest',
    () => log.consistencyProof(1 + randomIndex(size)),
    {
      minSeconds: 1.5,
    },
  ),
);
const oldSize = 1 + randomIndex(size - 1);
const proof = log.consistencyProof(oldSize);
const oldRoot = log.rootHash(oldSize);
rows.push(
  await measure(
    'consistency proof verify',
    () => {
      if (!verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof }))
        throw new Error('failed');
    },
    { minSeconds: 1, note: `${proof.length} hashes` },
  ),
);
printTable(rows);
console.log(
  `Memory for the tree: ~${((memoryAfter.arrayBuffers - memoryBefore.arrayBuffers) / 1024 / 1024).toFixed(0)} MB ` +
    `of ArrayBuffers (leaf hashes + cached complete subtrees; growth by doubling), RSS ${(
      memoryAfter.rss /
      1024 /
      1024
    ).toFixed(0)} MB.`,
);
