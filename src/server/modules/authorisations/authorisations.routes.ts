import { allow, SIGNED_IN } from '../../platform/access-control';
import {
  contentDisposition,
  fileResponse,
  idParamsSchema,
  routeOptionsFor,
  routesFor,
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

const certificateRoute = routeOptionsFor('certificates');

export function registerAuthorisationsRoutes(app: ZodApp, services: Services): void {
  const { authorisations, trust } = services;
  const route = routesFor(app, 'authorisations');
  const certificates = routesFor(app, 'certificates');

  // An authorisation is seen by whoever may see the case it was granted on (office and assignment scope).
  route.get(
    '/api/v1/authorisations',
    {
      access: SIGNED_IN,
      summary: 'Customs see the authorisations of the cases in their scope; an operator its own',
      response: { 200: authorisationListSchema },
    },
    async (request) => ({
      items: (await authorisations.listVisible(request.context)).map(presentAuthorisation),
    }),
  );

  route.get(
    '/api/v1/authorisations/:id',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: authorisationSchema } },
    async (request) =>
      presentAuthorisation(await authorisations.getVisible(request.context, request.params.id)),
  );

  // ----- certificate and status (the trust module's services) ----------------------------------------------------

  certificates.get(
    '/api/v1/authorisations/:id/certificate',
    {
      access: SIGNED_IN,
      summary:
        'The signed certificate (issued on first request) with status lists and log proof: a verification bundle',
      params: idParamsSchema,
      response: { 200: certificateBundleSchema },
    },
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

  certificates.post(
    '/api/v1/authorisations/:id/status',
    {
      access: STATUS_CHANGERS,
      summary:
        'Suspend, reinstate or revoke: status lists, log, register and trusted traders change together',
      params: idParamsSchema,
      body: statusChangeBodySchema,
      response: { 200: statusChangeResultSchema },
    },
    async (request) => trust.changeStatus(request.context, request.params.id, request.body),
  );

  certificates.get(
    '/api/v1/authorisations/:id/status-changes',
    {
      access: SIGNED_IN,
      summary: 'Suspensions, reinstatements and revocation',
      params: idParamsSchema,
      response: { 200: statusChangeListSchema },
    },
    async (request) => ({ items: await trust.listStatusChanges(request.context, request.params.id) }),
  );
}
