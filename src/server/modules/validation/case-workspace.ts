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
} from '../programme';
import type { ProgrammeService } from '../programme/programme.service';
import {
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../applications/application-lifecycle';
import type { ApplicationAccess, ApplicationsService } from '../applications/applications.service';
import type { ApplicationRow } from '../applications/applications.repository';
import { ValidationRepository } from './validation.repository';

export const CUSTOMS_ROLES: readonly Role[] = ['validator', 'aeo_manager', 'admin'];

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
  ) {}

  userId(context: RequestContext): string {
    if (context.principal?.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to continue.');
    return context.principal.userId;
  }

  isCustoms(context: RequestContext): boolean {
    return hasRole(context.principal, ...CUSTOMS_ROLES);
  }

  /** Customs only: the applicant gets 403 on its own case and 404 on another's. */
  customs(context: RequestContext, id: string): Promise<ApplicationAccess> {
    return this.applications.authorizeCustoms(context, id);
  }

  /** Either side may read; an operator with `right` on its own case, 404 for everyone else. */
  view(context: RequestContext, id: string, right: OperatorRight = 'view'): Promise<ApplicationAccess> {
    return this.applications.authorize(context, id, this.isCustoms(context) ? 'view' : right);
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

  /** Headquarters: an admin, or a customs user of the headquarters office. */
  async isHeadquarters(context: RequestContext): Promise<boolean> {
    const principal = context.principal;
    if (principal?.kind !== 'user') return false;
    if (principal.roles.includes('admin')) return true;
    if (!principal.officeId) return false;
    return (await this.organisations.findOfficeById(principal.officeId))?.kind === 'headquarters';
  }

  async find(id: string): Promise<ApplicationRow> {
    const row = await this.applications.findRow(id);
    if (!row) throw notFound('Application');
    return row;
  }
}
