import type { Db, Trx } from '../../platform/database';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { ApplicationsService } from '../applications/applications.service';
import { AppealService } from './appeal.service';
import { CaseWorkspace } from './case-workspace';
import { ConsultationService } from './consultation.service';
import { DecisionService } from './decision.service';
import { DeskReviewService } from './desk-review.service';
import { ExaminationRequestService } from './examination-request.service';
import { ImprovementPlanService } from './improvement-plan.service';
import { OnSiteService } from './on-site.service';
import { ReportService } from './report.service';
import { RiskMapService } from './risk-map.service';
import type { ValidationRepository } from './validation.repository';
import { addDuration } from '../programme';
import { today } from './case-clock.engine';

/** The AEO office's work on an accepted application, from desk review to a decision that can be appealed. */
export class ValidationService {
  readonly deskReview: DeskReviewService;
  readonly consultations: ConsultationService;
  readonly riskMap: RiskMapService;
  readonly onSite: OnSiteService;
  readonly reports: ReportService;
  readonly improvementPlans: ImprovementPlanService;
  readonly decisions: DecisionService;
  readonly appeals: AppealService;
  readonly informationRequests: ExaminationRequestService;
  private readonly repository: ValidationRepository;

  constructor(
    readonly db: Db,
    readonly audit: AuditService,
    readonly programme: ProgrammeService,
    readonly organisations: OrganisationsService,
    readonly notifications: NotificationsService,
    readonly applications: ApplicationsService,
  ) {
    const workspace = new CaseWorkspace(db, audit, programme, organisations, notifications, applications);
    this.repository = workspace.repository;
    this.deskReview = new DeskReviewService(workspace);
    this.consultations = new ConsultationService(workspace);
    this.riskMap = new RiskMapService(workspace);
    this.onSite = new OnSiteService(workspace);
    this.reports = new ReportService(workspace, this.deskReview);
    this.improvementPlans = new ImprovementPlanService(workspace);
    this.decisions = new DecisionService(workspace, this.deskReview, this.reports);
    this.appeals = new AppealService(workspace, this.decisions, this.reports);
    this.informationRequests = new ExaminationRequestService(workspace, this.reports);
    // Intake (the applications module) refuses barred operators and keeps its official letters through this module.
    applications.useIntakeHooks({
      reapplicationBar: (operatorId, type, now) => this.reapplicationBar(operatorId, type, now),
      intakeLetter: async (trx, context, application, kind, params) => {
        const operator = await organisations.getOperatorRow(application.operator_id, trx);
        await this.reports.storeLetters(trx, context, application, kind, {
          reference: application.reference,
          operatorName: operator.legal_name,
          ...params,
        });
      },
    });
  }

  // ----- authorisations, for the certificates (trust) module -------------------------------------------------

  /** An authorisation with its holder's details, as a certificate carries them (locked when asked). */
  findAuthorisationForCertificate(executor: Db | Trx, id: string, options: { forUpdate?: boolean } = {}) {
    return this.repository.findAuthorisationHolder(executor, id, options);
  }

  /** Every authorisation (one per type) the operator holds. */
  listOperatorAuthorisations(executor: Db | Trx, operatorId: string) {
    return this.repository.listOperatorAuthorisations(executor, operatorId);
  }

  /**
   * Suspension, reinstatement, revocation: the certificates module records the change and its evidence. A revocation
   * bars a new application of that type for the programme's `reapplicationBarAfterRevocation`; the date is returned
   * so the revocation notice can say it.
   */
  async setAuthorisationStatus(
    trx: Trx,
    id: string,
    status: 'active' | 'suspended' | 'revoked',
    now: Date,
  ): Promise<{ barredUntil: string | null }> {
    let barredUntil: string | null = null;
    if (status === 'revoked') {
      const authorisation = await this.repository.findAuthorisation(trx, id);
      if (authorisation) {
        const { definition } = await this.programme.getVersion(authorisation.programme_version_id, trx);
        const bar = definition.clocks.reapplicationBarAfterRevocation;
        if (bar.amount > 0) barredUntil = addDuration(today(now), bar);
      }
    }
    await this.repository.updateAuthorisationStatus(trx, id, status, barredUntil);
    return { barredUntil };
  }

  /** Until when the operator may not apply again for this type (the latest running bar), or null. */
  async reapplicationBar(operatorId: string, authorisationType: string, now: Date) {
    const bars = await this.repository.listReapplicationBars(
      this.db,
      operatorId,
      authorisationType,
      today(now),
    );
    return bars[0] ?? null;
  }

  /**
   * One scheduler tick: consultations whose deadline passed in silence are closed as no objection; requests for
   * information past their reply date lapse (each audited; the tick's summary keeps its shape).
   */
  async runDueDeadlines(now: Date): Promise<{ consultationsClosed: number }> {
    const consultationsClosed = await this.consultations.closeOverdue(now);
    await this.informationRequests.lapseOverdue(now);
    return { consultationsClosed };
  }
}
