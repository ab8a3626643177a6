import type { Db, Trx } from '../../platform/database';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { hasRole, type OperatorRight, type RequestContext, type Role } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type {
  AnswerMap,
  AnswerRecord,
  OperatorRole,
  ProgrammeDefinition,
  QuestionnaireContext,
  Variant,
} from '../../../programme-core';
import type { ProgrammeService } from '../programme/programme.service';
import {
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import type { ApplicationAccess, ApplicationsService } from '../applications/applications.service';
import type { ApplicationRow } from '../applications/applications.repository';
import { CASE_ROLES } from '../applications/case-scope';
import { ValidationRepository } from './validation.repository';

export interface CaseData {
  application: ApplicationRow;
  definition: ProgrammeDefinition;
  questionnaire: QuestionnaireContext;
  answers: AnswerMap;
  operatorName: string;
}

/**
 * What every part of the validation work shares: access to a case (customs, or the applicant's side through the
 * applications module), its programme version, the lifecycle transition and the notifications.
 */
export class CaseWorkspace {
  readonly repository = new ValidationRepository();

  constructor(
    readonly db: Db,
    readonly audit: AuditService,
    readonly programme: ProgrammeService,
    readonly organisations: OrganisationsService,
    readonly notifications: NotificationsService,
    readonly applications: ApplicationsService,
  ) {
    // The office and assignment scope (applications/case-scope.ts) lets review-split members in; only this module
    // knows them.
    applications.useCaseTeam({
      reviewerIds: async (applicationId) =>
        (await this.repository.listAssignments(db, applicationId)).map((row) => row.reviewer_id),
      reviewedCaseIds: (userId) => this.repository.listReviewedCaseIds(db, userId),
    });
  }

  userId(context: RequestContext): string {
    if (context.principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
    return context.principal.userId;
  }

  isCustoms(context: RequestContext): boolean {
    return hasRole(context.principal, ...CASE_ROLES);
  }

  /**
   * Customs in the case's scope (headquarters, the case's office, its assigned officer, a review-split member): the
   * applicant gets 403 on its own case, everyone else 404 as for a missing id.
   */
  customs(context: RequestContext, id: string): Promise<ApplicationAccess> {
    return this.applications.authorizeCustoms(context, id);
  }

  /** Either side may read: customs in the case's scope, an operator with `right` on its own case; 404 otherwise. */
  view(context: RequestContext, id: string, right: OperatorRight = 'view'): Promise<ApplicationAccess> {
    return this.applications.authorize(context, id, this.isCustoms(context) ? 'view' : right);
  }

  /** Whether the caller may read the case (for answers that may say 403 only to those who know it exists). */
  async reaches(context: RequestContext, id: string): Promise<boolean> {
    try {
      await this.view(context, id);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return false;
      throw error;
    }
  }

  /** The applicant's side acting on its case (customs get 403, other operators 404). */
  async applicant(context: RequestContext, id: string, right: OperatorRight = 'submit') {
    if (this.isCustoms(context)) {
      await this.applications.authorize(context, id, 'view');
      throw forbidden('Only the applicant can do this.');
    }
    return this.applications.authorize(context, id, right);
  }

  requireRole(context: RequestContext, roles: readonly Role[], message: string): void {
    if (!hasRole(context.principal, ...roles)) throw forbidden(message);
  }

  async caseData(application: ApplicationRow): Promise<CaseData> {
    const [{ definition }, answers, operator] = await Promise.all([
      this.programme.getVersion(application.programme_version_id),
      this.applications.listAnswerRecords(application.id),
      this.organisations.getOperatorRow(application.operator_id),
    ]);
    const answerMap: Record<string, AnswerRecord> = {};
    for (const row of answers) answerMap[row.question_id] = row.answer as unknown as AnswerRecord;
    return {
      application,
      definition,
      answers: answerMap,
      operatorName: operator.legal_name,
      questionnaire: {
        variant: application.variant as Variant,
        authorisationType: application.authorisation_type,
        operatorRoles: operator.roles as OperatorRole[],
        isSme: application.is_sme,
      },
    };
  }

  calendar(definition: ProgrammeDefinition) {
    return this.applications.calendar(definition);
  }

  /** A state check before any other work, so a wrong state answers 409 whatever else is wrong. */
  precheck(application: ApplicationRow, action: ApplicationAction, side: 'operator' | 'customs'): void {
    const result = transitionApplication(application.status as ApplicationState, action, side);
    if (result.ok) return;
    if (result.reason === 'not_allowed_for_actor')
      throw forbidden('You cannot take this action on the application.');
    throw conflict(`An application that is ${application.status} cannot be given the action ${action}.`, {
      reason: 'wrong_state',
      status: application.status,
      action,
    });
  }

  assertState(application: ApplicationRow, states: readonly ApplicationState[], what: string): void {
    if (!states.includes(application.status as ApplicationState)) {
      throw conflict(`${what} is not possible while the application is ${application.status}.`, {
        reason: 'wrong_state',
        status: application.status,
      });
    }
  }

  transition(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: ApplicationAction,
    changes: (to: ApplicationState, row: ApplicationRow) => Partial<ApplicationRow> = () => ({}),
    summary: Record<string, unknown> = {},
  ): Promise<ApplicationRow> {
    return this.applications.transition(trx, context, access, action, changes, summary);
  }

  async record(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    action: string,
    summary: Record<string, unknown>,
    onBehalfOfOperatorId: string | null = null,
  ): Promise<void> {
    await this.audit.record(trx, context, {
      action,
      entityType: 'application',
      entityId: application.id,
      operatorId: application.operator_id,
      onBehalfOfOperatorId,
      summary,
    });
  }

  notifyApplicant(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    event: string,
    params: Record<string, string> = {},
  ) {
    return this.applications.notifyApplicant(trx, now, application, event, params);
  }

  /** The case's validator, or the office's managers when none is assigned. */
  async notifyCaseOfficers(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    event: string,
    params: Record<string, string> = {},
  ) {
    const userIds = application.assigned_validator_id
      ? [application.assigned_validator_id]
      : await this.organisations.officeManagers(trx, application.office_id);
    await this.notifyUsers(trx, now, application, userIds, event, params);
  }

  async notifyManagers(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    event: string,
    params: Record<string, string> = {},
  ) {
    const userIds = await this.organisations.officeManagers(trx, application.office_id);
    await this.notifyUsers(trx, now, application, userIds, event, params);
  }

  async notifyUsers(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    userIds: string[],
    event: string,
    params: Record<string, string> = {},
  ) {
    if (userIds.length === 0) return;
    await this.notifications.notify(trx, now, {
      recipients: { userIds },
      event,
      params: { reference: application.reference, ...params },
      link: `/applications/${application.id}`,
      entityType: 'application',
      entityId: application.id,
    });
  }

  async headquartersOfficeId(): Promise<string | null> {
    const offices = await this.organisations.listOffices();
    return offices.find((office) => office.kind === 'headquarters')?.id ?? null;
  }

  /** Headquarters, by the one scope rule (applications/case-scope.ts). */
  isHeadquarters(context: RequestContext): Promise<boolean> {
    return this.applications.isHeadquarters(context);
  }

  async find(id: string): Promise<ApplicationRow> {
    const row = await this.applications.findRow(id);
    if (!row) throw notFound('Application');
    return row;
  }
}
