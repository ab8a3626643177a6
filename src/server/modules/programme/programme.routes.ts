import { z } from 'zod';
import { PUBLIC, allow } from '../../platform/access-control';
import { isoDateSchema, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { readinessCheck } from './readiness-check';
import { variantSchema, type ProgrammeDefinition, type Variant } from './programme-definition.schemas';

const ADMIN = allow({ roles: ['admin'] });

/** The published programme (a TFA 7.7 duty): types as `types`, and the questionnaire of one variant. */
export function presentProgramme(id: string, definition: ProgrammeDefinition, variant: Variant | undefined) {
  const { authorisationTypes, questionnaire, ...rest } = definition;
  return {
    ...rest,
    id: definition.id,
    versionId: id,
    types: authorisationTypes,
    questionnaire: {
      sections: questionnaire.sections
        .map((section) => ({
          ...section,
          questions: variant
            ? section.questions.filter((question) => question.variants.includes(variant))
            : section.questions,
        }))
        .filter((section) => section.questions.length > 0),
    },
  };
}

export function registerProgrammeRoutes(app: ZodApp, services: Services): void {
  app.get(
    '/api/v1/programme',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['programme'],
        summary: 'The active AEO programme: types and tiers, criteria, questionnaire, clocks and benefits',
        querystring: z.object({ variant: variantSchema.optional() }),
      },
    },
    async (request) => {
      const programme = await services.programme.getActive();
      return presentProgramme(programme.id, programme.definition, request.query.variant);
    },
  );

  app.get(
    '/api/v1/programme/versions/:versionId',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['programme'],
        summary: 'A programme version by id: an application is read against the version it started on',
        params: z.object({ versionId: z.uuid() }),
        querystring: z.object({ variant: variantSchema.optional() }),
      },
    },
    async (request) => {
      const programme = await services.programme.getVersion(request.params.versionId);
      return presentProgramme(programme.id, programme.definition, request.query.variant);
    },
  );

  app.post(
    '/api/v1/programme/readiness',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['programme'],
        summary: 'Readiness self-check before applying (no account needed)',
        body: z.object({ answers: z.record(z.string(), z.boolean()) }),
      },
    },
    async (request) => {
      const programme = await services.programme.getActive();
      return readinessCheck(programme.definition, request.body.answers);
    },
  );

  app.get(
    '/api/v1/admin/programme-versions',
    { config: { access: ADMIN }, schema: { tags: ['admin'] } },
    async () => ({ items: await services.programme.listVersions() }),
  );

  app.post(
    '/api/v1/admin/programme-versions',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['admin'],
        summary: 'Load and activate a programme definition (JSON)',
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const loaded = await services.programme.loadVersion(request.context, request.body);
      return reply
        .code(201)
        .send({ id: loaded.id, programmeId: loaded.definition.id, version: loaded.definition.version });
    },
  );

  app.get(
    '/api/v1/holidays',
    { config: { access: allow({}) }, schema: { tags: ['programme'] } },
    async () => ({ items: await services.programme.listHolidayEntries() }),
  );

  app.put(
    '/api/v1/admin/holidays/:day',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['admin'],
        params: z.object({ day: isoDateSchema }),
        body: z.object({ name: z.string().trim().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      await services.programme.setHoliday(request.context, request.params.day, request.body.name);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/admin/holidays/:day',
    { config: { access: ADMIN }, schema: { tags: ['admin'], params: z.object({ day: isoDateSchema }) } },
    async (request, reply) => {
      await services.programme.deleteHoliday(request.context, request.params.day);
      return reply.code(204).send();
    },
  );
}
