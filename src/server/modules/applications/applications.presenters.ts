import type { AuditEventView } from '../audit/audit.presenters';
import type { Completeness, Variant } from '../../../programme-core';
import type { ApplicationAction, ApplicationState } from '../../../vocabulary/application-lifecycle';
import type { ApplicationRow, EvidenceRow, MessageRow } from './applications.repository';
import type {
  ApplicationCaseView,
  ApplicationView,
  EvidenceView,
  MessageReceiptView,
  MessageView,
  SavedAnswerView,
  SiteView,
  TimelineEntryView,
} from './applications.schemas';

export function presentApplication(row: ApplicationRow & { operator_name?: string }): ApplicationView {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as ApplicationState,
    operatorId: row.operator_id,
    operatorName: row.operator_name ?? null,
    programmeVersionId: row.programme_version_id,
    authorisationType: row.authorisation_type,
    variant: row.variant as Variant,
    isSme: row.is_sme,
    officeId: row.office_id,
    assignedValidatorId: row.assigned_validator_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    acceptanceDue: row.acceptance_due,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    decisionDue: row.decision_due,
    informationDue: row.information_due,
    pausedSince: row.paused_since,
    pausedDays: row.paused_days,
    closedAt: row.closed_at?.toISOString() ?? null,
    closingReason: row.closing_reason,
  };
}

export function presentEvidence(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
    checksum: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export interface SiteRow {
  id: string;
  kind: SiteView['kind'];
  name: string;
  address: string;
  activities: string;
  licence: string | null;
}

export function presentSite(row: SiteRow): SiteView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    activities: row.activities,
    licence: row.licence,
  };
}

export function presentMessage(row: MessageRow): MessageView {
  return {
    id: row.id,
    side: row.author_side,
    kind: row.kind,
    body: row.body,
    dueDate: row.due_date,
    evidenceIds: row.evidence_ids,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentMessageReceipt(row: MessageRow): MessageReceiptView {
  const { id, createdAt } = presentMessage(row);
  return { id, createdAt };
}

interface AnswerRow {
  question_id: string;
  answer: unknown;
  version: number;
  updated_at: Date;
}

export function presentSavedAnswer(row: AnswerRow): SavedAnswerView {
  return {
    questionId: row.question_id,
    answer: row.answer as SavedAnswerView['answer'],
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The case as its reader sees it (what `ApplicationsService.getCase` gathers). */
export function presentApplicationCase(data: {
  application: ApplicationRow;
  operator: { id: string; legal_name: string; country: string; roles: string[] };
  answers: AnswerRow[];
  evidence: EvidenceRow[];
  sites: SiteRow[];
  messages: MessageRow[];
  completeness: Completeness;
  allowedActions: ApplicationAction[];
}): ApplicationCaseView {
  return {
    ...presentApplication(data.application),
    operator: {
      id: data.operator.id,
      legalName: data.operator.legal_name,
      country: data.operator.country,
      roles: data.operator.roles,
    },
    answers: Object.fromEntries(
      data.answers.map((answer) => [
        answer.question_id,
        { ...(answer.answer as SavedAnswerView['answer']), version: answer.version },
      ]),
    ),
    evidence: data.evidence.map(presentEvidence),
    sites: data.sites.map(presentSite),
    messages: data.messages.map(presentMessage),
    completeness: data.completeness,
    allowedActions: data.allowedActions,
  };
}

export function presentTimelineEntry(event: AuditEventView): TimelineEntryView {
  return {
    at: event.occurredAt,
    action: event.action,
    actor: event.actor.label,
    onBehalfOfOperatorId: event.onBehalfOfOperatorId,
    summary: event.summary,
  };
}
