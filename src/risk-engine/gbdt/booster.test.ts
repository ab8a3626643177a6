import { describe, expect, it } from 'vitest';
import { binMatrix, fitBinMapper } from './binning';
import { convertBinnedTree, trainBooster, type BoosterParams } from './booster';
import { createRandom } from './random';
import { PackedForest } from './tree';

const PARAMS: BoosterParams = {
  rounds: 20,
  learningRate: 0.3,
  maxLeaves: 4,
  maxDepth: 0,
  minLeafRows: 50,
  minLeafHessian: 1e-3,
  lambda: 1,
  minGain: 2,
  maxCategoryThreshold: 8,
  categorySmoothing: 10,
  minCategoryRows: 10,
  rowFraction: 1,
  featureFraction: 1,
  earlyStoppingRounds: 0,
  stoppingMetric: 'logloss',
  positiveWeight: 1,
  seed: 3,
};

/** Feature 0 decides the label (x0 > 0.6), feature 1 is noise, feature 2 is a category whose code 3 is risky. */
function buildPlantedData(rows: number, seed: number) {
  const random = createRandom(seed);
  const features = 3;
  const values = new Float64Array(rows * features);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const x0 = random.next();
    const category = 1 + random.nextInt(6);
    values[r * features] = x0;
    values[r * features + 1] = random.next();
    values[r * features + 2] = category;
    const flip = random.next() < 0.03;
    const positive = x0 > 0.6 || category === 3;
    labels[r] = positive !== flip ? 1 : 0;
  }
  const mapper = fitBinMapper(values, rows, features, [false, false, true]);
  const bins = binMatrix(mapper, values, rows);
  return {
    values,
    labels,
    mapper,
    data: { bins, rows, features, binCount: mapper.binCount, isCategorical: mapper.isCategorical },
  };
}

describe('trainBooster', () => {
  it('finds a planted threshold rule and a planted risky category, and never splits on noise', () => {
    const { data, labels, mapper } = buildPlantedData(4000, 11);
    const result = trainBooster(data, labels, null, { ...PARAMS, rounds: 10, minGain: 10, minLeafRows: 100 });
    const trees = result.trees.map((tree) => convertBinnedTree(tree, mapper));
    const first = trees[0];
    expect(first?.feature[0]).toBe(0);
    expect(first?.threshold[0]).toBeGreaterThan(0.57);
    expect(first?.threshold[0]).toBeLessThan(0.63);
    const categoricalSplits = trees.flatMap((tree) => tree.categorical);
    expect(categoricalSplits.length).toBeGreaterThan(0);
    // The risky category (code 3) always ends up alone on one side of the split.
    for (const { left } of categoricalSplits) {
      expect(left.length === 1 ? left : [1, 2, 3, 4, 5, 6].filter((code) => !left.includes(code))).toEqual([
        3,
      ]);
    }
    const usesNoise = trees.some((tree) => tree.feature.includes(1));
    expect(usesNoise).toBe(false);
  });

  it('separates the classes it was trained on', () => {
    const { data, labels, mapper, values } = buildPlantedData(3000, 5);
    const result = trainBooster(data, labels, null, PARAMS);
    const forest = new PackedForest(result.trees.map((tree) => convertBinnedTree(tree, mapper)));
    const scores = new Float64Array(3000).fill(result.initScore);
    forest.addRawScores(values, 3000, 3, scores);
    let correct = 0;
    for (let r = 0; r < 3000; r++) if (scores[r]! > 0 === (labels[r] === 1)) correct++;
    expect(correct / 3000).toBeGreaterThan(0.95);
  });

  it('gives identical trees for the same seed, with row and feature subsampling', () => {
    const { data, labels } = buildPlantedData(2000, 8);
    const params = { ...PARAMS, rowFraction: 0.7, featureFraction: 0.67, rounds: 8 };
    const a = trainBooster(data, labels, null, params);
    const b = trainBooster(data, labels, null, params);
    const c = trainBooster(data, labels, null, { ...params, seed: 99 });
    expect(b.trees).toEqual(a.trees);
    expect(c.trees).not.toEqual(a.trees);
  });

  it('stops early when the validation metric stops improving and keeps the best rounds', () => {
    const train = buildPlantedData(2000, 1);
    const valid = buildPlantedData(1000, 2);
    const result = trainBooster(
      train.data,
      train.labels,
      { bins: binMatrix(train.mapper, valid.values, 1000), rows: 1000, labels: valid.labels },
      { ...PARAMS, rounds: 300, minGain: 0, maxLeaves: 16, minLeafRows: 5, earlyStoppingRounds: 10 },
    );
    expect(result.history.length).toBeLessThan(300);
    expect(result.trees.length).toBe(result.bestRounds);
    expect(result.history.length - result.bestRounds).toBe(10);
  });
});
