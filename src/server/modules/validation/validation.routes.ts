import { SIGNED_IN, allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import type { Config } from '../../platform/config';
import { idParamsSchema, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentCase } from './validation.presenters';
import { registerCaseWorkRoutes } from './case-work.routes';
import { registerChecklistPhotoRoutes } from './checklist-photo.routes';
import { registerConsultationRoutes } from './consultation.routes';
import { registerDecisionRoutes } from './decision.routes';
import { registerExaminationRequestRoutes } from './examination-request.routes';
import { casesQuery } from './validation.schemas';
import { presentAuthorisation } from './validation.presenters';

const CUSTOMS = allow({ roles: CASE_ROLES });

/**
 * The AEO office's workspace (desk review, consultation, risk map, visit, report, improvement plan) and the
 * decision side (sign-off, right to be heard, decision, appeal, letters, authorisations).
 */
export function registerValidationRoutes(app: ZodApp, services: Services, config: Config): void {
  const validation = services.validation;

  app.get(
    '/api/v1/validation/cases',
    {
      config: { access: CUSTOMS },
      schema: {
        tags: ['validation'],
        summary: 'Cases under examination, decision or appeal, with their clocks (assigned=me: my cases)',
        querystring: casesQuery,
      },
    },
    async (request) => {
      const rows = await validation.deskReview.listCases(request.context, {
        assignedToMe: request.query.assigned === 'me',
      });
      return { items: rows.map((row) => ({ ...presentCase(row.application), clock: row.clock })) };
    },
  );

  // An authorisation is seen by whoever may see the case it was granted on (office and assignment scope).
  app.get(
    '/api/v1/authorisations',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['authorisations'],
        summary: 'Customs see the authorisations of the cases in their scope; an operator its own',
      },
    },
    async (request) => {
      const rows = await validation.decisions.listAuthorisations(request.context);
      return { items: rows.map(presentAuthorisation) };
    },
  );

  app.get(
    '/api/v1/authorisations/:id',
    { config: { access: SIGNED_IN }, schema: { tags: ['authorisations'], params: idParamsSchema } },
    async (request) => {
      const row = await validation.decisions.getAuthorisation(request.context, request.params.id);
      await services.applications.authorizeRecord(request.context, row.application_id, 'Authorisation');
      return presentAuthorisation(row);
    },
  );

  registerCaseWorkRoutes(app, services);
  registerChecklistPhotoRoutes(app, services, config);
  registerConsultationRoutes(app, services);
  registerDecisionRoutes(app, services);
  registerExaminationRequestRoutes(app, services, config);
}
