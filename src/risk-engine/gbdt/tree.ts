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

/**
 * All trees of one head packed into flat typed arrays. Scoring walks each tree over a block of rows before moving to
 * the next tree, so a tree's nodes stay in cache while the block's rows stream through.
 */
export class PackedForest {
  readonly trees: number;
  private readonly roots: Int32Array;
  /** Per node (feature, left child, right child, category mask offset or -1): one cache line serves a node. */
  private readonly nodes: Int32Array;
  private readonly threshold: Float64Array;
  private readonly categoryMask: Uint32Array;
  private readonly leafValue: Float64Array;

  constructor(trees: readonly TreeData[]) {
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
   * `treeLimit` scores with the first trees only.
   */
  addRawScores(
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
