import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Executor, Row, Trx } from '../../platform/database';

export type ModelVersionRow = Omit<Row<'risk_model_version'>, 'model'>;

const columns = [
  'id',
  'number',
  'status',
  'is_active',
  'preset',
  'evaluation',
  'score_reference',
  'training_rows',
  'progress',
  'error',
  'note',
  'created_by',
  'created_at',
  'finished_at',
  'activated_at',
] as const;

/** The only place that queries risk_model_version. Models are stored gzip-compressed. */
export class RiskModelsRepository {
  list(db: Executor): Promise<ModelVersionRow[]> {
    return db.selectFrom('risk_model_version').select(columns).orderBy('number', 'desc').execute();
  }

  find(db: Executor, id: string): Promise<ModelVersionRow | undefined> {
    return db.selectFrom('risk_model_version').select(columns).where('id', '=', id).executeTakeFirst();
  }

  findActive(db: Executor): Promise<ModelVersionRow | undefined> {
    return db
      .selectFrom('risk_model_version')
      .select(columns)
      .where('is_active', '=', true)
      .executeTakeFirst();
  }

  async readModelJson(db: Executor, id: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('risk_model_version')
      .select('model')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.model ? gunzipSync(Buffer.from(row.model)).toString('utf8') : undefined;
  }

  async insertTraining(
    trx: Trx,
    values: { preset: string; note: string | null; created_by: string | null; created_at: Date },
  ): Promise<ModelVersionRow> {
    const next = await trx
      .selectFrom('risk_model_version')
      .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
      .executeTakeFirstOrThrow();
    return trx
      .insertInto('risk_model_version')
      .values({ ...values, number: Number(next.n), status: 'training' })
      .returning(columns)
      .executeTakeFirstOrThrow();
  }

  async updateProgress(db: Executor, id: string, progress: object): Promise<void> {
    await db
      .updateTable('risk_model_version')
      .set({ progress: JSON.stringify(progress) })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .execute();
  }

  async finish(
    trx: Trx,
    id: string,
    values: {
      modelJson: string;
      evaluation: object | null;
      scoreReference: object;
      trainingRows: number;
      finishedAt: Date;
    },
  ): Promise<void> {
    await trx
      .updateTable('risk_model_version')
      .set({
        status: 'ready',
        model: gzipSync(values.modelJson),
        evaluation: values.evaluation === null ? null : JSON.stringify(values.evaluation),
        score_reference: JSON.stringify(values.scoreReference),
        training_rows: values.trainingRows,
        finished_at: values.finishedAt,
        progress: JSON.stringify({ stage: 'done' }),
      })
      .where('id', '=', id)
      .execute();
  }

  async fail(db: Executor, id: string, error: string, finishedAt: Date): Promise<void> {
    await db
      .updateTable('risk_model_version')
      .set({ status: 'failed', error, finished_at: finishedAt })
      .where('id', '=', id)
      .where('status', '=', 'training')
      .execute();
  }

  /** A process that died mid-training leaves rows in 'training'; at start they are marked failed. */
  async failInterrupted(db: Executor, now: Date): Promise<number> {
    const result = await db
      .updateTable('risk_model_version')
      .set({ status: 'failed', error: 'interrupted: the server stopped while training', finished_at: now })
      .where('status', '=', 'training')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async activate(trx: Trx, id: string, now: Date): Promise<void> {
    await trx
      .updateTable('risk_model_version')
      .set({ is_active: false })
      .where('is_active', '=', true)
      .execute();
    await trx
      .updateTable('risk_model_version')
      .set({ is_active: true, activated_at: now })
      .where('id', '=', id)
      .execute();
  }
}
