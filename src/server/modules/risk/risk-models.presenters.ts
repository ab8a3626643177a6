import type { ModelVersionRow } from './risk-models.repository';
import type { ModelComparisonDto, ModelEvaluationDto, ModelVersionDto } from './risk-models.schemas';

/** NaN (an AUC without positives or negatives) went out as null through JSON; the schema says so. */
export function finiteOrNull(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

export function presentVersion(row: ModelVersionRow): ModelVersionDto {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    isActive: row.is_active,
    preset: row.preset,
    // Stored as JSON by the trainer: the engine's Evaluation and TrainingProgress.
    evaluation: row.evaluation as ModelEvaluationDto | null,
    trainingRows: row.training_rows,
    progress: row.progress,
    error: row.error,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    activatedAt: row.activated_at?.toISOString() ?? null,
  };
}

type Curve = ModelComparisonDto['candidate'];

export function presentCurve(
  version: { id: string; number: number },
  curve: { auc: number; points: Curve['points'] },
): Curve {
  return { id: version.id, number: version.number, auc: finiteOrNull(curve.auc), points: curve.points };
}
