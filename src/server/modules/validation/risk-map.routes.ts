import { CASE_STAFF } from '../../platform/access-control';
import { noContentResponse } from '../../platform/http';
import type { CaseRoute } from './case-route';
import type { RiskMapService } from './risk-map.service';
import { presentRiskMap, presentRiskMeasure } from './validation.presenters';
import {
  riskBody,
  riskCreatedSchema,
  riskMapSchema,
  riskMeasureBody,
  riskMeasureSchema,
  riskParams,
  riskPatchBody,
  riskUpdatedSchema,
} from './validation.schemas';

/** The risk register of a case: its entries, their measures, the heat map and suggestions (customs only). */
export function registerRiskMapRoutes(route: CaseRoute, riskMap: RiskMapService): void {
  route('GET', '/risks', CASE_STAFF, {
    summary: 'Risk register, heat map and suggestions from the findings',
    response: { 200: riskMapSchema },
    run: async ({ context, params }) => presentRiskMap(await riskMap.get(context, params.id)),
  });

  route('POST', '/risks', CASE_STAFF, {
    body: riskBody,
    response: { 201: riskCreatedSchema },
    run: async ({ context, params, body }) => {
      const row = await riskMap.add(context, params.id, body);
      return { id: row.id, title: row.title, criterion: row.criterion };
    },
  });

  route('PATCH', '/risks/:riskId', CASE_STAFF, {
    params: riskParams,
    body: riskPatchBody,
    response: { 200: riskUpdatedSchema },
    run: async ({ context, params, body }) => {
      const row = await riskMap.update(context, params.id, params.riskId, body);
      return {
        id: row.id,
        likelihood: row.likelihood,
        impact: row.impact,
        controlEffectiveness: row.control_effectiveness,
      };
    },
  });

  route('DELETE', '/risks/:riskId', CASE_STAFF, {
    params: riskParams,
    response: { 204: noContentResponse },
    run: async ({ context, params }) => riskMap.remove(context, params.id, params.riskId),
  });

  route('POST', '/risks/:riskId/measures', CASE_STAFF, {
    params: riskParams,
    body: riskMeasureBody,
    response: { 201: riskMeasureSchema },
    run: async ({ context, params, body }) =>
      presentRiskMeasure(await riskMap.addMeasure(context, params.id, params.riskId, body)),
  });
}
