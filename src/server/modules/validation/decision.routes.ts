import { CASE_STAFF, DECISION_MAKERS, SIGNED_IN } from '../../platform/access-control';
import { contentDisposition, fileResponse } from '../../platform/http';
import type { CaseRoute } from './case-route';
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
import type { ValidationService } from './validation.service';
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

/** Sign-off, right to be heard, decision, appeal and the case's official documents. */
export function registerDecisionRoutes(
  route: CaseRoute,
  { decisions, appeals, reports }: ValidationService,
): void {
  route('POST', '/sign-off/request', CASE_STAFF, {
    summary: 'Send the report for sign-off',
    response: { 200: caseSchema },
    run: async ({ context, params }) => presentCase(await decisions.requestSignOff(context, params.id)),
  });

  route('POST', '/sign-off', CASE_STAFF, {
    summary:
      'A senior officer signs the next level (the programme’s signOff.levels), returns or refers to headquarters',
    body: signOffBody,
    response: { 200: caseSchema },
    run: async ({ context, params, body }) => presentCase(await decisions.signOff(context, params.id, body)),
  });

  route('POST', '/intended-rejection', DECISION_MAKERS, {
    summary: 'Notice of intended rejection (right to be heard); a decision act, so four eyes apply',
    body: noticeBody,
    response: { 201: rejectionNoticeSchema },
    run: async ({ context, params, body }) =>
      presentNotice((await decisions.notifyIntendedRejection(context, params.id, body)).notice),
  });

  route('GET', '/intended-rejection', SIGNED_IN, {
    response: { 200: rejectionNoticeSchema },
    run: async ({ context, params }) => presentNotice(await decisions.getHearing(context, params.id)),
  });

  route('POST', '/intended-rejection/reply', SIGNED_IN, {
    summary: "The applicant's reply to the notice",
    body: noticeReplyBody,
    response: { 200: caseSchema },
    run: async ({ context, params, body }) =>
      presentCase(await decisions.answerNotice(context, params.id, body)),
  });

  route('POST', '/decision/grant', DECISION_MAKERS, {
    summary: 'Grant (four eyes); tier proposed from the findings unless overridden with a reason',
    body: grantBody,
    response: { 201: grantResultSchema },
    run: async ({ context, params, body }) => {
      const result = await decisions.grant(context, params.id, body);
      return {
        application: presentCase(result.application),
        decision: presentDecision(result.decision),
        authorisation: presentAuthorisation(result.authorisation),
      };
    },
  });

  route('POST', '/decision/rejection', DECISION_MAKERS, {
    summary: 'Reject (four eyes) with grounds, rules relied on and the appeal route',
    body: rejectBody,
    response: { 201: rejectionResultSchema },
    run: async ({ context, params, body }) => {
      const result = await decisions.reject(context, params.id, body);
      return { application: presentCase(result.application), decision: presentDecision(result.decision) };
    },
  });

  route('GET', '/decision', SIGNED_IN, {
    response: { 200: decisionViewSchema },
    run: async ({ context, params }) => {
      const data = await decisions.getDecision(context, params.id);
      return {
        decision: presentDecision(data.decision),
        authorisation: data.authorisation ? presentAuthorisation(data.authorisation) : null,
      };
    },
  });

  route('POST', '/appeal', SIGNED_IN, {
    summary: 'Appeal a rejection within the programme deadline',
    body: appealBody,
    response: { 201: caseAppealSchema },
    run: async ({ context, params, body }) =>
      presentAppeal((await appeals.lodge(context, params.id, body)).appeal),
  });

  route('GET', '/appeal', SIGNED_IN, {
    response: { 200: caseAppealSchema },
    run: async ({ context, params }) => presentAppeal(await appeals.get(context, params.id)),
  });

  route('POST', '/appeal/review', DECISION_MAKERS, {
    summary: 'Headquarters: uphold, reverse (grant) or send back',
    body: appealReviewBody,
    response: { 200: appealReviewResultSchema },
    run: async ({ context, params, body }) => {
      const result = await appeals.review(context, params.id, body);
      return {
        application: presentCase(result.application),
        appeal: presentAppeal(result.appeal),
        authorisationId: result.authorisationId,
      };
    },
  });

  route('GET', '/documents', SIGNED_IN, {
    summary: "The case's official letters",
    response: { 200: caseDocumentListSchema },
    run: async ({ context, params }) => ({
      items: (await reports.listDocuments(context, params.id)).map(presentDocument),
    }),
  });

  route('GET', '/documents/:documentId', SIGNED_IN, {
    params: documentParams,
    response: {
      200: fileResponse(['application/pdf'], 'The letter as issued (X-Checksum-SHA256: its SHA-256).'),
    },
    run: async ({ context, params }, reply) => {
      const document = await reports.getDocument(context, params.id, params.documentId);
      reply
        .type(document.media_type)
        .header('content-disposition', contentDisposition('attachment', document.file_name))
        .header('x-checksum-sha256', document.sha256);
      return document.content;
    },
  });
}
