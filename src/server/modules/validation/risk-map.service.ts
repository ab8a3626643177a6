import { notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { EXAMINATION_STATES } from '../../../vocabulary/application-lifecycle';
import { visibleQuestions } from '../../../programme-core';
import { requireUserId } from '../../platform/access-control';
import { CaseService } from './case-service';
import { heatMap, inherentRisk, residualRisk, suggestRisks } from './risk-map.engine';
import type { ControlEffectiveness } from './validation.tables';

export interface RiskInput {
  catalogueId?: string | undefined;
  criterion?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  likelihood: number;
  impact: number;
  controls?: string | undefined;
  controlEffectiveness?: ControlEffectiveness | undefined;
}

/** The applicant's risk register: catalogue risks, likelihood × impact, controls, residual risk, measures. */
export class RiskMapService extends CaseService {
  async get(context: RequestContext, id: string) {
    const access = await this.applications.authorizeCustoms(context, id);
    const [data, risks, findings] = await Promise.all([
      this.caseData.read(access.application),
      this.repository.listRisks(this.db, id),
      this.repository.listFindings(this.db, id),
    ]);
    const measures = await this.repository.listRiskMeasures(
      this.db,
      risks.map((r) => r.id),
    );
    const questions = visibleQuestions(data.definition, { ...data.questionnaire, answers: data.answers });
    const suggestions = suggestRisks(
      data.definition.riskCatalogue,
      questions,
      Object.fromEntries(findings.map((f) => [f.question_id, f])),
      new Set(risks.map((r) => r.catalogue_id).filter((c): c is string => c !== null)),
    );
    return {
      entries: risks.map((risk) => ({
        risk,
        inherent: inherentRisk(risk.likelihood, risk.impact),
        residual: residualRisk(risk.likelihood, risk.impact, risk.control_effectiveness),
        measures: measures.filter((m) => m.risk_entry_id === risk.id),
      })),
      heatMap: heatMap(
        risks.map((r) => ({
          id: r.id,
          likelihood: r.likelihood,
          impact: r.impact,
          controlEffectiveness: r.control_effectiveness,
        })),
      ),
      suggestions,
    };
  }

  async add(context: RequestContext, id: string, input: RiskInput) {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Changing the risk map');
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const catalogue = input.catalogueId
      ? definition.riskCatalogue.find((entry) => entry.id === input.catalogueId)
      : undefined;
    if (input.catalogueId && !catalogue) {
      throw validationError([{ path: 'catalogueId', message: "No such risk in the programme's catalogue." }]);
    }
    const criterion = input.criterion ?? catalogue?.criterion;
    const title = input.title ?? catalogue?.title.en;
    const fields = [
      ...(criterion ? [] : [{ path: 'criterion', message: 'Name the criterion, or pick a catalogue risk.' }]),
      ...(title ? [] : [{ path: 'title', message: 'Give a title, or pick a catalogue risk.' }]),
    ];
    if (fields.length) throw validationError(fields);
    return this.db.transaction().execute(async (trx) => {
      await this.startReviewIfAccepted(trx, context, access);
      const row = await this.repository.insertRisk(trx, {
        application_id: id,
        catalogue_id: input.catalogueId ?? null,
        criterion: criterion!,
        title: title!,
        description: input.description ?? catalogue?.description.en ?? '',
        likelihood: input.likelihood,
        impact: input.impact,
        controls: input.controls ?? '',
        control_effectiveness: input.controlEffectiveness ?? 'none',
        created_by: requireUserId(context),
        created_at: context.now,
        updated_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.risk_added', {
        riskId: row.id,
        catalogueId: row.catalogue_id,
        likelihood: row.likelihood,
        impact: row.impact,
      });
      return row;
    });
  }

  async update(context: RequestContext, id: string, riskId: string, input: Partial<RiskInput>) {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Changing the risk map');
    const current = await this.repository.findRisk(this.db, id, riskId);
    if (!current) throw notFound('Risk');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.updateRisk(trx, riskId, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.likelihood !== undefined ? { likelihood: input.likelihood } : {}),
        ...(input.impact !== undefined ? { impact: input.impact } : {}),
        ...(input.controls !== undefined ? { controls: input.controls } : {}),
        ...(input.controlEffectiveness !== undefined
          ? { control_effectiveness: input.controlEffectiveness }
          : {}),
        updated_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.risk_updated', {
        riskId,
        likelihood: row.likelihood,
        impact: row.impact,
        controlEffectiveness: row.control_effectiveness,
      });
      return row;
    });
  }

  async remove(context: RequestContext, id: string, riskId: string) {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Changing the risk map');
    await this.db.transaction().execute(async (trx) => {
      if ((await this.repository.deleteRisk(trx, id, riskId)) === 0) throw notFound('Risk');
      await this.recordEvent(trx, context, access.application, 'validation.risk_removed', {
        riskId,
      });
    });
  }

  async addMeasure(
    context: RequestContext,
    id: string,
    riskId: string,
    input: { description: string; dueDate: string },
  ) {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Changing the risk map');
    if (!(await this.repository.findRisk(this.db, id, riskId))) throw notFound('Risk');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertRiskMeasure(trx, {
        risk_entry_id: riskId,
        description: input.description,
        due_date: input.dueDate,
        created_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.risk_measure_added', {
        riskId,
        measureId: row.id,
        dueDate: row.due_date,
      });
      return row;
    });
  }
}
