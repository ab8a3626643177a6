import type { CaseAppealDto, CaseDecisionDto, CaseDocumentDto, RejectionNoticeDto } from './decision.schemas';
import type { AppealRow, DecisionRow, DocumentRow, NoticeRow } from './decision.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentNotice(row: NoticeRow): RejectionNoticeDto {
  return {
    id: row.id,
    reasons: row.reasons,
    replyDue: row.reply_due,
    issuedAt: row.issued_at.toISOString(),
    reply: row.reply_text,
    repliedAt: iso(row.replied_at),
  };
}

export function presentDecision(row: DecisionRow): CaseDecisionDto {
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
    barredUntil: row.barred_until,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at.toISOString(),
    onAppeal: row.appeal_id !== null,
  };
}

export function presentAppeal(row: AppealRow): CaseAppealDto {
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

export function presentDocument(row: DocumentRow): CaseDocumentDto {
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
