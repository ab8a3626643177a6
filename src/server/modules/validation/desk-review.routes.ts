import { CASE_STAFF, DECISION_MAKERS } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
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

const caseRoute = caseRouteOptions('validation');

/** The workspace of one case, the desk review of its answers, the review team and the decision clock. */
export function registerDeskReviewRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  app.get(
    `${CASE_PATH}/validation`,
    caseRoute(CASE_STAFF, {
      summary: 'The validation workspace of one case',
      response: { 200: workspaceSchema },
    }),
    async (request) => {
      const data = await v.deskReview.overview(request.context, request.params.id);
      const allowed = await v.decisions.workspaceActions(request.context, data.application);
      const signers = await Promise.all(
        allowed.signOff.levels.map(async (p) => (p.signedBy ? services.users.getRow(p.signedBy) : undefined)),
      );
      return presentWorkspace(
        data,
        allowed,
        signers.map((signer) => signer?.name ?? null),
      );
    },
  );

  app.get(
    `${CASE_PATH}/compliance-history`,
    caseRoute(CASE_STAFF, {
      summary:
        'The applicant’s record held by the risk service: declarations, controls, inspections and findings (3 years)',
      response: { 200: complianceHistorySchema },
    }),
    async (request) => {
      const data = await services.applications.getCase(request.context, request.params.id);
      return services.declarations.complianceHistory(data.operator.taxpayer_id, request.context.now);
    },
  );

  app.post(
    `${CASE_PATH}/validation/start`,
    caseRoute(CASE_STAFF, { summary: 'Start the desk review', response: { 200: caseSchema } }),
    async (request) => presentCase(await v.deskReview.start(request.context, request.params.id)),
  );

  app.put(
    `${CASE_PATH}/findings/:questionId`,
    caseRoute(CASE_STAFF, {
      summary: 'Record the finding on one answer',
      params: findingParams,
      body: findingBody,
      response: { 200: findingSchema },
    }),
    async (request) =>
      presentFinding(
        await v.deskReview.recordFinding(
          request.context,
          request.params.id,
          request.params.questionId,
          request.body,
        ),
      ),
  );

  app.put(
    `${CASE_PATH}/findings`,
    caseRoute(CASE_STAFF, {
      summary: 'Record findings on several answers at once',
      body: findingsBody,
      response: { 200: findingListSchema },
    }),
    async (request) => ({
      items: (await v.deskReview.recordFindings(request.context, request.params.id, request.body.items)).map(
        presentFinding,
      ),
    }),
  );

  app.get(
    `${CASE_PATH}/findings`,
    caseRoute(CASE_STAFF, {
      summary: 'Findings, per-criterion summary, scores and proposed tier',
      response: { 200: findingsSummarySchema },
    }),
    async (request) => {
      const { findings, summary } = await v.deskReview.summary(request.context, request.params.id);
      return { items: findings.map(presentFinding), summary };
    },
  );

  app.put(
    `${CASE_PATH}/review-assignments`,
    caseRoute(CASE_STAFF, {
      summary: 'Split the review by section among a team',
      body: assignmentsBody,
      response: { 200: assignmentListSchema },
    }),
    async (request) => {
      const rows = await v.deskReview.assignSections(
        request.context,
        request.params.id,
        request.body.assignments,
      );
      return { items: rows.map(presentAssignment) };
    },
  );

  app.post(
    `${CASE_PATH}/clock/extension`,
    caseRoute(DECISION_MAKERS, {
      summary: 'Extend the decision deadline once, with a reason',
      body: reasonBody,
      response: { 200: caseSchema },
    }),
    async (request) =>
      presentCase(await v.deskReview.extendDecision(request.context, request.params.id, request.body.reason)),
  );
}
