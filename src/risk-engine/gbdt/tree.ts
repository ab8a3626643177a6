/**
 * Decision trees as stored in a model, and a packed forest that scores many rows fast.
 *
 * A split sends a row left when its value is <= the threshold (numeric; missing values count as -Infinity) or when
 * its category code is in the split's left set (categorical; missing or unseen codes are code 0). Child indexes
 * >= 0 are internal nodes; a negative child `c` is leaf `~c`.
 */
import { MISSING_VALUE } from './binning';

export interface TreeData {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Training rows that reached each internal node (the "cover" TreeSHAP weighs paths with). */
  cover: number[];
  /** Loss reduction of each split, for feature importance. */
  gain: number[];
  /** Categorical splits: the internal node and the category codes that go left. */
  categorical: { node: number; left: number[] }[];
  leafValue: number[];
  leafCover: number[];
}

export const CATEGORY_WORDS = 8;

/** Returns true when `value` (missing already replaced by -Infinity) goes left at a categorical node's mask. */
export function isInCategoryMask(mask: Uint32Array, offset: number, value: number): boolean {
  const code = value < 0 ? 0 : value > 255 ? 255 : value | 0;
  return (((mask[offset + (code >>> 5)] ?? 0) >>> (code & 31)) & 1) === 1;
}

export function buildCategoryMask(codes: readonly number[]): Uint32Array {
  const mask = new Uint32Array(CATEGORY_WORDS);
  for (const code of codes) mask[code >>> 5] = (mask[code >>> 5] ?? 0) | (1 << (code & 31));
  return mask;
}

/** The number of leaves a tree has. */
export function countLeaves(tree: TreeData): number {
  return tree.leafValue.length;
}

/** Sum over leaves of cover-weighted values: the tree's expected output over the training rows. */
export function computeExpectedValue(tree: TreeData): number {
  let total = 0;
  let weighted = 0;
  for (let leaf = 0; leaf < tree.leafValue.length; leaf++) {
    const cover = tree.leafCover[leaf] ?? 0;
    total += cover;
    weighted += cover * (tree.leafValue[leaf] ?? 0);
  }
  return total > 0 ? weighted / total : 0;
}

/** Rows binned and walked together: a block's bins (about 113 × 256 bytes here) stay in the L1 cache. */
const BLOCK_ROWS = 256;
/** Words of a binned node record: block offset of the feature's bins, 256-bit left set, right child, left child. */
const RECORD = 11;
const RECORD_CHILDREN = 9;
/** Numeric thresholds per feature are padded to this many (with +Infinity) for a branch-free binary search. */
const THRESHOLD_SLOTS = 256;

/**
 * The binned form of a forest. Per feature, the distinct numeric thresholds of all splits on it, sorted, cut the
 * values into bins: a value's bin is the number of thresholds below it, so `x <= thresholds[k]` exactly when
 * `bin(x) <= k` (a missing value is bin 0, as -Infinity is below every threshold), and every numeric split becomes
 * "bin in 0..k". A categorical feature's bin is its category code, as `isInCategoryMask` reads it. Every split is
 * then a 256-bit left set over bins, and a step of a walk is a few integer operations, with no branch on the kind
 * of split or on the direction.
 */
export interface BinnedForest {
  /** Features some split reads, in column order; the block keeps the bins of feature `features[i]` in row `i`. */
  features: Int32Array;
  /** Per entry of `features`: offset of its padded sorted thresholds in `thresholds`, or -1 when categorical. */
  thresholdOffset: Int32Array;
  thresholds: Float64Array;
  /** Per tree, the record offset of its root, or `~leaf` for a single-leaf tree. */
  roots: Int32Array;
  /** Records of RECORD words: feature row × BLOCK_ROWS, left set (8 words), right child, left child. */
  records: Int32Array;
  /** Expected steps of a row's walk through all trees (leaf depths weighted by training cover). */
  expectedSteps: number;
}

/** Binning a value costs about as much as this many steps of the walk over raw values saves (measured). */
const BINNING_COST_IN_STEPS = 4;

/** Mean depth of a tree's leaves weighted by their training cover (unweighted when no cover is stored). */
function computeExpectedDepth(tree: TreeData): number {
  if (tree.feature.length === 0) return 0;
  let weighted = 0;
  let total = 0;
  let plain = 0;
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const depth = stack.pop() ?? 0;
    const node = stack.pop() ?? 0;
    for (const child of [tree.left[node] ?? -1, tree.right[node] ?? -1]) {
      if (child >= 0) {
        stack.push(child, depth + 1);
        continue;
      }
      const cover = tree.leafCover[~child] ?? 0;
      weighted += cover * (depth + 1);
      total += cover;
      plain += depth + 1;
    }
  }
  return total > 0 ? weighted / total : plain / tree.leafValue.length;
}

/**
 * Returns null when the forest cannot be binned (a feature split both as a number and as a category, more than 255
 * distinct thresholds on one feature, or a NaN threshold); scoring then compares raw values.
 */
export function buildBinnedForest(trees: readonly TreeData[]): BinnedForest | null {
  const kind = new Map<number, 'numeric' | 'categorical'>();
  const numeric = new Map<number, Set<number>>();
  let nodes = 0;
  for (const tree of trees) {
    nodes += tree.feature.length;
    const categoricalNodes = new Set(tree.categorical.map((split) => split.node));
    for (let node = 0; node < tree.feature.length; node++) {
      const feature = tree.feature[node] ?? 0;
      const split = categoricalNodes.has(node) ? 'categorical' : 'numeric';
      if ((kind.get(feature) ?? split) !== split) return null;
      kind.set(feature, split);
      if (split === 'numeric') {
        const threshold = tree.threshold[node] ?? 0;
        // A NaN threshold sends every value right, which no bin boundary expresses.
        if (threshold !== threshold) return null;
        let set = numeric.get(feature);
        if (!set) numeric.set(feature, (set = new Set()));
        set.add(threshold);
      }
    }
  }
  const features = Int32Array.from([...kind.keys()].sort((a, b) => a - b));
  const thresholdOffset = new Int32Array(features.length).fill(-1);
  const thresholds = new Float64Array(THRESHOLD_SLOTS * numeric.size).fill(Number.POSITIVE_INFINITY);
  /** Per feature, its block row and, for a numeric one, the index of each threshold in sorted order. */
  const layout = new Map<number, { row: number; rank: Map<number, number> | null }>();
  let slots = 0;
  for (let i = 0; i < features.length; i++) {
    const feature = features[i] as number;
    const set = numeric.get(feature);
    if (!set) {
      layout.set(feature, { row: i, rank: null });
      continue;
    }
    if (set.size >= THRESHOLD_SLOTS) return null;
    const sorted = Float64Array.from(set).sort();
    thresholdOffset[i] = slots;
    thresholds.set(sorted, slots);
    slots += THRESHOLD_SLOTS;
    layout.set(feature, { row: i, rank: new Map(Array.from(sorted, (value, k) => [value, k])) });
  }
  const roots = new Int32Array(trees.length);
  const records = new Int32Array(RECORD * nodes);
  let nodeBase = 0;
  let leafBase = 0;
  trees.forEach((tree, t) => {
    const relocate = (child: number): number =>
      child >= 0 ? RECORD * (child + nodeBase) : ~(~child + leafBase);
    roots[t] = tree.feature.length > 0 ? RECORD * nodeBase : ~leafBase;
    const masks = new Map<number, Uint32Array>();
    for (const { node, left } of tree.categorical) masks.set(node, buildCategoryMask(left));
    for (let node = 0; node < tree.feature.length; node++) {
      const at = RECORD * (nodeBase + node);
      const { row, rank } = layout.get(tree.feature[node] ?? 0) ?? { row: 0, rank: null };
      records[at] = row * BLOCK_ROWS;
      let mask = masks.get(node);
      if (!mask) {
        // Bins 0..k go left, k being the rank of the node's threshold.
        const k = rank?.get(tree.threshold[node] ?? 0) ?? 0;
        mask = new Uint32Array(CATEGORY_WORDS);
        for (let bin = 0; bin <= k; bin++) mask[bin >>> 5] = (mask[bin >>> 5] as number) | (1 << (bin & 31));
      }
      for (let word = 0; word < CATEGORY_WORDS; word++) records[at + 1 + word] = mask[word] as number;
      records[at + RECORD_CHILDREN] = relocate(tree.right[node] ?? -1);
      records[at + RECORD_CHILDREN + 1] = relocate(tree.left[node] ?? -1);
    }
    nodeBase += tree.feature.length;
    leafBase += tree.leafValue.length;
  });
  let expectedSteps = 0;
  for (const tree of trees) expectedSteps += computeExpectedDepth(tree);
  return { features, thresholdOffset, thresholds, roots, records, expectedSteps };
}

/**
 * Writes the bins of rows `start .. start + size` into `bins` (feature-major: the bin of block row `r` for
 * `features[i]` at `i * BLOCK_ROWS + r`).
 */
function binBlock(
  forest: BinnedForest,
  values: Float64Array,
  columns: number,
  start: number,
  size: number,
  bins: Uint8Array,
): void {
  const { features, thresholdOffset, thresholds } = forest;
  for (let i = 0; i < features.length; i++) {
    const at = thresholdOffset[i] as number;
    const to = i * BLOCK_ROWS;
    let from = start * columns + (features[i] as number);
    if (at < 0) {
      for (let r = 0; r < size; r++, from += columns) {
        // As isInCategoryMask: missing and negative codes are code 0, codes above 255 are 255.
        const v = values[from] as number;
        bins[to + r] = v > 0 ? (v > 255 ? 255 : v | 0) : 0;
      }
      continue;
    }
    for (let r = 0; r < size; r++, from += columns) {
      // The number of thresholds below v, by a fixed 8-step binary search over 256 sorted slots (NaN: 0); V8
      // compiles Number(a < b) without a branch.
      const v = values[from] as number;
      let k = at;
      k += Number((thresholds[k + 127] as number) < v) << 7;
      k += Number((thresholds[k + 63] as number) < v) << 6;
      k += Number((thresholds[k + 31] as number) < v) << 5;
      k += Number((thresholds[k + 15] as number) < v) << 4;
      k += Number((thresholds[k + 7] as number) < v) << 3;
      k += Number((thresholds[k + 3] as number) < v) << 2;
      k += Number((thresholds[k + 1] as number) < v) << 1;
      k += Number((thresholds[k] as number) < v);
      bins[to + r] = k - at;
    }
  }
}

/**
 * All trees of one head packed into flat typed arrays. Scoring bins a block of rows into bytes (small enough to stay
 * in the L1 cache; see `BinnedForest`), then walks each tree over the whole block before moving to the next tree, so
 * a tree's nodes stay in cache while the block's rows stream through. Each row's trees are added in tree order, as a
 * plain walk would: the scores are bit-identical to summing `findLeaf` over the trees.
 */
export class PackedForest {
  readonly trees: number;
  private readonly roots: Int32Array;
  /** For the walk over raw values, per node: feature, left child, right child, category mask offset or -1. */
  private readonly nodes: Int32Array;
  private readonly threshold: Float64Array;
  private readonly categoryMask: Uint32Array;
  private readonly leafValue: Float64Array;
  /** The binned form, built on first use (null when the forest cannot be binned). */
  private binned: BinnedForest | null | undefined;
  /** Scratch space of the binned walk, kept between calls: a block's bins, and its rows' running scores. */
  private bins: Uint8Array | undefined;
  private readonly sums = new Float64Array(BLOCK_ROWS + 1);

  constructor(private readonly source: readonly TreeData[]) {
    const trees = source;
    this.trees = trees.length;
    let nodes = 0;
    let leaves = 0;
    let categoricalNodes = 0;
    for (const tree of trees) {
      nodes += tree.feature.length;
      leaves += tree.leafValue.length;
      categoricalNodes += tree.categorical.length;
    }
    this.roots = new Int32Array(trees.length);
    this.nodes = new Int32Array(4 * nodes);
    this.threshold = new Float64Array(nodes);
    this.categoryMask = new Uint32Array(categoricalNodes * CATEGORY_WORDS);
    this.leafValue = new Float64Array(leaves);
    let nodeBase = 0;
    let leafBase = 0;
    let maskBase = 0;
    const relocate = (child: number): number => (child >= 0 ? child + nodeBase : ~(~child + leafBase));
    trees.forEach((tree, t) => {
      this.roots[t] = tree.feature.length > 0 ? nodeBase : ~leafBase;
      for (let i = 0; i < tree.feature.length; i++) {
        const at = 4 * (nodeBase + i);
        this.nodes[at] = tree.feature[i] ?? 0;
        this.nodes[at + 1] = relocate(tree.left[i] ?? -1);
        this.nodes[at + 2] = relocate(tree.right[i] ?? -1);
        this.nodes[at + 3] = -1;
        this.threshold[nodeBase + i] = tree.threshold[i] ?? 0;
      }
      for (const { node, left } of tree.categorical) {
        this.nodes[4 * (nodeBase + node) + 3] = maskBase;
        this.categoryMask.set(buildCategoryMask(left), maskBase);
        maskBase += CATEGORY_WORDS;
      }
      this.leafValue.set(tree.leafValue, leafBase);
      nodeBase += tree.feature.length;
      leafBase += tree.leafValue.length;
    });
  }

  /**
   * Adds the trees' outputs (raw log-odds, without the base score) for `rows` rows of a row-major matrix to `out`.
   * `treeLimit` scores with the first trees only. Both walks give bit-identical scores, equal to summing `findLeaf`
   * over the trees in order; `auto` takes the binned walk when the trees are deep and many enough to repay binning
   * each row (a full-size model: yes; a few dozen small trees: no), `binned` whenever the forest can be binned.
   */
  addRawScores(
    values: Float64Array,
    rows: number,
    columns: number,
    out: Float64Array,
    treeLimit = this.trees,
    walk: 'auto' | 'binned' | 'values' = 'auto',
  ): void {
    if (walk !== 'values' && this.binned === undefined) this.binned = buildBinnedForest(this.source);
    const binned = walk === 'values' ? null : this.binned;
    const repays =
      binned &&
      binned.expectedSteps * (Math.min(treeLimit, this.trees) / Math.max(1, this.trees)) >=
        BINNING_COST_IN_STEPS * binned.features.length;
    if (binned && (walk === 'binned' || repays)) {
      this.addRawScoresBinned(binned, values, rows, columns, out, treeLimit);
    } else {
      this.addRawScoresByValue(values, rows, columns, out, treeLimit);
    }
  }

  /**
   * Walks every tree over blocks of BLOCK_ROWS binned rows. Four lanes go down a tree side by side, so that the
   * processor overlaps their chains of dependent loads; a lane that reaches a leaf adds it to its row's score and
   * starts the block's next row at the root. Lanes with no row left walk a spare row whose score is dropped.
   */
  private addRawScoresBinned(
    forest: BinnedForest,
    values: Float64Array,
    rows: number,
    columns: number,
    out: Float64Array,
    treeLimit: number,
  ): void {
    const { roots, records } = forest;
    const { leafValue } = this;
    const trees = Math.min(treeLimit, this.trees);
    // One spare byte after the last feature's row: the spare row `size` of a full block reads it.
    const binsLength = BLOCK_ROWS * Math.max(1, forest.features.length) + 1;
    let bins = this.bins;
    if (bins?.length !== binsLength) this.bins = bins = new Uint8Array(binsLength);
    const { sums } = this;
    const C = RECORD_CHILDREN;
    for (let start = 0; start < rows; start += BLOCK_ROWS) {
      const size = Math.min(BLOCK_ROWS, rows - start);
      binBlock(forest, values, columns, start, size, bins);
      for (let r = 0; r < size; r++) sums[r] = out[start + r] as number;
      sums[size] = 0;
      for (let t = 0; t < trees; t++) {
        const root = roots[t] as number;
        if (root < 0) {
          const value = leafValue[~root] as number;
          for (let r = 0; r < size; r++) sums[r] = (sums[r] as number) + value;
          continue;
        }
        let next = 0;
        let ra = next < size ? next++ : size;
        let rb = next < size ? next++ : size;
        let rc = next < size ? next++ : size;
        let rd = next < size ? next++ : size;
        let a = root;
        let b = root;
        let c = root;
        let d = root;
        while (ra < size || rb < size || rc < size || rd < size) {
          // Each step: x = the row's bin of the node's feature; next = child (left when bit x of the left set is 1).
          const xa = bins[(records[a] as number) + ra] as number;
          const xb = bins[(records[b] as number) + rb] as number;
          const xc = bins[(records[c] as number) + rc] as number;
          const xd = bins[(records[d] as number) + rd] as number;
          a = records[a + C + (((records[a + 1 + (xa >>> 5)] as number) >>> (xa & 31)) & 1)] as number;
          b = records[b + C + (((records[b + 1 + (xb >>> 5)] as number) >>> (xb & 31)) & 1)] as number;
          c = records[c + C + (((records[c + 1 + (xc >>> 5)] as number) >>> (xc & 31)) & 1)] as number;
          d = records[d + C + (((records[d + 1 + (xd >>> 5)] as number) >>> (xd & 31)) & 1)] as number;
          if (a < 0) {
            sums[ra] = (sums[ra] as number) + (leafValue[~a] as number);
            ra = next < size ? next++ : size;
            a = root;
          }
          if (b < 0) {
            sums[rb] = (sums[rb] as number) + (leafValue[~b] as number);
            rb = next < size ? next++ : size;
            b = root;
          }
          if (c < 0) {
            sums[rc] = (sums[rc] as number) + (leafValue[~c] as number);
            rc = next < size ? next++ : size;
            c = root;
          }
          if (d < 0) {
            sums[rd] = (sums[rd] as number) + (leafValue[~d] as number);
            rd = next < size ? next++ : size;
            d = root;
          }
        }
      }
      for (let r = 0; r < size; r++) out[start + r] = sums[r] as number;
    }
  }

  /**
   * The walk over raw values (float comparisons, each tree over blocks of `blockSize` rows): the scorer before the
   * binned one, kept for forests that cannot be binned and as the reference that tests and benchmarks compare with.
   */
  addRawScoresByValue(
    values: Float64Array,
    rows: number,
    columns: number,
    out: Float64Array,
    treeLimit = this.trees,
    blockSize = 256,
  ): void {
    const { roots, nodes, threshold, categoryMask, leafValue } = this;
    const trees = Math.min(treeLimit, this.trees);
    const block = new Float64Array(blockSize * columns);
    for (let start = 0; start < rows; start += blockSize) {
      const size = Math.min(blockSize, rows - start);
      // Missing values become -Infinity once per block so that the hot loop is a plain comparison.
      const source = values.subarray(start * columns, (start + size) * columns);
      for (let i = 0; i < source.length; i++) {
        const v = source[i] ?? MISSING_VALUE;
        block[i] = v === v ? v : MISSING_VALUE;
      }
      for (let t = 0; t < trees; t++) {
        const root = roots[t] ?? -1;
        for (let r = 0; r < size; r++) {
          const base = r * columns;
          let node = root;
          while (node >= 0) {
            const at = node << 2;
            const x = block[base + (nodes[at] as number)] as number;
            const mask = nodes[at + 3] as number;
            const goLeft =
              mask < 0 ? x <= (threshold[node] as number) : isInCategoryMask(categoryMask, mask, x);
            node = nodes[goLeft ? at + 1 : at + 2] as number;
          }
          out[start + r] = (out[start + r] as number) + (leafValue[~node] as number);
        }
      }
    }
  }
}

/** Leaf reached by one row (missing values already replaced by -Infinity); used by explanations and tests. */
export function findLeaf(tree: TreeData, row: ArrayLike<number>, offset = 0): number {
  if (tree.feature.length === 0) return 0;
  const masks = new Map<number, Uint32Array>();
  for (const { node, left } of tree.categorical) masks.set(node, buildCategoryMask(left));
  let node = 0;
  while (node >= 0) {
    node = goesLeft(tree, masks, node, row[offset + (tree.feature[node] ?? 0)] ?? MISSING_VALUE)
      ? (tree.left[node] ?? -1)
      : (tree.right[node] ?? -1);
  }
  return ~node;
}

export function goesLeft(
  tree: TreeData,
  masks: ReadonlyMap<number, Uint32Array>,
  node: number,
  raw: number,
): boolean {
  const x = raw === raw ? raw : MISSING_VALUE;
  const mask = masks.get(node);
  return mask ? isInCategoryMask(mask, 0, x) : x <= (tree.threshold[node] ?? 0);
}
