import { CASE_STAFF, allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import { routeOptionsFor, type ZodApp } from '../../platform/http';
import type { CaseRoute } from './case-route';
import type { ConsultationService } from './consultation.service';
import {
  presentAddressedConsultation,
  presentConsultation,
  presentConsultationAddressees,
  presentConsultationSite,
} from './consultation.presenters';
import {
  addressedConsultationDetailSchema,
  addressedConsultationListSchema,
  consultationAddresseesSchema,
  consultationListSchema,
  consultationSchema,
} from './consultation.schemas';
import {
  consultationBody,
  consultationIdParams,
  consultationInboxQuery,
  consultationParams,
  consultationReplyBody,
} from './validation.schemas';

/** The consulted parties: officers of other offices, and partner-agency officers. */
const CONSULTED = allow({ roles: [...CASE_ROLES, 'agency_officer'] });
const inboxRoute = routeOptionsFor('validation');

/** Consultation of other offices and partner agencies on a case, and the consulted party's inbox. */
export function registerConsultationRoutes(
  app: ZodApp,
  route: CaseRoute,
  consultations: ConsultationService,
): void {
  // On the case

  route('GET', '/consultations', CASE_STAFF, {
    summary: "The case's consultations and their outcomes",
    response: { 200: consultationListSchema },
    run: async ({ context, params }) => ({
      items: (await consultations.list(context, params.id)).map((c) =>
        presentConsultation(c.row, c.outcome, c.isSilence),
      ),
    }),
  });

  route('POST', '/consultations', CASE_STAFF, {
    summary: 'Consult other offices and partner agencies, with a deadline',
    body: consultationBody,
    response: { 201: consultationListSchema },
    run: async ({ context, params, body }) => ({
      items: (await consultations.send(context, params.id, body)).map((row) =>
        presentConsultation(row, 'pending', false),
      ),
    }),
  });

  route('POST', '/consultations/:consultationId/reply', CONSULTED, {
    summary: "The consulted office's or agency's reply",
    params: consultationParams,
    body: consultationReplyBody,
    response: { 200: consultationSchema },
    run: async ({ context, params, body }) => {
      const row = await consultations.reply(context, params.id, params.consultationId, body);
      return presentConsultation(row, row.reply_kind ?? 'pending', false);
    },
  });

  // The consulted party's side

  app.get(
    '/api/v1/consultations/addressees',
    inboxRoute(CASE_STAFF, {
      summary: 'Who may be consulted: offices, and partner agencies with an active officer',
      response: { 200: consultationAddresseesSchema },
    }),
    async (request) => presentConsultationAddressees(await consultations.listAddressees(request.context)),
  );

  app.get(
    '/api/v1/consultations',
    inboxRoute(CONSULTED, {
      summary: "Consultations addressed to the caller's office or agency (pending: still to answer)",
      querystring: consultationInboxQuery,
      response: { 200: addressedConsultationListSchema },
    }),
    async (request) => ({
      items: (await consultations.listAddressed(request.context, request.query.status)).map((c) =>
        presentAddressedConsultation(c.row, c.outcome, c.isSilence),
      ),
    }),
  );

  app.get(
    '/api/v1/consultations/:consultationId',
    inboxRoute(CONSULTED, {
      summary: "One consultation addressed to the caller, with the case's declared sites",
      params: consultationIdParams,
      response: { 200: addressedConsultationDetailSchema },
    }),
    async (request) => {
      const found = await consultations.getAddressed(request.context, request.params.consultationId);
      return {
        ...presentAddressedConsultation(found.row, found.outcome, found.isSilence),
        sites: found.sites.map(presentConsultationSite),
        canReply: found.canReply,
      };
    },
  );
}
