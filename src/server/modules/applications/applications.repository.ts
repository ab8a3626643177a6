import type { Trx, Executor, NewRow, Row } from '../../platform/database';

import { ACTIVE_STATES } from '../../../vocabulary/application-lifecycle';
import { isReachableBy, type CaseListScope } from './case-scope';

export type ApplicationRow = Row<'application'>;
export type EvidenceRow = Omit<Row<'evidence'>, 'content'>;
export type MessageRow = Row<'application_message'>;

/** Every evidence column but its bytes, which only the download reads. */
const EVIDENCE_COLUMNS = [
  'id',
  'application_id',
  'file_name',
  'media_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

/** The rows of the tables that hang off one application, as each table's rows. */
interface ApplicationPartRows {
  application_answer: Row<'application_answer'>;
  application_message: MessageRow;
  application_site: Row<'application_site'>;
}

/** One application's rows of a part table, oldest first where the table records when (answers are keyed by question). */
function listPart<Table extends keyof ApplicationPartRows>(
  db: Executor,
  table: Table,
  applicationId: string,
): Promise<ApplicationPartRows[Table][]> {
  // Kysely cannot type a query over a table chosen by a type parameter; each table's rows are named above.
  const query = db
    .selectFrom(table as 'application_site')
    .selectAll()
    .where('application_id', '=', applicationId);
  const rows = table === 'application_answer' ? query.execute() : query.orderBy('created_at').execute();
  return rows as Promise<ApplicationPartRows[Table][]>;
}

export interface ApplicationFilter {
  operatorIds?: string[] | undefined;
  statuses?: string[] | undefined;
  /** Customs outside headquarters: the case's office, its assigned officer or a review-split member. */
  reachableBy?: CaseListScope | undefined;
  limit: number;
}

/** The only place that queries application, application_answer, evidence, application_site and messages. */
export class ApplicationsRepository {
  insert(
    trx: Executor,
    values: Omit<
      ApplicationRow,
      | 'id'
      | 'version'
      | 'created_at'
      | 'paused_days'
      | 'submitted_at'
      | 'acceptance_due'
      | 'accepted_at'
      | 'decision_due'
      | 'information_due'
      | 'paused_since'
      | 'closed_at'
      | 'closing_reason'
      | 'assigned_validator_id'
    >,
  ) {
    return trx.insertInto('application').values(values).returningAll().executeTakeFirstOrThrow();
  }

  find(db: Executor, id: string): Promise<ApplicationRow | undefined> {
    return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * FOR NO KEY UPDATE: it serialises the case's writers as FOR UPDATE would, but does not wait for the key-share locks
   * a transaction's own inserts referencing the case took (a decision, a notice); with FOR UPDATE two such
   * transactions each wait for the other's key-share lock and one is aborted as a deadlock.
   */
  findForUpdate(trx: Trx, id: string): Promise<ApplicationRow | undefined> {
    return trx.selectFrom('application').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
  }

  findActive(db: Executor, operatorId: string, authorisationType: string) {
    return db
      .selectFrom('application')
      .select(['id', 'reference', 'status'])
      .where('operator_id', '=', operatorId)
      .where('authorisation_type', '=', authorisationType)
      .where('status', 'in', [...ACTIVE_STATES])
      .executeTakeFirst();
  }

  list(db: Executor, filter: ApplicationFilter) {
    let query = db
      .selectFrom('application')
      .innerJoin('operator', 'operator.id', 'application.operator_id')
      .selectAll('application')
      .select(['operator.legal_name as operator_name'])
      .orderBy('application.created_at', 'desc')
      .limit(filter.limit);
    if (filter.operatorIds) {
      if (filter.operatorIds.length === 0) return Promise.resolve([]);
      query = query.where('application.operator_id', 'in', filter.operatorIds);
    }
    if (filter.statuses?.length) query = query.where('application.status', 'in', filter.statuses);
    if (filter.reachableBy) query = query.where(isReachableBy(filter.reachableBy));
    return query.execute();
  }

  /** The ids of an operator's applications of one type that are in one of `statuses` (for the validation module). */
  async listIdsOfOperator(
    db: Executor,
    filter: { operatorId: string; authorisationType: string; statuses: string[] },
  ): Promise<string[]> {
    const rows = await db
      .selectFrom('application')
      .select('id')
      .where('operator_id', '=', filter.operatorId)
      .where('authorisation_type', '=', filter.authorisationType)
      .where('status', 'in', filter.statuses)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * The validation workspace's case list (for the validation module): cases in `statuses` with their operator's
   * name, narrowed to one validator's and to the caller's scope, the nearest decision date first.
   */
  listWorkspaceCases(
    db: Executor,
    filter: { statuses: string[]; validatorId?: string | undefined; reachableBy?: CaseListScope | undefined },
  ) {
    const { validatorId, reachableBy } = filter;
    return db
      .selectFrom('application')
      .innerJoin('operator', 'operator.id', 'application.operator_id')
      .selectAll('application')
      .select(['operator.legal_name as operator_name'])
      .where('application.status', 'in', filter.statuses)
      .$if(validatorId !== undefined, (query) =>
        query.where('application.assigned_validator_id', '=', validatorId!),
      )
      .$if(reachableBy !== undefined, (query) => query.where(isReachableBy(reachableBy!)))
      .orderBy('application.decision_due')
      .limit(500)
      .execute();
  }

  update(trx: Executor, id: string, values: Partial<Omit<ApplicationRow, 'id'>>): Promise<ApplicationRow> {
    return trx
      .updateTable('application')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listAnswers(db: Executor, applicationId: string) {
    return listPart(db, 'application_answer', applicationId);
  }

  findAnswer(db: Executor, applicationId: string, questionId: string) {
    return db
      .selectFrom('application_answer')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('question_id', '=', questionId)
      .forUpdate()
      .executeTakeFirst();
  }

  upsertAnswer(
    trx: Executor,
    values: {
      application_id: string;
      question_id: string;
      answer: string;
      updated_by: string;
      updated_at: Date;
    },
  ) {
    return trx
      .insertInto('application_answer')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['application_id', 'question_id']).doUpdateSet((eb) => ({
          answer: values.answer,
          updated_by: values.updated_by,
          updated_at: values.updated_at,
          version: eb('application_answer.version', '+', 1),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  insertEvidence(trx: Executor, values: NewRow<'evidence'>): Promise<EvidenceRow> {
    return trx.insertInto('evidence').values(values).returning(EVIDENCE_COLUMNS).executeTakeFirstOrThrow();
  }

  listEvidence(db: Executor, applicationId: string): Promise<EvidenceRow[]> {
    return db
      .selectFrom('evidence')
      .select(EVIDENCE_COLUMNS)
      .where('application_id', '=', applicationId)
      .orderBy('uploaded_at')
      .execute();
  }

  findEvidenceContent(db: Executor, applicationId: string, evidenceId: string) {
    return db
      .selectFrom('evidence')
      .select(['file_name', 'media_type', 'content', 'sha256'])
      .where('application_id', '=', applicationId)
      .where('id', '=', evidenceId)
      .executeTakeFirst();
  }

  insertMessage(trx: Executor, values: NewRow<'application_message'>): Promise<MessageRow> {
    return trx.insertInto('application_message').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listMessages(db: Executor, applicationId: string): Promise<MessageRow[]> {
    return listPart(db, 'application_message', applicationId);
  }

  listSites(db: Executor, applicationId: string) {
    return listPart(db, 'application_site', applicationId);
  }

  insertSite(trx: Executor, values: NewRow<'application_site'>) {
    return trx.insertInto('application_site').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async deleteSite(trx: Executor, applicationId: string, siteId: string): Promise<number> {
    const result = await trx
      .deleteFrom('application_site')
      .where('application_id', '=', applicationId)
      .where('id', '=', siteId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
