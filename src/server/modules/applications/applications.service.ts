import type { Db, Trx } from '../../platform/database';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import { ApplicationAccessService } from './application-access.service';
import { ApplicationDossierService } from './application-dossier.service';
import { ApplicationIntakeService } from './application-intake.service';
import { ApplicationMessagesService } from './application-messages.service';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository';

export type { ApplicationAccess } from './application-access.service';
export type { IntakeHooks } from './application-intake.service';
export type { ApplicationRow } from './applications.repository';
export type { AnswerMap } from '../../../programme-core';

type Access = ApplicationAccessService;
type Dossier = ApplicationDossierService;
type Intake = ApplicationIntakeService;
type Messages = ApplicationMessagesService;

/**
 * The applications module as the routes and the other modules use it (`services.applications`): one object over the
 * services that do the work — access (scope), dossier (answers, evidence, sites), intake (the lifecycle to
 * acceptance) and messages — so callers need not know how the work is split.
 */
export class ApplicationsService {
  private readonly repository = new ApplicationsRepository();
  readonly access: Access;
  readonly dossier: Dossier;
  readonly intake: Intake;
  readonly messages: Messages;

  constructor(
    private readonly db: Db,
    audit: AuditService,
    programme: ProgrammeService,
    organisations: OrganisationsService,
    notifications: NotificationsService,
    authorisations: AuthorisationsService,
  ) {
    this.access = new ApplicationAccessService(db, organisations);
    this.dossier = new ApplicationDossierService(db, audit, programme, organisations, this.access);
    this.intake = new ApplicationIntakeService(
      db,
      audit,
      programme,
      organisations,
      notifications,
      this.access,
      this.dossier,
      authorisations,
    );
    this.messages = new ApplicationMessagesService(db, audit, this.access, this.intake);
  }

  // ---- Reading -------------------------------------------------------------------------------------------------

  async list(context: RequestContext, filter: { status?: string[] | undefined; limit?: number }) {
    const reader = await this.access.readerFilter(context);
    if (!reader) return [];
    const statuses = reader.statuses
      ? (filter.status ?? reader.statuses).filter((status) => reader.statuses?.includes(status))
      : filter.status;
    if (statuses?.length === 0) return [];
    return this.repository.list(this.db, { ...reader, statuses, limit: filter.limit ?? 200 });
  }

  /** For the validation module, which has already authorised the caller for the case. */
  findRow(id: string, executor?: Trx): Promise<ApplicationRow | undefined> {
    return this.repository.find(executor ?? this.db, id);
  }

  /** For the validation module's case list: the caller's scope is already in `filter.reachableBy`. */
  listWorkspaceCases(filter: Parameters<ApplicationsRepository['listWorkspaceCases']>[1]) {
    return this.repository.listWorkspaceCases(this.db, filter);
  }

  /** The ids of an operator's applications of one type in the given states (rejection bars). */
  listIdsOfOperator(filter: Parameters<ApplicationsRepository['listIdsOfOperator']>[1]): Promise<string[]> {
    return this.repository.listIdsOfOperator(this.db, filter);
  }

  /** The case's row, locked for the caller's transaction (one writer at a time per case). */
  lockRow(trx: Trx, id: string): Promise<ApplicationRow | undefined> {
    return this.repository.findForUpdate(trx, id);
  }

  /** Moves the decision clock (extension) inside the caller's transaction; the caller audits it. */
  updateClock(
    trx: Trx,
    id: string,
    values: Pick<Partial<ApplicationRow>, 'decision_due' | 'paused_since' | 'paused_days'>,
  ) {
    return this.repository.update(trx, id, values);
  }

  // ---- Access (application-access.service.ts) ------------------------------------------------------------------

  useCaseTeam(...args: Parameters<Access['useCaseTeam']>) {
    this.access.useCaseTeam(...args);
  }
  authorize(...args: Parameters<Access['authorize']>) {
    return this.access.authorize(...args);
  }
  authorizeCustoms(...args: Parameters<Access['authorizeCustoms']>) {
    return this.access.authorizeCustoms(...args);
  }
  authorizeApplicant(...args: Parameters<Access['authorizeApplicant']>) {
    return this.access.authorizeApplicant(...args);
  }
  authorizeEitherSide(...args: Parameters<Access['authorizeEitherSide']>) {
    return this.access.authorizeEitherSide(...args);
  }
  canReach(...args: Parameters<Access['canReach']>) {
    return this.access.canReach(...args);
  }
  authorizeRecord(...args: Parameters<Access['authorizeRecord']>) {
    return this.access.authorizeRecord(...args);
  }
  customsListScope(...args: Parameters<Access['customsListScope']>) {
    return this.access.customsListScope(...args);
  }
  isHeadquarters(...args: Parameters<Access['isHeadquarters']>) {
    return this.access.isHeadquarters(...args);
  }

  // ---- Dossier (application-dossier.service.ts) ----------------------------------------------------------------

  getCase(...args: Parameters<Dossier['getCase']>) {
    return this.dossier.getCase(...args);
  }
  listAnswerRecords(...args: Parameters<Dossier['listAnswerRecords']>) {
    return this.dossier.listAnswerRecords(...args);
  }
  listSiteRows(...args: Parameters<Dossier['listSiteRows']>) {
    return this.dossier.listSiteRows(...args);
  }
  listEvidenceRows(...args: Parameters<Dossier['listEvidenceRows']>) {
    return this.dossier.listEvidenceRows(...args);
  }
  saveAnswer(...args: Parameters<Dossier['saveAnswer']>) {
    return this.dossier.saveAnswer(...args);
  }
  uploadEvidence(...args: Parameters<Dossier['uploadEvidence']>) {
    return this.dossier.uploadEvidence(...args);
  }
  storeEvidence(...args: Parameters<Dossier['storeEvidence']>) {
    return this.dossier.storeEvidence(...args);
  }
  getEvidenceContent(...args: Parameters<Dossier['getEvidenceContent']>) {
    return this.dossier.getEvidenceContent(...args);
  }
  addSite(...args: Parameters<Dossier['addSite']>) {
    return this.dossier.addSite(...args);
  }
  removeSite(...args: Parameters<Dossier['removeSite']>) {
    return this.dossier.removeSite(...args);
  }

  // ---- Intake (application-intake.service.ts) ------------------------------------------------------------------

  useIntakeHooks(...args: Parameters<Intake['useIntakeHooks']>) {
    this.intake.useIntakeHooks(...args);
  }
  create(...args: Parameters<Intake['create']>) {
    return this.intake.create(...args);
  }
  submit(...args: Parameters<Intake['submit']>) {
    return this.intake.submit(...args);
  }
  decideAcceptance(...args: Parameters<Intake['decideAcceptance']>) {
    return this.intake.decideAcceptance(...args);
  }
  reply(...args: Parameters<Intake['reply']>) {
    return this.intake.reply(...args);
  }
  withdraw(...args: Parameters<Intake['withdraw']>) {
    return this.intake.withdraw(...args);
  }
  expire(...args: Parameters<Intake['expire']>) {
    return this.intake.expire(...args);
  }
  assign(...args: Parameters<Intake['assign']>) {
    return this.intake.assign(...args);
  }
  /** Most actions move only the state: the row's other changes and the audit summary may be left out. */
  transition(...args: Parameters<Intake['transition']>) {
    return this.intake.transition(...args);
  }
  calendar(...args: Parameters<Intake['calendar']>) {
    return this.intake.calendar(...args);
  }
  scheduleDecisionReminder(...args: Parameters<Intake['scheduleDecisionReminder']>) {
    return this.intake.scheduleDecisionReminder(...args);
  }
  cancelDecisionReminder(...args: Parameters<Intake['cancelDecisionReminder']>) {
    return this.intake.cancelDecisionReminder(...args);
  }
  notifyApplicant(...args: Parameters<Intake['notifyApplicant']>) {
    return this.intake.notifyApplicant(...args);
  }

  // ---- Messages (application-messages.service.ts) --------------------------------------------------------------

  timeline(...args: Parameters<Messages['timeline']>) {
    return this.messages.timeline(...args);
  }
  postMessage(...args: Parameters<Messages['postMessage']>) {
    return this.messages.postMessage(...args);
  }
}
