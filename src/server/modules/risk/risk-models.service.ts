import {
  evaluateRanking,
  parseModel,
  scoreDeclarations,
  serializeModel,
  trainRiskModelInParallel,
  type Declaration,
  type LabelledDeclaration,
  type RiskModel,
  type TrainingPreset,
} from '../../../risk-engine/index';
import type { Db } from '../../platform/database';
import { AppError, conflict, notFound } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { DeclarationsRepository } from './declarations.repository';
import type { RiskDecider } from './risk-decider';
import type { ModelVersionRow, RiskModelsRepository } from './risk-models.repository';
import { presentCurve } from './risk-models.presenters';
import type { ModelComparisonDto, ModelDriftDto } from './risk-models.schemas';
import type { RiskSettingsRepository } from './risk-settings.repository';

/** A new model needs at least this many inspection results, with this many positives among them. */
export const MIN_TRAINING_ROWS = 200;
export const MIN_TRAINING_POSITIVES = 10;
/** Latest share of labelled declarations kept out of training, on which versions are compared. */
const HOLDOUT_FRACTION = 0.2;
/** Inspection rates of the precision/recall chart, 1 % to 20 %. */
const CHART_RATES = Array.from({ length: 20 }, (_, i) => (i + 1) / 100);
/** How many recent decisions the drift figures compare with the training data. */
const DRIFT_WINDOW = 5000;
const DRIFT_BINS = 10;

/** Score distribution of the training rows: decile edges and the share of rows between them. */
export interface ScoreReference {
  edges: number[];
  shares: number[];
  rows: number;
}

export function buildScoreReference(scores: ArrayLike<number>): ScoreReference {
  const sorted = Float64Array.from(scores).sort();
  const edges: number[] = [];
  for (let i = 1; i < DRIFT_BINS; i++) edges.push(sorted[Math.floor((i * sorted.length) / DRIFT_BINS)] ?? 0);
  return { edges, shares: binShares(sorted, edges), rows: sorted.length };
}

function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    let bin = 0;
    while (bin < edges.length && value >= edges[bin]!) bin++;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/** Population stability index: under 0.1 stable, 0.1–0.25 moderate shift, above 0.25 a shift to act on. */
export function populationStability(expected: readonly number[], actual: readonly number[]): number {
  let psi = 0;
  expected.forEach((e, i) => {
    const p = Math.max(e, 1e-4);
    const q = Math.max(actual[i] ?? 0, 1e-4);
    psi += (q - p) * Math.log(q / p);
  });
  return psi;
}

function toLabelled(row: {
  payload: unknown;
  fraud: boolean;
  critical: boolean;
  duty_recovered: string | null;
}): LabelledDeclaration {
  const label: LabelledDeclaration['label'] = { fraud: row.fraud, critical: row.critical };
  if (row.duty_recovered !== null) label.dutyRecovered = Number(row.duty_recovered);
  return { declaration: row.payload as Declaration, label };
}

function curve(model: RiskModel, rows: readonly LabelledDeclaration[]) {
  const scores = scoreDeclarations(
    model,
    rows.map((r) => r.declaration),
  );
  const evaluation = evaluateRanking(
    scores.fraud,
    rows.map((r) => r.label.fraud),
    rows.map((r) => (r.label.fraud ? (r.label.dutyRecovered ?? 0) : 0)),
    CHART_RATES,
  );
  return {
    auc: evaluation.auc,
    points: evaluation.atShare.map((at) => ({ rate: at.share, precision: at.precision, recall: at.recall })),
  };
}

/**
 * Model versions: train from the inspection results recorded so far (a background job with progress), compare
 * with the active version on the same latest results, activate, roll back; and drift of recent scores.
 */
export class RiskModelsService {
  private readonly cache = new Map<string, RiskModel>();
  private readonly jobs = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly repository: RiskModelsRepository,
    private readonly declarations: DeclarationsRepository,
    private readonly settings: RiskSettingsRepository,
    private readonly audit: AuditService,
    private readonly decider: () => RiskDecider,
  ) {}

  list(): Promise<ModelVersionRow[]> {
    return this.repository.list(this.db);
  }

  async get(id: string): Promise<ModelVersionRow> {
    const row = await this.repository.find(this.db, id);
    if (!row) throw notFound('Model version');
    return row;
  }

  /** A stored model, parsed once and kept for the two most recently used versions. */
  async loadModel(id: string): Promise<RiskModel | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const json = await this.repository.readModelJson(this.db, id);
    if (json === undefined) return undefined;
    const model = parseModel(json);
    this.cache.set(id, model);
    if (this.cache.size > 2) this.cache.delete(this.cache.keys().next().value!);
    return model;
  }

  async trainingData(): Promise<{ rows: number; positives: number }> {
    return this.declarations.countLabelled(this.db);
  }

  /** Starts training; answers at once with the new version in state 'training'. */
  async startTraining(
    context: RequestContext,
    input: { preset: TrainingPreset; note?: string | undefined },
  ): Promise<ModelVersionRow> {
    const counts = await this.declarations.countLabelled(this.db);
    if (counts.rows < MIN_TRAINING_ROWS || counts.positives < MIN_TRAINING_POSITIVES) {
      throw new AppError(
        'unprocessable',
        `Training needs at least ${MIN_TRAINING_ROWS} inspection results with ${MIN_TRAINING_POSITIVES} findings; there are ${counts.rows} with ${counts.positives}.`,
        {
          reason: 'not_enough_results',
          ...counts,
          minimum: { rows: MIN_TRAINING_ROWS, positives: MIN_TRAINING_POSITIVES },
        },
      );
    }
    const running = (await this.repository.list(this.db)).find((row) => row.status === 'training');
    if (running) throw conflict(`Version ${running.number} is still training.`);
    const principal = context.principal;
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insertTraining(trx, {
        preset: input.preset,
        note: input.note ?? null,
        created_by: principal?.kind === 'user' ? principal.userId : null,
        created_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'risk_model.training_started',
        entityType: 'risk_model_version',
        entityId: created.id,
        summary: { number: created.number, preset: input.preset, labelled: counts.rows },
      });
      return created;
    });
    const job = this.train(context, row, input.preset).finally(() => this.jobs.delete(job));
    this.jobs.add(job);
    return row;
  }

  /** At start: versions left 'training' by a process that stopped are marked failed (their job is gone). */
  async failInterrupted(now: Date): Promise<number> {
    return this.repository.failInterrupted(this.db, now);
  }

  /** Waits for running training jobs (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs]);
  }

  private async train(context: RequestContext, row: ModelVersionRow, preset: TrainingPreset): Promise<void> {
    try {
      const rows = (await this.declarations.listLabelled(this.db)).map(toLabelled);
      let lastReport = 0;
      const model = await trainRiskModelInParallel(rows, {
        preset,
        holdoutFraction: HOLDOUT_FRACTION,
        refit: false,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastReport < 1000 && progress.stage !== 'done') return;
          lastReport = now;
          void this.repository.updateProgress(this.db, row.id, progress).catch(() => undefined);
        },
      });
      const training = rows.slice(0, rows.length - model.training.holdoutRows);
      const reference = buildScoreReference(
        scoreDeclarations(
          model,
          training.map((r) => r.declaration),
        ).fraud,
      );
      const finishedAt = new Date(context.now.getTime() + model.training.seconds * 1000);
      await this.db.transaction().execute(async (trx) => {
        await this.repository.finish(trx, row.id, {
          modelJson: serializeModel(model),
          evaluation: model.evaluation,
          scoreReference: reference,
          trainingRows: model.training.rows,
          finishedAt,
        });
        await this.audit.record(
          trx,
          { ...context, now: finishedAt },
          {
            action: 'risk_model.trained',
            entityType: 'risk_model_version',
            entityId: row.id,
            summary: {
              number: row.number,
              rows: model.training.rows,
              holdoutRows: model.training.holdoutRows,
              auc: model.evaluation?.fraud.auc ?? null,
            },
          },
        );
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.repository.fail(this.db, row.id, message, new Date()).catch(() => undefined);
    }
  }

  /**
   * The candidate against the active version on the candidate's held-out results (the latest ones, which the
   * candidate never saw): precision and recall at each inspection rate, and AUC.
   */
  async compare(id: string): Promise<ModelComparisonDto> {
    const candidateRow = await this.get(id);
    if (candidateRow.status !== 'ready') throw conflict('Only a trained version can be compared.');
    const candidate = await this.loadModel(id);
    const activeRow = await this.repository.findActive(this.db);
    const active = activeRow && activeRow.id !== id ? await this.loadModel(activeRow.id) : undefined;
    const rows = (await this.declarations.listLabelled(this.db)).map(toLabelled);
    const holdout = rows.slice(
      Math.max(0, rows.length - Math.max(1, Math.round(rows.length * HOLDOUT_FRACTION))),
    );
    return {
      rows: holdout.length,
      positives: holdout.filter((r) => r.label.fraud).length,
      candidate: presentCurve(candidateRow, curve(candidate!, holdout)),
      active: activeRow && active ? presentCurve(activeRow, curve(active, holdout)) : null,
    };
  }

  async activate(
    context: RequestContext,
    id: string,
    action: 'activated' | 'rolled_back' = 'activated',
  ): Promise<ModelVersionRow> {
    const row = await this.get(id);
    if (row.status !== 'ready') throw conflict('Only a trained version can be activated.');
    if (row.is_active) throw conflict(`Version ${row.number} is already active.`);
    const previous = await this.repository.findActive(this.db);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.activate(trx, id, context.now);
      await this.settings.bumpRevision(trx);
      await this.audit.record(trx, context, {
        action: `risk_model.${action}`,
        entityType: 'risk_model_version',
        entityId: id,
        summary: { number: row.number, previous: previous?.number ?? null },
      });
    });
    this.decider().invalidate();
    return this.get(id);
  }

  /** Goes back to the version that was active before the current one. */
  async rollback(context: RequestContext): Promise<ModelVersionRow> {
    const versions = await this.repository.list(this.db);
    const active = versions.find((v) => v.is_active);
    if (!active) throw conflict('No version is active.');
    const previous = versions
      .filter((v) => v.status === 'ready' && !v.is_active && v.activated_at !== null)
      .sort((a, b) => b.activated_at!.getTime() - a.activated_at!.getTime())[0];
    if (!previous) throw conflict('No earlier version was ever active.');
    return this.activate(context, previous.id, 'rolled_back');
  }

  /** Recent fraud scores of the active version against its training rows: PSI and both distributions. */
  async drift(): Promise<ModelDriftDto | null> {
    const active = await this.repository.findActive(this.db);
    if (!active?.score_reference) return null;
    const reference = active.score_reference as ScoreReference;
    const recent = await this.declarations.listRecentScores(this.db, DRIFT_WINDOW, active.id);
    const shares = binShares(recent, reference.edges);
    return {
      modelVersion: active.number,
      recentRows: recent.length,
      psi: recent.length === 0 ? null : populationStability(reference.shares, shares),
      bins: reference.shares.map((expected, i) => ({
        from: i === 0 ? 0 : reference.edges[i - 1]!,
        to: i < reference.edges.length ? reference.edges[i]! : 1,
        training: expected,
        recent: shares[i] ?? 0,
      })),
    };
  }
}
