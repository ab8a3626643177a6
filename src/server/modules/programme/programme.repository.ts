import type { Executor, NewRow, Row } from '../../platform/database';

export type ProgrammeVersionRow = Row<'programme_version'>;

/** The only place that queries programme_version and holiday. */
export class ProgrammeRepository {
  findActive(db: Executor): Promise<ProgrammeVersionRow | undefined> {
    return db.selectFrom('programme_version').selectAll().where('is_active', '=', true).executeTakeFirst();
  }

  findById(db: Executor, id: string): Promise<ProgrammeVersionRow | undefined> {
    return db.selectFrom('programme_version').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(db: Executor) {
    return db
      .selectFrom('programme_version')
      .select(['id', 'programme_id', 'version', 'is_active', 'loaded_at', 'loaded_by'])
      .orderBy('loaded_at', 'desc')
      .execute();
  }

  async deactivateAll(trx: Executor): Promise<void> {
    await trx
      .updateTable('programme_version')
      .set({ is_active: false })
      .where('is_active', '=', true)
      .execute();
  }

  insert(trx: Executor, values: NewRow<'programme_version'>): Promise<ProgrammeVersionRow> {
    return trx.insertInto('programme_version').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async listHolidays(db: Executor): Promise<{ day: string; name: string }[]> {
    return db.selectFrom('holiday').selectAll().orderBy('day').execute();
  }

  async upsertHoliday(trx: Executor, day: string, name: string): Promise<void> {
    await trx
      .insertInto('holiday')
      .values({ day, name })
      .onConflict((oc) => oc.column('day').doUpdateSet({ name }))
      .execute();
  }

  async deleteHoliday(trx: Executor, day: string): Promise<number> {
    const result = await trx.deleteFrom('holiday').where('day', '=', day).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
