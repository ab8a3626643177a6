import { z } from 'zod';
import { MODEL_PRESETS } from '../../../vocabulary';

export const trainingBodySchema = z.object({
  preset: z.enum(MODEL_PRESETS).default('fast'),
  note: z.string().trim().max(500).optional(),
});

// ----- responses ------------------------------------------------------------------------------------------------
// AUC is undefined (NaN, null on the wire) when a head's rows hold no positive or no negative.

const aucSchema = z.number().nullable();
const headSchema = z.enum(['fraud', 'critical']);

const selectionMetricsSchema = z.object({
  share: z.number(),
  inspected: z.number(),
  hits: z.number(),
  precision: z.number(),
  recall: z.number(),
  lift: z.number(),
  dutyCaptured: z.number(),
  dutyCapturedAmount: z.number(),
});

const headEvaluationSchema = z.object({
  rows: z.number(),
  positives: z.number(),
  baseRate: z.number(),
  auc: aucSchema,
  atShare: z.array(selectionMetricsSchema),
});

export const modelEvaluationSchema = z.object({
  rows: z.number(),
  fraud: headEvaluationSchema,
  critical: headEvaluationSchema,
});
export type ModelEvaluationDto = z.infer<typeof modelEvaluationSchema>;

/** Training progress as last reported; `{}` until the first report. */
export const trainingProgressSchema = z.object({
  stage: z.enum(['features', 'trees', 'refit', 'done']).optional(),
  head: headSchema.optional(),
  round: z.number().optional(),
  rounds: z.number().optional(),
  validMetric: z.number().nullable().optional(),
});
export type TrainingProgressDto = z.infer<typeof trainingProgressSchema>;

export const modelVersionSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: z.enum(['training', 'ready', 'failed']),
    isActive: z.boolean(),
    preset: z.string(),
    evaluation: modelEvaluationSchema.nullable(),
    trainingRows: z.number().int(),
    progress: trainingProgressSchema,
    error: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
  })
  .meta({ id: 'ModelVersion' });
export type ModelVersionDto = z.infer<typeof modelVersionSchema>;

export const modelListSchema = z.object({
  items: z.array(modelVersionSchema),
  /** Inspection results recorded so far: what the next training would learn from. */
  labelled: z.object({ rows: z.number().int(), positives: z.number().int() }),
});
export type ModelListDto = z.infer<typeof modelListSchema>;

const curveSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  auc: aucSchema,
  points: z.array(z.object({ rate: z.number(), precision: z.number(), recall: z.number() })),
});

export const modelComparisonSchema = z
  .object({
    rows: z.number().int(),
    positives: z.number().int(),
    candidate: curveSchema,
    active: curveSchema.nullable(),
  })
  .meta({ id: 'ModelComparison' });
export type ModelComparisonDto = z.infer<typeof modelComparisonSchema>;

export const modelDriftSchema = z
  .object({
    modelVersion: z.number().int(),
    recentRows: z.number().int(),
    psi: z.number().nullable(),
    bins: z.array(z.object({ from: z.number(), to: z.number(), training: z.number(), recent: z.number() })),
  })
  .meta({ id: 'ModelDrift' });
export type ModelDriftDto = z.infer<typeof modelDriftSchema>;

/** Null while no version is active or the active one has no score reference. */
export const modelDriftResponseSchema = z.object({ drift: modelDriftSchema.nullable() });
