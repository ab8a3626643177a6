import { sql, type Transaction } from 'kysely';
import type { Executor, NewRow, Row } from '../../platform/database';
import type { Database } from '../../platform/database-schema';

export type UserRow = Row<'user_account'>;
export type ApiKeyRow = Row<'api_key'>;

export interface UserFilter {
  query?: string | undefined;
  role?: string | undefined;
  operatorId?: string | undefined;
  limit: number;
  offset: number;
}

/** The only place that queries user_account, session, api_key and login_failure (reserved and failed sign-ins). */
export class AccountsRepository {
  findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
    return db
      .selectFrom('user_account')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  async listUsers(db: Executor, filter: UserFilter): Promise<{ items: UserRow[]; total: number }> {
    let query = db.selectFrom('user_account');
    if (filter.query) {
      const pattern = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
    }
    if (filter.role) query = query.where((eb) => eb(eb.val(filter.role), '=', eb.fn.any('roles')));
    if (filter.operatorId) query = query.where('operator_id', '=', filter.operatorId);
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('email').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: count.total };
  }

  insertUser(trx: Executor, values: NewRow<'user_account'>): Promise<UserRow> {
    return trx.insertInto('user_account').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateUser(
    trx: Executor,
    id: string,
    values: Partial<Omit<UserRow, 'id' | 'created_at'>>,
  ): Promise<UserRow> {
    return trx
      .updateTable('user_account')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async insertSession(trx: Executor, values: NewRow<'session'>): Promise<void> {
    await trx.insertInto('session').values(values).execute();
  }

  findSessionWithUser(db: Executor, sessionId: string) {
    return db
      .selectFrom('session')
      .innerJoin('user_account', 'user_account.id', 'session.user_id')
      .select([
        'session.id as session_id',
        'session.csrf_token',
        'session.last_seen_at',
        'session.expires_at',
        'session.second_factor_pending',
        'user_account.id',
        'user_account.email',
        'user_account.name',
        'user_account.roles',
        'user_account.language',
        'user_account.office_id',
        'user_account.operator_id',
        'user_account.operator_rights',
        'user_account.agency',
        'user_account.disabled_at',
      ])
      .where('session.id', '=', sessionId)
      .executeTakeFirst();
  }

  async touchSession(db: Executor, sessionId: string, now: Date): Promise<void> {
    await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
  }

  async deleteSession(db: Executor, sessionId: string): Promise<void> {
    await db.deleteFrom('session').where('id', '=', sessionId).execute();
  }

  async deleteSessionsOfUser(db: Executor, userId: string, exceptSessionId?: string): Promise<number> {
    let query = db.deleteFrom('session').where('user_id', '=', userId);
    if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async clearSecondFactorPending(db: Executor, userId: string): Promise<void> {
    await db
      .updateTable('session')
      .set({ second_factor_pending: false })
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * Reserves one sign-in attempt under every key, unless a key already has its maximum in the window; answers the
   * reserved rows' ids, or undefined when refused. A transaction-scoped advisory lock per key (taken in key order, so
   * two keys never deadlock) makes count-and-insert atomic across connections and API nodes: a row counts from the
   * moment the attempt is allowed, not after its password was checked. Run it in its own short transaction.
   */
  async reserveLoginAttempt(
    trx: Transaction<Database>,
    limits: ReadonlyArray<{ key: string; max: number }>,
    since: Date,
    now: Date,
  ): Promise<number[] | undefined> {
    const keys = [...new Set(limits.map((limit) => limit.key))].sort();
    for (const key of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    const counts = await trx
      .selectFrom('login_failure')
      .select((eb) => ['key', eb.fn.countAll<number>().as('attempts')])
      .where('key', 'in', keys)
      .where('occurred_at', '>=', since)
      .groupBy('key')
      .execute();
    const attemptsOf = new Map(counts.map((row) => [row.key, Number(row.attempts)]));
    if (limits.some((limit) => (attemptsOf.get(limit.key) ?? 0) >= limit.max)) return undefined;
    const rows = await trx
      .insertInto('login_failure')
      .values(keys.map((key) => ({ key, occurred_at: now })))
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Gives back reserved attempts that did not fail (signed in, or asked for the second factor). */
  async releaseLoginAttempts(db: Executor, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await db
      .deleteFrom('login_failure')
      .where('id', 'in', [...ids])
      .execute();
  }

  async clearLoginFailures(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('login_failure').where('key', '=', key).execute();
  }

  insertApiKey(trx: Executor, values: NewRow<'api_key'>): Promise<ApiKeyRow> {
    return trx.insertInto('api_key').values(values).returningAll().executeTakeFirstOrThrow();
  }

  findApiKeyByPrefix(db: Executor, prefix: string): Promise<ApiKeyRow | undefined> {
    return db.selectFrom('api_key').selectAll().where('prefix', '=', prefix).executeTakeFirst();
  }

  findApiKeyById(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
    return db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listApiKeys(db: Executor) {
    return db
      .selectFrom('api_key')
      .leftJoin('user_account', 'user_account.id', 'api_key.created_by')
      .selectAll('api_key')
      .select('user_account.email as created_by_email')
      .orderBy('api_key.created_at', 'desc')
      .execute();
  }

  updateApiKey(trx: Executor, id: string, values: Partial<Omit<ApiKeyRow, 'id'>>): Promise<ApiKeyRow> {
    return trx
      .updateTable('api_key')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listUsersByIds(db: Executor, ids: string[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('user_account').selectAll().where('id', 'in', ids).execute();
  }

  listActiveUsersWithRole(
    db: Executor,
    role: string,
    officeId?: string | null,
    agency?: string | null,
  ): Promise<UserRow[]> {
    let query = db
      .selectFrom('user_account')
      .selectAll()
      .where('disabled_at', 'is', null)
      .where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')));
    if (officeId) query = query.where('office_id', '=', officeId);
    if (agency) query = query.where('agency', '=', agency);
    return query.orderBy('id').execute();
  }

  /** Partner agencies with an active agency officer, with how many. */
  async listActiveAgencies(db: Executor): Promise<Array<{ agency: string; officers: number }>> {
    const rows = await db
      .selectFrom('user_account')
      .select((eb) => ['agency', eb.fn.countAll<string>().as('officers')])
      .where('disabled_at', 'is', null)
      .where('agency', 'is not', null)
      .where((eb) => eb(eb.val('agency_officer'), '=', eb.fn.any('roles')))
      .groupBy('agency')
      .orderBy('agency')
      .execute();
    return rows.flatMap((row) =>
      row.agency ? [{ agency: row.agency, officers: Number(row.officers) }] : [],
    );
  }
}
