/**
 * TreeSHAP (Lundberg, Erion & Lee, "Consistent individualized feature attribution for tree ensembles", Algorithm 2):
 * exact Shapley values of each feature for one row, in polynomial time, weighting paths by training cover. The
 * contributions of a tree sum to its output for the row minus its expected output.
 */
import { buildCategoryMask, computeExpectedValue, goesLeft, type TreeData } from './tree';

interface PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

function measureDepth(tree: TreeData, node: number): number {
  if (node < 0) return 0;
  return 1 + Math.max(measureDepth(tree, tree.left[node] ?? -1), measureDepth(tree, tree.right[node] ?? -1));
}

function extendPath(
  path: PathBuffer,
  at: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  path.feature[at + depth] = feature;
  path.zero[at + depth] = zero;
  path.one[at + depth] = one;
  path.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    path.weight[at + i + 1] =
      (path.weight[at + i + 1] ?? 0) + (one * (path.weight[at + i] ?? 0) * (i + 1)) / (depth + 1);
    path.weight[at + i] = (zero * (path.weight[at + i] ?? 0) * (depth - i)) / (depth + 1);
  }
}

function unwindPath(path: PathBuffer, at: number, depth: number, index: number): void {
  const one = path.one[at + index] ?? 0;
  const zero = path.zero[at + index] ?? 0;
  let nextOnePortion = path.weight[at + depth] ?? 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const saved = path.weight[at + i] ?? 0;
      path.weight[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
      nextOnePortion = saved - ((path.weight[at + i] ?? 0) * zero * (depth - i)) / (depth + 1);
    } else {
      path.weight[at + i] = ((path.weight[at + i] ?? 0) * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    path.feature[at + i] = path.feature[at + i + 1] ?? -1;
    path.zero[at + i] = path.zero[at + i + 1] ?? 0;
    path.one[at + i] = path.one[at + i + 1] ?? 0;
  }
}

function sumUnwoundPath(path: PathBuffer, at: number, depth: number, index: number): number {
  const one = path.one[at + index] ?? 0;
  const zero = path.zero[at + index] ?? 0;
  let nextOnePortion = path.weight[at + depth] ?? 0;
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const share = nextOnePortion / ((i + 1) * one);
      total += share;
      nextOnePortion = (path.weight[at + i] ?? 0) - share * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += (path.weight[at + i] ?? 0) / (zero * (depth - i));
  }
  return total * (depth + 1);
}

/**
 * Adds one tree's SHAP values for `row` (raw feature values, row-major at `offset`) to `phi` (one slot per feature)
 * and returns the tree's expected value.
 */
export function addTreeShap(
  tree: TreeData,
  row: ArrayLike<number>,
  offset: number,
  phi: Float64Array,
): number {
  const expected = computeExpectedValue(tree);
  if (tree.feature.length === 0) return expected;
  const maxDepth = measureDepth(tree, 0) + 2;
  const size = ((maxDepth + 1) * (maxDepth + 2)) / 2;
  const path: PathBuffer = {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
  const masks = new Map<number, Uint32Array>();
  for (const { node, left } of tree.categorical) masks.set(node, buildCategoryMask(left));
  const coverOf = (node: number): number =>
    node >= 0 ? (tree.cover[node] ?? 0) : (tree.leafCover[~node] ?? 0);

  const recurse = (
    node: number,
    parentAt: number,
    depth: number,
    zero: number,
    one: number,
    feature: number,
  ): void => {
    // Each level works on its own copy of the path, placed after the parent's in the buffer.
    const at = parentAt + depth;
    if (depth > 0) {
      path.feature.copyWithin(at, parentAt, parentAt + depth);
      path.zero.copyWithin(at, parentAt, parentAt + depth);
      path.one.copyWithin(at, parentAt, parentAt + depth);
      path.weight.copyWithin(at, parentAt, parentAt + depth);
    }
    extendPath(path, at, depth, zero, one, feature);
    if (node < 0) {
      const value = tree.leafValue[~node] ?? 0;
      for (let i = 1; i <= depth; i++) {
        const w = sumUnwoundPath(path, at, depth, i);
        const f = path.feature[at + i] ?? 0;
        phi[f] = (phi[f] ?? 0) + w * ((path.one[at + i] ?? 0) - (path.zero[at + i] ?? 0)) * value;
      }
      return;
    }
    const split = tree.feature[node] ?? 0;
    const isLeft = goesLeft(tree, masks, node, row[offset + split] ?? Number.NaN);
    const hot = isLeft ? (tree.left[node] ?? -1) : (tree.right[node] ?? -1);
    const cold = isLeft ? (tree.right[node] ?? -1) : (tree.left[node] ?? -1);
    const cover = coverOf(node);
    const hotZero = cover > 0 ? coverOf(hot) / cover : 0;
    const coldZero = cover > 0 ? coverOf(cold) / cover : 0;
    let incomingZero = 1;
    let incomingOne = 1;
    let uniqueDepth = depth;
    let index = 0;
    for (; index <= uniqueDepth; index++) if (path.feature[at + index] === split) break;
    if (index !== uniqueDepth + 1) {
      incomingZero = path.zero[at + index] ?? 1;
      incomingOne = path.one[at + index] ?? 1;
      unwindPath(path, at, uniqueDepth, index);
      uniqueDepth -= 1;
    }
    recurse(hot, at, uniqueDepth + 1, hotZero * incomingZero, incomingOne, split);
    recurse(cold, at, uniqueDepth + 1, coldZero * incomingZero, 0, split);
  };
  recurse(0, 0, 0, 1, 1, -1);
  return expected;
}
