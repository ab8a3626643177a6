import { RISK_ANALYSTS } from '../../platform/access-control';
import { idParamsSchema, routesFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentVersion } from './risk-models.presenters';
import {
  modelComparisonSchema,
  modelDriftResponseSchema,
  modelListSchema,
  modelVersionSchema,
  trainingBodySchema,
} from './risk-models.schemas';

export function registerRiskModelsRoutes(app: ZodApp, services: Services): void {
  const models = services.riskModels;
  const route = routesFor(app, 'risk models');
  // Models are trained, compared and switched by risk analysts alone.
  const access = RISK_ANALYSTS;

  route.get(
    '/api/v1/risk/models',
    {
      access,
      summary: 'Model versions with their evaluation, and the labelled data available',
      response: { 200: modelListSchema },
    },
    async () => ({ items: (await models.list()).map(presentVersion), labelled: await models.trainingData() }),
  );

  route.post(
    '/api/v1/risk/models',
    {
      access,
      summary: 'Train a new version from the inspection results recorded so far (runs in the background)',
      body: trainingBodySchema,
      response: { 202: modelVersionSchema },
    },
    async ({ context, body }) => presentVersion(await models.startTraining(context, body)),
  );

  route.get(
    '/api/v1/risk/models/drift',
    {
      access,
      summary: 'Recent scores of the active version against its training data (PSI)',
      response: { 200: modelDriftResponseSchema },
    },
    async () => ({ drift: await models.drift() }),
  );

  route.post(
    '/api/v1/risk/models/rollback',
    {
      access,
      summary: 'Re-activate the version that was active before the current one',
      response: { 200: modelVersionSchema },
    },
    async ({ context }) => presentVersion(await models.rollback(context)),
  );

  route.get(
    '/api/v1/risk/models/:id',
    { access, params: idParamsSchema, response: { 200: modelVersionSchema } },
    async ({ params }) => presentVersion(await models.get(params.id)),
  );

  route.get(
    '/api/v1/risk/models/:id/comparison',
    {
      access,
      summary: 'Precision and recall at 1–20 % inspection rates, this version against the active one',
      params: idParamsSchema,
      response: { 200: modelComparisonSchema },
    },
    async ({ params }) => models.compare(params.id),
  );

  route.post(
    '/api/v1/risk/models/:id/activate',
    { access, params: idParamsSchema, response: { 200: modelVersionSchema } },
    async ({ context, params }) => presentVersion(await models.activate(context, params.id)),
  );
}
