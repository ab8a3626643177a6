import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Trx, Executor } from '../../platform/database';
import { selectCaseRows } from './case-rows';
import type { ExaminationRequestTable } from './validation.tables';

export type ExaminationRequestRow = Selectable<ExaminationRequestTable>;

/** The only place that queries examination_request (requests for information during the examination). */
export class ExaminationRequestRepository {
  list(db: Executor, applicationId: string): Promise<ExaminationRequestRow[]> {
    return selectCaseRows(db, 'examination_request', applicationId)
      .orderBy('requested_at', 'desc')
      .orderBy('id')
      .execute();
  }

  find(db: Executor, applicationId: string, id: string, options: { forUpdate?: boolean } = {}) {
    const query = selectCaseRows(db, 'examination_request', applicationId).where('id', '=', id);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  findOpen(db: Executor, applicationId: string) {
    return selectCaseRows(db, 'examination_request', applicationId)
      .where('status', '=', 'open')
      .executeTakeFirst();
  }

  insert(trx: Trx, values: Insertable<ExaminationRequestTable>): Promise<ExaminationRequestRow> {
    return trx.insertInto('examination_request').values(values).returningAll().executeTakeFirstOrThrow();
  }

  update(trx: Trx, id: string, values: Updateable<ExaminationRequestTable>): Promise<ExaminationRequestRow> {
    return trx
      .updateTable('examination_request')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Open requests whose reply date passed before `today`, oldest first. */
  listOverdue(db: Executor, today: string, limit: number) {
    return db
      .selectFrom('examination_request')
      .innerJoin('application', 'application.id', 'examination_request.application_id')
      .select([
        'examination_request.id',
        'examination_request.application_id',
        'examination_request.due_date',
        'application.programme_version_id',
      ])
      .where('examination_request.status', '=', 'open')
      .where('examination_request.due_date', '<', today)
      .orderBy('examination_request.due_date')
      .limit(limit)
      .execute();
  }
}
