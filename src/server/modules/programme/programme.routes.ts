import { ADMINS, PUBLIC, allow } from '../../platform/access-control';
import { noContentResponse, routeOptionsFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { readinessCheck } from '../../../programme-core/readiness-check';
import { presentLoadedProgrammeVersion, presentProgramme } from './programme.presenters';
import {
  holidayBodySchema,
  holidayListResponseSchema,
  holidayParamsSchema,
  loadedProgrammeVersionSchema,
  loadProgrammeVersionBodySchema,
  programmeQuerySchema,
  programmeSchema,
  programmeVersionListResponseSchema,
  programmeVersionParamsSchema,
  readinessBodySchema,
  readinessReportSchema,
} from './programme.schemas';

const programmeRoute = routeOptionsFor('programme');
const adminRoute = routeOptionsFor('admin');

export function registerProgrammeRoutes(app: ZodApp, services: Services): void {
  app.get(
    '/api/v1/programme',
    programmeRoute(PUBLIC, {
      summary: 'The active AEO programme: types and tiers, criteria, questionnaire, clocks and benefits',
      querystring: programmeQuerySchema,
      response: { 200: programmeSchema },
    }),
    async (request) => {
      const programme = await services.programme.getActive();
      return presentProgramme(programme.id, programme.definition, request.query.variant);
    },
  );

  app.get(
    '/api/v1/programme/versions/:versionId',
    programmeRoute(PUBLIC, {
      summary: 'A programme version by id: an application is read against the version it started on',
      params: programmeVersionParamsSchema,
      querystring: programmeQuerySchema,
      response: { 200: programmeSchema },
    }),
    async (request) => {
      const programme = await services.programme.getVersion(request.params.versionId);
      return presentProgramme(programme.id, programme.definition, request.query.variant);
    },
  );

  app.post(
    '/api/v1/programme/readiness',
    programmeRoute(PUBLIC, {
      summary: 'Readiness self-check before applying (no account needed)',
      body: readinessBodySchema,
      response: { 200: readinessReportSchema },
    }),
    async (request) => {
      const programme = await services.programme.getActive();
      return readinessCheck(programme.definition, request.body.answers);
    },
  );

  app.get(
    '/api/v1/admin/programme-versions',
    adminRoute(ADMINS, { response: { 200: programmeVersionListResponseSchema } }),
    async () => ({ items: await services.programme.listVersions() }),
  );

  app.post(
    '/api/v1/admin/programme-versions',
    adminRoute(ADMINS, {
      summary: 'Load and activate a programme definition (JSON)',
      body: loadProgrammeVersionBodySchema,
      response: { 201: loadedProgrammeVersionSchema },
    }),
    async (request, reply) => {
      const loaded = await services.programme.loadVersion(request.context, request.body);
      return reply.code(201).send(presentLoadedProgrammeVersion(loaded.id, loaded.definition));
    },
  );

  app.get(
    '/api/v1/holidays',
    programmeRoute(allow({}), { response: { 200: holidayListResponseSchema } }),
    async () => ({ items: await services.programme.listHolidayEntries() }),
  );

  app.put(
    '/api/v1/admin/holidays/:day',
    adminRoute(ADMINS, {
      params: holidayParamsSchema,
      body: holidayBodySchema,
      response: { 204: noContentResponse },
    }),
    async (request, reply) => {
      await services.programme.setHoliday(request.context, request.params.day, request.body.name);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/admin/holidays/:day',
    adminRoute(ADMINS, { params: holidayParamsSchema, response: { 204: noContentResponse } }),
    async (request, reply) => {
      await services.programme.deleteHoliday(request.context, request.params.day);
      return reply.code(204).send();
    },
  );
}
