import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import { insertRow, selectCaseRows } from './case-rows';

export type FindingRow = Row<'review_finding'>;

/** The desk review's tables: the review team, the findings and the decision's extension. */
export const deskReviewRepository = {
  listAssignments(db: Executor, applicationId: string) {
    return selectCaseRows(db, 'review_assignment', applicationId).orderBy('section_id').execute();
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
    return selectCaseRows(db, 'review_finding', applicationId).execute();
  },

  upsertFinding(trx: Trx, values: NewRow<'review_finding'>): Promise<FindingRow> {
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
    return selectCaseRows(db, 'decision_extension', applicationId).executeTakeFirst();
  },

  insertExtension(trx: Trx, values: NewRow<'decision_extension'>) {
    return insertRow(trx, 'decision_extension', values);
  },
};
