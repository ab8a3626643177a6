import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentCase, presentChecklistItem, presentSlot, presentVisit } from './validation.presenters';
import {
  caseParams,
  caseSchema,
  checklistItemSchema,
  checklistListSchema,
  checklistParams,
  minutesBody,
  observationBody,
  slotChoiceBody,
  slotsBody,
  teamBody,
  visitMinutesSchema,
  visitSchema,
  visitSlotListSchema,
  visitSlotSchema,
  visitTeamSchema,
} from './validation.schemas';

const BASE = '/api/v1/applications/:id';
const tags = ['validation'];

/** The on-site visit: slots the company picks from, the team, the checklist and the minutes. */
export function registerOnSiteRoutes(app: ZodApp, services: Services): void {
  const onSite = services.validation.onSite;

  app.get(
    `${BASE}/visit`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Visit slots and date (both sides); team, checklist and minutes (customs)',
        params: caseParams,
        response: { 200: visitSchema },
      },
    },
    async (request) => presentVisit(await onSite.get(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/visit/slots`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Propose visit slots (minimum notice applies)',
        params: caseParams,
        body: slotsBody,
        response: { 201: visitSlotListSchema },
      },
    },
    async (request, reply) => {
      const slots = await onSite.proposeSlots(request.context, request.params.id, request.body.slots);
      return reply.code(201).send({ items: slots.map(presentSlot) });
    },
  );

  app.post(
    `${BASE}/visit/choice`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The company picks one proposed slot',
        params: caseParams,
        body: slotChoiceBody,
        response: { 200: visitSlotSchema },
      },
    },
    async (request) =>
      presentSlot(await onSite.chooseSlot(request.context, request.params.id, request.body.slotId)),
  );

  app.put(
    `${BASE}/visit/team`,
    {
      config: { access: CASE_STAFF },
      schema: { tags, params: caseParams, body: teamBody, response: { 200: visitTeamSchema } },
    },
    async (request) => ({
      team: (await onSite.setTeam(request.context, request.params.id, request.body.userIds)).team_user_ids,
    }),
  );

  app.post(
    `${BASE}/visit/start`,
    { config: { access: CASE_STAFF }, schema: { tags, params: caseParams, response: { 200: caseSchema } } },
    async (request) => presentCase(await onSite.start(request.context, request.params.id)),
  );

  app.post(
    `${BASE}/visit/checklist`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Generate the checklist from the risk map and the desk review',
        params: caseParams,
        response: { 200: checklistListSchema },
      },
    },
    async (request) => ({
      items: (await onSite.generateChecklist(request.context, request.params.id)).map(presentChecklistItem),
    }),
  );

  app.patch(
    `${BASE}/visit/checklist/:itemId`,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        params: checklistParams,
        body: observationBody,
        response: { 200: checklistItemSchema },
      },
    },
    async (request) =>
      presentChecklistItem(
        await onSite.observe(request.context, request.params.id, request.params.itemId, request.body),
      ),
  );

  app.put(
    `${BASE}/visit/minutes`,
    {
      config: { access: CASE_STAFF },
      schema: { tags, params: caseParams, body: minutesBody, response: { 200: visitMinutesSchema } },
    },
    async (request) => ({
      minutes: (await onSite.recordMinutes(request.context, request.params.id, request.body.minutes)).minutes,
    }),
  );
}
