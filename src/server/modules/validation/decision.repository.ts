import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Trx, Executor } from '../../platform/database';
import { selectCaseRows } from './case-rows';
import type {
  AppealTable,
  CaseDecisionTable,
  CaseDocumentTable,
  IntendedRejectionTable,
  SignOffTable,
} from './validation.tables';

export type SignOffRow = Selectable<SignOffTable>;
export type NoticeRow = Selectable<IntendedRejectionTable>;
export type DecisionRow = Selectable<CaseDecisionTable>;
export type AppealRow = Selectable<AppealTable>;
export type DocumentRow = Omit<Selectable<CaseDocumentTable>, 'content'>;

const DOCUMENT_COLUMNS = [
  'id',
  'application_id',
  'kind',
  'language',
  'title',
  'file_name',
  'media_type',
  'body_text',
  'sha256',
  'is_shared',
  'created_by',
  'created_at',
] as const;

/** Sign-off, the right to be heard, the decision, the appeal and the case's letters. */
export const decisionRepository = {
  listSignOffs(db: Executor, applicationId: string): Promise<SignOffRow[]> {
    return selectCaseRows(db, 'sign_off', applicationId).orderBy('signed_at').execute();
  },

  insertSignOff(trx: Trx, values: Insertable<SignOffTable>): Promise<SignOffRow> {
    return trx.insertInto('sign_off').values(values).returningAll().executeTakeFirstOrThrow();
  },

  listNotices(db: Executor, applicationId: string): Promise<NoticeRow[]> {
    return selectCaseRows(db, 'intended_rejection', applicationId).orderBy('issued_at', 'desc').execute();
  },

  insertNotice(trx: Trx, values: Insertable<IntendedRejectionTable>): Promise<NoticeRow> {
    return trx.insertInto('intended_rejection').values(values).returningAll().executeTakeFirstOrThrow();
  },

  updateNotice(trx: Trx, id: string, values: Updateable<IntendedRejectionTable>) {
    return trx
      .updateTable('intended_rejection')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  listDecisions(db: Executor, applicationId: string): Promise<DecisionRow[]> {
    return selectCaseRows(db, 'case_decision', applicationId).orderBy('decided_at', 'desc').execute();
  },

  insertDecision(trx: Trx, values: Insertable<CaseDecisionTable>): Promise<DecisionRow> {
    return trx.insertInto('case_decision').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /**
   * The dates until which a rejection still bars a new application of this type on `day`: one that stands (the case
   * still rejected or the rejection upheld on appeal). A revocation's bar is the authorisations module's.
   */
  async listRejectionBars(
    executor: Executor,
    operatorId: string,
    authorisationType: string,
    day: string,
  ): Promise<string[]> {
    const rows = await executor
      .selectFrom('case_decision')
      .innerJoin('application', 'application.id', 'case_decision.application_id')
      .select('case_decision.barred_until')
      .where('application.operator_id', '=', operatorId)
      .where('application.authorisation_type', '=', authorisationType)
      .where('application.status', 'in', ['rejected', 'rejection_upheld'])
      .where('case_decision.outcome', '=', 'rejected')
      .where('case_decision.barred_until', '>', day)
      .execute();
    return rows.map((row) => row.barred_until!);
  },

  listAppeals(db: Executor, applicationId: string): Promise<AppealRow[]> {
    return selectCaseRows(db, 'appeal', applicationId).orderBy('lodged_at', 'desc').execute();
  },

  insertAppeal(trx: Trx, values: Insertable<AppealTable>): Promise<AppealRow> {
    return trx.insertInto('appeal').values(values).returningAll().executeTakeFirstOrThrow();
  },

  updateAppeal(trx: Trx, id: string, values: Updateable<AppealTable>): Promise<AppealRow> {
    return trx
      .updateTable('appeal')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  insertDocument(trx: Trx, values: Insertable<CaseDocumentTable>): Promise<DocumentRow> {
    return trx
      .insertInto('case_document')
      .values(values)
      .returning(DOCUMENT_COLUMNS)
      .executeTakeFirstOrThrow();
  },

  listDocuments(db: Executor, applicationId: string, isSharedOnly: boolean): Promise<DocumentRow[]> {
    let query = db
      .selectFrom('case_document')
      .select(DOCUMENT_COLUMNS)
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .orderBy('language');
    if (isSharedOnly) query = query.where('is_shared', '=', true);
    return query.execute();
  },

  findDocumentContent(db: Executor, applicationId: string, id: string) {
    return db
      .selectFrom('case_document')
      .select(['file_name', 'media_type', 'content', 'sha256', 'is_shared'])
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
};
