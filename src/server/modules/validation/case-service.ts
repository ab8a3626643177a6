import type { Db, Trx } from '../../platform/database';
import type { RequestContext } from '../../platform/request-context';
import type { CalendarOptions } from '../../../programme-core';
import type { ApplicationAction, ApplicationState } from '../../../vocabulary/application-lifecycle';
import type { AuditService } from '../audit/audit.service';
import { assertState, precheck } from '../applications/case-guards';
import type {
  ApplicationAccess,
  ApplicationRow,
  ApplicationsService,
} from '../applications/applications.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { CaseDataReader } from './case-data';
import { pauseClock, resumeClock } from './case-clock.engine';
import type { CaseNotifier } from './case-notifier';
import type { ValidationRepository } from './validation.repository';

/** What the module's services are built from; validation.service.ts makes one and hands it to each. */
export interface ValidationDeps {
  db: Db;
  repository: ValidationRepository;
  audit: AuditService;
  programme: ProgrammeService;
  organisations: OrganisationsService;
  notifications: NotificationsService;
  applications: ApplicationsService;
  authorisations: AuthorisationsService;
  notifier: CaseNotifier;
  caseData: CaseDataReader;
}

/** An act on the case that its officers hear of (`event`), besides its audit event (`action`). */
export interface OfficersNotice {
  action: string;
  summary: Record<string, unknown>;
  /** The operator a representative acted for, when the applicant's side acts. */
  onBehalfOfOperatorId?: string | null;
  event: string;
  params?: Record<string, string>;
}

/** The base of the module's services: what they are built from, and the steps their use cases share. */
export abstract class CaseService {
  declare protected readonly db: Db;
  declare protected readonly repository: ValidationRepository;
  declare protected readonly audit: AuditService;
  declare protected readonly programme: ProgrammeService;
  declare protected readonly organisations: OrganisationsService;
  declare protected readonly notifications: NotificationsService;
  declare protected readonly applications: ApplicationsService;
  declare protected readonly authorisations: AuthorisationsService;
  declare protected readonly notifier: CaseNotifier;
  declare protected readonly caseData: CaseDataReader;

  constructor(deps: ValidationDeps) {
    // Each dependency becomes the field of the same name declared above.
    Object.assign(this, deps);
  }

  /** Customs' access to a case whose state allows the work (`what`, e.g. "Recording a finding"; 409 otherwise). */
  protected async authorizeCustomsIn(
    context: RequestContext,
    id: string,
    states: readonly ApplicationState[],
    what: string,
  ): Promise<ApplicationAccess> {
    const access = await this.applications.authorizeCustoms(context, id);
    assertState(access.application, states, what);
    return access;
  }

  /** Customs' access to a case for one of its lifecycle actions (403 or 409 when the case does not allow it). */
  protected async authorizeCustomsFor(
    context: RequestContext,
    id: string,
    action: ApplicationAction,
  ): Promise<ApplicationAccess> {
    const access = await this.applications.authorizeCustoms(context, id);
    precheck(access.application, action, 'customs');
    return access;
  }

  /** The first work on an accepted case starts its desk review. */
  protected async startReviewIfAccepted(trx: Trx, context: RequestContext, access: ApplicationAccess) {
    if (access.application.status === 'accepted') {
      await this.applications.transition(trx, context, access, 'start_review');
    }
  }

  /**
   * A lifecycle action that opens a period of the applicant's (to be heard, to improve): the decision clock, which
   * runs against customs, stands still meanwhile.
   */
  protected transitionPausingClock(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: ApplicationAction,
    summary: Record<string, unknown>,
  ): Promise<ApplicationRow> {
    const pause = (_to: ApplicationState, row: ApplicationRow) => pauseClock(row, context.now);
    return this.applications.transition(trx, context, access, action, pause, summary);
  }

  /** A lifecycle action that ends the applicant's period: the decision clock runs again, on the case's `calendar`. */
  protected transitionResumingClock(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: ApplicationAction,
    calendar: CalendarOptions,
    summary: Record<string, unknown> = {},
  ): Promise<ApplicationRow> {
    const resume = (_to: ApplicationState, row: ApplicationRow) => resumeClock(row, context.now, calendar);
    return this.applications.transition(trx, context, access, action, resume, summary);
  }

  /** The working days the case's deadlines count (its programme's holidays), read before a transaction. */
  protected async calendarOf(application: ApplicationRow): Promise<CalendarOptions> {
    const { definition } = await this.programme.getVersion(application.programme_version_id);
    return this.applications.calendar(definition);
  }

  /**
   * An act on the case, in its audit trail (the application's, on its operator's record), in the act's transaction;
   * `onBehalfOfOperatorId` names the operator a representative acted for.
   */
  protected async recordEvent(
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

  /** An act on the case, audited, that its officers are told of. */
  protected async recordForOfficers(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    notice: OfficersNotice,
  ): Promise<void> {
    const { action, summary, onBehalfOfOperatorId = null, event, params } = notice;
    await this.recordEvent(trx, context, application, action, summary, onBehalfOfOperatorId);
    await this.notifier.notify(trx, context.now, application, 'case_officers', event, params);
  }
}
