import { consultationRepository } from './consultation.repository';
import { decisionRepository } from './decision.repository';
import { deskReviewRepository } from './desk-review.repository';
import { onSiteRepository } from './on-site.repository';
import { reportRepository } from './report.repository';
import { riskMapRepository } from './risk-map.repository';

export type { AddressedConsultationRow, ConsultationRow, ConsultationScope } from './consultation.repository';
export type { AppealRow, DecisionRow, DocumentRow, NoticeRow, SignOffRow } from './decision.repository';
export type { FindingRow } from './desk-review.repository';
export type { ChecklistItemRow, ChecklistPhotoRow, VisitSlotRow } from './on-site.repository';
export type { MeasureRow, PlanRow, ReportRow } from './report.repository';
export type { RiskEntryRow, RiskMeasureRow } from './risk-map.repository';

/**
 * A class whose instances carry every query of `queries`. The area repositories hold no state, so copying their
 * functions onto the instance is all composing them takes.
 */
function composeRepositories<T extends object>(queries: T): new () => T {
  // The cast states what Object.assign does and TypeScript cannot follow through a class expression.
  return class {
    constructor() {
      Object.assign(this, queries);
    }
  } as new () => T;
}

/**
 * The only place that queries the validation module's tables: one object over the areas' repositories (desk review,
 * consultation, risk map, on-site visit, report and improvement plan, decision), as the services use it.
 */
export class ValidationRepository extends composeRepositories({
  ...deskReviewRepository,
  ...consultationRepository,
  ...riskMapRepository,
  ...onSiteRepository,
  ...reportRepository,
  ...decisionRepository,
}) {}
