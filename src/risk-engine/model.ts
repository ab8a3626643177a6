/**
 * The learned risk model: feature statistics plus two boosted-tree heads (fraud, and critical fraud), stored as a
 * versioned JSON artefact, trained from labelled declarations and used to score new ones.
 */
import type { Declaration, LabelledDeclaration } from './declaration';
import { estimateDutyAtStake } from './csv-layout';
import {
  FeatureEncoder,
  fitFeatureEncoder,
  type FeatureEncoderOptions,
  type FeatureMatrix,
  type FeatureStatistics,
} from './features/feature-encoder';
import { binMatrix, fitBinMapper } from './gbdt/binning';
import { convertBinnedTree, trainBooster, type BoosterParams, type BoosterResult } from './gbdt/booster';
import { trainBoostersInParallel, type BoosterTask } from './gbdt/parallel-training';
import { PackedForest, type TreeData } from './gbdt/tree';
import { evaluateRanking, type Evaluation } from './metrics';

export const MODEL_FORMAT = 'openaeo-risk-model';
export const MODEL_FORMAT_VERSION = 1;

export type HeadName = 'fraud' | 'critical';
export const HEAD_NAMES: readonly HeadName[] = ['fraud', 'critical'];

export type TrainingPreset = 'fast' | 'balanced' | 'best' | 'compact';

/** Learner settings of one head. */
export type HeadParams = Omit<BoosterParams, 'seed'>;

export interface TrainingParams {
  preset: TrainingPreset;
  seed: number;
  /** Latest share of training rows (by date) held out for early stopping. */
  holdoutFraction: number;
  /** Retrain on all rows for the rounds early stopping chose (scaled to the larger set). */
  refit: boolean;
  features: Required<Omit<FeatureEncoderOptions, 'seed'>>;
  heads: Record<HeadName, HeadParams>;
}

export interface RiskHead {
  /** Log-odds every score starts from (the training base rate). */
  initScore: number;
  trees: TreeData[];
  /** Rounds early stopping kept. */
  bestRounds: number;
  /** Validation metric at the best round (AUC or log loss, see params). */
  validMetric: number | null;
  millisecondsPerRound: number;
}

export interface RiskModel {
  format: typeof MODEL_FORMAT;
  formatVersion: typeof MODEL_FORMAT_VERSION;
  createdAt: string;
  params: TrainingParams;
  featureNames: string[];
  statistics: FeatureStatistics;
  heads: Record<HeadName, RiskHead>;
  training: { rows: number; holdoutRows: number; seconds: number };
  /** Evaluation on the held-out latest rows when the model was trained (null when nothing was held out). */
  evaluation: Evaluation | null;
}

export interface TrainingProgress {
  stage: 'features' | 'trees' | 'refit' | 'done';
  head?: HeadName;
  round?: number;
  rounds?: number;
  validMetric?: number | null;
}

export interface TrainRiskModelOptions {
  preset?: TrainingPreset;
  seed?: number;
  holdoutFraction?: number;
  refit?: boolean;
  /** Overrides for both heads (e.g. `{ rounds: 300 }`). */
  trees?: Partial<HeadParams>;
  /** Overrides per head, applied after `trees`. */
  heads?: Partial<Record<HeadName, Partial<HeadParams>>>;
  features?: FeatureEncoderOptions;
  onProgress?: (progress: TrainingProgress) => void;
}

const BASE_TREE: HeadParams = {
  rounds: 1500,
  learningRate: 0.05,
  maxLeaves: 127,
  maxDepth: 0,
  minLeafRows: 20,
  minLeafHessian: 1e-3,
  lambda: 1,
  minGain: 0,
  maxCategoryThreshold: 32,
  categorySmoothing: 10,
  minCategoryRows: 10,
  rowFraction: 0.8,
  featureFraction: 0.5,
  earlyStoppingRounds: 50,
  stoppingMetric: 'auc',
  positiveWeight: 1,
};

/**
 * Critical fraud is rare (about 1 % of rows): smaller, more regularised trees, and early stopping on log loss, since
 * an AUC over a few dozen held-out positives is too noisy to stop on.
 */
const CRITICAL_BASE: Partial<HeadParams> = {
  maxLeaves: 31,
  minLeafRows: 30,
  lambda: 5,
  stoppingMetric: 'logloss',
};

const PRESETS: Record<TrainingPreset, Record<HeadName, Partial<HeadParams>>> = {
  fast: {
    fraud: { rounds: 600, learningRate: 0.1, maxLeaves: 63, earlyStoppingRounds: 30 },
    critical: { ...CRITICAL_BASE, rounds: 400, learningRate: 0.1, maxLeaves: 15, earlyStoppingRounds: 30 },
  },
  balanced: {
    fraud: {},
    critical: { ...CRITICAL_BASE, rounds: 800 },
  },
  best: {
    fraud: { rounds: 3000, learningRate: 0.03, earlyStoppingRounds: 100 },
    critical: { ...CRITICAL_BASE, rounds: 1500, learningRate: 0.03, earlyStoppingRounds: 100 },
  },
  compact: {
    fraud: { rounds: 150, learningRate: 0.15, maxLeaves: 31, earlyStoppingRounds: 30 },
    critical: { ...CRITICAL_BASE, rounds: 100, learningRate: 0.15, maxLeaves: 15, earlyStoppingRounds: 30 },
  },
};

const FEATURE_DEFAULTS: TrainingParams['features'] = {
  folds: 5,
  smoothing: 1,
  criticalSmoothing: 10,
  minNormCount: 3,
  consignmentKeys: true,
};

/** Resolves options into the full parameter set stored with the model. */
export function resolveTrainingParams(options: TrainRiskModelOptions = {}): TrainingParams {
  const preset = options.preset ?? 'balanced';
  const headParams = (head: HeadName): HeadParams => ({
    ...BASE_TREE,
    ...PRESETS[preset][head],
    ...options.trees,
    ...options.heads?.[head],
  });
  return {
    preset,
    seed: options.seed ?? 42,
    holdoutFraction: options.holdoutFraction ?? 0.1,
    refit: options.refit ?? false,
    features: { ...FEATURE_DEFAULTS, ...withoutSeed(options.features) },
    heads: { fraud: headParams('fraud'), critical: headParams('critical') },
  };
}

function withoutSeed(options: FeatureEncoderOptions | undefined): Omit<FeatureEncoderOptions, 'seed'> {
  if (!options) return {};
  const { seed: _seed, ...rest } = options;
  return rest;
}

/** Rows held out for early stopping: the latest by date (ties broken by position), as the future will be. */
function splitByDate(
  rows: readonly LabelledDeclaration[],
  holdoutFraction: number,
): { fit: number[]; holdout: number[] } {
  const order = rows
    .map((row, index) => ({ date: row.declaration.date, index }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    .map((entry) => entry.index);
  const holdoutSize = holdoutFraction > 0 ? Math.max(1, Math.round(rows.length * holdoutFraction)) : 0;
  const cut = rows.length - Math.min(holdoutSize, rows.length - 1);
  return { fit: order.slice(0, cut).sort((a, b) => a - b), holdout: order.slice(cut).sort((a, b) => a - b) };
}

function selectRows(matrix: FeatureMatrix, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * matrix.columns);
  rows.forEach((row, i) =>
    out.set(matrix.values.subarray(row * matrix.columns, (row + 1) * matrix.columns), i * matrix.columns),
  );
  return out;
}

type TrainingFlow = Generator<BoosterTask[], RiskModel, BoosterResult[]>;

/**
 * The training recipe as a generator that yields booster tasks and receives their results, so that the same recipe
 * runs in this thread (`trainRiskModel`) or with worker threads (`trainRiskModelInParallel`).
 */
function* runTrainingFlow(
  rows: readonly LabelledDeclaration[],
  options: TrainRiskModelOptions,
): TrainingFlow {
  const started = performance.now();
  const params = resolveTrainingParams(options);
  options.onProgress?.({ stage: 'features' });
  const { encoder, matrix } = fitFeatureEncoder(rows, { ...params.features, seed: params.seed });
  const specs = encoder.specs;
  const isCategorical = specs.map((spec) => spec.isCategorical);
  const { fit, holdout } = splitByDate(rows, params.holdoutFraction);
  const fitValues = selectRows(matrix, fit);
  const mapper = fitBinMapper(fitValues, fit.length, matrix.columns, isCategorical);
  const fitBins = binMatrix(mapper, fitValues, fit.length);
  const holdoutValues = selectRows(matrix, holdout);
  const holdoutBins = binMatrix(mapper, holdoutValues, holdout.length);
  const labelsOf = (indexes: readonly number[], head: HeadName): Uint8Array =>
    Uint8Array.from(indexes, (i) => (rows[i]?.label[head] ? 1 : 0));
  const train = {
    bins: fitBins,
    rows: fit.length,
    features: matrix.columns,
    binCount: mapper.binCount,
    isCategorical: mapper.isCategorical,
  };
  const tasks: BoosterTask[] = HEAD_NAMES.map((head, h) => ({
    train,
    labels: labelsOf(fit, head),
    valid:
      holdout.length > 0
        ? { bins: holdoutBins, rows: holdout.length, labels: labelsOf(holdout, head) }
        : null,
    params: { ...params.heads[head], seed: params.seed + h },
  }));
  let results: BoosterResult[] = yield tasks;
  const toHead = (result: BoosterResult): RiskHead => ({
    initScore: result.initScore,
    trees: result.trees.map((tree) => convertBinnedTree(tree, mapper)),
    bestRounds: result.bestRounds,
    validMetric: result.bestValidMetric,
    millisecondsPerRound: result.millisecondsPerRound,
  });
  let heads = { fraud: toHead(results[0] as BoosterResult), critical: toHead(results[1] as BoosterResult) };

  let evaluation: Evaluation | null = null;
  if (holdout.length > 0) {
    const holdoutMatrix = { rows: holdout.length, columns: matrix.columns, values: holdoutValues };
    const scores = scoreMatrix(heads, holdoutMatrix);
    evaluation = evaluateScores(
      scores,
      holdout.map((i) => rows[i] as LabelledDeclaration),
    );
  }

  if (params.refit && holdout.length > 0) {
    options.onProgress?.({ stage: 'refit' });
    const all = Array.from({ length: rows.length }, (_, i) => i);
    const refitMapper = fitBinMapper(matrix.values, rows.length, matrix.columns, isCategorical);
    const allTrain = {
      bins: binMatrix(refitMapper, matrix.values, rows.length),
      rows: rows.length,
      features: matrix.columns,
      binCount: refitMapper.binCount,
      isCategorical: refitMapper.isCategorical,
    };
    const scale = rows.length / fit.length;
    results = yield HEAD_NAMES.map((head, h) => ({
      train: allTrain,
      labels: labelsOf(all, head),
      valid: null,
      params: {
        ...params.heads[head],
        rounds: Math.max(1, Math.round(heads[head].bestRounds * scale)),
        earlyStoppingRounds: 0,
        seed: params.seed + h,
      },
    }));
    const refitHead = (result: BoosterResult, before: RiskHead): RiskHead => ({
      ...before,
      initScore: result.initScore,
      trees: result.trees.map((tree) => convertBinnedTree(tree, refitMapper)),
      millisecondsPerRound: result.millisecondsPerRound,
    });
    heads = {
      fraud: refitHead(results[0] as BoosterResult, heads.fraud),
      critical: refitHead(results[1] as BoosterResult, heads.critical),
    };
  }

  const model: RiskModel = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    params,
    featureNames: specs.map((spec) => spec.name),
    statistics: encoder.statistics,
    heads,
    training: {
      rows: rows.length,
      holdoutRows: holdout.length,
      seconds: (performance.now() - started) / 1000,
    },
    evaluation,
  };
  runtimes.set(model, { encoder, forests: buildForests(heads) });
  options.onProgress?.({ stage: 'done' });
  return model;
}

function reportRounds(options: TrainRiskModelOptions, stage: TrainingProgress['stage']) {
  return (task: number, progress: { round: number; rounds: number; validMetric: number | null }): void =>
    options.onProgress?.({
      stage,
      head: HEAD_NAMES[task] ?? 'fraud',
      round: progress.round,
      rounds: progress.rounds,
      validMetric: progress.validMetric,
    });
}

/** Trains both heads in this thread. Pure and synchronous; see `trainRiskModelInParallel` for two cores. */
export function trainRiskModel(
  rows: readonly LabelledDeclaration[],
  options: TrainRiskModelOptions = {},
): RiskModel {
  if (rows.length < 2) throw new RangeError('training needs at least two labelled declarations');
  const flow = runTrainingFlow(rows, options);
  let step = flow.next();
  let stage: TrainingProgress['stage'] = 'trees';
  while (!step.done) {
    const report = reportRounds(options, stage);
    const results = step.value.map((task, index) =>
      trainBooster(task.train, task.labels, task.valid, task.params, (progress) => report(index, progress)),
    );
    stage = 'refit';
    step = flow.next(results);
  }
  return step.value;
}

/** Trains both heads at once on worker threads (one per head); same result as `trainRiskModel` for a seed. */
export async function trainRiskModelInParallel(
  rows: readonly LabelledDeclaration[],
  options: TrainRiskModelOptions & { threads?: number } = {},
): Promise<RiskModel> {
  if (rows.length < 2) throw new RangeError('training needs at least two labelled declarations');
  const flow = runTrainingFlow(rows, options);
  let step = flow.next();
  let stage: TrainingProgress['stage'] = 'trees';
  while (!step.done) {
    const results = await trainBoostersInParallel(
      step.value,
      options.threads ?? 2,
      reportRounds(options, stage),
    );
    stage = 'refit';
    step = flow.next(results);
  }
  return step.value;
}

interface ModelRuntime {
  encoder: FeatureEncoder;
  forests: Record<HeadName, PackedForest>;
}

/** Lookup structures built once per model object; the model itself stays plain JSON data. */
const runtimes = new WeakMap<RiskModel, ModelRuntime>();

function buildForests(heads: Record<HeadName, RiskHead>): Record<HeadName, PackedForest> {
  return { fraud: new PackedForest(heads.fraud.trees), critical: new PackedForest(heads.critical.trees) };
}

export function getModelRuntime(model: RiskModel): ModelRuntime {
  let runtime = runtimes.get(model);
  if (!runtime) {
    runtime = { encoder: new FeatureEncoder(model.statistics), forests: buildForests(model.heads) };
    runtimes.set(model, runtime);
  }
  return runtime;
}

export interface RiskScores {
  fraud: Float64Array;
  critical: Float64Array;
}

function sigmoidInPlace(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-(values[i] ?? 0)));
  return values;
}

/** Raw log-odds of both heads for an encoded matrix. */
export function scoreMatrixRaw(
  heads: Record<HeadName, RiskHead>,
  forests: Record<HeadName, PackedForest>,
  matrix: FeatureMatrix,
): RiskScores {
  const result = { fraud: new Float64Array(matrix.rows), critical: new Float64Array(matrix.rows) };
  for (const head of HEAD_NAMES) {
    result[head].fill(heads[head].initScore);
    forests[head].addRawScores(matrix.values, matrix.rows, matrix.columns, result[head]);
  }
  return result;
}

function scoreMatrix(heads: Record<HeadName, RiskHead>, matrix: FeatureMatrix): RiskScores {
  const raw = scoreMatrixRaw(heads, buildForests(heads), matrix);
  return { fraud: sigmoidInPlace(raw.fraud), critical: sigmoidInPlace(raw.critical) };
}

/** Probabilities of fraud and of critical fraud for each declaration (higher = riskier). */
export function scoreDeclarations(model: RiskModel, declarations: readonly Declaration[]): RiskScores {
  const runtime = getModelRuntime(model);
  const raw = scoreMatrixRaw(model.heads, runtime.forests, runtime.encoder.encode(declarations));
  return { fraud: sigmoidInPlace(raw.fraud), critical: sigmoidInPlace(raw.critical) };
}

/**
 * The same probabilities as `scoreDeclarations`, from the walk over raw feature values that preceded the binned one
 * (slower): the reference that tests and the scoring benchmark compare the fast walk with.
 */
export function scoreDeclarationsByValue(model: RiskModel, declarations: readonly Declaration[]): RiskScores {
  const runtime = getModelRuntime(model);
  const matrix = runtime.encoder.encode(declarations);
  const result = { fraud: new Float64Array(matrix.rows), critical: new Float64Array(matrix.rows) };
  for (const head of HEAD_NAMES) {
    result[head].fill(model.heads[head].initScore);
    runtime.forests[head].addRawScoresByValue(matrix.values, matrix.rows, matrix.columns, result[head]);
  }
  return { fraud: sigmoidInPlace(result.fraud), critical: sigmoidInPlace(result.critical) };
}

/** Evaluates scores against labels: the fraud head finds fraud, the critical head finds critical fraud. */
export function evaluateScores(scores: RiskScores, rows: readonly LabelledDeclaration[]): Evaluation {
  const duty = rows.map((row) =>
    row.label.fraud ? (row.label.dutyRecovered ?? estimateDutyAtStake(row.declaration)) : 0,
  );
  return {
    rows: rows.length,
    fraud: evaluateRanking(
      scores.fraud,
      rows.map((row) => row.label.fraud),
      duty,
    ),
    critical: evaluateRanking(
      scores.critical,
      rows.map((row) => row.label.critical),
      duty,
    ),
  };
}

/** Scores labelled declarations and reports precision, recall, lift, duty captured and AUC for both heads. */
export function evaluateModel(model: RiskModel, rows: readonly LabelledDeclaration[]): Evaluation {
  return evaluateScores(
    scoreDeclarations(
      model,
      rows.map((row) => row.declaration),
    ),
    rows,
  );
}

/** Keeps the first `trees` trees of each head: a smaller, faster model from a trained one. */
export function truncateModel(model: RiskModel, trees: Partial<Record<HeadName, number>>): RiskModel {
  const cut = (head: HeadName): RiskHead => {
    const limit = trees[head] ?? model.heads[head].trees.length;
    return { ...model.heads[head], trees: model.heads[head].trees.slice(0, limit) };
  };
  return { ...model, heads: { fraud: cut('fraud'), critical: cut('critical') }, evaluation: null };
}
