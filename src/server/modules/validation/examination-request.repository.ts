import type { Executor, Row } from '../../platform/database';
import { rowWrites, selectCaseRows } from './case-rows';

export type ExaminationRequestRow = Row<'examination_request'>;

const requests = rowWrites('examination_request');

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

  readonly insert = requests.insert;
  readonly update = requests.update;

  /** Open requests whose reply date passed before `today`, oldest first. */
  listOverdue(db: Executor, today: string, limit: number) {
    return db
      .selectFrom('examination_request')
      .select(['id', 'application_id', 'due_date'])
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .orderBy('due_date')
      .limit(limit)
      .execute();
  }
}
