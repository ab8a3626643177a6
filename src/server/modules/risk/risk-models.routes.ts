import { RISK_ANALYSTS } from '../../platform/access-control';
import { idParamsSchema, routeOptionsFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentVersion } from './risk-models.presenters';
import {
  modelComparisonSchema,
  modelDriftResponseSchema,
  modelListSchema,
  modelVersionSchema,
  trainingBodySchema,
} from './risk-models.schemas';

const modelRoute = routeOptionsFor('risk models');

export function registerRiskModelsRoutes(app: ZodApp, services: Services): void {
  const models = services.riskModels;

  app.get(
    '/api/v1/risk/models',
    modelRoute(RISK_ANALYSTS, {
      summary: 'Model versions with their evaluation, and the labelled data available',
      response: { 200: modelListSchema },
    }),
    async () => ({
      items: (await models.list()).map(presentVersion),
      labelled: await models.trainingData(),
    }),
  );

  app.post(
    '/api/v1/risk/models',
    modelRoute(RISK_ANALYSTS, {
      summary: 'Train a new version from the inspection results recorded so far (runs in the background)',
      body: trainingBodySchema,
      response: { 202: modelVersionSchema },
    }),
    async (request, reply) =>
      reply.code(202).send(presentVersion(await models.startTraining(request.context, request.body))),
  );

  app.get(
    '/api/v1/risk/models/drift',
    modelRoute(RISK_ANALYSTS, {
      summary: 'Recent scores of the active version against its training data (PSI)',
      response: { 200: modelDriftResponseSchema },
    }),
    async () => ({ drift: await models.drift() }),
  );

  app.post(
    '/api/v1/risk/models/rollback',
    modelRoute(RISK_ANALYSTS, {
      summary: 'Re-activate the version that was active before the current one',
      response: { 200: modelVersionSchema },
    }),
    async (request) => presentVersion(await models.rollback(request.context)),
  );

  app.get(
    '/api/v1/risk/models/:id',
    modelRoute(RISK_ANALYSTS, { params: idParamsSchema, response: { 200: modelVersionSchema } }),
    async (request) => presentVersion(await models.get(request.params.id)),
  );

  app.get(
    '/api/v1/risk/models/:id/comparison',
    modelRoute(RISK_ANALYSTS, {
      summary: 'Precision and recall at 1–20 % inspection rates, this version against the active one',
      params: idParamsSchema,
      response: { 200: modelComparisonSchema },
    }),
    async (request) => models.compare(request.params.id),
  );

  app.post(
    '/api/v1/risk/models/:id/activate',
    modelRoute(RISK_ANALYSTS, { params: idParamsSchema, response: { 200: modelVersionSchema } }),
    async (request) => presentVersion(await models.activate(request.context, request.params.id)),
  );
}
