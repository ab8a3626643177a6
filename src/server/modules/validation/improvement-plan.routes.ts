import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { RequestContext } from '../../platform/request-context';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
import { presentCase, presentMeasure, presentPlan } from './validation.presenters';
import {
  caseSchema,
  improvementMeasureSchema,
  improvementPlanSchema,
  measureParams,
  measureReportBody,
  measureVerificationBody,
  planBody,
  planExtensionBody,
} from './validation.schemas';

const caseRoute = caseRouteOptions('validation');

/** The improvement plan: customs require measures, the company reports them done, customs verify them. */
export function registerImprovementPlanRoutes(app: ZodApp, services: Services): void {
  const plans = services.validation.improvementPlans;
  /** The plan as it stands (after a change, what the change made of it), with its measures. */
  const presentCurrentPlan = async (context: RequestContext, id: string) => {
    const data = await plans.get(context, id);
    return presentPlan(data.plan, data.measures, data.isOverdue);
  };

  app.post(
    `${CASE_PATH}/improvement-plan`,
    caseRoute(CASE_STAFF, { body: planBody, response: { 201: improvementPlanSchema } }),
    async (request, reply) => {
      await plans.require(request.context, request.params.id, request.body);
      return reply.code(201).send(await presentCurrentPlan(request.context, request.params.id));
    },
  );

  app.get(
    `${CASE_PATH}/improvement-plan`,
    caseRoute(SIGNED_IN, { response: { 200: improvementPlanSchema } }),
    async (request) => presentCurrentPlan(request.context, request.params.id),
  );

  app.post(
    `${CASE_PATH}/improvement-plan/extension`,
    caseRoute(CASE_STAFF, {
      summary: 'Extend the plan once, with a reason',
      body: planExtensionBody,
      response: { 200: improvementPlanSchema },
    }),
    async (request) => {
      await plans.extend(request.context, request.params.id, request.body);
      return presentCurrentPlan(request.context, request.params.id);
    },
  );

  app.post(
    `${CASE_PATH}/improvement-plan/measures/:measureId/report`,
    caseRoute(SIGNED_IN, {
      summary: 'The company reports a measure done',
      params: measureParams,
      body: measureReportBody,
      response: { 200: improvementMeasureSchema },
    }),
    async (request) =>
      presentMeasure(
        await plans.reportMeasure(request.context, request.params.id, request.params.measureId, request.body),
      ),
  );

  app.post(
    `${CASE_PATH}/improvement-plan/measures/:measureId/verification`,
    caseRoute(CASE_STAFF, {
      params: measureParams,
      body: measureVerificationBody,
      response: { 200: improvementMeasureSchema },
    }),
    async (request) =>
      presentMeasure(
        await plans.verifyMeasure(request.context, request.params.id, request.params.measureId, request.body),
      ),
  );

  app.post(
    `${CASE_PATH}/improvement-plan/completion`,
    caseRoute(CASE_STAFF, {
      summary: 'Every measure verified: back to the report',
      response: { 200: caseSchema },
    }),
    async (request) => presentCase(await plans.complete(request.context, request.params.id)),
  );
}
