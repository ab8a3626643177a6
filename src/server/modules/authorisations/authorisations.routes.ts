import { allow, SIGNED_IN } from '../../platform/access-control';
import {
  contentDisposition,
  fileResponse,
  idParamsSchema,
  routeOptionsFor,
  type ZodApp,
} from '../../platform/http';
import type { Services } from '../../services';
import { certificateBundleSchema } from '../trust/trust.schemas';
import { presentAuthorisation } from './authorisations.presenters';
import {
  authorisationListSchema,
  authorisationSchema,
  statusChangeBodySchema,
  statusChangeListSchema,
  statusChangeResultSchema,
} from './authorisations.schemas';

/**
 * Every `/api/v1/authorisations…` route: the record itself, and its certificate and status history, which the trust
 * module's services produce.
 */
/** Suspension, reinstatement and revocation are the AEO manager's acts alone (the administrator does not stand in). */
const STATUS_CHANGERS = allow({ roles: ['aeo_manager'] });

const authorisationRoute = routeOptionsFor('authorisations');
const certificateRoute = routeOptionsFor('certificates');

export function registerAuthorisationsRoutes(app: ZodApp, services: Services): void {
  const { authorisations, trust } = services;

  // An authorisation is seen by whoever may see the case it was granted on (office and assignment scope).
  app.get(
    '/api/v1/authorisations',
    authorisationRoute(SIGNED_IN, {
      summary: 'Customs see the authorisations of the cases in their scope; an operator its own',
      response: { 200: authorisationListSchema },
    }),
    async (request) => {
      const rows = await authorisations.listVisible(request.context);
      return { items: rows.map(presentAuthorisation) };
    },
  );

  app.get(
    '/api/v1/authorisations/:id',
    authorisationRoute(SIGNED_IN, { params: idParamsSchema, response: { 200: authorisationSchema } }),
    async (request) =>
      presentAuthorisation(await authorisations.getVisible(request.context, request.params.id)),
  );

  // ----- certificate and status (the trust module's services) ----------------------------------------------------

  app.get(
    '/api/v1/authorisations/:id/certificate',
    certificateRoute(SIGNED_IN, {
      summary:
        'The signed certificate (issued on first request) with status lists and log proof: a verification bundle',
      params: idParamsSchema,
      response: { 200: certificateBundleSchema },
    }),
    async (request) => trust.getCertificate(request.context, request.params.id),
  );

  app.get(
    '/api/v1/authorisations/:id/certificate.pdf',
    certificateRoute(SIGNED_IN, {
      summary: 'The certificate as PDF (English and Russian, with QR code)',
      params: idParamsSchema,
      response: { 200: fileResponse(['application/pdf'], 'The certificate, signed, as PDF.') },
    }),
    async (request, reply) => {
      const { pdf, fileName } = await trust.getCertificatePdf(request.context, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/authorisations/:id/status',
    certificateRoute(STATUS_CHANGERS, {
      summary:
        'Suspend, reinstate or revoke: status lists, log, register and trusted traders change together',
      params: idParamsSchema,
      body: statusChangeBodySchema,
      response: { 200: statusChangeResultSchema },
    }),
    async (request) => trust.changeStatus(request.context, request.params.id, request.body),
  );

  app.get(
    '/api/v1/authorisations/:id/status-changes',
    certificateRoute(SIGNED_IN, {
      summary: 'Suspensions, reinstatements and revocation',
      params: idParamsSchema,
      response: { 200: statusChangeListSchema },
    }),
    async (request) => ({ items: await trust.listStatusChanges(request.context, request.params.id) }),
  );
}
