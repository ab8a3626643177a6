import { CASE_STAFF, DECISION_MAKERS } from '../../platform/access-control';
import type { Services } from '../../services';
import type { CaseRoute } from './case-route';
import { presentAssignment, presentCase, presentFinding, presentWorkspace } from './validation.presenters';
import {
  assignmentListSchema,
  assignmentsBody,
  caseSchema,
  complianceHistorySchema,
  findingBody,
  findingListSchema,
  findingParams,
  findingSchema,
  findingsBody,
  findingsSummarySchema,
  reasonBody,
  workspaceSchema,
} from './validation.schemas';

/** The workspace of one case, the desk review of its answers, the review team and the decision clock. */
export function registerDeskReviewRoutes(route: CaseRoute, services: Services): void {
  const { deskReview, decisions } = services.validation;

  route('GET', '/validation', CASE_STAFF, {
    summary: 'The validation workspace of one case',
    response: { 200: workspaceSchema },
    run: async ({ context, params }) => {
      const data = await deskReview.overview(context, params.id);
      const allowed = await decisions.workspaceActions(context, data.application);
      const signers = await Promise.all(
        allowed.signOff.levels.map(async (p) => (p.signedBy ? services.users.getRow(p.signedBy) : undefined)),
      );
      return presentWorkspace(
        data,
        allowed,
        signers.map((signer) => signer?.name ?? null),
      );
    },
  });

  route('GET', '/compliance-history', CASE_STAFF, {
    summary:
      'The applicant’s record held by the risk service: declarations, controls, inspections and findings (3 years)',
    response: { 200: complianceHistorySchema },
    run: async ({ context, params }) => {
      const data = await services.applications.getCase(context, params.id);
      return services.declarations.complianceHistory(data.operator.taxpayer_id, context.now);
    },
  });

  route('POST', '/validation/start', CASE_STAFF, {
    summary: 'Start the desk review',
    response: { 200: caseSchema },
    run: async ({ context, params }) => presentCase(await deskReview.start(context, params.id)),
  });

  route('PUT', '/findings/:questionId', CASE_STAFF, {
    summary: 'Record the finding on one answer',
    params: findingParams,
    body: findingBody,
    response: { 200: findingSchema },
    run: async ({ context, params, body }) =>
      presentFinding(await deskReview.recordFinding(context, params.id, params.questionId, body)),
  });

  route('PUT', '/findings', CASE_STAFF, {
    summary: 'Record findings on several answers at once',
    body: findingsBody,
    response: { 200: findingListSchema },
    run: async ({ context, params, body }) => ({
      items: (await deskReview.recordFindings(context, params.id, body.items)).map(presentFinding),
    }),
  });

  route('GET', '/findings', CASE_STAFF, {
    summary: 'Findings, per-criterion summary, scores and proposed tier',
    response: { 200: findingsSummarySchema },
    run: async ({ context, params }) => {
      const { findings, summary } = await deskReview.summary(context, params.id);
      return { items: findings.map(presentFinding), summary };
    },
  });

  route('PUT', '/review-assignments', CASE_STAFF, {
    summary: 'Split the review by section among a team',
    body: assignmentsBody,
    response: { 200: assignmentListSchema },
    run: async ({ context, params, body }) => ({
      items: (await deskReview.assignSections(context, params.id, body.assignments)).map(presentAssignment),
    }),
  });

  route('POST', '/clock/extension', DECISION_MAKERS, {
    summary: 'Extend the decision deadline once, with a reason',
    body: reasonBody,
    response: { 200: caseSchema },
    run: async ({ context, params, body }) =>
      presentCase(await deskReview.extendDecision(context, params.id, body.reason)),
  });
}
