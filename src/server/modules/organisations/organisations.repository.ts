import type { Trx, Executor, NewRow, Row } from '../../platform/database';

export type OfficeRow = Row<'office'>;
export type OperatorRow = Row<'operator'>;
export type DelegationRow = Row<'delegation'>;
export type InvitationRow = Row<'invitation'>;
export type RegistrationRow = Row<'operator_registration'>;
export type ChangeNotificationRow = Row<'change_notification'>;

/**
 * The only place that queries office, operator, operator_registration, invitation, delegation and
 * change_notification.
 */
export class OrganisationsRepository {
  listOffices(db: Executor): Promise<OfficeRow[]> {
    return db.selectFrom('office').selectAll().orderBy('kind').orderBy('code').execute();
  }

  findOffice(db: Executor, id: string): Promise<OfficeRow | undefined> {
    return db.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOfficeByCode(db: Executor, code: string): Promise<OfficeRow | undefined> {
    return db.selectFrom('office').selectAll().where('code', '=', code).executeTakeFirst();
  }

  insertOffice(trx: Executor, values: NewRow<'office'>): Promise<OfficeRow> {
    return trx.insertInto('office').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateOffice(
    trx: Executor,
    id: string,
    values: Partial<Omit<OfficeRow, 'id' | 'created_at'>>,
  ): Promise<OfficeRow> {
    return trx
      .updateTable('office')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findOperator(db: Executor, id: string): Promise<OperatorRow | undefined> {
    return db.selectFrom('operator').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOperatorByTaxpayerId(
    db: Executor,
    country: string,
    taxpayerId: string,
  ): Promise<OperatorRow | undefined> {
    return db
      .selectFrom('operator')
      .selectAll()
      .where('country', '=', country)
      .where('taxpayer_id', '=', taxpayerId)
      .executeTakeFirst();
  }

  insertOperator(trx: Executor, values: NewRow<'operator'>): Promise<OperatorRow> {
    return trx.insertInto('operator').values(values).returningAll().executeTakeFirstOrThrow();
  }

  insertInvitation(trx: Executor, values: NewRow<'invitation'>) {
    return trx.insertInto('invitation').values(values).returningAll().executeTakeFirstOrThrow();
  }

  insertRegistration(trx: Executor, values: NewRow<'operator_registration'>): Promise<RegistrationRow> {
    return trx.insertInto('operator_registration').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Locks the row: two clicks on one link confirm it once. */
  findRegistrationByTokenHashForUpdate(trx: Trx, tokenHash: string): Promise<RegistrationRow | undefined> {
    return trx
      .selectFrom('operator_registration')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
  }

  async markRegistrationConfirmed(trx: Executor, id: string, operatorId: string, now: Date): Promise<void> {
    await trx
      .updateTable('operator_registration')
      .set({ confirmed_at: now, operator_id: operatorId, password_hash: null })
      .where('id', '=', id)
      .execute();
  }

  findInvitationByTokenHash(db: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
    return db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async markInvitationAccepted(trx: Executor, id: string, userId: string, now: Date): Promise<boolean> {
    const result = await trx
      .updateTable('invitation')
      .set({ accepted_at: now, accepted_user_id: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  insertDelegation(trx: Executor, values: NewRow<'delegation'>): Promise<DelegationRow> {
    return trx.insertInto('delegation').values(values).returningAll().executeTakeFirstOrThrow();
  }

  findDelegation(db: Executor, id: string): Promise<DelegationRow | undefined> {
    return db.selectFrom('delegation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  revokeDelegation(trx: Executor, id: string, userId: string, now: Date): Promise<DelegationRow> {
    return trx
      .updateTable('delegation')
      .set({ revoked_at: now, revoked_by: userId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listDelegations(db: Executor, operatorId: string) {
    return db
      .selectFrom('delegation')
      .innerJoin('operator as principal', 'principal.id', 'delegation.principal_operator_id')
      .innerJoin('operator as delegate', 'delegate.id', 'delegation.delegate_operator_id')
      .selectAll('delegation')
      .select(['principal.legal_name as principal_name', 'delegate.legal_name as delegate_name'])
      .where((eb) =>
        eb.or([
          eb('delegation.principal_operator_id', '=', operatorId),
          eb('delegation.delegate_operator_id', '=', operatorId),
        ]),
      )
      .orderBy('delegation.created_at', 'desc')
      .execute();
  }

  /** Grants in force on `today` from principal to delegate. */
  activeDelegations(
    db: Executor,
    principalId: string,
    delegateId: string,
    today: string,
  ): Promise<DelegationRow[]> {
    return db
      .selectFrom('delegation')
      .selectAll()
      .where('principal_operator_id', '=', principalId)
      .where('delegate_operator_id', '=', delegateId)
      .where('revoked_at', 'is', null)
      .where('valid_from', '<=', today)
      .where('valid_until', '>=', today)
      .execute();
  }

  listPrincipalsOf(db: Executor, delegateId: string, today: string) {
    return db
      .selectFrom('delegation')
      .innerJoin('operator', 'operator.id', 'delegation.principal_operator_id')
      .select([
        'delegation.principal_operator_id',
        'operator.legal_name',
        'delegation.rights',
        'delegation.valid_until',
      ])
      .where('delegation.delegate_operator_id', '=', delegateId)
      .where('delegation.revoked_at', 'is', null)
      .where('delegation.valid_from', '<=', today)
      .where('delegation.valid_until', '>=', today)
      .execute();
  }

  insertChangeNotification(
    trx: Executor,
    values: NewRow<'change_notification'>,
  ): Promise<ChangeNotificationRow> {
    return trx.insertInto('change_notification').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listChangeNotifications(db: Executor, operatorId: string | undefined): Promise<ChangeNotificationRow[]> {
    let query = db.selectFrom('change_notification').selectAll().orderBy('submitted_at', 'desc').limit(500);
    if (operatorId) query = query.where('operator_id', '=', operatorId);
    return query.execute();
  }
}
