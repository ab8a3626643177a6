/**
 * The JSON artefact of a risk model. Numbers are written with JavaScript's shortest round-trip representation, so a
 * parsed model scores exactly as the original did. Parsing validates the shape and the tree structure before a
 * model is used.
 */
import { z } from 'zod';
import { KEY_FIELDS, listFeatureSpecs } from './features/feature-catalogue';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type RiskModel } from './model';

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

const finite = z.number().finite();
const numbers = z.array(finite);

const treeSchema = z.object({
  feature: z.array(z.number().int().nonnegative()),
  threshold: numbers,
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  cover: numbers,
  gain: numbers,
  categorical: z.array(
    z.object({ node: z.number().int().nonnegative(), left: z.array(z.number().int().min(0).max(255)) }),
  ),
  leafValue: numbers,
  leafCover: numbers,
});

const headParamsSchema = z.object({
  rounds: z.number().int().positive(),
  learningRate: z.number().positive(),
  maxLeaves: z.number().int().min(2),
  maxDepth: z.number().int().nonnegative(),
  minLeafRows: z.number().int().nonnegative(),
  minLeafHessian: z.number().nonnegative(),
  lambda: z.number().nonnegative(),
  minGain: z.number().nonnegative(),
  maxCategoryThreshold: z.number().int().positive(),
  categorySmoothing: z.number().nonnegative(),
  minCategoryRows: z.number().int().nonnegative(),
  rowFraction: z.number().positive().max(1),
  featureFraction: z.number().positive().max(1),
  earlyStoppingRounds: z.number().int().nonnegative(),
  stoppingMetric: z.enum(['auc', 'logloss']),
  positiveWeight: z.number().positive(),
});

const headSchema = z.object({
  initScore: finite,
  trees: z.array(treeSchema),
  bestRounds: z.number().int().nonnegative(),
  validMetric: finite.nullable(),
  millisecondsPerRound: finite,
});

const selectionSchema = z.object({
  share: finite,
  inspected: finite,
  hits: finite,
  precision: finite,
  recall: finite,
  lift: finite,
  dutyCaptured: finite,
  dutyCapturedAmount: finite,
});

const headEvaluationSchema = z.object({
  rows: finite,
  positives: finite,
  baseRate: finite,
  // AUC is NaN (null in JSON) when a head had no positives in the evaluation rows.
  auc: z
    .number()
    .nullable()
    .transform((value) => value ?? Number.NaN),
  atShare: z.array(selectionSchema),
});

const keyField = z.enum(KEY_FIELDS);

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  createdAt: z.string(),
  params: z.object({
    preset: z.enum(['fast', 'balanced', 'best', 'compact']),
    seed: z.number().int(),
    holdoutFraction: z.number().min(0).max(1),
    refit: z.boolean(),
    features: z.object({
      folds: z.number().int().min(2),
      smoothing: z.number().nonnegative(),
      criticalSmoothing: z.number().nonnegative(),
      minNormCount: z.number().nonnegative(),
      consignmentKeys: z.boolean(),
    }),
    heads: z.object({ fraud: headParamsSchema, critical: headParamsSchema }),
  }),
  featureNames: z.array(z.string()),
  statistics: z.object({
    rows: z.number().int().positive(),
    priorFraud: finite,
    priorCritical: finite,
    smoothing: finite,
    criticalSmoothing: finite,
    minNormCount: finite,
    tables: z.array(
      z.object({
        table: z.string(),
        fields: z.array(keyField),
        keys: z.array(z.string()),
        count: numbers,
        fraud: numbers,
        critical: numbers,
      }),
    ),
    norms: z.array(
      z.object({
        level: z.enum(['hs6', 'hs4', 'hs2']),
        keys: z.array(z.string()),
        count: numbers,
        sumLogUnitValue: numbers,
        sumLogMass: numbers,
        sumLogValue: numbers,
        sumDutyRate: numbers,
      }),
    ),
    vocabularies: z.array(z.object({ field: keyField, values: z.array(z.string()) })),
  }),
  heads: z.object({ fraud: headSchema, critical: headSchema }),
  training: z.object({ rows: finite, holdoutRows: finite, seconds: finite }),
  evaluation: z
    .object({ rows: finite, fraud: headEvaluationSchema, critical: headEvaluationSchema })
    .nullable(),
});

/** Checks what the schema cannot: children point inside the tree and lengths agree. */
function checkTreeStructure(tree: z.infer<typeof treeSchema>, features: number, where: string): void {
  const nodes = tree.feature.length;
  const leaves = tree.leafValue.length;
  const sameLength = [tree.threshold, tree.left, tree.right, tree.cover, tree.gain].every(
    (a) => a.length === nodes,
  );
  if (!sameLength || tree.leafCover.length !== leaves || leaves !== nodes + 1) {
    throw new ModelFormatError(`${where}: node and leaf arrays disagree in length`);
  }
  for (let node = 0; node < nodes; node++) {
    if ((tree.feature[node] ?? 0) >= features)
      throw new ModelFormatError(`${where}: node ${node} uses an unknown feature`);
    for (const child of [tree.left[node] ?? 0, tree.right[node] ?? 0]) {
      // Children come after their parent, which also rules out cycles.
      const isValid = child >= 0 ? child > node && child < nodes : ~child < leaves;
      if (!isValid) throw new ModelFormatError(`${where}: node ${node} has an invalid child ${child}`);
    }
  }
  for (const { node } of tree.categorical) {
    if (node >= nodes) throw new ModelFormatError(`${where}: categorical split on a missing node ${node}`);
  }
}

/** Writes a model as JSON. */
export function serializeModel(model: RiskModel, options: { pretty?: boolean } = {}): string {
  return JSON.stringify(model, null, options.pretty ? 2 : undefined);
}

/** Parses and validates a model; throws `ModelFormatError` with the first problem found. */
export function parseModel(json: string): RiskModel {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ModelFormatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    'formatVersion' in data &&
    data.formatVersion !== MODEL_FORMAT_VERSION
  ) {
    throw new ModelFormatError(`unsupported model format version ${String(data.formatVersion)}`);
  }
  const parsed = modelSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFormatError(
      `invalid model at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`,
    );
  }
  const model = parsed.data;
  const expected = listFeatureSpecs(model.statistics.tables).map((spec) => spec.name);
  if (
    model.featureNames.length !== expected.length ||
    model.featureNames.some((name, i) => name !== expected[i])
  ) {
    throw new ModelFormatError(
      'the model was trained with a different feature set; retrain it with this version',
    );
  }
  const features = model.featureNames.length;
  for (const head of ['fraud', 'critical'] as const) {
    model.heads[head].trees.forEach((tree, index) =>
      checkTreeStructure(tree, features, `${head} tree ${index}`),
    );
  }
  return model;
}
