import { CASE_STAFF, allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
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
const tags = ['validation'];
const caseRoute = caseRouteOptions('validation');

/** Consultation of other offices and partner agencies on a case, and the consulted party's inbox. */
export function registerConsultationRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  // On the case

  app.get(
    `${CASE_PATH}/consultations`,
    caseRoute(CASE_STAFF, {
      summary: "The case's consultations and their outcomes",
      response: { 200: consultationListSchema },
    }),
    async (request) => ({
      items: (await v.consultations.list(request.context, request.params.id)).map((c) =>
        presentConsultation(c.row, c.outcome, c.isSilence),
      ),
    }),
  );

  app.post(
    `${CASE_PATH}/consultations`,
    caseRoute(CASE_STAFF, {
      summary: 'Consult other offices and partner agencies, with a deadline',
      body: consultationBody,
      response: { 201: consultationListSchema },
    }),
    async (request, reply) => {
      const rows = await v.consultations.send(request.context, request.params.id, request.body);
      return reply.code(201).send({ items: rows.map((row) => presentConsultation(row, 'pending', false)) });
    },
  );

  app.post(
    `${CASE_PATH}/consultations/:consultationId/reply`,
    caseRoute(CONSULTED, {
      summary: "The consulted office's or agency's reply",
      params: consultationParams,
      body: consultationReplyBody,
      response: { 200: consultationSchema },
    }),
    async (request) => {
      const row = await v.consultations.reply(
        request.context,
        request.params.id,
        request.params.consultationId,
        request.body,
      );
      return presentConsultation(row, row.reply_kind ?? 'pending', false);
    },
  );

  // The consulted party's side

  app.get(
    '/api/v1/consultations/addressees',
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Who may be consulted: offices, and partner agencies with an active officer',
        response: { 200: consultationAddresseesSchema },
      },
    },
    async (request) => presentConsultationAddressees(await v.consultations.listAddressees(request.context)),
  );

  app.get(
    '/api/v1/consultations',
    {
      config: { access: CONSULTED },
      schema: {
        tags,
        summary: "Consultations addressed to the caller's office or agency (pending: still to answer)",
        querystring: consultationInboxQuery,
        response: { 200: addressedConsultationListSchema },
      },
    },
    async (request) => ({
      items: (await v.consultations.listAddressed(request.context, request.query.status)).map((c) =>
        presentAddressedConsultation(c.row, c.outcome, c.isSilence),
      ),
    }),
  );

  app.get(
    '/api/v1/consultations/:consultationId',
    {
      config: { access: CONSULTED },
      schema: {
        tags,
        summary: "One consultation addressed to the caller, with the case's declared sites",
        params: consultationIdParams,
        response: { 200: addressedConsultationDetailSchema },
      },
    },
    async (request) => {
      const found = await v.consultations.getAddressed(request.context, request.params.consultationId);
      return {
        ...presentAddressedConsultation(found.row, found.outcome, found.isSilence),
        sites: found.sites.map(presentConsultationSite),
        canReply: found.canReply,
      };
    },
  );
}
