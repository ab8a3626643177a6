import type { Trx, Executor, Row } from '../../platform/database';

import { ACTIVE_STATES } from '../../../vocabulary/application-lifecycle';
import { isReachableBy, type CaseListScope } from './case-scope';

export type ApplicationRow = Row<'application'>;
export type EvidenceRow = Omit<Row<'evidence'>, 'content'>;
export type MessageRow = Row<'application_message'>;

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

  update(trx: Executor, id: string, values: Partial<Omit<ApplicationRow, 'id'>>): Promise<ApplicationRow> {
    return trx
      .updateTable('application')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listAnswers(db: Executor, applicationId: string) {
    return db
      .selectFrom('application_answer')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
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

  insertEvidence(
    trx: Executor,
    values: {
      application_id: string;
      file_name: string;
      media_type: string;
      size_bytes: number;
      sha256: string;
      content: Buffer;
      uploaded_by: string;
    },
  ): Promise<EvidenceRow> {
    return trx
      .insertInto('evidence')
      .values(values)
      .returning([
        'id',
        'application_id',
        'file_name',
        'media_type',
        'size_bytes',
        'sha256',
        'uploaded_by',
        'uploaded_at',
      ])
      .executeTakeFirstOrThrow();
  }

  listEvidence(db: Executor, applicationId: string): Promise<EvidenceRow[]> {
    return db
      .selectFrom('evidence')
      .select([
        'id',
        'application_id',
        'file_name',
        'media_type',
        'size_bytes',
        'sha256',
        'uploaded_by',
        'uploaded_at',
      ])
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

  insertMessage(
    trx: Executor,
    values: Pick<
      MessageRow,
      'application_id' | 'author_user_id' | 'author_side' | 'kind' | 'body' | 'due_date'
    > & { evidence_ids?: string[]; created_at: Date },
  ): Promise<MessageRow> {
    return trx.insertInto('application_message').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listMessages(db: Executor, applicationId: string): Promise<MessageRow[]> {
    return db
      .selectFrom('application_message')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .execute();
  }

  listSites(db: Executor, applicationId: string) {
    return db
      .selectFrom('application_site')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .execute();
  }

  insertSite(
    trx: Executor,
    values: {
      application_id: string;
      kind: 'head_office' | 'branch' | 'site';
      name: string;
      address: string;
      activities: string;
      licence: string | null;
    },
  ) {
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
