import type { z } from 'zod';
import type { ApplicationAction, ApplicationState } from '../../../vocabulary/application-lifecycle';
import type { ApplicationRow } from '../applications/applications.service';
import type { CaseClock } from './case-clock.engine';
import type { DeskReviewSummary } from './desk-review.engine';
import type { ReportContent } from './report.engine';
import type { HeatMapCell, RiskRating, RiskSuggestion } from './risk-map.engine';
import type { LevelProgress } from './sign-off.engine';
import type {
  ChecklistItemRow,
  ChecklistPhotoRow,
  FindingRow,
  MeasureRow,
  PlanRow,
  ReportRow,
  RiskEntryRow,
  RiskMeasureRow,
  VisitSlotRow,
} from './validation.repository';
import type {
  caseSchema,
  checklistItemSchema,
  checklistPhotoSchema,
  findingSchema,
  improvementMeasureSchema,
  improvementPlanSchema,
  reportIssuedSchema,
  reportSchema,
  riskMapSchema,
  riskMeasureSchema,
  visitSchema,
  visitSlotSchema,
  workspaceSchema,
} from './validation.schemas';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentCase(row: ApplicationRow & { operator_name?: string }): z.output<typeof caseSchema> {
  return {
    id: row.id,
    reference: row.reference,
    // Only the lifecycle writes the status, and it writes its own states.
    status: row.status as ApplicationState,
    operatorId: row.operator_id,
    operatorName: row.operator_name ?? null,
    authorisationType: row.authorisation_type,
    officeId: row.office_id,
    assignedValidatorId: row.assigned_validator_id,
    decisionDue: row.decision_due,
    pausedSince: row.paused_since,
    pausedDays: row.paused_days,
    closedAt: iso(row.closed_at),
  };
}

export function presentFinding(row: FindingRow): z.output<typeof findingSchema> {
  return {
    questionId: row.question_id,
    finding: row.finding,
    note: row.note,
    visibility: row.visibility,
    reviewerId: row.reviewer_id,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentRiskMeasure(row: RiskMeasureRow): z.output<typeof riskMeasureSchema> {
  return { id: row.id, description: row.description, dueDate: row.due_date, status: row.status };
}

export function presentSlot(row: VisitSlotRow): z.output<typeof visitSlotSchema> {
  return {
    id: row.id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    chosenAt: iso(row.chosen_at),
  };
}

/** One item; `photos` are those the service loaded with it (none when it did not). */
export function presentChecklistItem(
  row: ChecklistItemRow & { photos?: ChecklistPhotoRow[] },
): z.output<typeof checklistItemSchema> {
  return {
    id: row.id,
    position: row.position,
    source: row.source,
    sourceRef: row.source_ref,
    criterion: row.criterion,
    title: row.title,
    result: row.result,
    observation: row.observation,
    observedAt: iso(row.observed_at),
    photos: (row.photos ?? []).map((photo) => ({
      id: photo.id,
      fileName: photo.file_name,
      caption: photo.caption,
      takenAt: photo.taken_at.toISOString(),
      size: photo.size_bytes,
    })),
  };
}

export function presentChecklistPhoto(row: ChecklistPhotoRow): z.output<typeof checklistPhotoSchema> {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
    caption: row.caption,
    takenAt: row.taken_at.toISOString(),
  };
}

export function presentPlan(
  plan: PlanRow,
  measures: MeasureRow[],
  isOverdue: boolean,
): z.output<typeof improvementPlanSchema> {
  return {
    dueDate: plan.due_date,
    originalDue: plan.original_due,
    extensionReason: plan.extension_reason,
    extendedAt: iso(plan.extended_at),
    isOverdue,
    measures: measures.map(presentMeasure),
  };
}

export function presentMeasure(row: MeasureRow): z.output<typeof improvementMeasureSchema> {
  return {
    id: row.id,
    criterion: row.criterion,
    description: row.description,
    status: row.status,
    operatorNote: row.operator_note,
    reportedAt: iso(row.reported_at),
    verifiedAt: iso(row.verified_at),
    verificationNote: row.verification_note,
  };
}

/** The validator's workspace: the case, its clock, what the caller may do now and where the desk review stands. */
export function presentWorkspace(
  data: {
    application: ApplicationRow;
    operatorName: string;
    clock: CaseClock;
    assignments: Array<{ section_id: string; reviewer_id: string }>;
    findings: FindingRow[];
    summary: DeskReviewSummary;
  },
  allowed: { actions: ApplicationAction[]; signOff: { levels: LevelProgress[]; next: LevelProgress | null } },
  /** The signers' names, by level (null for a level not signed). */
  signerNames: Array<string | null>,
): z.output<typeof workspaceSchema> {
  return {
    ...presentCase(data.application),
    operatorName: data.operatorName,
    clock: data.clock,
    allowedActions: allowed.actions,
    signOff: {
      levels: allowed.signOff.levels.map((progress, index) => ({
        number: progress.number,
        id: progress.level.id,
        title: progress.level.title,
        roles: progress.level.roles,
        headquarters: progress.level.headquarters,
        signedBy: progress.signedBy,
        signedByName: signerNames[index] ?? null,
        signedAt: iso(progress.signedAt),
      })),
      nextLevel: allowed.signOff.next?.number ?? null,
    },
    assignments: data.assignments.map(presentAssignment),
    findings: data.findings.map(presentFinding),
    summary: data.summary,
  };
}

export function presentAssignment(row: { section_id: string; reviewer_id: string }) {
  return { sectionId: row.section_id, reviewerId: row.reviewer_id };
}

export function presentRiskMap(data: {
  entries: Array<{
    risk: RiskEntryRow;
    inherent: RiskRating;
    residual: RiskRating;
    measures: RiskMeasureRow[];
  }>;
  heatMap: HeatMapCell[][];
  suggestions: RiskSuggestion[];
}): z.output<typeof riskMapSchema> {
  return {
    items: data.entries.map((entry) => ({
      id: entry.risk.id,
      catalogueId: entry.risk.catalogue_id,
      criterion: entry.risk.criterion,
      title: entry.risk.title,
      description: entry.risk.description,
      likelihood: entry.risk.likelihood,
      impact: entry.risk.impact,
      controls: entry.risk.controls,
      controlEffectiveness: entry.risk.control_effectiveness,
      inherent: entry.inherent,
      residual: entry.residual,
      measures: entry.measures.map(presentRiskMeasure),
    })),
    heatMap: data.heatMap,
    suggestions: data.suggestions,
  };
}

/** Both sides see the slots; only customs see the team, the minutes and the checklist. */
export function presentVisit(data: {
  side: string;
  slots: VisitSlotRow[];
  visit: { team_user_ids: string[]; minutes: string | null } | null;
  checklist: Array<ChecklistItemRow & { photos?: ChecklistPhotoRow[] }> | null;
}): z.output<typeof visitSchema> {
  return {
    slots: data.slots.map(presentSlot),
    ...(data.side === 'customs'
      ? {
          team: data.visit?.team_user_ids ?? [],
          minutes: data.visit?.minutes ?? null,
          checklist: (data.checklist ?? []).map(presentChecklistItem),
        }
      : {}),
  };
}

export function presentIssuedReport(
  report: ReportRow,
  application: ApplicationRow,
): z.output<typeof reportIssuedSchema> {
  return { id: report.id, number: report.number, status: presentCase(application).status };
}

/** The recommendation is in the internal version only. */
export function presentReport(
  data: {
    report: ReportRow;
    content: ReportContent;
    comments: Array<{ id: string; author_name: string; body: string; created_at: Date }>;
  },
  version: 'internal' | 'shared',
): z.output<typeof reportSchema> {
  return {
    id: data.report.id,
    number: data.report.number,
    issuedAt: data.report.issued_at.toISOString(),
    ...(version === 'internal' ? { recommendation: data.report.recommendation } : {}),
    content: data.content,
    comments: data.comments.map((comment) => ({
      id: comment.id,
      author: comment.author_name,
      body: comment.body,
      createdAt: comment.created_at.toISOString(),
    })),
  };
}
