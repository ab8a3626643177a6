import type { z } from 'zod';
import {
  CASE_STAFF,
  DECISION_MAKERS,
  PUBLIC,
  SIGNED_IN,
  type AccessPolicy,
} from '../../platform/access-control';
import type { Config } from '../../platform/config';
import {
  contentDisposition,
  fileResponse,
  idParamsSchema,
  noContentResponse,
  readIfMatch,
  routeOptionsFor,
  routesFor,
  type ZodApp,
} from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { RequestContext } from '../../platform/request-context';
import type { Services } from '../../services';
import { isSme } from '../../../programme-core';
import { registrationRequestedSchema } from '../organisations/organisations.schemas';
import {
  presentApplication,
  presentApplicationCase,
  presentEvidence,
  presentMessageReceipt,
  presentSavedAnswer,
  presentSite,
  presentTimelineEntry,
} from './applications.presenters';
import {
  acceptanceBody,
  answerBody,
  answerParams,
  applicationCaseSchema,
  applicationListSchema,
  applicationSchema,
  assignmentBody,
  createApplicationBody,
  evidenceParams,
  evidenceSchema,
  listApplicationsQuery,
  messageBody,
  messageReceiptSchema,
  registrationBody,
  replyBody,
  savedAnswerSchema,
  siteBody,
  siteParams,
  siteSchema,
  timelineSchema,
  withdrawBody,
} from './applications.schemas';
import { EVIDENCE_MEDIA_TYPES } from './application-dossier.service';
import type { ApplicationRow } from './applications.repository';

const applicationRoute = routeOptionsFor('applications');

export function registerApplicationsRoutes(app: ZodApp, services: Services, config: Config): void {
  const applications = services.applications;
  const route = routesFor(app, 'applications');

  /** A lifecycle action posted to the case (with a body when it takes one): answers the application as it left it. */
  function postCaseAction<Body extends z.ZodType>(
    action: string,
    options: { access: AccessPolicy; body?: Body },
    act: (context: RequestContext, id: string, body: z.output<Body>) => Promise<ApplicationRow>,
  ): void {
    const { access, body } = options;
    route.post(
      `/api/v1/applications/:id/${action}`,
      { access, params: idParamsSchema, ...(body && { body }), response: { 200: applicationSchema } },
      // Checked against `body` already; the type provider cannot resolve its type for a generic schema.
      async (request) =>
        presentApplication(await act(request.context, request.params.id, request.body as z.output<Body>)),
    );
  }

  route.post(
    '/api/v1/operators',
    {
      access: PUBLIC,
      summary:
        'Register an economic operator and its first user: e-mails a confirmation link (the same answer whether or not the e-mail has an account)',
      body: registrationBody,
      response: { 202: registrationRequestedSchema },
    },
    async (request) => {
      const requested = await services.organisations.requestRegistration(request.context, request.body);
      const programme = await services.programme.getActive();
      const sme = isSme(programme.definition, {
        employees: request.body.employees,
        annualTurnover: request.body.annualTurnover,
      });
      return { registration: { status: 'confirmation_sent' as const, ...requested, isSme: sme } };
    },
  );

  route.post(
    '/api/v1/applications',
    { access: SIGNED_IN, body: createApplicationBody, response: { 201: applicationSchema } },
    async (request) => presentApplication(await applications.create(request.context, request.body)),
  );

  route.get(
    '/api/v1/applications',
    { access: SIGNED_IN, querystring: listApplicationsQuery, response: { 200: applicationListSchema } },
    async (request) => {
      const rows = await applications.list(request.context, {
        status: request.query.status?.split(',').filter(Boolean),
      });
      return { items: rows.map(presentApplication) };
    },
  );

  route.get(
    '/api/v1/applications/:id',
    {
      access: SIGNED_IN,
      summary: 'The case with its answers, evidence, sites and messages, and the actions the caller may take',
      params: idParamsSchema,
      response: { 200: applicationCaseSchema },
    },
    async (request) => presentApplicationCase(await applications.getCase(request.context, request.params.id)),
  );

  route.get(
    '/api/v1/applications/:id/timeline',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: timelineSchema } },
    async (request) => ({
      items: (await applications.timeline(request.context, request.params.id)).map(presentTimelineEntry),
    }),
  );

  route.put(
    '/api/v1/applications/:id/answers/:questionId',
    {
      access: SIGNED_IN,
      summary: 'Save one answer; send If-Match with the version read to detect concurrent edits (409)',
      params: answerParams,
      body: answerBody,
      response: { 200: savedAnswerSchema },
    },
    async ({ context, params, body, headers }, reply) => {
      const ifMatch = readIfMatch(headers);
      const saved = await applications.saveAnswer(context, params.id, params.questionId, body, ifMatch);
      void reply.header('etag', `"${saved.version}"`);
      return presentSavedAnswer(saved);
    },
  );

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      '/api/v1/applications/:id/evidence',
      {
        ...applicationRoute(SIGNED_IN, {
          summary: 'Upload evidence (multipart, field "file"; PDF, PNG or JPEG)',
          params: idParamsSchema,
          response: { 201: evidenceSchema },
        }),
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
      },
      async (request, reply) => {
        const { file } = await readUpload(request, config.uploadLimitBytes);
        const row = await applications.uploadEvidence(request.context, request.params.id, file);
        return reply.code(201).send(presentEvidence(row));
      },
    );
  });

  app.get(
    '/api/v1/applications/:id/evidence/:evidenceId',
    applicationRoute(SIGNED_IN, {
      params: evidenceParams,
      response: { 200: fileResponse(EVIDENCE_MEDIA_TYPES, 'The evidence file as uploaded') },
    }),
    async ({ context, params }, reply) => {
      const file = await applications.getEvidenceContent(context, params.id, params.evidenceId);
      return reply
        .type(file.media_type)
        .header('content-disposition', contentDisposition('attachment', file.file_name))
        .header('x-checksum-sha256', file.sha256)
        .send(file.content);
    },
  );

  route.post(
    '/api/v1/applications/:id/sites',
    { access: SIGNED_IN, params: idParamsSchema, body: siteBody, response: { 201: siteSchema } },
    async (request) =>
      presentSite(await applications.addSite(request.context, request.params.id, request.body)),
  );

  route.delete(
    '/api/v1/applications/:id/sites/:siteId',
    { access: SIGNED_IN, params: siteParams, response: { 204: noContentResponse } },
    async (request) => applications.removeSite(request.context, request.params.id, request.params.siteId),
  );

  postCaseAction('submit', { access: SIGNED_IN }, (context, id) => applications.submit(context, id));

  postCaseAction('acceptance', { access: CASE_STAFF, body: acceptanceBody }, (context, id, body) =>
    applications.decideAcceptance(context, id, body),
  );

  postCaseAction('reply', { access: SIGNED_IN, body: replyBody }, (context, id, body) =>
    applications.reply(context, id, body),
  );

  postCaseAction('withdraw', { access: SIGNED_IN, body: withdrawBody }, (context, id, body) =>
    applications.withdraw(context, id, body?.reason),
  );

  postCaseAction('expire', { access: CASE_STAFF }, (context, id) => applications.expire(context, id));

  postCaseAction('assignment', { access: DECISION_MAKERS, body: assignmentBody }, (context, id, body) =>
    applications.assign(context, id, body.validatorId),
  );

  route.post(
    '/api/v1/applications/:id/messages',
    { access: SIGNED_IN, params: idParamsSchema, body: messageBody, response: { 201: messageReceiptSchema } },
    async (request) =>
      presentMessageReceipt(
        await applications.postMessage(request.context, request.params.id, request.body.body),
      ),
  );
}
