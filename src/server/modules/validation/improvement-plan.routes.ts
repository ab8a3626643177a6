import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { RequestContext } from '../../platform/request-context';
import type { CaseRoute } from './case-route';
import type { ImprovementPlanService } from './improvement-plan.service';
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

/** The improvement plan: customs require measures, the company reports them done, customs verify them. */
export function registerImprovementPlanRoutes(route: CaseRoute, plans: ImprovementPlanService): void {
  /** The plan as it stands (after a change, what the change made of it), with its measures. */
  const presentCurrentPlan = async (context: RequestContext, id: string) => {
    const data = await plans.get(context, id);
    return presentPlan(data.plan, data.measures, data.isOverdue);
  };

  route('POST', '/improvement-plan', CASE_STAFF, {
    body: planBody,
    response: { 201: improvementPlanSchema },
    run: async ({ context, params, body }) => {
      await plans.require(context, params.id, body);
      return presentCurrentPlan(context, params.id);
    },
  });

  route('GET', '/improvement-plan', SIGNED_IN, {
    response: { 200: improvementPlanSchema },
    run: async ({ context, params }) => presentCurrentPlan(context, params.id),
  });

  route('POST', '/improvement-plan/extension', CASE_STAFF, {
    summary: 'Extend the plan once, with a reason',
    body: planExtensionBody,
    response: { 200: improvementPlanSchema },
    run: async ({ context, params, body }) => {
      await plans.extend(context, params.id, body);
      return presentCurrentPlan(context, params.id);
    },
  });

  route('POST', '/improvement-plan/measures/:measureId/report', SIGNED_IN, {
    summary: 'The company reports a measure done',
    params: measureParams,
    body: measureReportBody,
    response: { 200: improvementMeasureSchema },
    run: async ({ context, params, body }) =>
      presentMeasure(await plans.reportMeasure(context, params.id, params.measureId, body)),
  });

  route('POST', '/improvement-plan/measures/:measureId/verification', CASE_STAFF, {
    params: measureParams,
    body: measureVerificationBody,
    response: { 200: improvementMeasureSchema },
    run: async ({ context, params, body }) =>
      presentMeasure(await plans.verifyMeasure(context, params.id, params.measureId, body)),
  });

  route('POST', '/improvement-plan/completion', CASE_STAFF, {
    summary: 'Every measure verified: back to the report',
    response: { 200: caseSchema },
    run: async ({ context, params }) => presentCase(await plans.complete(context, params.id)),
  });
}
