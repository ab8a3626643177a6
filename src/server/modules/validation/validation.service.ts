import type { Db } from '../../platform/database';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { ApplicationsService } from '../applications/applications.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
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
    readonly authorisations: AuthorisationsService,
  ) {
    const workspace = new CaseWorkspace(db, audit, programme, organisations, notifications, applications);
    this.repository = workspace.repository;
    this.deskReview = new DeskReviewService(workspace);
    this.consultations = new ConsultationService(workspace);
    this.riskMap = new RiskMapService(workspace);
    this.onSite = new OnSiteService(workspace);
    this.reports = new ReportService(workspace, this.deskReview);
    this.improvementPlans = new ImprovementPlanService(workspace);
    this.decisions = new DecisionService(workspace, this.deskReview, this.reports, authorisations);
    this.appeals = new AppealService(workspace, this.decisions, this.reports);
    this.informationRequests = new ExaminationRequestService(workspace, this.reports);
    // Intake (the applications module) keeps its official letters through this module, which owns the letters.
    applications.useIntakeHooks({
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

  /** The dates until which a standing rejection bars a new application of this type (for the authorisations module). */
  listRejectionBars(operatorId: string, authorisationType: string, day: string): Promise<string[]> {
    return this.repository.listRejectionBars(this.db, operatorId, authorisationType, day);
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
