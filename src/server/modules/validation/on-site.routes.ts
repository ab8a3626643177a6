import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { CaseRoute } from './case-route';
import type { OnSiteService } from './on-site.service';
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

/** The on-site visit: slots the company picks from, the team, the checklist and the minutes. */
export function registerOnSiteRoutes(route: CaseRoute, onSite: OnSiteService): void {
  route('GET', '/visit', SIGNED_IN, {
    summary: 'Visit slots and date (both sides); team, checklist and minutes (customs)',
    response: { 200: visitSchema },
    run: async ({ context, params }) => presentVisit(await onSite.get(context, params.id)),
  });

  route('POST', '/visit/slots', CASE_STAFF, {
    summary: 'Propose visit slots (minimum notice applies)',
    body: slotsBody,
    response: { 201: visitSlotListSchema },
    run: async ({ context, params, body }) => ({
      items: (await onSite.proposeSlots(context, params.id, body.slots)).map(presentSlot),
    }),
  });

  route('POST', '/visit/choice', SIGNED_IN, {
    summary: 'The company picks one proposed slot',
    body: slotChoiceBody,
    response: { 200: visitSlotSchema },
    run: async ({ context, params, body }) =>
      presentSlot(await onSite.chooseSlot(context, params.id, body.slotId)),
  });

  route('PUT', '/visit/team', CASE_STAFF, {
    body: teamBody,
    response: { 200: visitTeamSchema },
    run: async ({ context, params, body }) => ({
      team: (await onSite.setTeam(context, params.id, body.userIds)).team_user_ids,
    }),
  });

  route('POST', '/visit/start', CASE_STAFF, {
    response: { 200: caseSchema },
    run: async ({ context, params }) => presentCase(await onSite.start(context, params.id)),
  });

  route('POST', '/visit/checklist', CASE_STAFF, {
    summary: 'Generate the checklist from the risk map and the desk review',
    response: { 200: checklistListSchema },
    run: async ({ context, params }) => ({
      items: (await onSite.generateChecklist(context, params.id)).map(presentChecklistItem),
    }),
  });

  route('PATCH', '/visit/checklist/:itemId', CASE_STAFF, {
    params: checklistParams,
    body: observationBody,
    response: { 200: checklistItemSchema },
    run: async ({ context, params, body }) =>
      presentChecklistItem(await onSite.observe(context, params.id, params.itemId, body)),
  });

  route('PUT', '/visit/minutes', CASE_STAFF, {
    body: minutesBody,
    response: { 200: visitMinutesSchema },
    run: async ({ context, params, body }) => ({
      minutes: (await onSite.recordMinutes(context, params.id, body.minutes)).minutes,
    }),
  });
}
