import { sql } from 'kysely';
import type { Executor, NewRow, Row, Trx } from '../../platform/database';
import { chunksOf, updateVersionedRow } from './risk-rows';

export type RiskProfileRow = Row<'risk_profile'>;
export type RiskRuleRow = Row<'risk_rule'>;
export type SelectionPolicyRow = Row<'selection_policy'>;
export type TrustedTraderRow = Row<'trusted_trader'>;

/** The only place that queries risk_profile, risk_rule, risk_rule_hit_day, selection_policy, trusted_trader, risk_revision. */
export class RiskSettingsRepository {
  async readRevision(db: Executor): Promise<number> {
    const row = await db.selectFrom('risk_revision').select('revision').executeTakeFirstOrThrow();
    return Number(row.revision);
  }

  /** Every change a scorer must see bumps the revision in the same transaction. */
  async bumpRevision(trx: Trx): Promise<void> {
    await trx
      .updateTable('risk_revision')
      .set({ revision: sql<number>`revision + 1` })
      .execute();
  }

  listProfiles(db: Executor, agency?: string): Promise<RiskProfileRow[]> {
    let query = db.selectFrom('risk_profile').selectAll().orderBy('owner_kind').orderBy('id');
    if (agency !== undefined) query = query.where('agency', '=', agency);
    return query.execute();
  }

  findProfile(db: Executor, id: string): Promise<RiskProfileRow | undefined> {
    return db.selectFrom('risk_profile').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertProfile(trx: Trx, row: NewRow<'risk_profile'>): Promise<void> {
    await trx.insertInto('risk_profile').values(row).execute();
  }

  async updateProfile(trx: Trx, id: string, values: { name: string; description: string }): Promise<void> {
    await trx.updateTable('risk_profile').set(values).where('id', '=', id).execute();
  }

  listRules(db: Executor, profileIds?: string[]): Promise<RiskRuleRow[]> {
    let query = db.selectFrom('risk_rule').selectAll().where('is_deleted', '=', false).orderBy('id');
    if (profileIds !== undefined) {
      if (profileIds.length === 0) return Promise.resolve([]);
      query = query.where('profile_id', 'in', profileIds);
    }
    return query.execute();
  }

  findRule(db: Executor, id: string): Promise<RiskRuleRow | undefined> {
    return db.selectFrom('risk_rule').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertRule(
    trx: Trx,
    row: { id: string; profile_id: string; definition: string; updated_by: string | null },
  ): Promise<void> {
    await trx.insertInto('risk_rule').values(row).execute();
  }

  /** Optimistic: only the version the editor read is replaced; returns false when someone else saved first. */
  async updateRule(
    trx: Trx,
    id: string,
    expectedVersion: number,
    values: { definition: string; is_deleted: boolean; updated_by: string | null; updated_at: Date },
  ): Promise<boolean> {
    return updateVersionedRow(trx, 'risk_rule', 'id', id, expectedVersion, values);
  }

  /** Hits per rule: total and over the last `days` days up to `today`. */
  async ruleHitCounts(
    db: Executor,
    ruleIds: string[],
    since: string,
  ): Promise<Map<string, { total: number; recent: number; lastHit: string | null }>> {
    const counts = new Map<string, { total: number; recent: number; lastHit: string | null }>();
    if (ruleIds.length === 0) return counts;
    const rows = await db
      .selectFrom('risk_rule_hit_day')
      .select(['rule_id'])
      .select((eb) => [
        eb.fn.sum<number>('hits').as('total'),
        sql<number>`coalesce(sum(hits) filter (where day >= ${since}), 0)`.as('recent'),
        eb.fn.max('day').as('last_hit'),
      ])
      .where('rule_id', 'in', ruleIds)
      .groupBy('rule_id')
      .execute();
    for (const row of rows) {
      counts.set(row.rule_id, {
        total: Number(row.total),
        recent: Number(row.recent),
        lastHit: row.last_hit === null ? null : String(row.last_hit),
      });
    }
    return counts;
  }

  async addRuleHits(trx: Trx, hits: { rule_id: string; day: string; hits: number }[]): Promise<void> {
    if (hits.length === 0) return;
    await trx
      .insertInto('risk_rule_hit_day')
      .values(hits)
      .onConflict((oc) =>
        oc
          .columns(['rule_id', 'day'])
          .doUpdateSet({ hits: sql<number>`risk_rule_hit_day.hits + excluded.hits` }),
      )
      .execute();
  }

  listPolicies(db: Executor): Promise<SelectionPolicyRow[]> {
    return db.selectFrom('selection_policy').selectAll().orderBy('office').execute();
  }

  findPolicy(db: Executor, office: string): Promise<SelectionPolicyRow | undefined> {
    return db.selectFrom('selection_policy').selectAll().where('office', '=', office).executeTakeFirst();
  }

  async insertPolicy(
    trx: Trx,
    row: { office: string; definition: string; updated_by: string | null; updated_at: Date },
  ): Promise<void> {
    await trx.insertInto('selection_policy').values(row).execute();
  }

  async updatePolicy(
    trx: Trx,
    office: string,
    expectedVersion: number,
    values: { definition: string; updated_by: string | null; updated_at: Date },
  ): Promise<boolean> {
    return updateVersionedRow(trx, 'selection_policy', 'office', office, expectedVersion, values);
  }

  async deletePolicy(trx: Trx, office: string): Promise<void> {
    await trx.deleteFrom('selection_policy').where('office', '=', office).execute();
  }

  listTrustedTraders(
    db: Executor,
    options: { search?: string; limit?: number } = {},
  ): Promise<TrustedTraderRow[]> {
    let query = db.selectFrom('trusted_trader').selectAll().orderBy('party_id');
    if (options.search !== undefined && options.search !== '') {
      const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('party_id', 'ilike', pattern), eb('legal_name', 'ilike', pattern)]),
      );
    }
    if (options.limit !== undefined) query = query.limit(options.limit);
    return query.execute();
  }

  findTrustedTrader(db: Executor, partyId: string): Promise<TrustedTraderRow | undefined> {
    return db.selectFrom('trusted_trader').selectAll().where('party_id', '=', partyId).executeTakeFirst();
  }

  /** Inserts or replaces by party id; returns the rows as they were before (undefined for new parties). */
  async upsertTrustedTraders(
    trx: Trx,
    rows: Omit<TrustedTraderRow, 'updated_at'>[],
    now: Date,
  ): Promise<void> {
    for (const chunk of chunksOf(rows)) {
      await trx
        .insertInto('trusted_trader')
        .values(chunk.map((row) => ({ ...row, updated_at: now })))
        .onConflict((oc) =>
          oc.column('party_id').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            authorisation_type: eb.ref('excluded.authorisation_type'),
            tier: eb.ref('excluded.tier'),
            source: eb.ref('excluded.source'),
            partner: eb.ref('excluded.partner'),
            legal_name: eb.ref('excluded.legal_name'),
            inspection_factor: eb.ref('excluded.inspection_factor'),
            valid_until: eb.ref('excluded.valid_until'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async deleteTrustedTrader(trx: Trx, partyId: string): Promise<boolean> {
    const result = await trx.deleteFrom('trusted_trader').where('party_id', '=', partyId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
