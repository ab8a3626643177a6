import { describe, expect, it } from 'vitest';
import { addTreeShap } from './tree-shap';
import { findLeaf, type TreeData } from './tree';

/** x0 <= 0.5 ? (x1 <= 0.5 ? 1 : 2) : 3, with covers 40/10 under the left node and 50 on the right. */
const TREE: TreeData = {
  feature: [0, 1],
  threshold: [0.5, 0.5],
  left: [1, ~0],
  right: [~2, ~1],
  cover: [100, 50],
  gain: [1, 1],
  categorical: [],
  leafValue: [1, 2, 3],
  leafCover: [40, 10, 50],
};

describe('addTreeShap', () => {
  it('matches Shapley values computed by hand on a small tree', () => {
    const phi = new Float64Array(2);
    const expected = addTreeShap(TREE, [0.2, 0.8], 0, phi);
    // E[f] = (40*1 + 10*2 + 50*3) / 100 = 2.1; f(x) = 2.
    expect(expected).toBeCloseTo(2.1, 12);
    // Coalition values: v({}) = 2.1, v({0}) = (40*1+10*2)/50 = 1.2, v({1}) = 0.5*2 + 0.5*3 = 2.5, v({0,1}) = 2.
    // phi0 = ((1.2-2.1) + (2-2.5)) / 2 = -0.7; phi1 = ((2.5-2.1) + (2-1.2)) / 2 = 0.6.
    expect(phi[0]).toBeCloseTo(-0.7, 12);
    expect(phi[1]).toBeCloseTo(0.6, 12);
  });

  it('sums to the tree output minus the expected value', () => {
    for (const row of [
      [0.1, 0.1],
      [0.9, 0.1],
      [Number.NaN, 0.9],
    ]) {
      const phi = new Float64Array(2);
      const expected = addTreeShap(TREE, row, 0, phi);
      const output = TREE.leafValue[findLeaf(TREE, row)]!;
      expect(phi[0]! + phi[1]!).toBeCloseTo(output - expected, 12);
    }
  });
});
