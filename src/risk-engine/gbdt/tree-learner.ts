/**
 * Grows one regression tree on gradients and hessians, leaf-wise (always split the leaf with the largest gain) up to
 * a leaf cap, with histogram split finding over binned features.
 *
 * The costly part is building histograms. Two things keep it cheap: one pass over a leaf's rows fills the
 * histograms of all features at once (rows are stored row-major, so a row's bins are adjacent in memory), and only
 * the smaller child of a split is built from its rows; the larger one is the parent minus the smaller.
 */
import { buildCategoryMask } from './tree';

export interface TreeParams {
  /** Leaf cap per tree. */
  maxLeaves: number;
  /** 0 = no depth limit (the leaf cap bounds the tree). */
  maxDepth: number;
  minLeafRows: number;
  minLeafHessian: number;
  /** L2 regularisation on leaf values. */
  lambda: number;
  /** A split must reduce the loss by at least this much. */
  minGain: number;
  /** Categorical splits: most categories that may go left together. */
  maxCategoryThreshold: number;
  /** Categorical splits: pseudo-hessian added when ordering categories by gradient ratio. */
  categorySmoothing: number;
  /** Categorical splits: categories with fewer rows in the leaf than this never go left on their own merit. */
  minCategoryRows: number;
}

/** A binned training matrix: `bins[row * features + feature]`. */
export interface BinnedData {
  bins: Uint8Array;
  rows: number;
  features: number;
  binCount: Uint16Array;
  isCategorical: Uint8Array;
}

/** A tree in bin space, as the learner grows it (converted to raw thresholds when the model is stored). */
export interface BinnedTree {
  feature: number[];
  thresholdBin: number[];
  /** Per internal node: the left category mask, or null for numeric splits. */
  categoryMask: (Uint32Array | null)[];
  left: number[];
  right: number[];
  cover: number[];
  gain: number[];
  leafValue: number[];
  leafCover: number[];
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  mask: Uint32Array | null;
  leftGradient: number;
  leftHessian: number;
  leftCount: number;
}

interface Leaf {
  start: number;
  end: number;
  gradient: number;
  hessian: number;
  count: number;
  depth: number;
  histogram: Float32Array | null;
  split: Split | null;
  /** Internal node that points at this leaf, and on which side (-1 for the root). */
  parent: number;
  isLeft: boolean;
}

/**
 * Histogram slots per feature: 256 bins × (gradient, hessian), at a fixed stride so a slot is a shift away.
 * Histograms are Float32 (as LightGBM's GPU learner keeps them): half the memory traffic in the hot loop, and split
 * gains need far less precision than 24 bits.
 */
const FEATURE_STRIDE = 512;

export class TreeLearner {
  private readonly histogramSize: number;
  private readonly pool: Float32Array[] = [];
  private readonly indices: Uint32Array;
  private readonly order: Int32Array = new Int32Array(256);
  /** Column-major copy of the bins: a partition reads one feature for many rows, which this keeps contiguous. */
  private readonly columns: Uint8Array;
  /** Histogram slots in use per feature (2 per bin), so zeroing and subtraction skip empty bins. */
  private readonly slotsInUse: Int32Array;
  private readonly ratio: Float64Array = new Float64Array(256);

  constructor(
    private readonly data: BinnedData,
    private readonly params: TreeParams,
  ) {
    this.histogramSize = FEATURE_STRIDE * data.features;
    this.indices = new Uint32Array(data.rows);
    this.slotsInUse = Int32Array.from(data.binCount, (count) => 2 * count);
    this.columns = new Uint8Array(data.rows * data.features);
    for (let r = 0; r < data.rows; r++) {
      const base = r * data.features;
      for (let f = 0; f < data.features; f++) this.columns[f * data.rows + r] = data.bins[base + f] ?? 0;
    }
  }

  /**
   * Grows a tree. `rows` are the rows to fit (all rows when null); `features` the features this tree may use.
   * Leaf values are -G/(H+lambda) * shrinkage. `leafOfRow` receives the leaf of each fitted row.
   */
  grow(
    gradient: Float64Array,
    hessian: Float64Array,
    rows: Uint32Array | null,
    features: Int32Array,
    shrinkage: number,
    leafOfRow: Int32Array,
  ): BinnedTree {
    const { params } = this;
    const count = rows ? rows.length : this.data.rows;
    const indices = this.indices.subarray(0, count);
    if (rows) indices.set(rows);
    else for (let i = 0; i < count; i++) indices[i] = i;

    let g = 0;
    let h = 0;
    for (let i = 0; i < count; i++) {
      const r = indices[i] ?? 0;
      g += gradient[r] ?? 0;
      h += hessian[r] ?? 0;
    }
    const tree: BinnedTree = {
      feature: [],
      thresholdBin: [],
      categoryMask: [],
      left: [],
      right: [],
      cover: [],
      gain: [],
      leafValue: [],
      leafCover: [],
    };
    const root: Leaf = {
      start: 0,
      end: count,
      gradient: g,
      hessian: h,
      count,
      depth: 0,
      histogram: null,
      split: null,
      parent: -1,
      isLeft: false,
    };
    const leaves: Leaf[] = [root];
    if (this.canSplit(root)) {
      root.histogram = this.acquire(features);
      this.buildHistogram(root.histogram, indices, 0, count, gradient, hessian, features);
      root.split = this.findBestSplit(root, features);
    }

    while (leaves.length < params.maxLeaves) {
      let bestIndex = -1;
      let bestGain = params.minGain;
      for (let i = 0; i < leaves.length; i++) {
        const split = leaves[i]?.split;
        if (split && split.gain > bestGain) {
          bestGain = split.gain;
          bestIndex = i;
        }
      }
      const leaf = leaves[bestIndex];
      if (!leaf?.split || !leaf.histogram) break;
      const split = leaf.split;
      const node = tree.feature.length;
      tree.feature.push(split.feature);
      tree.thresholdBin.push(split.bin);
      tree.categoryMask.push(split.mask);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.cover.push(leaf.count);
      tree.gain.push(split.gain);
      if (leaf.parent >= 0) {
        if (leaf.isLeft) tree.left[leaf.parent] = node;
        else tree.right[leaf.parent] = node;
      }
      const middle = this.partition(indices, leaf.start, leaf.end, split);
      const leftLeaf: Leaf = {
        start: leaf.start,
        end: middle,
        gradient: split.leftGradient,
        hessian: split.leftHessian,
        count: middle - leaf.start,
        depth: leaf.depth + 1,
        histogram: null,
        split: null,
        parent: node,
        isLeft: true,
      };
      const rightLeaf: Leaf = {
        start: middle,
        end: leaf.end,
        gradient: leaf.gradient - split.leftGradient,
        hessian: leaf.hessian - split.leftHessian,
        count: leaf.end - middle,
        depth: leaf.depth + 1,
        histogram: null,
        split: null,
        parent: node,
        isLeft: false,
      };
      leaves[bestIndex] = leftLeaf;
      leaves.push(rightLeaf);

      const isLastSplit = leaves.length >= params.maxLeaves;
      const leftSplittable = !isLastSplit && this.canSplit(leftLeaf);
      const rightSplittable = !isLastSplit && this.canSplit(rightLeaf);
      if (leftSplittable || rightSplittable) {
        const [small, large] =
          leftLeaf.count <= rightLeaf.count ? [leftLeaf, rightLeaf] : [rightLeaf, leftLeaf];
        const smallHistogram = this.acquire(features);
        this.buildHistogram(smallHistogram, indices, small.start, small.end, gradient, hessian, features);
        const parentHistogram = leaf.histogram;
        subtractHistogram(parentHistogram, smallHistogram, features, this.slotsInUse);
        small.histogram = smallHistogram;
        large.histogram = parentHistogram;
        for (const child of [leftLeaf, rightLeaf]) {
          if (this.canSplit(child) && child.histogram) child.split = this.findBestSplit(child, features);
          if (!child.split && child.histogram) {
            this.release(child.histogram);
            child.histogram = null;
          }
        }
      } else {
        this.release(leaf.histogram);
      }
      leaf.histogram = null;
    }

    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i];
      if (!leaf) continue;
      if (leaf.histogram) this.release(leaf.histogram);
      leaf.histogram = null;
      tree.leafValue.push((-leaf.gradient / (leaf.hessian + params.lambda)) * shrinkage);
      tree.leafCover.push(leaf.count);
      if (leaf.parent >= 0) {
        if (leaf.isLeft) tree.left[leaf.parent] = ~i;
        else tree.right[leaf.parent] = ~i;
      }
      for (let j = leaf.start; j < leaf.end; j++) leafOfRow[indices[j] ?? 0] = i;
    }
    return tree;
  }

  private canSplit(leaf: Leaf): boolean {
    const { params } = this;
    if (params.maxDepth > 0 && leaf.depth >= params.maxDepth) return false;
    return leaf.count >= 2 * params.minLeafRows && leaf.hessian >= 2 * params.minLeafHessian;
  }

  /** A zeroed histogram for `features` (other features' slots are stale and never read). */
  private acquire(features: Int32Array): Float32Array {
    const histogram = this.pool.pop();
    if (!histogram) return new Float32Array(this.histogramSize);
    for (let k = 0; k < features.length; k++) {
      const f = features[k] as number;
      histogram.fill(0, f << 9, (f << 9) + (this.slotsInUse[f] as number));
    }
    return histogram;
  }

  private release(histogram: Float32Array): void {
    this.pool.push(histogram);
  }

  /**
   * One pass over the rows fills the gradient and hessian histograms of every feature in `features`. Row counts are
   * not accumulated: like LightGBM, split finding estimates them from the hessian (count ≈ hessian × rows/hessian of
   * the leaf), which keeps the histogram a third smaller and the pass faster.
   */
  private buildHistogram(
    histogram: Float32Array,
    indices: Uint32Array,
    start: number,
    end: number,
    gradient: Float64Array,
    hessian: Float64Array,
    features: Int32Array,
  ): void {
    const { bins, features: width } = this.data;
    const used = features.length;
    if (used === width) {
      for (let i = start; i < end; i++) {
        const r = indices[i] as number;
        const g = gradient[r] as number;
        const h = hessian[r] as number;
        const base = r * width;
        for (let f = 0; f < width; f++) {
          const slot = (f << 9) | ((bins[base + f] as number) << 1);
          histogram[slot] = (histogram[slot] as number) + g;
          histogram[slot + 1] = (histogram[slot + 1] as number) + h;
        }
      }
      return;
    }
    for (let i = start; i < end; i++) {
      const r = indices[i] as number;
      const g = gradient[r] as number;
      const h = hessian[r] as number;
      const base = r * width;
      for (let k = 0; k < used; k++) {
        const f = features[k] as number;
        const slot = (f << 9) | ((bins[base + f] as number) << 1);
        histogram[slot] = (histogram[slot] as number) + g;
        histogram[slot + 1] = (histogram[slot + 1] as number) + h;
      }
    }
  }

  private findBestSplit(leaf: Leaf, features: Int32Array): Split | null {
    const { params, data } = this;
    const histogram = leaf.histogram;
    if (!histogram) return null;
    const lambda = params.lambda;
    const G = leaf.gradient;
    const H = leaf.hessian;
    const C = leaf.count;
    const parentScore = (G * G) / (H + lambda);
    const minRows = params.minLeafRows;
    const minHessian = params.minLeafHessian;
    const rowsPerHessian = C / Math.max(H, 1e-300);
    let best: Split | null = null;
    let bestScore = parentScore + params.minGain;

    for (let k = 0; k < features.length; k++) {
      const f = features[k] ?? 0;
      const offset = f << 9;
      const binCount = data.binCount[f] ?? 1;
      if (data.isCategorical[f]) {
        const found = this.findCategoricalSplit(histogram, offset, binCount, G, H, C, bestScore);
        if (found) {
          bestScore = found.score;
          best = { ...found.split, feature: f, gain: found.score - parentScore };
        }
        continue;
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < binCount - 1; b++) {
        const slot = offset + (b << 1);
        gl += histogram[slot] as number;
        hl += histogram[slot + 1] as number;
        const cl = hl * rowsPerHessian;
        if (cl < minRows || hl < minHessian) continue;
        const cr = C - cl;
        const hr = H - hl;
        if (cr < minRows || hr < minHessian) break;
        const gr = G - gl;
        const score = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda);
        if (score > bestScore) {
          bestScore = score;
          best = {
            gain: score - parentScore,
            feature: f,
            bin: b,
            mask: null,
            leftGradient: gl,
            leftHessian: hl,
            leftCount: cl,
          };
        }
      }
    }
    return best;
  }

  /**
   * Categories are ordered by gradient / (hessian + smoothing); the best split is a prefix or suffix of that order
   * (the classic result for a convex loss), limited to `maxCategoryThreshold` categories on the left.
   */
  private findCategoricalSplit(
    histogram: Float32Array,
    offset: number,
    binCount: number,
    G: number,
    H: number,
    C: number,
    bestScore: number,
  ): { score: number; split: Omit<Split, 'gain' | 'feature'> } | null {
    const { params, order, ratio } = this;
    const lambda = params.lambda;
    const rowsPerHessian = C / Math.max(H, 1e-300);
    let used = 0;
    for (let b = 0; b < binCount; b++) {
      const slot = offset + (b << 1);
      if ((histogram[slot + 1] ?? 0) * rowsPerHessian < params.minCategoryRows) continue;
      order[used++] = b;
      ratio[b] = (histogram[slot] ?? 0) / ((histogram[slot + 1] ?? 0) + params.categorySmoothing);
    }
    if (used < 2) return null;
    const sorted = Array.from(order.subarray(0, used)).sort(
      (a, b) => (ratio[a] ?? 0) - (ratio[b] ?? 0) || a - b,
    );
    let result: { score: number; split: Omit<Split, 'gain' | 'feature'> } | null = null;
    const limit = Math.min(params.maxCategoryThreshold, used - 1);
    for (const direction of [1, -1]) {
      let gl = 0;
      let hl = 0;
      for (let k = 0; k < limit; k++) {
        const b = sorted[direction === 1 ? k : used - 1 - k] ?? 0;
        const slot = offset + (b << 1);
        gl += histogram[slot] ?? 0;
        hl += histogram[slot + 1] ?? 0;
        const cl = hl * rowsPerHessian;
        if (cl < params.minLeafRows || hl < params.minLeafHessian) continue;
        const cr = C - cl;
        const hr = H - hl;
        if (cr < params.minLeafRows || hr < params.minLeafHessian) break;
        const gr = G - gl;
        const score = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda);
        if (score > bestScore && score > (result?.score ?? Number.NEGATIVE_INFINITY)) {
          const codes = direction === 1 ? sorted.slice(0, k + 1) : sorted.slice(used - 1 - k);
          result = {
            score,
            split: {
              bin: -1,
              mask: buildCategoryMask(codes),
              leftGradient: gl,
              leftHessian: hl,
              leftCount: cl,
            },
          };
        }
      }
    }
    return result;
  }

  /** Moves the leaf's rows that go left to the front of its range; returns where the right ones start. */
  private partition(indices: Uint32Array, start: number, end: number, split: Split): number {
    const column = this.columns.subarray(
      split.feature * this.data.rows,
      (split.feature + 1) * this.data.rows,
    );
    const mask = split.mask;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      const r = indices[i] as number;
      const bin = column[r] as number;
      const isLeft = mask ? (((mask[bin >>> 5] ?? 0) >>> (bin & 31)) & 1) === 1 : bin <= split.bin;
      if (isLeft) i++;
      else {
        indices[i] = indices[j] ?? 0;
        indices[j] = r;
        j--;
      }
    }
    return i;
  }
}

function subtractHistogram(
  parent: Float32Array,
  child: Float32Array,
  features: Int32Array,
  slotsInUse: Int32Array,
): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const start = f << 9;
    const end = start + (slotsInUse[f] as number);
    for (let i = start; i < end; i++) parent[i] = (parent[i] as number) - (child[i] as number);
  }
}

/** Leaf reached by one binned row. */
export function findBinnedLeaf(tree: BinnedTree, bins: Uint8Array, base: number): number {
  if (tree.feature.length === 0) return 0;
  let node = 0;
  while (node >= 0) {
    const bin = bins[base + (tree.feature[node] ?? 0)] ?? 0;
    const mask = tree.categoryMask[node];
    const isLeft = mask
      ? (((mask[bin >>> 5] ?? 0) >>> (bin & 31)) & 1) === 1
      : bin <= (tree.thresholdBin[node] ?? 0);
    node = isLeft ? (tree.left[node] ?? -1) : (tree.right[node] ?? -1);
  }
  return ~node;
}
