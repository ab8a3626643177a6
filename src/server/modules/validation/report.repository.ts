import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import { caseRowAccess, insertRow, rowWrites, selectCaseRows, type RowChanges } from './case-rows';

export type ReportRow = Row<'validation_report'>;
export type PlanRow = Row<'improvement_plan'>;
export type MeasureRow = Row<'improvement_measure'>;

const reports = rowWrites('validation_report');
const comments = rowWrites('report_comment');
const measures = caseRowAccess('improvement_measure');

/** The validation report with its comments, and the improvement plan it may call for. */
export const reportRepository = {
  listReports(db: Executor, applicationId: string): Promise<ReportRow[]> {
    return selectCaseRows(db, 'validation_report', applicationId).orderBy('number', 'desc').execute();
  },

  insertReport: reports.insert,

  listReportComments(db: Executor, reportIds: string[]) {
    if (reportIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_comment')
      .innerJoin('user_account', 'user_account.id', 'report_comment.author_user_id')
      .selectAll('report_comment')
      .select(['user_account.name as author_name'])
      .where('report_id', 'in', reportIds)
      .orderBy('report_comment.created_at')
      .execute();
  },

  insertReportComment: comments.insert,

  findPlan(db: Executor, applicationId: string) {
    return selectCaseRows(db, 'improvement_plan', applicationId).executeTakeFirst();
  },

  async replacePlan(
    trx: Trx,
    plan: NewRow<'improvement_plan'>,
    measures: Array<{ description: string; criterion: string | null }>,
  ) {
    await trx.deleteFrom('improvement_measure').where('application_id', '=', plan.application_id).execute();
    await trx.deleteFrom('improvement_plan').where('application_id', '=', plan.application_id).execute();
    const row = await insertRow(trx, 'improvement_plan', plan);
    await trx
      .insertInto('improvement_measure')
      .values(measures.map((m, position) => ({ ...m, position, application_id: plan.application_id })))
      .execute();
    return row;
  },

  updatePlan(trx: Trx, applicationId: string, values: RowChanges<'improvement_plan'>) {
    return trx
      .updateTable('improvement_plan')
      .set(values)
      .where('application_id', '=', applicationId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  listMeasures(db: Executor, applicationId: string): Promise<MeasureRow[]> {
    return selectCaseRows(db, 'improvement_measure', applicationId).orderBy('position').execute();
  },

  updateMeasure: measures.updateOfCase,
};
