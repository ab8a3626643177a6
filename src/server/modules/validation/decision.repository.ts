import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import { STORED_FILE_COLUMNS, rowWrites, selectCaseRows } from './case-rows';

export type SignOffRow = Row<'sign_off'>;
export type NoticeRow = Row<'intended_rejection'>;
export type DecisionRow = Row<'case_decision'>;
export type AppealRow = Row<'appeal'>;
export type DocumentRow = Omit<Row<'case_document'>, 'content'>;

const DOCUMENT_COLUMNS = [
  ...STORED_FILE_COLUMNS,
  'kind',
  'language',
  'title',
  'body_text',
  'is_shared',
  'created_by',
  'created_at',
] as const;

const signOffs = rowWrites('sign_off');
const notices = rowWrites('intended_rejection');
const decisions = rowWrites('case_decision');
const appeals = rowWrites('appeal');

/** Sign-off, the right to be heard, the decision, the appeal and the case's letters. */
export const decisionRepository = {
  listSignOffs(db: Executor, applicationId: string): Promise<SignOffRow[]> {
    return selectCaseRows(db, 'sign_off', applicationId).orderBy('signed_at').execute();
  },

  insertSignOff: signOffs.insert,

  listNotices(db: Executor, applicationId: string): Promise<NoticeRow[]> {
    return selectCaseRows(db, 'intended_rejection', applicationId).orderBy('issued_at', 'desc').execute();
  },

  insertNotice: notices.insert,
  updateNotice: notices.update,

  listDecisions(db: Executor, applicationId: string): Promise<DecisionRow[]> {
    return selectCaseRows(db, 'case_decision', applicationId).orderBy('decided_at', 'desc').execute();
  },

  insertDecision: decisions.insert,

  /** The dates after `day` until which the rejections of these cases bar a new application. */
  async listRejectionBars(executor: Executor, applicationIds: string[], day: string): Promise<string[]> {
    if (applicationIds.length === 0) return [];
    const rows = await executor
      .selectFrom('case_decision')
      .select('barred_until')
      .where('application_id', 'in', applicationIds)
      .where('outcome', '=', 'rejected')
      .where('barred_until', '>', day)
      .execute();
    return rows.map((row) => row.barred_until!);
  },

  listAppeals(db: Executor, applicationId: string): Promise<AppealRow[]> {
    return selectCaseRows(db, 'appeal', applicationId).orderBy('lodged_at', 'desc').execute();
  },

  insertAppeal: appeals.insert,
  updateAppeal: appeals.update,

  insertDocument(trx: Trx, values: NewRow<'case_document'>): Promise<DocumentRow> {
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
