import type { Executor, Row } from '../../platform/database';
import { caseRowAccess, rowWrites, selectCaseRows } from './case-rows';

export type RiskEntryRow = Row<'risk_entry'>;
export type RiskMeasureRow = Row<'risk_measure'>;

const risks = caseRowAccess('risk_entry');
const riskMeasures = rowWrites('risk_measure');

/** The risk register of a case and the measures against each risk. */
export const riskMapRepository = {
  listRisks(db: Executor, applicationId: string): Promise<RiskEntryRow[]> {
    return selectCaseRows(db, 'risk_entry', applicationId).orderBy('created_at').orderBy('id').execute();
  },

  findRisk: risks.find,
  insertRisk: risks.insert,
  updateRisk: risks.update,
  deleteRisk: risks.delete,

  listRiskMeasures(db: Executor, riskIds: string[]): Promise<RiskMeasureRow[]> {
    if (riskIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('risk_measure')
      .selectAll()
      .where('risk_entry_id', 'in', riskIds)
      .orderBy('due_date')
      .execute();
  },

  insertRiskMeasure: riskMeasures.insert,
};
