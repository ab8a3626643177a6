import { randomBytes } from 'node:crypto';
import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Db, type Trx } from '../../platform/database';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import {
  computeDeadline,
  isSme,
  type ProgrammeDefinition,
  type Variant,
  today,
  DAY_MS,
} from '../../../programme-core';
import type { ProgrammeService } from '../programme/programme.service';
import {
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import type { ApplicationAccess, ApplicationAccessService } from './application-access.service';
import type { ApplicationDossierService } from './application-dossier.service';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository';

/**
 * What the validation module adds to intake, without this module depending on it: the official letters of intake
 * decisions (the letters and their templates live in validation, which wires this).
 */
export interface IntakeHooks {
  intakeLetter(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    kind: 'acceptance' | 'information_request',
    params: Record<string, string>,
  ): Promise<void>;
}

/**
 * The application's lifecycle up to acceptance: opening, submission, the intake decision, the request for information
 * and its reply, withdrawal, expiry and assignment; and the audited transition the validation module drives on.
 */
export class ApplicationIntakeService {
  private readonly repository = new ApplicationsRepository();
  private hooks: IntakeHooks | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
    private readonly access: ApplicationAccessService,
    private readonly dossier: ApplicationDossierService,
    private readonly authorisations: AuthorisationsService,
  ) {}

  useIntakeHooks(hooks: IntakeHooks): void {
    this.hooks = hooks;
  }

  /** 409 while a revocation's or a rejection's bar runs (the programme's clocks say how long). */
  private async assertNotBarred(operatorId: string, authorisationType: string, now: Date): Promise<void> {
    const bar = await this.authorisations.reapplicationBar(operatorId, authorisationType, now);
    if (!bar) return;
    const cause =
      bar.cause === 'revocation' ? 'its authorisation was revoked' : 'its application was rejected';
    throw conflict(
      `The operator may not apply again for ${authorisationType} before ${bar.barredUntil}: ${cause}.`,
      { reason: 'reapplication_barred', barredUntil: bar.barredUntil, cause: bar.cause },
    );
  }

  async create(
    context: RequestContext,
    input: { authorisationType: string; variant?: Variant | undefined; operatorId?: string | undefined },
  ) {
    const principal = context.principal;
    const operatorId = input.operatorId ?? (principal?.kind === 'user' ? principal.operatorId : null);
    if (!operatorId) throw validationError([{ path: 'operatorId', message: 'Say which operator applies.' }]);
    const access = await this.organisations.authorizeOperator(context, operatorId, 'prepare');
    const operator = await this.organisations.getOperatorRow(operatorId);
    const programme = await this.programme.getActive();
    const definition = programme.definition;
    if (!definition.authorisationTypes.some((type) => type.id === input.authorisationType)) {
      throw validationError([
        {
          path: 'authorisationType',
          message: `Unknown authorisation type; this programme has ${definition.authorisationTypes.map((t) => t.id).join(', ')}.`,
        },
      ]);
    }
    const active = await this.repository.findActive(this.db, operatorId, input.authorisationType);
    if (active) {
      throw conflict(
        `The operator already has an active application for this type (${active.reference}, ${active.status}).`,
        {
          applicationId: active.id,
        },
      );
    }
    await this.assertNotBarred(operatorId, input.authorisationType, context.now);
    const sme = isSme(definition, {
      employees: operator.employees,
      annualTurnover: operator.annual_turnover === null ? null : Number(operator.annual_turnover),
    });
    const variant: Variant = input.variant ?? (sme ? 'sme' : 'standard');
    const officeId = await this.organisations.routeToOffice(operator.address);
    const userId = principal?.kind === 'user' ? principal.userId : '';
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await this.repository.insert(trx, {
          reference: `AEO-${context.now.getUTCFullYear()}-${randomBytes(3).toString('hex').toUpperCase()}`,
          operator_id: operatorId,
          programme_version_id: programme.id,
          authorisation_type: input.authorisationType,
          variant,
          is_sme: sme,
          status: 'draft',
          office_id: officeId,
          created_by: userId,
        });
        await this.audit.record(trx, context, {
          action: 'application.created',
          entityType: 'application',
          entityId: row.id,
          operatorId,
          onBehalfOfOperatorId: access.onBehalfOfOperatorId,
          summary: {
            reference: row.reference,
            authorisationType: row.authorisation_type,
            variant,
            isSme: sme,
          },
        });
        return row;
      });
    } catch (error) {
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict('The operator already has an active application for this type.');
      }
      throw error;
    }
  }

  /**
   * Applies one lifecycle action under a row lock, with its audit event, inside the caller's transaction. The
   * validation module drives the examination, decision and appeal states through it.
   */
  async transition(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: ApplicationAction,
    changes: (to: ApplicationState, row: ApplicationRow) => Partial<ApplicationRow> = () => ({}),
    summary: Record<string, unknown> = {},
  ): Promise<ApplicationRow> {
    const current = await this.repository.findForUpdate(trx, access.application.id);
    if (!current) throw notFound('Application');
    const result = transitionApplication(current.status as ApplicationState, action, access.side);
    if (!result.ok) {
      if (result.reason === 'not_allowed_for_actor')
        throw forbidden('You cannot take this action on the application.');
      throw conflict(`An application that is ${current.status} cannot be given the action ${action}.`);
    }
    const updated = await this.repository.update(trx, current.id, {
      ...changes(result.to, current),
      status: result.to,
      version: current.version + 1,
    });
    await this.audit.record(trx, context, {
      action: `application.${action}`,
      entityType: 'application',
      entityId: current.id,
      operatorId: current.operator_id,
      onBehalfOfOperatorId: access.onBehalfOfOperatorId,
      summary: { from: current.status, to: result.to, ...summary },
    });
    return updated;
  }

  /** The programme's day count with its holidays and the administration's. */
  async calendar(definition: ProgrammeDefinition) {
    const holidays = [...definition.clocks.holidays, ...(await this.programme.listHolidays())];
    return { calendar: definition.clocks.dayCount, holidays };
  }

  async submit(context: RequestContext, id: string) {
    const access = await this.access.authorize(context, id, 'submit');
    const caseData = await this.dossier.readCase(access.application);
    if (!caseData.completeness.isComplete) {
      throw new AppError('unprocessable', 'Some required questions are not answered yet.', {
        missing: caseData.completeness.missing.map((item) => item.questionId),
        missingQuestions: caseData.completeness.missing,
      });
    }
    await this.assertNotBarred(
      access.application.operator_id,
      access.application.authorisation_type,
      context.now,
    );
    const definition = caseData.definition;
    const acceptanceDue = computeDeadline(
      today(context.now),
      definition.clocks.daysToAccept,
      await this.calendar(definition),
    );
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'submit', () => ({
        submitted_at: context.now,
        acceptance_due: acceptanceDue,
      }));
      await this.notifications.notify(trx, context.now, {
        recipients: { role: 'aeo_manager', officeId: updated.office_id },
        event: 'application.submitted',
        params: {
          reference: updated.reference,
          operatorName: caseData.operator.legal_name,
          dueDate: acceptanceDue,
        },
        link: `/applications/${id}`,
        entityType: 'application',
        entityId: id,
      });
      const managers = await this.organisations.officeManagers(trx, updated.office_id);
      await this.notifications.scheduleReminder(trx, {
        key: `application:${id}:acceptance`,
        title: `Acceptance of ${updated.reference}`,
        entityType: 'application',
        entityId: id,
        dueAt: new Date(`${acceptanceDue}T17:00:00Z`),
        remindBeforeMs: 3 * DAY_MS,
        recipients: managers,
        escalateAfterMs: DAY_MS,
        escalationRole: 'aeo_manager',
        link: `/applications/${id}`,
      });
      return updated;
    });
  }

  async decideAcceptance(
    context: RequestContext,
    id: string,
    input: { outcome: 'accepted' | 'information_requested' | 'not_accepted'; reason?: string | undefined },
  ) {
    const access = await this.access.authorizeCustoms(context, id);
    if (input.outcome !== 'accepted' && !input.reason?.trim()) {
      throw validationError([{ path: 'reason', message: 'Give the reason the applicant will read.' }]);
    }
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const calendar = await this.calendar(definition);
    const now = today(context.now);
    const action: ApplicationAction =
      input.outcome === 'accepted'
        ? 'accept'
        : input.outcome === 'not_accepted'
          ? 'not_accept'
          : 'request_information';
    const informationDue =
      action === 'request_information'
        ? computeDeadline(now, definition.clocks.requestForInformationReplyDays, calendar)
        : null;
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(
        trx,
        context,
        access,
        action,
        () =>
          action === 'accept'
            ? {
                accepted_at: context.now,
                decision_due: computeDeadline(now, definition.clocks.daysToDecide, calendar),
              }
            : action === 'not_accept'
              ? { closed_at: context.now, closing_reason: input.reason ?? null }
              : { information_due: informationDue, paused_since: now },
        { reason: input.reason ?? null },
      );
      if (action === 'request_information') {
        await this.repository.insertMessage(trx, {
          application_id: id,
          author_user_id: context.principal?.kind === 'user' ? context.principal.userId : null,
          author_side: 'customs',
          kind: 'information_request',
          body: input.reason ?? '',
          due_date: informationDue,
          created_at: context.now,
        });
      }
      if (action === 'accept') {
        const office = updated.office_id
          ? await this.organisations.findOfficeById(updated.office_id, trx)
          : null;
        await this.hooks?.intakeLetter(trx, context, updated, 'acceptance', {
          authorisationType: updated.authorisation_type,
          decisionDue: updated.decision_due ?? '',
          office: office?.name ?? '',
        });
      } else if (action === 'request_information') {
        await this.hooks?.intakeLetter(trx, context, updated, 'information_request', {
          message: input.reason ?? '',
          questions: '—',
          dueDate: informationDue ?? '',
        });
      }
      await this.notifications.cancelReminder(trx, `application:${id}:acceptance`);
      await this.notifyApplicant(trx, context.now, updated, `application.${input.outcome}`, {
        reason: input.reason ?? '',
        dueDate: informationDue ?? updated.decision_due ?? '',
      });
      if (informationDue) {
        const recipients = (await this.organisations.operatorUserIds(trx, updated.operator_id)).filter(
          Boolean,
        );
        await this.notifications.scheduleReminder(trx, {
          key: `application:${id}:information`,
          title: `Reply to the request for information on ${updated.reference}`,
          entityType: 'application',
          entityId: id,
          dueAt: new Date(`${informationDue}T17:00:00Z`),
          remindBeforeMs: 3 * DAY_MS,
          recipients,
          escalateAfterMs: DAY_MS,
          escalationRole: 'aeo_manager',
          escalationOfficeId: updated.office_id,
          link: `/applications/${id}`,
        });
      }
      return updated;
    });
  }

  /** The applicant answers a request for information; the clock paused since the request runs again. */
  async reply(
    context: RequestContext,
    id: string,
    input: { body: string; evidenceIds?: string[] | undefined },
  ) {
    const access = await this.access.authorize(context, id, 'submit');
    const pausedSince = access.application.paused_since;
    const pausedDays = pausedSince
      ? Math.max(0, Math.round((Date.parse(today(context.now)) - Date.parse(pausedSince)) / DAY_MS))
      : 0;
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'reply', (_to, row) => ({
        paused_since: null,
        paused_days: row.paused_days + pausedDays,
        information_due: null,
        decision_due: row.decision_due
          ? new Date(Date.parse(row.decision_due) + pausedDays * DAY_MS).toISOString().slice(0, 10)
          : row.decision_due,
      }));
      await this.repository.insertMessage(trx, {
        application_id: id,
        author_user_id: context.principal?.kind === 'user' ? context.principal.userId : null,
        author_side: 'operator',
        kind: 'reply',
        body: input.body,
        due_date: null,
        evidence_ids: input.evidenceIds ?? [],
        created_at: context.now,
      });
      await this.notifications.cancelReminder(trx, `application:${id}:information`);
      await this.notifications.notify(trx, context.now, {
        recipients: { role: 'aeo_manager', officeId: updated.office_id },
        event: 'application.replied',
        params: { reference: updated.reference },
        link: `/applications/${id}`,
        entityType: 'application',
        entityId: id,
      });
      return updated;
    });
  }

  async withdraw(context: RequestContext, id: string, reason: string | undefined) {
    const access = await this.access.authorize(context, id, 'submit');
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(
        trx,
        context,
        access,
        'withdraw',
        () => ({ closed_at: context.now, closing_reason: reason ?? null }),
        {
          reason: reason ?? null,
        },
      );
      for (const key of ['acceptance', 'information'])
        await this.notifications.cancelReminder(trx, `application:${id}:${key}`);
      return updated;
    });
  }

  /** A request for information left unanswered past its deadline closes the case as expired. */
  async expire(context: RequestContext, id: string) {
    const access = await this.access.authorizeCustoms(context, id);
    if (access.application.information_due && access.application.information_due >= today(context.now)) {
      throw conflict(
        `The reply is due on ${access.application.information_due}; the case cannot expire before.`,
      );
    }
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'expire', () => ({
        closed_at: context.now,
        closing_reason: 'expired',
      }));
      await this.notifyApplicant(trx, context.now, updated, 'application.expired', {});
      return updated;
    });
  }

  /**
   * The decision deadline as a reminder: the assigned validator two weeks before it, the office's AEO managers once it
   * has passed. Rescheduled when the deadline moves (extension, new examination); cancelled by the decision.
   */
  async scheduleDecisionReminder(trx: Trx, application: ApplicationRow): Promise<void> {
    if (!application.assigned_validator_id || !application.decision_due) return;
    await this.notifications.scheduleReminder(trx, {
      key: `application:${application.id}:decision`,
      title: `Decision on ${application.reference}`,
      entityType: 'application',
      entityId: application.id,
      dueAt: new Date(`${application.decision_due}T17:00:00Z`),
      remindBeforeMs: 14 * DAY_MS,
      recipients: [application.assigned_validator_id],
      escalateAfterMs: DAY_MS,
      escalationRole: 'aeo_manager',
      ...(application.office_id ? { escalationOfficeId: application.office_id } : {}),
      link: `/applications/${application.id}/validation`,
    });
  }

  async cancelDecisionReminder(trx: Trx, id: string): Promise<void> {
    await this.notifications.cancelReminder(trx, `application:${id}:decision`);
  }

  async assign(context: RequestContext, id: string, validatorId: string | null) {
    const access = await this.access.authorizeCustoms(context, id);
    if (!hasRole(context.principal, 'aeo_manager', 'admin'))
      throw forbidden('Only AEO managers assign cases.');
    if (validatorId && !(await this.organisations.activeValidatorIds()).includes(validatorId)) {
      throw validationError([{ path: 'validatorId', message: 'Choose an active validator.' }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repository.update(trx, id, { assigned_validator_id: validatorId });
      await this.audit.record(trx, context, {
        action: 'application.assigned',
        entityType: 'application',
        entityId: id,
        operatorId: access.application.operator_id,
        summary: { validatorId },
      });
      if (validatorId) {
        await this.notifications.notify(trx, context.now, {
          recipients: { userIds: [validatorId] },
          event: 'application.assigned',
          params: { reference: updated.reference },
          link: `/applications/${id}`,
          entityType: 'application',
          entityId: id,
        });
        await this.scheduleDecisionReminder(trx, updated);
      }
      return updated;
    });
  }

  /** Most notices need nothing besides the case's reference, which every notice carries. */
  async notifyApplicant(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    event: string,
    params: Record<string, string> = {},
  ) {
    const recipients = await this.organisations.operatorUserIds(trx, application.operator_id);
    await this.notifications.notify(trx, now, {
      recipients: { userIds: recipients },
      event,
      params: { reference: application.reference, ...params },
      link: `/applications/${application.id}`,
      entityType: 'application',
      entityId: application.id,
    });
  }
}
