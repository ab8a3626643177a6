import { SIGNED_IN, allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import { contentDisposition, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  presentCase,
  presentChecklistItem,
  presentFinding,
  presentMeasure,
  presentPlan,
  presentRiskMeasure,
  presentSlot,
} from './validation.presenters';
import {
  assignmentsBody,
  caseParams,
  checklistParams,
  commentBody,
  findingBody,
  findingsBody,
  findingParams,
  measureParams,
  measureReportBody,
  measureVerificationBody,
  minutesBody,
  observationBody,
  planBody,
  planExtensionBody,
  reasonBody,
  reportBody,
  reportQuery,
  riskBody,
  riskMeasureBody,
  riskParams,
  riskPatchBody,
  slotChoiceBody,
  slotsBody,
  teamBody,
} from './validation.schemas';

const CUSTOMS = allow({ roles: CASE_ROLES });
const BASE = '/api/v1/applications/:id';
const tags = ['validation'];

/** Examination: desk review, clock, risk map, on-site visit, report and improvement plan. */
export function registerCaseWorkRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  app.get(
    `${BASE}/validation`,
    {
      config: { access: CUSTOMS },
      schema: { tags, summary: 'The validation workspace of one case', params: caseParams },
    },
    async (request) => {
      const data = await v.deskReview.overview(request.context, request.params.id);
      const { actions, signOff } = await v.decisions.workspaceActions(request.context, data.application);
      const signers = await Promise.all(
        signOff.levels.map(async (p) => (p.signedBy ? services.users.getRow(p.signedBy) : undefined)),
      );
      return {
        ...presentCase(data.application),
        operatorName: data.operatorName,
        clock: data.clock,
        allowedActions: actions,
        signOff: {
          levels: signOff.levels.map((p, index) => ({
            number: p.number,
            id: p.level.id,
            title: p.level.title,
            roles: p.level.roles,
            headquarters: p.level.headquarters,
            signedBy: p.signedBy,
            signedByName: signers[index]?.name ?? null,
            signedAt: p.signedAt?.toISOString() ?? null,
          })),
          nextLevel: signOff.next?.number ?? null,
        },
        assignments: data.assignments.map((a) => ({ sectionId: a.section_id, reviewerId: a.reviewer_id })),
        findings: data.findings.map(presentFinding),
        summary: data.summary,
      };
    },
  );

  app.get(
    `${BASE}/compliance-history`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary:
          'The applicant’s record held by the risk service: declarations, controls, inspections and findings (3 years)',
        params: caseParams,
      },
    },
    async (request) => {
      const data = await services.applications.getCase(request.context, request.params.id);
      return services.declarations.complianceHistory(data.operator.taxpayer_id, request.context.now);
    },
  );

  app.post(
    `${BASE}/validation/start`,
    { config: { access: CUSTOMS }, schema: { tags, summary: 'Start the desk review', params: caseParams } },
    async (request) => presentCase(await v.deskReview.start(request.context, request.params.id)),
  );

  app.put(
    `${BASE}/findings/:questionId`,
    {
      config: { access: CUSTOMS },
      schema: { tags, summary: 'Record the finding on one answer', params: findingParams, body: findingBody },
    },
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
    `${BASE}/findings`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Record findings on several answers at once',
        params: caseParams,
        body: findingsBody,
      },
    },
    async (request) => ({
      items: (await v.deskReview.recordFindings(request.context, request.params.id, request.body.items)).map(
        presentFinding,
      ),
    }),
  );

  app.get(
    `${BASE}/findings`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Findings, per-criterion summary, scores and proposed tier',
        params: caseParams,
      },
    },
    async (request) => {
      const { findings, summary } = await v.deskReview.summary(request.context, request.params.id);
      return { items: findings.map(presentFinding), summary };
    },
  );

  app.put(
    `${BASE}/review-assignments`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Split the review by section among a team',
        params: caseParams,
        body: assignmentsBody,
      },
    },
    async (request) => {
      const rows = await v.deskReview.assignSections(
        request.context,
        request.params.id,
        request.body.assignments,
      );
      return { items: rows.map((a) => ({ sectionId: a.section_id, reviewerId: a.reviewer_id })) };
    },
  );

  app.post(
    `${BASE}/clock/extension`,
    {
      config: { access: allow({ roles: ['aeo_manager', 'admin'] }) },
      schema: {
        tags,
        summary: 'Extend the decision deadline once, with a reason',
        params: caseParams,
        body: reasonBody,
      },
    },
    async (request) =>
      presentCase(await v.deskReview.extendDecision(request.context, request.params.id, request.body.reason)),
  );

  // Risk map

  app.get(
    `${BASE}/risks`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Risk register, heat map and suggestions from the findings',
        params: caseParams,
      },
    },
    async (request) => {
      const data = await v.riskMap.get(request.context, request.params.id);
      return {
        items: data.entries.map((entry) => ({
          id: entry.risk.id,
          catalogueId: entry.risk.catalogue_id,
          criterion: entry.risk.criterion,
          title: entry.risk.title,
          description: entry.risk.description,
          likelihood: entry.risk.likelihood,
          impact: entry.risk.impact,
          controls: entry.risk.controls,
          controlEffectiveness: entry.risk.control_effectiveness,
          inherent: entry.inherent,
          residual: entry.residual,
          measures: entry.measures.map(presentRiskMeasure),
        })),
        heatMap: data.heatMap,
        suggestions: data.suggestions,
      };
    },
  );

  app.post(
    `${BASE}/risks`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams, body: riskBody } },
    async (request, reply) => {
      const row = await v.riskMap.add(request.context, request.params.id, request.body);
      return reply.code(201).send({ id: row.id, title: row.title, criterion: row.criterion });
    },
  );

  app.patch(
    `${BASE}/risks/:riskId`,
    { config: { access: CUSTOMS }, schema: { tags, params: riskParams, body: riskPatchBody } },
    async (request) => {
      const row = await v.riskMap.update(
        request.context,
        request.params.id,
        request.params.riskId,
        request.body,
      );
      return {
        id: row.id,
        likelihood: row.likelihood,
        impact: row.impact,
        controlEffectiveness: row.control_effectiveness,
      };
    },
  );

  app.delete(
    `${BASE}/risks/:riskId`,
    { config: { access: CUSTOMS }, schema: { tags, params: riskParams } },
    async (request, reply) => {
      await v.riskMap.remove(request.context, request.params.id, request.params.riskId);
      return reply.code(204).send();
    },
  );

  app.post(
    `${BASE}/risks/:riskId/measures`,
    { config: { access: CUSTOMS }, schema: { tags, params: riskParams, body: riskMeasureBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentRiskMeasure(
            await v.riskMap.addMeasure(
              request.context,
              request.params.id,
              request.params.riskId,
              request.body,
            ),
          ),
        ),
  );

  // On-site visit

  app.get(
    `${BASE}/visit`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Visit slots and date (both sides); team, checklist and minutes (customs)',
        params: caseParams,
      },
    },
    async (request) => {
      const data = await v.onSite.get(request.context, request.params.id);
      return {
        slots: data.slots.map(presentSlot),
        ...(data.side === 'customs'
          ? {
              team: data.visit?.team_user_ids ?? [],
              minutes: data.visit?.minutes ?? null,
              checklist: (data.checklist ?? []).map(presentChecklistItem),
            }
          : {}),
      };
    },
  );

  app.post(
    `${BASE}/visit/slots`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Propose visit slots (minimum notice applies)',
        params: caseParams,
        body: slotsBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        items: (await v.onSite.proposeSlots(request.context, request.params.id, request.body.slots)).map(
          presentSlot,
        ),
      }),
  );

  app.post(
    `${BASE}/visit/choice`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The company picks one proposed slot',
        params: caseParams,
        body: slotChoiceBody,
      },
    },
    async (request) =>
      presentSlot(await v.onSite.chooseSlot(request.context, request.params.id, request.body.slotId)),
  );

  app.put(
    `${BASE}/visit/team`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams, body: teamBody } },
    async (request) => ({
      team: (await v.onSite.setTeam(request.context, request.params.id, request.body.userIds)).team_user_ids,
    }),
  );

  app.post(
    `${BASE}/visit/start`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams } },
    async (request) => presentCase(await v.onSite.start(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/visit/checklist`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Generate the checklist from the risk map and the desk review',
        params: caseParams,
      },
    },
    async (request) => ({
      items: (await v.onSite.generateChecklist(request.context, request.params.id)).map(presentChecklistItem),
    }),
  );

  app.patch(
    `${BASE}/visit/checklist/:itemId`,
    { config: { access: CUSTOMS }, schema: { tags, params: checklistParams, body: observationBody } },
    async (request) =>
      presentChecklistItem(
        await v.onSite.observe(request.context, request.params.id, request.params.itemId, request.body),
      ),
  );

  app.put(
    `${BASE}/visit/minutes`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams, body: minutesBody } },
    async (request) => ({
      minutes: (await v.onSite.recordMinutes(request.context, request.params.id, request.body.minutes))
        .minutes,
    }),
  );

  // Report

  app.post(
    `${BASE}/report`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Issue the validation report (internal and shared versions)',
        params: caseParams,
        body: reportBody,
      },
    },
    async (request, reply) => {
      const { application, report } = await v.reports.issue(request.context, request.params.id, request.body);
      return reply.code(201).send({ id: report.id, number: report.number, status: application.status });
    },
  );

  app.get(
    `${BASE}/report`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The latest report; the company reads the shared version',
        params: caseParams,
        querystring: reportQuery,
      },
    },
    async (request) => {
      const data = await v.reports.get(request.context, request.params.id, request.query.version);
      return {
        id: data.report.id,
        number: data.report.number,
        issuedAt: data.report.issued_at.toISOString(),
        ...(request.query.version === 'internal' ? { recommendation: data.report.recommendation } : {}),
        content: data.content,
        comments: data.comments.map((c) => ({
          id: c.id,
          author: c.author_name,
          body: c.body,
          createdAt: c.created_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    `${BASE}/report.pdf`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'The latest report as PDF', params: caseParams, querystring: reportQuery },
    },
    async (request, reply) => {
      const { bytes, fileName } = await v.reports.pdf(
        request.context,
        request.params.id,
        request.query.version,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .send(bytes);
    },
  );

  app.post(
    `${BASE}/report/comments`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'Comment on the latest report', params: caseParams, body: commentBody },
    },
    async (request, reply) => {
      const comment = await v.reports.comment(request.context, request.params.id, request.body.body);
      return reply.code(201).send({ id: comment.id, createdAt: comment.created_at.toISOString() });
    },
  );

  // Improvement plan

  app.post(
    `${BASE}/improvement-plan`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams, body: planBody } },
    async (request, reply) => {
      await v.improvementPlans.require(request.context, request.params.id, request.body);
      const data = await v.improvementPlans.get(request.context, request.params.id);
      return reply.code(201).send(presentPlan(data.plan, data.measures, data.isOverdue));
    },
  );

  app.get(
    `${BASE}/improvement-plan`,
    { config: { access: SIGNED_IN }, schema: { tags, params: caseParams } },
    async (request) => {
      const data = await v.improvementPlans.get(request.context, request.params.id);
      return presentPlan(data.plan, data.measures, data.isOverdue);
    },
  );

  app.post(
    `${BASE}/improvement-plan/extension`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Extend the plan once, with a reason',
        params: caseParams,
        body: planExtensionBody,
      },
    },
    async (request) => {
      await v.improvementPlans.extend(request.context, request.params.id, request.body);
      const data = await v.improvementPlans.get(request.context, request.params.id);
      return presentPlan(data.plan, data.measures, data.isOverdue);
    },
  );

  app.post(
    `${BASE}/improvement-plan/measures/:measureId/report`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The company reports a measure done',
        params: measureParams,
        body: measureReportBody,
      },
    },
    async (request) =>
      presentMeasure(
        await v.improvementPlans.reportMeasure(
          request.context,
          request.params.id,
          request.params.measureId,
          request.body,
        ),
      ),
  );

  app.post(
    `${BASE}/improvement-plan/measures/:measureId/verification`,
    { config: { access: CUSTOMS }, schema: { tags, params: measureParams, body: measureVerificationBody } },
    async (request) =>
      presentMeasure(
        await v.improvementPlans.verifyMeasure(
          request.context,
          request.params.id,
          request.params.measureId,
          request.body,
        ),
      ),
  );

  app.post(
    `${BASE}/improvement-plan/completion`,
    {
      config: { access: CUSTOMS },
      schema: { tags, summary: 'Every measure verified: back to the report', params: caseParams },
    },
    async (request) => presentCase(await v.improvementPlans.complete(request.context, request.params.id)),
  );
}
