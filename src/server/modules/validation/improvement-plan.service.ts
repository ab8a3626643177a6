import type { Db, Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { today } from '../../../programme-core';
import type { AuditService } from '../audit/audit.service';
import { assertState, precheck } from '../applications/case-guards';
import type { ApplicationRow, ApplicationsService } from '../applications/applications.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ProgrammeService } from '../programme/programme.service';
import { requireUserId } from '../../platform/access-control';
import { isWithin, pauseClock, resumeClock } from './case-clock.engine';
import { recordCaseEvent } from './case-events';
import type { CaseNotifier } from './case-notifier';
import type { ValidationRepository } from './validation.repository';

/** The compliance improvement plan: measures with a deadline (extendable once), reported by the company, verified by customs. */
export class ImprovementPlanService {
  constructor(
    private readonly db: Db,
    private readonly repository: ValidationRepository,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly notifications: NotificationsService,
    private readonly applications: ApplicationsService,
    private readonly notifier: CaseNotifier,
  ) {}

  async require(
    context: RequestContext,
    id: string,
    input: { dueDate: string; measures: Array<{ description: string; criterion?: string | undefined }> },
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    precheck(access.application, 'require_improvement', 'customs');
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
      const updated = await this.applications.transition(
        trx,
        context,
        access,
        'require_improvement',
        (_to, row) => pauseClock(row, context.now),
        { dueDate: input.dueDate, measures: input.measures.length },
      );
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
    const access = await this.applications.authorizeCustoms(context, id);
    assertState(access.application, ['improvement_plan'], 'Extending the improvement plan');
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
      await recordCaseEvent(this.audit, trx, context, access.application, 'validation.improvement_extended', {
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
      await recordCaseEvent(
        this.audit,
        trx,
        context,
        access.application,
        'validation.measure_reported',
        { measureId },
        access.onBehalfOfOperatorId,
      );
      await this.notifier.notify(
        trx,
        context.now,
        access.application,
        'case_officers',
        'validation.measure_reported',
      );
      return measure;
    });
  }

  async verifyMeasure(
    context: RequestContext,
    id: string,
    measureId: string,
    input: { outcome: 'verified' | 'not_met'; note?: string | undefined },
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    assertState(access.application, ['improvement_plan'], 'Verifying a measure');
    return this.db.transaction().execute(async (trx) => {
      const measure = await this.repository.updateMeasure(trx, id, measureId, {
        status: input.outcome,
        verified_by: requireUserId(context),
        verified_at: context.now,
        verification_note: input.note ?? null,
      });
      if (!measure) throw notFound('Measure');
      await recordCaseEvent(this.audit, trx, context, access.application, 'validation.measure_verified', {
        measureId,
        outcome: input.outcome,
      });
      return measure;
    });
  }

  /** Every measure verified: the case moves on to a new report and sign-off, and the decision clock runs again. */
  async complete(context: RequestContext, id: string) {
    const access = await this.applications.authorizeCustoms(context, id);
    precheck(access.application, 'verify_improvement', 'customs');
    const measures = await this.repository.listMeasures(this.db, id);
    const open = measures.filter((m) => m.status !== 'verified');
    if (open.length) {
      throw conflict('Every measure must be verified before the case moves on.', {
        reason: 'measures_not_verified',
        measureIds: open.map((m) => m.id),
      });
    }
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const calendar = await this.applications.calendar(definition);
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.applications.transition(
        trx,
        context,
        access,
        'verify_improvement',
        (_to, row) => resumeClock(row, context.now, calendar),
      );
      await this.notifications.cancelReminder(trx, `application:${id}:improvement`);
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.improvement_verified');
      return updated;
    });
  }
}
