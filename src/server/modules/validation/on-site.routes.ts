import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
import { presentCase, presentChecklistItem, presentSlot, presentVisit } from './validation.presenters';
import {
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

const caseRoute = caseRouteOptions('validation');

/** The on-site visit: slots the company picks from, the team, the checklist and the minutes. */
export function registerOnSiteRoutes(app: ZodApp, services: Services): void {
  const onSite = services.validation.onSite;

  app.get(
    `${CASE_PATH}/visit`,
    caseRoute(SIGNED_IN, {
      summary: 'Visit slots and date (both sides); team, checklist and minutes (customs)',
      response: { 200: visitSchema },
    }),
    async (request) => presentVisit(await onSite.get(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/visit/slots`,
    caseRoute(CASE_STAFF, {
      summary: 'Propose visit slots (minimum notice applies)',
      body: slotsBody,
      response: { 201: visitSlotListSchema },
    }),
    async (request, reply) => {
      const slots = await onSite.proposeSlots(request.context, request.params.id, request.body.slots);
      return reply.code(201).send({ items: slots.map(presentSlot) });
    },
  );

  app.post(
    `${CASE_PATH}/visit/choice`,
    caseRoute(SIGNED_IN, {
      summary: 'The company picks one proposed slot',
      body: slotChoiceBody,
      response: { 200: visitSlotSchema },
    }),
    async (request) =>
      presentSlot(await onSite.chooseSlot(request.context, request.params.id, request.body.slotId)),
  );

  app.put(
    `${CASE_PATH}/visit/team`,
    caseRoute(CASE_STAFF, { body: teamBody, response: { 200: visitTeamSchema } }),
    async (request) => ({
      team: (await onSite.setTeam(request.context, request.params.id, request.body.userIds)).team_user_ids,
    }),
  );

  app.post(
    `${CASE_PATH}/visit/start`,
    caseRoute(CASE_STAFF, { response: { 200: caseSchema } }),
    async (request) => presentCase(await onSite.start(request.context, request.params.id)),
  );

  app.post(
    `${CASE_PATH}/visit/checklist`,
    caseRoute(CASE_STAFF, {
      summary: 'Generate the checklist from the risk map and the desk review',
      response: { 200: checklistListSchema },
    }),
    async (request) => ({
      items: (await onSite.generateChecklist(request.context, request.params.id)).map(presentChecklistItem),
    }),
  );

  app.patch(
    `${CASE_PATH}/visit/checklist/:itemId`,
    caseRoute(CASE_STAFF, {
      params: checklistParams,
      body: observationBody,
      response: { 200: checklistItemSchema },
    }),
    async (request) =>
      presentChecklistItem(
        await onSite.observe(request.context, request.params.id, request.params.itemId, request.body),
      ),
  );

  app.put(
    `${CASE_PATH}/visit/minutes`,
    caseRoute(CASE_STAFF, { body: minutesBody, response: { 200: visitMinutesSchema } }),
    async (request) => ({
      minutes: (await onSite.recordMinutes(request.context, request.params.id, request.body.minutes)).minutes,
    }),
  );
}
