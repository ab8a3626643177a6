import { describe, expect, it } from 'vitest';
import { MISSING_ONLY_THRESHOLD } from './binning';
import { createRandom, type Random } from './random';
import { PackedForest, buildBinnedForest, findLeaf, type TreeData } from './tree';

const COLUMNS = 6;
/** Columns 4 and 5 are categorical; the others numeric. */
const CATEGORICAL = new Set([4, 5]);

/** A random tree whose nodes are numbered so that children come after their parent, as the learner writes them. */
function buildRandomTree(
  random: Random,
  thresholdPool: readonly number[][],
  internalNodes: number,
): TreeData {
  const tree: TreeData = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    cover: [],
    gain: [],
    categorical: [],
    leafValue: [],
    leafCover: [],
  };
  const newLeaf = (): number => {
    tree.leafValue.push(random.next() * 2 - 1);
    tree.leafCover.push(1);
    return ~(tree.leafValue.length - 1);
  };
  // Leaf-wise growth: split a random leaf until the tree has `internalNodes` splits.
  const open: { node: number; side: 'left' | 'right' }[] = [];
  const split = (): number => {
    const node = tree.feature.length;
    const feature = Math.floor(random.next() * COLUMNS);
    tree.feature.push(feature);
    const pool = thresholdPool[feature] ?? [0];
    tree.threshold.push(CATEGORICAL.has(feature) ? 0 : (pool[Math.floor(random.next() * pool.length)] ?? 0));
    if (CATEGORICAL.has(feature)) {
      const codes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 40, 255].filter(() => random.next() < 0.4);
      tree.categorical.push({ node, left: codes });
    }
    tree.left.push(newLeaf());
    tree.right.push(newLeaf());
    tree.cover.push(1);
    tree.gain.push(1);
    open.push({ node, side: 'left' }, { node, side: 'right' });
    return node;
  };
  if (internalNodes === 0) {
    newLeaf();
    return tree;
  }
  split();
  while (tree.feature.length < internalNodes) {
    const [slot] = open.splice(Math.floor(random.next() * open.length), 1);
    if (!slot) break;
    const child = split();
    // The split leaf's slot now points at the new node; its old leaf value is dropped from use (still stored).
    tree[slot.side][slot.node] = child;
  }
  return tree;
}

function buildThresholdPool(random: Random, perFeature: number): number[][] {
  return Array.from({ length: COLUMNS }, () => {
    const pool = Array.from({ length: perFeature }, () => Math.round((random.next() * 20 - 10) * 100) / 100);
    pool.push(MISSING_ONLY_THRESHOLD, 0, -0);
    return pool;
  });
}

/** Rows with the awkward values: missing, infinities, values equal to thresholds, odd category codes. */
function buildRows(random: Random, rows: number, thresholdPool: readonly number[][]): Float64Array {
  const values = new Float64Array(rows * COLUMNS);
  const odd = [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -0, MISSING_ONLY_THRESHOLD];
  const oddCodes = [Number.NaN, -1, -0.5, 0.5, 3.7, 255, 256, 1e9, Number.POSITIVE_INFINITY];
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < COLUMNS; f++) {
      const u = random.next();
      let v: number;
      if (CATEGORICAL.has(f)) {
        v =
          u < 0.2
            ? (oddCodes[Math.floor(random.next() * oddCodes.length)] ?? 0)
            : Math.floor(random.next() * 10);
      } else if (u < 0.1) {
        v = odd[Math.floor(random.next() * odd.length)] ?? 0;
      } else if (u < 0.4) {
        const pool = thresholdPool[f] ?? [0];
        v = pool[Math.floor(random.next() * pool.length)] ?? 0;
      } else {
        v = random.next() * 24 - 12;
      }
      values[r * COLUMNS + f] = v;
    }
  }
  return values;
}

/** The reference: one plain walk per tree and row, summed in tree order from the base score. */
function scoreByFindLeaf(
  trees: readonly TreeData[],
  values: Float64Array,
  rows: number,
  base: number,
): Float64Array {
  const out = new Float64Array(rows).fill(base);
  for (const tree of trees) {
    for (let r = 0; r < rows; r++) {
      out[r] = out[r]! + tree.leafValue[findLeaf(tree, values, r * COLUMNS)]!;
    }
  }
  return out;
}

function scoreForest(
  forest: PackedForest,
  values: Float64Array,
  rows: number,
  base: number,
  byValue = false,
) {
  const out = new Float64Array(rows).fill(base);
  if (byValue) forest.addRawScoresByValue(values, rows, COLUMNS, out);
  else forest.addRawScores(values, rows, COLUMNS, out, forest.trees, 'binned');
  return out;
}

describe('PackedForest', () => {
  const random = createRandom(11);
  const pool = buildThresholdPool(random, 40);
  const trees = Array.from({ length: 60 }, (_, t) =>
    buildRandomTree(random, pool, t === 7 ? 0 : 1 + Math.floor(random.next() * 60)),
  );
  const values = buildRows(random, 1000, pool);

  it('bins the forest (the fast walk is the one under test)', () => {
    expect(buildBinnedForest(trees)).not.toBeNull();
  });

  it('chooses the binned walk for many deep trees and the plain one for a few small trees', () => {
    const binned = buildBinnedForest(trees);
    expect(binned!.expectedSteps).toBeGreaterThan(4 * binned!.features.length);
    const auto = scoreForest(new PackedForest(trees), values, 300, 0);
    const small = trees.slice(0, 2);
    const smallBinned = buildBinnedForest(small);
    expect(smallBinned!.expectedSteps).toBeLessThan(4 * smallBinned!.features.length);
    const out = new Float64Array(300);
    new PackedForest(small).addRawScores(values, 300, COLUMNS, out);
    expect(Array.from(out)).toEqual(Array.from(scoreByFindLeaf(small, values, 300, 0)));
    expect(Array.from(auto)).toEqual(Array.from(scoreByFindLeaf(trees, values, 300, 0)));
  });

  it.each([1, 3, 4, 5, 255, 256, 257, 1000])(
    'gives bit-identical scores to a plain walk of each tree (%i rows)',
    (rows) => {
      const expected = scoreByFindLeaf(trees, values, rows, -1.5);
      const forest = new PackedForest(trees);
      expect(Array.from(scoreForest(forest, values, rows, -1.5))).toEqual(Array.from(expected));
      expect(Array.from(scoreForest(forest, values, rows, -1.5, true))).toEqual(Array.from(expected));
    },
  );

  it('scores with the first trees only when given a tree limit', () => {
    const forest = new PackedForest(trees);
    const out = new Float64Array(300);
    forest.addRawScores(values, 300, COLUMNS, out, 10, 'binned');
    expect(Array.from(out)).toEqual(Array.from(scoreByFindLeaf(trees.slice(0, 10), values, 300, 0)));
  });

  it('gives the same scores when called again (scratch buffers are reused)', () => {
    const forest = new PackedForest(trees);
    const first = scoreForest(forest, values, 1000, 0);
    scoreForest(forest, values, 7, 0);
    expect(Array.from(scoreForest(forest, values, 1000, 0))).toEqual(Array.from(first));
  });

  it('falls back to comparing raw values when a feature has more than 255 thresholds', () => {
    const manyRandom = createRandom(12);
    const manyPool = buildThresholdPool(manyRandom, 400);
    const manyTrees = Array.from({ length: 80 }, () => buildRandomTree(manyRandom, manyPool, 60));
    expect(buildBinnedForest(manyTrees)).toBeNull();
    const manyValues = buildRows(manyRandom, 500, manyPool);
    const forest = new PackedForest(manyTrees);
    expect(Array.from(scoreForest(forest, manyValues, 500, 0))).toEqual(
      Array.from(scoreByFindLeaf(manyTrees, manyValues, 500, 0)),
    );
  });

  it('falls back when a feature is split both as a number and as a category', () => {
    const mixed = trees.slice(0, 5).map((tree) => structuredClone(tree));
    const numericNode = mixed[0]!.feature.findIndex((_, node) =>
      mixed[0]!.categorical.every((split) => split.node !== node),
    );
    mixed[0]!.feature[numericNode] = 4;
    expect(buildBinnedForest(mixed)).toBeNull();
    const forest = new PackedForest(mixed);
    expect(Array.from(scoreForest(forest, values, 400, 0))).toEqual(
      Array.from(scoreByFindLeaf(mixed, values, 400, 0)),
    );
  });
});
