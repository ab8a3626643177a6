import type { ApplicationRow } from '../applications/applications.repository';
import type {
  AddressedConsultationRow,
  AppealRow,
  AuthorisationRow,
  ChecklistItemRow,
  ChecklistPhotoRow,
  ConsultationRow,
  DecisionRow,
  DocumentRow,
  FindingRow,
  MeasureRow,
  NoticeRow,
  PlanRow,
  RiskMeasureRow,
  VisitSlotRow,
} from './validation.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentCase(row: ApplicationRow & { operator_name?: string }) {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
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

export function presentFinding(row: FindingRow) {
  return {
    questionId: row.question_id,
    finding: row.finding,
    note: row.note,
    visibility: row.visibility,
    reviewerId: row.reviewer_id,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** `office_name` is the office's name, or the agency's code when a partner agency is consulted. */
export function presentConsultation(
  row: ConsultationRow & { office_name?: string | null },
  outcome: string,
  isSilence: boolean,
) {
  return {
    id: row.id,
    officeId: row.office_id,
    officeName: row.office_id ? (row.office_name ?? null) : null,
    agency: row.agency,
    addressee: row.office_id ? (row.office_name ?? null) : row.agency,
    question: row.question,
    dueDate: row.due_date,
    status: row.status,
    replyKind: row.reply_kind,
    replyText: row.reply_text,
    repliedAt: iso(row.replied_at),
    outcome,
    isSilence,
  };
}

/** A consultation as the consulted party reads it: the case in a few words, and what was asked of it. */
export function presentAddressedConsultation(
  row: AddressedConsultationRow,
  outcome: string,
  isSilence: boolean,
) {
  return {
    ...presentConsultation(row, outcome, isSilence),
    applicationId: row.application_id,
    applicationReference: row.application_reference,
    operatorName: row.operator_name,
    operatorTaxpayerId: row.operator_taxpayer_id,
    authorisationType: row.authorisation_type,
    askingOfficeName: row.asking_office_name,
    requestedAt: row.requested_at.toISOString(),
  };
}

export function presentConsultationSite(row: {
  id: string;
  kind: string;
  name: string;
  address: string;
  activities: string;
}) {
  return { id: row.id, kind: row.kind, name: row.name, address: row.address, activities: row.activities };
}

export function presentRiskMeasure(row: RiskMeasureRow) {
  return { id: row.id, description: row.description, dueDate: row.due_date, status: row.status };
}

export function presentSlot(row: VisitSlotRow) {
  return {
    id: row.id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    chosenAt: iso(row.chosen_at),
  };
}

/** One item; `photos` are those the service loaded with it (none when it did not). */
export function presentChecklistItem(row: ChecklistItemRow & { photos?: ChecklistPhotoRow[] }) {
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

export function presentChecklistPhoto(row: ChecklistPhotoRow) {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
    caption: row.caption,
    takenAt: row.taken_at.toISOString(),
  };
}

export function presentPlan(plan: PlanRow, measures: MeasureRow[], isOverdue: boolean) {
  return {
    dueDate: plan.due_date,
    originalDue: plan.original_due,
    extensionReason: plan.extension_reason,
    extendedAt: iso(plan.extended_at),
    isOverdue,
    measures: measures.map(presentMeasure),
  };
}

export function presentMeasure(row: MeasureRow) {
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

export function presentNotice(row: NoticeRow) {
  return {
    id: row.id,
    reasons: row.reasons,
    replyDue: row.reply_due,
    issuedAt: row.issued_at.toISOString(),
    reply: row.reply_text,
    repliedAt: iso(row.replied_at),
  };
}

export function presentDecision(row: DecisionRow) {
  return {
    id: row.id,
    outcome: row.outcome,
    authorisationType: row.authorisation_type,
    tier: row.tier,
    proposedTier: row.proposed_tier,
    overrideReason: row.override_reason,
    grounds: row.grounds,
    rulesReliedOn: row.rules_relied_on,
    appealRoute: row.appeal_route,
    appealDue: row.appeal_due,
    effectiveDate: row.effective_date,
    /** No new application of this type before this date (a rejection, where the programme sets a bar). */
    barredUntil: row.barred_until,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at.toISOString(),
    onAppeal: row.appeal_id !== null,
  };
}

export function presentAuthorisation(
  row: AuthorisationRow & { operator_name?: string; application_reference?: string },
) {
  return {
    id: row.id,
    operatorId: row.operator_id,
    operatorName: row.operator_name ?? null,
    applicationId: row.application_id,
    applicationReference: row.application_reference ?? null,
    decisionId: row.decision_id,
    programmeVersionId: row.programme_version_id,
    authorisationType: row.authorisation_type,
    tier: row.tier,
    siteIds: row.site_ids,
    sites: row.sites,
    effectiveDate: row.effective_date,
    status: row.status,
    grantedAt: row.granted_at.toISOString(),
  };
}

export function presentAppeal(row: AppealRow) {
  return {
    id: row.id,
    decisionId: row.decision_id,
    grounds: row.grounds,
    body: row.body,
    status: row.status,
    lodgedAt: row.lodged_at.toISOString(),
    reviewNote: row.review_note,
    reviewedAt: iso(row.reviewed_at),
  };
}

export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    language: row.language,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    checksum: row.sha256,
    isShared: row.is_shared,
    createdAt: row.created_at.toISOString(),
  };
}
