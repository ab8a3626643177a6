import type { Db } from '../../platform/database';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { ApplicationsService } from '../applications/applications.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import { AppealService } from './appeal.service';
import { CaseDataReader } from './case-data';
import { CaseNotifier } from './case-notifier';
import type { ValidationDeps } from './case-service';
import { ConsultationService } from './consultation.service';
import { DecisionService } from './decision.service';
import { DeskReviewService } from './desk-review.service';
import { ExaminationRequestService } from './examination-request.service';
import { ImprovementPlanService } from './improvement-plan.service';
import { OnSiteService } from './on-site.service';
import { ReportService } from './report.service';
import { RiskMapService } from './risk-map.service';
import { ValidationRepository } from './validation.repository';

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
  private readonly repository = new ValidationRepository();

  constructor(
    readonly db: Db,
    readonly audit: AuditService,
    readonly programme: ProgrammeService,
    readonly organisations: OrganisationsService,
    readonly notifications: NotificationsService,
    readonly applications: ApplicationsService,
    readonly authorisations: AuthorisationsService,
  ) {
    const repository = this.repository;
    // The office and assignment scope (applications/case-scope.ts) lets review-split members in; only this module
    // knows them.
    applications.useCaseTeam({
      reviewerIds: async (applicationId) =>
        (await repository.listAssignments(db, applicationId)).map((row) => row.reviewer_id),
      reviewedCaseIds: (userId) => repository.listReviewedCaseIds(db, userId),
    });
    const deps: ValidationDeps = {
      db,
      repository,
      audit,
      programme,
      organisations,
      notifications,
      applications,
      authorisations,
      notifier: new CaseNotifier(organisations, notifications),
      caseData: new CaseDataReader(programme, organisations, applications),
    };
    this.deskReview = new DeskReviewService(deps);
    this.consultations = new ConsultationService(deps);
    this.riskMap = new RiskMapService(deps);
    this.onSite = new OnSiteService(deps);
    this.reports = new ReportService(deps, this.deskReview);
    this.improvementPlans = new ImprovementPlanService(deps);
    this.decisions = new DecisionService(deps, this.deskReview, this.reports);
    this.appeals = new AppealService(deps, this.decisions, this.reports);
    this.informationRequests = new ExaminationRequestService(deps, this.reports);
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

  /**
   * The dates until which a rejection bars a new application of this type (for the authorisations module): one that
   * stands, the case still rejected or the rejection upheld on appeal. A revocation's bar is the authorisations
   * module's.
   */
  async listRejectionBars(operatorId: string, authorisationType: string, day: string): Promise<string[]> {
    const rejected = await this.applications.listIdsOfOperator({
      operatorId,
      authorisationType,
      statuses: ['rejected', 'rejection_upheld'],
    });
    return this.repository.listRejectionBars(this.db, rejected, day);
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
