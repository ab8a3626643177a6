import type { Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { today } from '../../../programme-core';
import { assertState } from '../applications/case-guards';
import type { ApplicationRow } from '../applications/applications.service';
import { requireUserId } from '../../platform/access-control';
import { isWithin } from './case-clock.engine';
import { CaseService } from './case-service';

/** The compliance improvement plan: measures with a deadline (extendable once), reported by the company, verified by customs. */
export class ImprovementPlanService extends CaseService {
  async require(
    context: RequestContext,
    id: string,
    input: { dueDate: string; measures: Array<{ description: string; criterion?: string | undefined }> },
  ) {
    const access = await this.authorizeCustomsFor(context, id, 'require_improvement');
    if (input.dueDate <= today(context.now)) {
      throw validationError([{ path: 'dueDate', message: 'Give the company a deadline after today.' }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.repository.replacePlan(
        trx,
        {
          application_id: id,
          due_date: input.dueDate,
          original_due: input.dueDate,
          created_by: requireUserId(context),
          created_at: context.now,
        },
        input.measures.map((m) => ({ description: m.description, criterion: m.criterion ?? null })),
      );
      // The company's time to improve does not run against customs.
      const updated = await this.transitionPausingClock(trx, context, access, 'require_improvement', {
        dueDate: input.dueDate,
        measures: input.measures.length,
      });
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.improvement_required', {
        dueDate: input.dueDate,
      });
      await this.scheduleReminder(trx, updated, input.dueDate);
      return { application: updated, plan };
    });
  }

  private async scheduleReminder(trx: Trx, application: ApplicationRow, dueDate: string) {
    await this.notifier.remindApplicant(trx, application, {
      key: `application:${application.id}:improvement`,
      title: `Compliance improvement plan of ${application.reference}`,
      dueDate,
      daysBefore: 7,
    });
  }

  async get(context: RequestContext, id: string) {
    await this.applications.authorizeEitherSide(context, id);
    const plan = await this.repository.findPlan(this.db, id);
    if (!plan) throw notFound('Improvement plan');
    const measures = await this.repository.listMeasures(this.db, id);
    return { plan, measures, isOverdue: !isWithin(plan.due_date, context.now) };
  }

  /** The deadline moves once, with a reason. */
  async extend(context: RequestContext, id: string, input: { dueDate: string; reason: string }) {
    const access = await this.authorizeCustomsIn(
      context,
      id,
      ['improvement_plan'],
      'Extending the improvement plan',
    );
    const plan = await this.repository.findPlan(this.db, id);
    if (!plan) throw notFound('Improvement plan');
    if (plan.extended_at) {
      throw conflict('The improvement plan has already been extended once.', { reason: 'already_extended' });
    }
    if (input.dueDate <= plan.due_date) {
      throw validationError([
        { path: 'dueDate', message: `Give a date after the current deadline ${plan.due_date}.` },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repository.updatePlan(trx, id, {
        due_date: input.dueDate,
        extension_reason: input.reason,
        extended_by: requireUserId(context),
        extended_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.improvement_extended', {
        previousDue: plan.due_date,
        newDue: input.dueDate,
        reason: input.reason,
      });
      await this.applications.notifyApplicant(
        trx,
        context.now,
        access.application,
        'validation.improvement_extended',
        {
          dueDate: input.dueDate,
          reason: input.reason,
        },
      );
      await this.scheduleReminder(trx, access.application, input.dueDate);
      return updated;
    });
  }

  /** The company reports a measure carried out, before the deadline. */
  async reportMeasure(context: RequestContext, id: string, measureId: string, input: { note: string }) {
    const access = await this.applications.authorizeApplicant(context, id);
    assertState(access.application, ['improvement_plan'], 'Reporting a measure');
    const plan = await this.repository.findPlan(this.db, id);
    if (!plan) throw notFound('Improvement plan');
    if (!isWithin(plan.due_date, context.now)) {
      throw conflict(`The improvement plan was due on ${plan.due_date}.`, {
        reason: 'improvement_plan_overdue',
        dueDate: plan.due_date,
      });
    }
    return this.db.transaction().execute(async (trx) => {
      const measure = await this.repository.updateMeasure(trx, id, measureId, {
        status: 'reported_done',
        operator_note: input.note,
        reported_at: context.now,
      });
      if (!measure) throw notFound('Measure');
      await this.recordForOfficers(trx, context, access.application, {
        action: 'validation.measure_reported',
        summary: { measureId },
        onBehalfOfOperatorId: access.onBehalfOfOperatorId,
        event: 'validation.measure_reported',
      });
      return measure;
    });
  }

  async verifyMeasure(
    context: RequestContext,
    id: string,
    measureId: string,
    input: { outcome: 'verified' | 'not_met'; note?: string | undefined },
  ) {
    const access = await this.authorizeCustomsIn(context, id, ['improvement_plan'], 'Verifying a measure');
    return this.db.transaction().execute(async (trx) => {
      const measure = await this.repository.updateMeasure(trx, id, measureId, {
        status: input.outcome,
        verified_by: requireUserId(context),
        verified_at: context.now,
        verification_note: input.note ?? null,
      });
      if (!measure) throw notFound('Measure');
      await this.recordEvent(trx, context, access.application, 'validation.measure_verified', {
        measureId,
        outcome: input.outcome,
      });
      return measure;
    });
  }

  /** Every measure verified: the case moves on to a new report and sign-off, and the decision clock runs again. */
  async complete(context: RequestContext, id: string) {
    const access = await this.authorizeCustomsFor(context, id, 'verify_improvement');
    const measures = await this.repository.listMeasures(this.db, id);
    const open = measures.filter((m) => m.status !== 'verified');
    if (open.length) {
      throw conflict('Every measure must be verified before the case moves on.', {
        reason: 'measures_not_verified',
        measureIds: open.map((m) => m.id),
      });
    }
    const calendar = await this.calendarOf(access.application);
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transitionResumingClock(
        trx,
        context,
        access,
        'verify_improvement',
        calendar,
      );
      await this.notifications.cancelReminder(trx, `application:${id}:improvement`);
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.improvement_verified');
      return updated;
    });
  }
}
