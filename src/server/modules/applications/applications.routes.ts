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

export function registerApplicationsRoutes(app: ZodApp, services: Services, config: Config): void {
  const applications = services.applications;
  const tags = ['applications'];

  /** A lifecycle action posted to the case (with a body when it takes one): answers the application as it left it. */
  function postCaseAction<Body extends z.ZodType>(
    action: string,
    options: { access: AccessPolicy; body?: Body },
    act: (context: RequestContext, id: string, body: z.output<Body>) => Promise<ApplicationRow>,
  ): void {
    const { access, body } = options;
    app.post(
      `/api/v1/applications/:id/${action}`,
      {
        config: { access },
        schema: { tags, params: idParamsSchema, ...(body && { body }), response: { 200: applicationSchema } },
      },
      // Checked against `body` already; the type provider cannot resolve its type for a generic schema.
      async (request) =>
        presentApplication(await act(request.context, request.params.id, request.body as z.output<Body>)),
    );
  }

  app.post(
    '/api/v1/operators',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary:
          'Register an economic operator and its first user: e-mails a confirmation link (the same answer whether or not the e-mail has an account)',
        body: registrationBody,
        response: { 202: registrationRequestedSchema },
      },
    },
    async (request, reply) => {
      const requested = await services.organisations.requestRegistration(request.context, request.body);
      const programme = await services.programme.getActive();
      const sme = isSme(programme.definition, {
        employees: request.body.employees,
        annualTurnover: request.body.annualTurnover,
      });
      return reply
        .code(202)
        .send({ registration: { status: 'confirmation_sent' as const, ...requested, isSme: sme } });
    },
  );

  app.post(
    '/api/v1/applications',
    {
      config: { access: SIGNED_IN },
      schema: { tags, body: createApplicationBody, response: { 201: applicationSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(presentApplication(await applications.create(request.context, request.body))),
  );

  app.get(
    '/api/v1/applications',
    {
      config: { access: SIGNED_IN },
      schema: { tags, querystring: listApplicationsQuery, response: { 200: applicationListSchema } },
    },
    async (request) => {
      const rows = await applications.list(request.context, {
        status: request.query.status?.split(',').filter(Boolean),
      });
      return { items: rows.map(presentApplication) };
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary:
          'The case with its answers, evidence, sites and messages, and the actions the caller may take',
        params: idParamsSchema,
        response: { 200: applicationCaseSchema },
      },
    },
    async (request) => presentApplicationCase(await applications.getCase(request.context, request.params.id)),
  );

  app.get(
    '/api/v1/applications/:id/timeline',
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: idParamsSchema, response: { 200: timelineSchema } },
    },
    async (request) => ({
      items: (await applications.timeline(request.context, request.params.id)).map(presentTimelineEntry),
    }),
  );

  app.put(
    '/api/v1/applications/:id/answers/:questionId',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Save one answer; send If-Match with the version read to detect concurrent edits (409)',
        params: answerParams,
        body: answerBody,
        response: { 200: savedAnswerSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = readIfMatch(request.headers);
      const saved = await applications.saveAnswer(
        request.context,
        request.params.id,
        request.params.questionId,
        request.body,
        ifMatch,
      );
      void reply.header('etag', `"${saved.version}"`);
      return presentSavedAnswer(saved);
    },
  );

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      '/api/v1/applications/:id/evidence',
      {
        config: { access: SIGNED_IN },
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
        schema: {
          tags,
          summary: 'Upload evidence (multipart, field "file"; PDF, PNG or JPEG)',
          params: idParamsSchema,
          response: { 201: evidenceSchema },
        },
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
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        params: evidenceParams,
        response: { 200: fileResponse(EVIDENCE_MEDIA_TYPES, 'The evidence file as uploaded') },
      },
    },
    async (request, reply) => {
      const file = await applications.getEvidenceContent(
        request.context,
        request.params.id,
        request.params.evidenceId,
      );
      return reply
        .type(file.media_type)
        .header('content-disposition', contentDisposition('attachment', file.file_name))
        .header('x-checksum-sha256', file.sha256)
        .send(file.content);
    },
  );

  app.post(
    '/api/v1/applications/:id/sites',
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: idParamsSchema, body: siteBody, response: { 201: siteSchema } },
    },
    async (request, reply) => {
      const site = await applications.addSite(request.context, request.params.id, request.body);
      return reply.code(201).send(presentSite(site));
    },
  );

  app.delete(
    '/api/v1/applications/:id/sites/:siteId',
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: siteParams, response: { 204: noContentResponse } },
    },
    async (request, reply) => {
      await applications.removeSite(request.context, request.params.id, request.params.siteId);
      return reply.code(204).send();
    },
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

  app.post(
    '/api/v1/applications/:id/messages',
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: idParamsSchema, body: messageBody, response: { 201: messageReceiptSchema } },
    },
    async (request, reply) => {
      const message = await applications.postMessage(request.context, request.params.id, request.body.body);
      return reply.code(201).send(presentMessageReceipt(message));
    },
  );
}
