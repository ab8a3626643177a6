import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import { isReachableBy, type CaseListScope } from '../applications/case-scope';
import type { AuthorisationSite, AuthorisationStatus } from './authorisations.tables';

export type AuthorisationRow = Row<'authorisation'>;
export type NewAuthorisation = NewRow<'authorisation'>;
export type StatusChangeRow = Row<'authorisation_status_change'>;
export type NewStatusChange = NewRow<'authorisation_status_change'>;
/** An authorisation with the names the list and the detail show. */
export type NamedAuthorisationRow = AuthorisationRow & {
  operator_name: string;
  application_reference: string;
};

/** An authorisation with the holder details a certificate carries. */
export interface AuthorisationForCertificate {
  id: string;
  operatorId: string;
  /** The case it was granted on: who may see the case may see the authorisation. */
  applicationId: string;
  programmeVersionId: string;
  authorisationType: string;
  tier: string;
  sites: AuthorisationSite[];
  effectiveDate: string;
  status: AuthorisationStatus;
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
}

/**
 * The only place that queries `authorisation` and its status history. It joins `operator` and `application` (owned by the organisations and
 * applications modules) for the holder's and the case's names the lists show in one query.
 */
export class AuthorisationsRepository {
  insertAuthorisation(trx: Trx, values: NewAuthorisation): Promise<AuthorisationRow> {
    return trx.insertInto('authorisation').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Every authorisation of one operator (one per type held). */
  listOperatorAuthorisations(db: Executor, operatorId: string) {
    return db
      .selectFrom('authorisation')
      .select(['id', 'authorisation_type', 'tier', 'status'])
      .where('operator_id', '=', operatorId)
      .execute();
  }

  async findAuthorisationHolder(
    db: Executor,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<AuthorisationForCertificate | undefined> {
    let query = db
      .selectFrom('authorisation as a')
      .innerJoin('operator as o', 'o.id', 'a.operator_id')
      .select([
        'a.id',
        'a.operator_id',
        'a.application_id',
        'a.programme_version_id',
        'a.authorisation_type',
        'a.tier',
        'a.sites',
        'a.effective_date',
        'a.status',
        'o.legal_name',
        'o.taxpayer_id',
        'o.country',
        'o.address',
      ])
      .where('a.id', '=', id);
    if (options.forUpdate) query = query.forUpdate('a');
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      operatorId: row.operator_id,
      applicationId: row.application_id,
      programmeVersionId: row.programme_version_id,
      authorisationType: row.authorisation_type,
      tier: row.tier,
      sites: row.sites,
      effectiveDate: row.effective_date,
      status: row.status,
      legalName: row.legal_name,
      taxpayerId: row.taxpayer_id,
      country: row.country,
      address: row.address,
    };
  }

  async updateStatus(
    trx: Trx,
    id: string,
    status: AuthorisationStatus,
    barredUntil: string | null = null,
  ): Promise<void> {
    await trx
      .updateTable('authorisation')
      .set({ status, ...(barredUntil ? { barred_until: barredUntil } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /** The dates until which a revoked authorisation of this type still bars a new application on `day`. */
  async listRevocationBars(
    executor: Executor,
    operatorId: string,
    authorisationType: string,
    day: string,
  ): Promise<string[]> {
    const rows = await executor
      .selectFrom('authorisation')
      .select('barred_until')
      .where('operator_id', '=', operatorId)
      .where('authorisation_type', '=', authorisationType)
      .where('status', '=', 'revoked')
      .where('barred_until', '>', day)
      .execute();
    return rows.map((row) => row.barred_until!);
  }

  listAuthorisations(
    db: Executor,
    filter: { operatorIds?: string[]; reachableBy?: CaseListScope | undefined; limit: number },
  ): Promise<NamedAuthorisationRow[]> {
    let query = db
      .selectFrom('authorisation')
      .innerJoin('operator', 'operator.id', 'authorisation.operator_id')
      .innerJoin('application', 'application.id', 'authorisation.application_id')
      .selectAll('authorisation')
      .select(['operator.legal_name as operator_name', 'application.reference as application_reference'])
      .orderBy('authorisation.granted_at', 'desc')
      .limit(filter.limit);
    if (filter.operatorIds) {
      if (filter.operatorIds.length === 0) return Promise.resolve([]);
      query = query.where('authorisation.operator_id', 'in', filter.operatorIds);
    }
    if (filter.reachableBy) query = query.where(isReachableBy(filter.reachableBy));
    return query.execute();
  }

  findAuthorisation(db: Executor, id: string): Promise<NamedAuthorisationRow | undefined> {
    return db
      .selectFrom('authorisation')
      .innerJoin('operator', 'operator.id', 'authorisation.operator_id')
      .innerJoin('application', 'application.id', 'authorisation.application_id')
      .selectAll('authorisation')
      .select(['operator.legal_name as operator_name', 'application.reference as application_reference'])
      .where('authorisation.id', '=', id)
      .executeTakeFirst();
  }

  findAuthorisationForApplication(
    db: Executor,
    applicationId: string,
  ): Promise<AuthorisationRow | undefined> {
    return db
      .selectFrom('authorisation')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  async insertStatusChange(trx: Trx, row: NewStatusChange): Promise<void> {
    await trx.insertInto('authorisation_status_change').values(row).execute();
  }

  listStatusChanges(db: Executor, authorisationId: string): Promise<StatusChangeRow[]> {
    return db
      .selectFrom('authorisation_status_change')
      .selectAll()
      .where('authorisation_id', '=', authorisationId)
      .orderBy('leaf_index')
      .execute();
  }
}
