import { z } from 'zod';
import { allow } from '../../platform/access-control';
import { idParamsSchema, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import type { ModelVersionRow } from './risk-models.repository';

const ANALYSTS = allow({ roles: ['risk_analyst', 'admin'] });

function presentVersion(row: ModelVersionRow) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    isActive: row.is_active,
    preset: row.preset,
    evaluation: row.evaluation,
    trainingRows: row.training_rows,
    progress: row.progress,
    error: row.error,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    activatedAt: row.activated_at?.toISOString() ?? null,
  };
}

export function registerRiskModelsRoutes(app: ZodApp, services: Services): void {
  const models = services.riskModels;

  app.get(
    '/api/v1/risk/models',
    {
      config: { access: ANALYSTS },
      schema: {
        tags: ['risk models'],
        summary: 'Model versions with their evaluation, and the labelled data available',
      },
    },
    async () => ({
      items: (await models.list()).map(presentVersion),
      labelled: await models.trainingData(),
    }),
  );

  app.post(
    '/api/v1/risk/models',
    {
      config: { access: ANALYSTS },
      schema: {
        tags: ['risk models'],
        summary: 'Train a new version from the inspection results recorded so far (runs in the background)',
        body: z.object({
          preset: z.enum(['fast', 'balanced', 'best', 'compact']).default('fast'),
          note: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (request, reply) =>
      reply.code(202).send(presentVersion(await models.startTraining(request.context, request.body))),
  );

  app.get(
    '/api/v1/risk/models/drift',
    {
      config: { access: ANALYSTS },
      schema: {
        tags: ['risk models'],
        summary: 'Recent scores of the active version against its training data (PSI)',
      },
    },
    async () => ({ drift: await models.drift() }),
  );

  app.post(
    '/api/v1/risk/models/rollback',
    {
      config: { access: ANALYSTS },
      schema: {
        tags: ['risk models'],
        summary: 'Re-activate the version that was active before the current one',
      },
    },
    async (request) => presentVersion(await models.rollback(request.context)),
  );

  app.get(
    '/api/v1/risk/models/:id',
    { config: { access: ANALYSTS }, schema: { tags: ['risk models'], params: idParamsSchema } },
    async (request) => presentVersion(await models.get(request.params.id)),
  );

  app.get(
    '/api/v1/risk/models/:id/comparison',
    {
      config: { access: ANALYSTS },
      schema: {
        tags: ['risk models'],
        summary: 'Precision and recall at 1–20 % inspection rates, this version against the active one',
        params: idParamsSchema,
      },
    },
    async (request) => models.compare(request.params.id),
  );

  app.post(
    '/api/v1/risk/models/:id/activate',
    { config: { access: ANALYSTS }, schema: { tags: ['risk models'], params: idParamsSchema } },
    async (request) => presentVersion(await models.activate(request.context, request.params.id)),
  );
}
