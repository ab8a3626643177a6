import type { Insertable, Selectable } from 'kysely';
import type { Trx, Executor } from '../../platform/database';
import { isReachableBy, type CaseListScope } from '../applications/case-scope';
import type { DecisionExtensionTable, ReviewFindingTable } from './validation.tables';

export type FindingRow = Selectable<ReviewFindingTable>;

/** The desk review's tables (review team, findings, the decision's extension) and the validator's case list. */
export const deskReviewRepository = {
  listAssignments(db: Executor, applicationId: string) {
    return db
      .selectFrom('review_assignment')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('section_id')
      .execute();
  },

  /** The cases a user reviews a section of (the office and assignment scope lists them). */
  async listReviewedCaseIds(db: Executor, reviewerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('review_assignment')
      .select('application_id')
      .distinct()
      .where('reviewer_id', '=', reviewerId)
      .execute();
    return rows.map((row) => row.application_id);
  },

  async replaceAssignments(
    trx: Trx,
    applicationId: string,
    rows: Array<{ section_id: string; reviewer_id: string }>,
    assignedBy: string,
    now: Date,
  ) {
    await trx.deleteFrom('review_assignment').where('application_id', '=', applicationId).execute();
    if (rows.length === 0) return;
    await trx
      .insertInto('review_assignment')
      .values(
        rows.map((row) => ({
          ...row,
          application_id: applicationId,
          assigned_by: assignedBy,
          assigned_at: now,
        })),
      )
      .execute();
  },

  listFindings(db: Executor, applicationId: string): Promise<FindingRow[]> {
    return db.selectFrom('review_finding').selectAll().where('application_id', '=', applicationId).execute();
  },

  upsertFinding(trx: Trx, values: Insertable<ReviewFindingTable>): Promise<FindingRow> {
    return trx
      .insertInto('review_finding')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['application_id', 'question_id']).doUpdateSet({
          finding: values.finding,
          note: values.note ?? '',
          visibility: values.visibility,
          reviewer_id: values.reviewer_id,
          updated_at: values.updated_at ?? new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  findExtension(db: Executor, applicationId: string) {
    return db
      .selectFrom('decision_extension')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  },

  insertExtension(trx: Trx, values: Insertable<DecisionExtensionTable>) {
    return trx.insertInto('decision_extension').values(values).returningAll().executeTakeFirstOrThrow();
  },

  listCases(
    db: Executor,
    filter: { statuses: string[]; validatorId?: string | undefined; reachableBy?: CaseListScope | undefined },
  ) {
    let query = db
      .selectFrom('application')
      .innerJoin('operator', 'operator.id', 'application.operator_id')
      .selectAll('application')
      .select(['operator.legal_name as operator_name'])
      .where('application.status', 'in', filter.statuses)
      .orderBy('application.decision_due')
      .limit(500);
    if (filter.validatorId) query = query.where('application.assigned_validator_id', '=', filter.validatorId);
    if (filter.reachableBy) query = query.where(isReachableBy(filter.reachableBy));
    return query.execute();
  },
};
