import { allow } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentConsultation } from './validation.presenters';
import {
  caseParams,
  consultationBody,
  consultationParams,
  consultationReplyBody,
} from './validation.schemas';

const CUSTOMS = allow({ roles: ['validator', 'aeo_manager', 'admin'] });
const BASE = '/api/v1/applications/:id';
const tags = ['validation'];

/** Consultation of other offices and partner agencies on a case. */
export function registerConsultationRoutes(app: ZodApp, services: Services): void {
  const v = services.validation;

  // Consultation of other offices

  app.get(
    `${BASE}/consultations`,
    { config: { access: CUSTOMS }, schema: { tags, params: caseParams } },
    async (request) => ({
      items: (await v.consultations.list(request.context, request.params.id)).map((c) =>
        presentConsultation(c.row, c.outcome, c.isSilence),
      ),
    }),
  );

  app.post(
    `${BASE}/consultations`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Consult other offices, with a deadline',
        params: caseParams,
        body: consultationBody,
      },
    },
    async (request, reply) => {
      const rows = await v.consultations.send(request.context, request.params.id, request.body);
      return reply.code(201).send({ items: rows.map((row) => presentConsultation(row, 'pending', false)) });
    },
  );

  app.post(
    `${BASE}/consultations/:consultationId/reply`,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: "The consulted office's reply",
        params: consultationParams,
        body: consultationReplyBody,
      },
    },
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
}
