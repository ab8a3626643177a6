import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Trx, Executor } from '../../platform/database';
import { selectCaseRows } from './case-rows';
import type {
  ImprovementMeasureTable,
  ImprovementPlanTable,
  ValidationReportTable,
} from './validation.tables';

export type ReportRow = Selectable<ValidationReportTable>;
export type PlanRow = Selectable<ImprovementPlanTable>;
export type MeasureRow = Selectable<ImprovementMeasureTable>;

/** The validation report with its comments, and the improvement plan it may call for. */
export const reportRepository = {
  listReports(db: Executor, applicationId: string): Promise<ReportRow[]> {
    return selectCaseRows(db, 'validation_report', applicationId).orderBy('number', 'desc').execute();
  },

  insertReport(trx: Trx, values: Insertable<ValidationReportTable>): Promise<ReportRow> {
    return trx.insertInto('validation_report').values(values).returningAll().executeTakeFirstOrThrow();
  },

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

  insertReportComment(
    trx: Trx,
    values: { report_id: string; author_user_id: string; body: string; created_at: Date },
  ) {
    return trx.insertInto('report_comment').values(values).returningAll().executeTakeFirstOrThrow();
  },

  findPlan(db: Executor, applicationId: string) {
    return selectCaseRows(db, 'improvement_plan', applicationId).executeTakeFirst();
  },

  async replacePlan(
    trx: Trx,
    plan: Insertable<ImprovementPlanTable>,
    measures: Array<{ description: string; criterion: string | null }>,
  ) {
    await trx.deleteFrom('improvement_measure').where('application_id', '=', plan.application_id).execute();
    await trx.deleteFrom('improvement_plan').where('application_id', '=', plan.application_id).execute();
    const row = await trx
      .insertInto('improvement_plan')
      .values(plan)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('improvement_measure')
      .values(measures.map((m, position) => ({ ...m, position, application_id: plan.application_id })))
      .execute();
    return row;
  },

  updatePlan(trx: Trx, applicationId: string, values: Updateable<ImprovementPlanTable>) {
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

  updateMeasure(trx: Trx, applicationId: string, id: string, values: Updateable<ImprovementMeasureTable>) {
    return trx
      .updateTable('improvement_measure')
      .set(values)
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },
};
