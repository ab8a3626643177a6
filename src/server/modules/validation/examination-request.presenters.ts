import type { InformationRequestView } from './examination-request.service';
import type { InformationRequestDto } from './examination-request.schemas';

export function presentInformationRequest(view: InformationRequestView): InformationRequestDto {
  const { row } = view;
  return {
    id: row.id,
    status: row.status,
    message: row.message,
    questions: view.questions,
    dueDate: row.due_date,
    isOverdue: view.isOverdue,
    requestedAt: row.requested_at.toISOString(),
    replyText: row.reply_text,
    evidence: view.evidence,
    repliedAt: row.replied_at?.toISOString() ?? null,
  };
}
