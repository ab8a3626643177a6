import { CASE_STAFF, DECISION_MAKERS, SIGNED_IN } from '../../platform/access-control';
import { contentDisposition, fileResponse, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentAppeal, presentDecision, presentDocument, presentNotice } from './decision.presenters';
import {
  appealReviewResultSchema,
  caseAppealSchema,
  caseDocumentListSchema,
  decisionViewSchema,
  grantResultSchema,
  rejectionNoticeSchema,
  rejectionResultSchema,
} from './decision.schemas';
import { presentAuthorisation } from '../authorisations/authorisations.presenters';
import { presentCase } from './validation.presenters';
import {
  appealBody,
  appealReviewBody,
  caseParams,
  caseSchema,
  documentParams,
  grantBody,
  noticeBody,
  noticeReplyBody,
  rejectBody,
  signOffBody,
} from './validation.schemas';

const BASE = '/api/v1/applications/:id';
const tags = ['decision'];

/** Sign-off, right to be heard, decision, appeal and the case's official documents. */
export function registerDecisionRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  app.post(
    `${BASE}/sign-off/request`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Send the report for sign-off',
        params: caseParams,
        response: { 200: caseSchema },
      },
    },
    async (request) => presentCase(await v.decisions.requestSignOff(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/sign-off`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary:
          'A senior officer signs the next level (the programme’s signOff.levels), returns or refers to headquarters',
        params: caseParams,
        body: signOffBody,
        response: { 200: caseSchema },
      },
    },
    async (request) =>
      presentCase(await v.decisions.signOff(request.context, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/intended-rejection`,
    {
      config: { access: DECISION_MAKERS },
      schema: {
        tags,
        summary: 'Notice of intended rejection (right to be heard); a decision act, so four eyes apply',
        params: caseParams,
        body: noticeBody,
        response: { 201: rejectionNoticeSchema },
      },
    },
    async (request, reply) => {
      const { notice } = await v.decisions.notifyIntendedRejection(
        request.context,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(presentNotice(notice));
    },
  );

  app.get(
    `${BASE}/intended-rejection`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: caseParams, response: { 200: rejectionNoticeSchema } },
    },
    async (request) => presentNotice(await v.decisions.getHearing(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/intended-rejection/reply`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "The applicant's reply to the notice",
        params: caseParams,
        body: noticeReplyBody,
        response: { 200: caseSchema },
      },
    },
    async (request) =>
      presentCase(await v.decisions.answerNotice(request.context, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/decision/grant`,
    {
      config: { access: DECISION_MAKERS },
      schema: {
        tags,
        summary: 'Grant (four eyes); tier proposed from the findings unless overridden with a reason',
        params: caseParams,
        body: grantBody,
        response: { 201: grantResultSchema },
      },
    },
    async (request, reply) => {
      const result = await v.decisions.grant(request.context, request.params.id, request.body);
      return reply.code(201).send({
        application: presentCase(result.application),
        decision: presentDecision(result.decision),
        authorisation: presentAuthorisation(result.authorisation),
      });
    },
  );

  app.post(
    `${BASE}/decision/rejection`,
    {
      config: { access: DECISION_MAKERS },
      schema: {
        tags,
        summary: 'Reject (four eyes) with grounds, rules relied on and the appeal route',
        params: caseParams,
        body: rejectBody,
        response: { 201: rejectionResultSchema },
      },
    },
    async (request, reply) => {
      const result = await v.decisions.reject(request.context, request.params.id, request.body);
      return reply
        .code(201)
        .send({ application: presentCase(result.application), decision: presentDecision(result.decision) });
    },
  );

  app.get(
    `${BASE}/decision`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: caseParams, response: { 200: decisionViewSchema } },
    },
    async (request) => {
      const data = await v.decisions.getDecision(request.context, request.params.id);
      return {
        decision: presentDecision(data.decision),
        authorisation: data.authorisation ? presentAuthorisation(data.authorisation) : null,
      };
    },
  );

  app.post(
    `${BASE}/appeal`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Appeal a rejection within the programme deadline',
        params: caseParams,
        body: appealBody,
        response: { 201: caseAppealSchema },
      },
    },
    async (request, reply) => {
      const { appeal } = await v.appeals.lodge(request.context, request.params.id, request.body);
      return reply.code(201).send(presentAppeal(appeal));
    },
  );

  app.get(
    `${BASE}/appeal`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: caseParams, response: { 200: caseAppealSchema } },
    },
    async (request) => presentAppeal(await v.appeals.get(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/appeal/review`,
    {
      config: { access: DECISION_MAKERS },
      schema: {
        tags,
        summary: 'Headquarters: uphold, reverse (grant) or send back',
        params: caseParams,
        body: appealReviewBody,
        response: { 200: appealReviewResultSchema },
      },
    },
    async (request) => {
      const result = await v.appeals.review(request.context, request.params.id, request.body);
      return {
        application: presentCase(result.application),
        appeal: presentAppeal(result.appeal),
        authorisationId: result.authorisationId,
      };
    },
  );

  app.get(
    `${BASE}/documents`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "The case's official letters",
        params: caseParams,
        response: { 200: caseDocumentListSchema },
      },
    },
    async (request) => ({
      items: (await v.reports.listDocuments(request.context, request.params.id)).map(presentDocument),
    }),
  );

  app.get(
    `${BASE}/documents/:documentId`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        params: documentParams,
        response: {
          200: fileResponse(['application/pdf'], 'The letter as issued (X-Checksum-SHA256: its SHA-256).'),
        },
      },
    },
    async (request, reply) => {
      const document = await v.reports.getDocument(
        request.context,
        request.params.id,
        request.params.documentId,
      );
      return reply
        .type(document.media_type)
        .header('content-disposition', contentDisposition('attachment', document.file_name))
        .header('x-checksum-sha256', document.sha256)
        .send(document.content);
    },
  );
}
