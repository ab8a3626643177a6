import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { visibleQuestions } from '../programme';
import type { ApplicationState } from '../applications/application-lifecycle';
import { earliestVisitStart } from './case-clock.engine';
import type { CaseWorkspace } from './case-workspace';
import { MINIMUM_VISIT_NOTICE_DAYS, generateChecklist } from './on-site-checklist.engine';
import type { ChecklistResult } from './validation.tables';

const PLANNING_STATES: ApplicationState[] = ['accepted', 'desk_review'];

/** The on-site visit: slots proposed with notice, the company's choice, the team, the checklist, minutes. */
export class OnSiteService {
  constructor(private readonly ws: CaseWorkspace) {}

  async get(context: RequestContext, id: string) {
    const access = await this.ws.view(context, id);
    const [slots, visit] = await Promise.all([
      this.ws.repository.listSlots(this.ws.db, id),
      this.ws.repository.findVisit(this.ws.db, id),
    ]);
    const checklist =
      access.side === 'customs' ? await this.ws.repository.listChecklist(this.ws.db, id) : null;
    return { side: access.side, slots, visit: visit ?? null, checklist };
  }

  async proposeSlots(
    context: RequestContext,
    id: string,
    slots: Array<{ startsAt: string; endsAt: string }>,
  ) {
    const access = await this.ws.customs(context, id);
    this.ws.assertState(access.application, PLANNING_STATES, 'Planning the visit');
    const earliest = earliestVisitStart(context.now, MINIMUM_VISIT_NOTICE_DAYS);
    const fields = slots.flatMap((slot, index) => {
      const start = new Date(slot.startsAt);
      const end = new Date(slot.endsAt);
      return [
        ...(start < earliest
          ? [
              {
                path: `slots[${index}].startsAt`,
                message: `Give the company at least ${MINIMUM_VISIT_NOTICE_DAYS} days' notice (from ${earliest.toISOString().slice(0, 10)}).`,
              },
            ]
          : []),
        ...(end <= start
          ? [{ path: `slots[${index}].endsAt`, message: 'The visit must end after it starts.' }]
          : []),
      ];
    });
    if (fields.length) throw validationError(fields);
    const userId = this.ws.userId(context);
    return this.ws.db.transaction().execute(async (trx) => {
      if (access.application.status === 'accepted')
        await this.ws.transition(trx, context, access, 'start_review');
      const rows = await this.ws.repository.insertSlots(
        trx,
        slots.map((slot) => ({
          application_id: id,
          starts_at: new Date(slot.startsAt),
          ends_at: new Date(slot.endsAt),
          proposed_by: userId,
          proposed_at: context.now,
        })),
      );
      await this.ws.record(trx, context, access.application, 'validation.visit_slots_proposed', {
        slots: rows.map((r) => r.starts_at.toISOString()),
      });
      await this.ws.notifyApplicant(trx, context.now, access.application, 'validation.visit_proposed');
      return rows;
    });
  }

  async chooseSlot(context: RequestContext, id: string, slotId: string) {
    const access = await this.ws.applicant(context, id);
    this.ws.assertState(access.application, PLANNING_STATES, 'Choosing a visit date');
    const slot = (await this.ws.repository.listSlots(this.ws.db, id)).find((s) => s.id === slotId);
    if (!slot) throw notFound('Slot');
    if (slot.status !== 'proposed') throw conflict('This slot can no longer be chosen.');
    if (slot.starts_at <= context.now) throw conflict('This slot has already passed.');
    return this.ws.db.transaction().execute(async (trx) => {
      const chosen = await this.ws.repository.chooseSlot(
        trx,
        id,
        slotId,
        this.ws.userId(context),
        context.now,
      );
      await this.ws.record(
        trx,
        context,
        access.application,
        'validation.visit_slot_chosen',
        { slotId, startsAt: chosen.starts_at.toISOString() },
        access.onBehalfOfOperatorId,
      );
      await this.ws.notifyCaseOfficers(trx, context.now, access.application, 'validation.visit_chosen', {
        date: chosen.starts_at.toISOString().slice(0, 16).replace('T', ' '),
      });
      return chosen;
    });
  }

  async setTeam(context: RequestContext, id: string, userIds: string[]) {
    const access = await this.ws.customs(context, id);
    const validators = new Set(await this.ws.organisations.activeValidatorIds());
    const unknown = userIds.findIndex((userId) => !validators.has(userId));
    if (unknown >= 0)
      throw validationError([{ path: `userIds[${unknown}]`, message: 'Choose an active validator.' }]);
    return this.ws.db.transaction().execute(async (trx) => {
      const visit = await this.ws.repository.upsertVisit(trx, id, { team_user_ids: userIds });
      await this.ws.record(trx, context, access.application, 'validation.visit_team_set', { userIds });
      return visit;
    });
  }

  /** The visit starts once the company has chosen a date. */
  async start(context: RequestContext, id: string) {
    const access = await this.ws.customs(context, id);
    this.ws.precheck(access.application, 'start_on_site', 'customs');
    const chosen = (await this.ws.repository.listSlots(this.ws.db, id)).find((s) => s.status === 'chosen');
    if (!chosen) throw conflict('The company has not chosen a visit date yet.', { reason: 'no_visit_date' });
    return this.ws.db
      .transaction()
      .execute((trx) =>
        this.ws.transition(trx, context, access, 'start_on_site', () => ({}), { slotId: chosen.id }),
      );
  }

  /** Generated from the risk map and the desk review; running it again adds only what is new. */
  async generateChecklist(context: RequestContext, id: string) {
    const access = await this.ws.customs(context, id);
    this.ws.assertState(access.application, ['desk_review', 'on_site'], 'Preparing the checklist');
    const [data, risks, findings, existing] = await Promise.all([
      this.ws.caseData(access.application),
      this.ws.repository.listRisks(this.ws.db, id),
      this.ws.repository.listFindings(this.ws.db, id),
      this.ws.repository.listChecklist(this.ws.db, id),
    ]);
    const questions = visibleQuestions(data.definition, { ...data.questionnaire, answers: data.answers }).map(
      (q) => ({
        id: q.id,
        title: q.title.en,
        criteria: q.criteria,
      }),
    );
    const seeds = generateChecklist(
      risks.map((r) => ({
        id: r.id,
        title: r.title,
        criterion: r.criterion,
        likelihood: r.likelihood,
        impact: r.impact,
        controlEffectiveness: r.control_effectiveness,
      })),
      questions,
      Object.fromEntries(findings.map((f) => [f.question_id, f])),
    );
    const start = existing.length;
    return this.ws.db.transaction().execute(async (trx) => {
      const added = await this.ws.repository.insertChecklistItems(
        trx,
        seeds.map((seed, index) => ({
          application_id: id,
          position: start + index,
          source: seed.source,
          source_ref: seed.sourceRef,
          criterion: seed.criterion,
          title: seed.title,
        })),
      );
      await this.ws.record(trx, context, access.application, 'validation.checklist_generated', { added });
      return this.ws.repository.listChecklist(trx, id);
    });
  }

  async observe(
    context: RequestContext,
    id: string,
    itemId: string,
    input: { result: ChecklistResult; observation?: string | undefined },
  ) {
    const access = await this.ws.customs(context, id);
    this.ws.assertState(access.application, ['desk_review', 'on_site'], 'Recording an observation');
    return this.ws.db.transaction().execute(async (trx) => {
      const row = await this.ws.repository.updateChecklistItem(trx, id, itemId, {
        result: input.result,
        ...(input.observation !== undefined ? { observation: input.observation } : {}),
        observed_by: this.ws.userId(context),
        observed_at: context.now,
      });
      if (!row) throw notFound('Checklist item');
      await this.ws.record(trx, context, access.application, 'validation.observation_recorded', {
        itemId,
        result: input.result,
      });
      return row;
    });
  }

  async recordMinutes(context: RequestContext, id: string, minutes: string) {
    const access = await this.ws.customs(context, id);
    this.ws.assertState(access.application, ['on_site'], 'Recording the minutes');
    return this.ws.db.transaction().execute(async (trx) => {
      const visit = await this.ws.repository.upsertVisit(trx, id, {
        minutes,
        minutes_by: this.ws.userId(context),
        minutes_at: context.now,
      });
      await this.ws.record(trx, context, access.application, 'validation.minutes_recorded', {
        length: minutes.length,
      });
      return visit;
    });
  }
}
