import { CASE_STAFF } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { caseRoutes } from './case-route';
import { registerChecklistPhotoRoutes } from './checklist-photo.routes';
import { registerConsultationRoutes } from './consultation.routes';
import { registerDecisionRoutes } from './decision.routes';
import { registerDeskReviewRoutes } from './desk-review.routes';
import { registerExaminationRequestRoutes } from './examination-request.routes';
import { registerImprovementPlanRoutes } from './improvement-plan.routes';
import { registerOnSiteRoutes } from './on-site.routes';
import { registerReportRoutes } from './report.routes';
import { registerRiskMapRoutes } from './risk-map.routes';
import { presentCase } from './validation.presenters';
import { caseListSchema, casesQuery } from './validation.schemas';

/**
 * The AEO office's workspace (desk review, consultation, risk map, visit, report, improvement plan) and the
 * decision side (sign-off, right to be heard, decision, appeal, letters); authorisations have their own module.
 */
export function registerValidationRoutes(app: ZodApp, services: Services, config: Config): void {
  const validation = services.validation;

  app.get(
    '/api/v1/validation/cases',
    {
      config: { access: CASE_STAFF },
      schema: {
        tags: ['validation'],
        summary: 'Cases under examination, decision or appeal, with their clocks (assigned=me: my cases)',
        querystring: casesQuery,
        response: { 200: caseListSchema },
      },
    },
    async (request) => {
      const rows = await validation.deskReview.listCases(request.context, {
        assignedToMe: request.query.assigned === 'me',
      });
      return { items: rows.map((row) => ({ ...presentCase(row.application), clock: row.clock })) };
    },
  );

  const route = caseRoutes(app, 'validation');
  registerDeskReviewRoutes(route, services);
  registerRiskMapRoutes(route, validation.riskMap);
  registerOnSiteRoutes(route, validation.onSite);
  registerReportRoutes(route, validation.reports);
  registerImprovementPlanRoutes(route, validation.improvementPlans);
  registerChecklistPhotoRoutes(route, validation.onSite, config.uploadLimitBytes);
  registerConsultationRoutes(app, route, validation.consultations);
  registerDecisionRoutes(caseRoutes(app, 'decision'), validation);
  registerExaminationRequestRoutes(route, validation.informationRequests, config.uploadLimitBytes);
}
