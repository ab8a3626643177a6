/**
 * Gradient boosting with logistic loss: each round fits a tree to the gradients of the current log-odds, scaled by
 * the learning rate, with optional row and feature subsampling and early stopping on a validation set.
 */
import { computeAuc } from './auc';
import { MISSING_ONLY_THRESHOLD, thresholdOfBin, type BinMapper } from './binning';
import { createRandom } from './random';
import type { TreeData } from './tree';
import {
  findBinnedLeaf,
  TreeLearner,
  type BinnedData,
  type BinnedTree,
  type TreeParams,
} from './tree-learner';

export type StoppingMetric = 'auc' | 'logloss';

export interface BoosterParams extends TreeParams {
  rounds: number;
  learningRate: number;
  /** Share of rows each tree is fitted on (1 = all). */
  rowFraction: number;
  /** Share of features each tree may use (1 = all). */
  featureFraction: number;
  /** Stop when the validation metric has not improved for this many rounds (0 = never). */
  earlyStoppingRounds: number;
  stoppingMetric: StoppingMetric;
  /** Weight of positive rows in the loss; >1 helps a head whose positives are rare. */
  positiveWeight: number;
  seed: number;
}

export interface BoosterProgress {
  round: number;
  rounds: number;
  validMetric: number | null;
  bestRound: number;
}

export interface BoosterResult {
  initScore: number;
  trees: BinnedTree[];
  /** Rounds kept (the best validation round when stopping early, else all). */
  bestRounds: number;
  bestValidMetric: number | null;
  /** Validation metric after each round. */
  history: number[];
  millisecondsPerRound: number;
}

export interface ValidationSet {
  bins: Uint8Array;
  rows: number;
  labels: Uint8Array;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function computeLogLoss(scores: Float64Array, labels: Uint8Array): number {
  let loss = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(scores[i] ?? 0)));
    loss -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return loss / Math.max(1, scores.length);
}

export function trainBooster(
  train: BinnedData,
  labels: Uint8Array,
  valid: ValidationSet | null,
  params: BoosterParams,
  onRound?: (progress: BoosterProgress) => void,
): BoosterResult {
  const n = train.rows;
  const random = createRandom(params.seed);
  let positives = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const w = labels[i] ? params.positiveWeight : 1;
    positives += labels[i] ? w : 0;
    weightSum += w;
  }
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, weightSum)));
  const initScore = Math.log(prior / (1 - prior));
  const scores = new Float64Array(n).fill(initScore);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const leafOfRow = new Int32Array(n);
  const sampledInRound = new Int32Array(n).fill(-1);
  const validScores = valid ? new Float64Array(valid.rows).fill(initScore) : null;
  const learner = new TreeLearner(train, params);
  const trees: BinnedTree[] = [];
  const history: number[] = [];
  const isHigherBetter = params.stoppingMetric === 'auc';
  let bestMetric = Number.NaN;
  let bestRound = -1;
  const allFeatures = Int32Array.from({ length: train.features }, (_, f) => f);
  const featureCount = Math.max(1, Math.round(train.features * Math.min(1, params.featureFraction)));
  const rowBuffer = new Uint32Array(n);
  const started = performance.now();

  for (let round = 0; round < params.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(scores[i] ?? 0);
      const w = labels[i] ? params.positiveWeight : 1;
      gradient[i] = w * (p - (labels[i] ?? 0));
      hessian[i] = w * Math.max(p * (1 - p), 1e-16);
    }
    let rows: Uint32Array | null = null;
    if (params.rowFraction < 1) {
      let size = 0;
      for (let i = 0; i < n; i++) {
        if (random.next() < params.rowFraction) {
          rowBuffer[size++] = i;
          sampledInRound[i] = round;
        }
      }
      rows = rowBuffer.subarray(0, size);
    }
    let features = allFeatures;
    if (featureCount < train.features) {
      const shuffled = Int32Array.from(allFeatures);
      random.shuffle(shuffled);
      features = shuffled.subarray(0, featureCount).sort();
    }
    const tree = learner.grow(gradient, hessian, rows, features, params.learningRate, leafOfRow);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      const leaf =
        rows && sampledInRound[i] !== round
          ? findBinnedLeaf(tree, train.bins, i * train.features)
          : leafOfRow[i];
      scores[i] = (scores[i] ?? 0) + (tree.leafValue[leaf ?? 0] ?? 0);
    }

    let metric: number | null = null;
    if (valid && validScores) {
      for (let i = 0; i < valid.rows; i++) {
        const leaf = findBinnedLeaf(tree, valid.bins, i * train.features);
        validScores[i] = (validScores[i] ?? 0) + (tree.leafValue[leaf] ?? 0);
      }
      metric = isHigherBetter
        ? computeAuc(validScores, valid.labels)
        : computeLogLoss(validScores, valid.labels);
      history.push(metric);
      const improved =
        bestRound < 0 ||
        Number.isNaN(bestMetric) ||
        (isHigherBetter ? metric > bestMetric : metric < bestMetric);
      if (improved) {
        bestMetric = metric;
        bestRound = round;
      }
    } else {
      bestRound = round;
    }
    onRound?.({ round: round + 1, rounds: params.rounds, validMetric: metric, bestRound: bestRound + 1 });
    if (valid && params.earlyStoppingRounds > 0 && round - bestRound >= params.earlyStoppingRounds) break;
  }
  const elapsed = performance.now() - started;
  const ran = trees.length;
  // Without early stopping every round is kept; the validation history is then for information only.
  if (params.earlyStoppingRounds > 0) trees.length = Math.max(1, bestRound + 1);
  return {
    initScore,
    trees,
    bestRounds: trees.length,
    bestValidMetric: valid ? bestMetric : null,
    history,
    millisecondsPerRound: ran > 0 ? elapsed / ran : 0,
  };
}

/** Converts a bin-space tree to raw-value thresholds so that scoring needs no binning. */
export function convertBinnedTree(tree: BinnedTree, mapper: BinMapper): TreeData {
  const categorical: TreeData['categorical'] = [];
  const threshold = tree.feature.map((feature, node) => {
    const mask = tree.categoryMask[node];
    if (mask) {
      const codes: number[] = [];
      for (let code = 0; code < 256; code++)
        if (((mask[code >>> 5] ?? 0) >>> (code & 31)) & 1) codes.push(code);
      categorical.push({ node, left: codes });
      return 0;
    }
    const bin = tree.thresholdBin[node] ?? 0;
    return bin === 0 ? MISSING_ONLY_THRESHOLD : thresholdOfBin(mapper, feature, bin);
  });
  return {
    feature: [...tree.feature],
    threshold,
    left: [...tree.left],
    right: [...tree.right],
    cover: [...tree.cover],
    gain: [...tree.gain],
    categorical,
    leafValue: [...tree.leafValue],
    leafCover: [...tree.leafCover],
  };
}
