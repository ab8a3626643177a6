import { CASE_STAFF, DECISION_MAKERS, SIGNED_IN } from '../../platform/access-control';
import { contentDisposition, fileResponse, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
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
  caseSchema,
  documentParams,
  grantBody,
  noticeBody,
  noticeReplyBody,
  rejectBody,
  signOffBody,
} from './validation.schemas';

const caseRoute = caseRouteOptions('decision');

/** Sign-off, right to be heard, decision, appeal and the case's official documents. */
export function registerDecisionRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  app.post(
    `${CASE_PATH}/sign-off/request`,
    caseRoute(CASE_STAFF, {
      summary: 'Send the report for sign-off',
      response: { 200: caseSchema },
    }),
    async (request) => presentCase(await v.decisions.requestSignOff(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/sign-off`,
    caseRoute(CASE_STAFF, {
      summary:
        'A senior officer signs the next level (the programme’s signOff.levels), returns or refers to headquarters',
      body: signOffBody,
      response: { 200: caseSchema },
    }),
    async (request) =>
      presentCase(await v.decisions.signOff(request.context, request.params.id, request.body)),
  );

  app.post(
    `${CASE_PATH}/intended-rejection`,
    caseRoute(DECISION_MAKERS, {
      summary: 'Notice of intended rejection (right to be heard); a decision act, so four eyes apply',
      body: noticeBody,
      response: { 201: rejectionNoticeSchema },
    }),
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
    `${CASE_PATH}/intended-rejection`,
    caseRoute(SIGNED_IN, { response: { 200: rejectionNoticeSchema } }),
    async (request) => presentNotice(await v.decisions.getHearing(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/intended-rejection/reply`,
    caseRoute(SIGNED_IN, {
      summary: "The applicant's reply to the notice",
      body: noticeReplyBody,
      response: { 200: caseSchema },
    }),
    async (request) =>
      presentCase(await v.decisions.answerNotice(request.context, request.params.id, request.body)),
  );

  app.post(
    `${CASE_PATH}/decision/grant`,
    caseRoute(DECISION_MAKERS, {
      summary: 'Grant (four eyes); tier proposed from the findings unless overridden with a reason',
      body: grantBody,
      response: { 201: grantResultSchema },
    }),
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
    `${CASE_PATH}/decision/rejection`,
    caseRoute(DECISION_MAKERS, {
      summary: 'Reject (four eyes) with grounds, rules relied on and the appeal route',
      body: rejectBody,
      response: { 201: rejectionResultSchema },
    }),
    async (request, reply) => {
      const result = await v.decisions.reject(request.context, request.params.id, request.body);
      return reply
        .code(201)
        .send({ application: presentCase(result.application), decision: presentDecision(result.decision) });
    },
  );

  app.get(
    `${CASE_PATH}/decision`,
    caseRoute(SIGNED_IN, { response: { 200: decisionViewSchema } }),
    async (request) => {
      const data = await v.decisions.getDecision(request.context, request.params.id);
      return {
        decision: presentDecision(data.decision),
        authorisation: data.authorisation ? presentAuthorisation(data.authorisation) : null,
      };
    },
  );

  app.post(
    `${CASE_PATH}/appeal`,
    caseRoute(SIGNED_IN, {
      summary: 'Appeal a rejection within the programme deadline',
      body: appealBody,
      response: { 201: caseAppealSchema },
    }),
    async (request, reply) => {
      const { appeal } = await v.appeals.lodge(request.context, request.params.id, request.body);
      return reply.code(201).send(presentAppeal(appeal));
    },
  );

  app.get(
    `${CASE_PATH}/appeal`,
    caseRoute(SIGNED_IN, { response: { 200: caseAppealSchema } }),
    async (request) => presentAppeal(await v.appeals.get(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/appeal/review`,
    caseRoute(DECISION_MAKERS, {
      summary: 'Headquarters: uphold, reverse (grant) or send back',
      body: appealReviewBody,
      response: { 200: appealReviewResultSchema },
    }),
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
    `${CASE_PATH}/documents`,
    caseRoute(SIGNED_IN, {
      summary: "The case's official letters",
      response: { 200: caseDocumentListSchema },
    }),
    async (request) => ({
      items: (await v.reports.listDocuments(request.context, request.params.id)).map(presentDocument),
    }),
  );

  app.get(
    `${CASE_PATH}/documents/:documentId`,
    caseRoute(SIGNED_IN, {
      params: documentParams,
      response: {
        200: fileResponse(['application/pdf'], 'The letter as issued (X-Checksum-SHA256: its SHA-256).'),
      },
    }),
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
