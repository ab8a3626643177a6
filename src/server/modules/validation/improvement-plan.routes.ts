import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentCase, presentMeasure, presentPlan } from './validation.presenters';
import {
  caseParams,
  caseSchema,
  improvementMeasureSchema,
  improvementPlanSchema,
  measureParams,
  measureReportBody,
  measureVerificationBody,
  planBody,
  planExtensionBody,
} from './validation.schemas';

const BASE = '/api/v1/applications/:id';
const tags = ['validation'];

/** The improvement plan: customs require measures, the company reports them done, customs verify them. */
export function registerImprovementPlanRoutes(app: ZodApp, services: Services): void {
  const plans = services.validation.improvementPlans;

  app.post(
    `${BASE}/improvement-plan`,
    {
      config: { access: CASE_STAFF },
      schema: { tags, params: caseParams, body: planBody, response: { 201: improvementPlanSchema } },
    },
    async (request, reply) => {
      await plans.require(request.context, request.params.id, request.body);
      const data = await plans.get(request.context, request.params.id);
      return reply.code(201).send(presentPlan(data.plan, data.measures, data.isOverdue));
    },
  );

  app.get(
    `${BASE}/improvement-plan`,
    {
      config: { access: SIGNED_IN },
      schema: { tags, params: caseParams, response: { 200: improvementPlanSchema } },
    },
    async (request) => {
      const data = await plans.get(request.context, request.params.id);
      return presentPlan(data.plan, data.measures, data.isOverdue);
    },
  );

  app.post(
    `${BASE}/improvement-plan/extension`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Extend the plan once, with a reason',
        params: caseParams,
        body: planExtensionBody,
        response: { 200: improvementPlanSchema },
      },
    },
    async (request) => {
      await plans.extend(request.context, request.params.id, request.body);
      const data = await plans.get(request.context, request.params.id);
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
        response: { 200: improvementMeasureSchema },
      },
    },
    async (request) =>
      presentMeasure(
        await plans.reportMeasure(request.context, request.params.id, request.params.measureId, request.body),
      ),
  );

  app.post(
    `${BASE}/improvement-plan/measures/:measureId/verification`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        params: measureParams,
        body: measureVerificationBody,
        response: { 200: improvementMeasureSchema },
      },
    },
    async (request) =>
      presentMeasure(
        await plans.verifyMeasure(request.context, request.params.id, request.params.measureId, request.body),
      ),
  );

  app.post(
    `${BASE}/improvement-plan/completion`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Every measure verified: back to the report',
        params: caseParams,
        response: { 200: caseSchema },
      },
    },
    async (request) => presentCase(await plans.complete(request.context, request.params.id)),
  );
}
