import { CASE_STAFF } from '../../platform/access-control';
import { noContentResponse, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
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

const caseRoute = caseRouteOptions('validation');

/** The risk register of a case: its entries, their measures, the heat map and suggestions (customs only). */
export function registerRiskMapRoutes(app: ZodApp, services: Services): void {
  const riskMap = services.validation.riskMap;

  app.get(
    `${CASE_PATH}/risks`,
    caseRoute(CASE_STAFF, {
      summary: 'Risk register, heat map and suggestions from the findings',
      response: { 200: riskMapSchema },
    }),
    async (request) => presentRiskMap(await riskMap.get(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/risks`,
    caseRoute(CASE_STAFF, { body: riskBody, response: { 201: riskCreatedSchema } }),
    async (request, reply) => {
      const row = await riskMap.add(request.context, request.params.id, request.body);
      return reply.code(201).send({ id: row.id, title: row.title, criterion: row.criterion });
    },
  );

  app.patch(
    `${CASE_PATH}/risks/:riskId`,
    caseRoute(CASE_STAFF, { params: riskParams, body: riskPatchBody, response: { 200: riskUpdatedSchema } }),
    async (request) => {
      const row = await riskMap.update(
        request.context,
        request.params.id,
        request.params.riskId,
        request.body,
      );
      return {
        id: row.id,
        likelihood: row.likelihood,
        impact: row.impact,
        controlEffectiveness: row.control_effectiveness,
      };
    },
  );

  app.delete(
    `${CASE_PATH}/risks/:riskId`,
    caseRoute(CASE_STAFF, { params: riskParams, response: { 204: noContentResponse } }),
    async (request, reply) => {
      await riskMap.remove(request.context, request.params.id, request.params.riskId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${CASE_PATH}/risks/:riskId/measures`,
    caseRoute(CASE_STAFF, {
      params: riskParams,
      body: riskMeasureBody,
      response: { 201: riskMeasureSchema },
    }),
    async (request, reply) => {
      const measure = await riskMap.addMeasure(
        request.context,
        request.params.id,
        request.params.riskId,
        request.body,
      );
      return reply.code(201).send(presentRiskMeasure(measure));
    },
  );
}
