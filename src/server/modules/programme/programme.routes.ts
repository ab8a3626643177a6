import { ADMINS, PUBLIC, allow } from '../../platform/access-control';
import { noContentResponse, routesFor, type ZodApp } from '../../platform/http';
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

export function registerProgrammeRoutes(app: ZodApp, services: Services): void {
  const { programme } = services;
  const route = routesFor(app, 'programme');
  const adminRoute = routesFor(app, 'admin');

  route.get(
    '/api/v1/programme',
    {
      access: PUBLIC,
      summary: 'The active AEO programme: types and tiers, criteria, questionnaire, clocks and benefits',
      querystring: programmeQuerySchema,
      response: { 200: programmeSchema },
    },
    async (request) => {
      const active = await programme.getActive();
      return presentProgramme(active.id, active.definition, request.query.variant);
    },
  );

  route.get(
    '/api/v1/programme/versions/:versionId',
    {
      access: PUBLIC,
      summary: 'A programme version by id: an application is read against the version it started on',
      params: programmeVersionParamsSchema,
      querystring: programmeQuerySchema,
      response: { 200: programmeSchema },
    },
    async (request) => {
      const version = await programme.getVersion(request.params.versionId);
      return presentProgramme(version.id, version.definition, request.query.variant);
    },
  );

  route.post(
    '/api/v1/programme/readiness',
    {
      access: PUBLIC,
      summary: 'Readiness self-check before applying (no account needed)',
      body: readinessBodySchema,
      response: { 200: readinessReportSchema },
    },
    async (request) => readinessCheck((await programme.getActive()).definition, request.body.answers),
  );

  adminRoute.get(
    '/api/v1/admin/programme-versions',
    { access: ADMINS, response: { 200: programmeVersionListResponseSchema } },
    async () => ({ items: await programme.listVersions() }),
  );

  adminRoute.post(
    '/api/v1/admin/programme-versions',
    {
      access: ADMINS,
      summary: 'Load and activate a programme definition (JSON)',
      body: loadProgrammeVersionBodySchema,
      response: { 201: loadedProgrammeVersionSchema },
    },
    async (request) => {
      const loaded = await programme.loadVersion(request.context, request.body);
      return presentLoadedProgrammeVersion(loaded.id, loaded.definition);
    },
  );

  route.get(
    '/api/v1/holidays',
    { access: allow({}), response: { 200: holidayListResponseSchema } },
    async () => ({ items: await programme.listHolidayEntries() }),
  );

  adminRoute.put(
    '/api/v1/admin/holidays/:day',
    {
      access: ADMINS,
      params: holidayParamsSchema,
      body: holidayBodySchema,
      response: { 204: noContentResponse },
    },
    async (request) => programme.setHoliday(request.context, request.params.day, request.body.name),
  );

  adminRoute.delete(
    '/api/v1/admin/holidays/:day',
    { access: ADMINS, params: holidayParamsSchema, response: { 204: noContentResponse } },
    async (request) => programme.deleteHoliday(request.context, request.params.day),
  );
}
