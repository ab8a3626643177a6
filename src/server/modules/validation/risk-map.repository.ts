import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Trx, Executor } from '../../platform/database';
import { selectCaseRows } from './case-rows';
import type { RiskEntryTable, RiskMeasureTable } from './validation.tables';

export type RiskEntryRow = Selectable<RiskEntryTable>;
export type RiskMeasureRow = Selectable<RiskMeasureTable>;

/** The risk register of a case and the measures against each risk. */
export const riskMapRepository = {
  listRisks(db: Executor, applicationId: string): Promise<RiskEntryRow[]> {
    return selectCaseRows(db, 'risk_entry', applicationId).orderBy('created_at').orderBy('id').execute();
  },

  findRisk(db: Executor, applicationId: string, id: string) {
    return selectCaseRows(db, 'risk_entry', applicationId).where('id', '=', id).executeTakeFirst();
  },

  insertRisk(trx: Trx, values: Insertable<RiskEntryTable>): Promise<RiskEntryRow> {
    return trx.insertInto('risk_entry').values(values).returningAll().executeTakeFirstOrThrow();
  },

  updateRisk(trx: Trx, id: string, values: Updateable<RiskEntryTable>): Promise<RiskEntryRow> {
    return trx
      .updateTable('risk_entry')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async deleteRisk(trx: Trx, applicationId: string, id: string): Promise<number> {
    const result = await trx
      .deleteFrom('risk_entry')
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  listRiskMeasures(db: Executor, riskIds: string[]): Promise<RiskMeasureRow[]> {
    if (riskIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('risk_measure')
      .selectAll()
      .where('risk_entry_id', 'in', riskIds)
      .orderBy('due_date')
      .execute();
  },

  insertRiskMeasure(trx: Trx, values: Insertable<RiskMeasureTable>): Promise<RiskMeasureRow> {
    return trx.insertInto('risk_measure').values(values).returningAll().executeTakeFirstOrThrow();
  },
};
