import type { ConsultationReplyKind } from './validation.tables';

export type ConsultationOutcome = ConsultationReplyKind | 'pending';

/**
 * What a consulted office or agency said: its reply, or, once the deadline has passed in silence, no objection.
 * Before the deadline a silent party is still pending.
 */
export function consultationOutcome(
  consultation: { reply_kind: ConsultationReplyKind | null; due_date: string },
  today: string,
): { outcome: ConsultationOutcome; isSilence: boolean } {
  if (consultation.reply_kind) return { outcome: consultation.reply_kind, isSilence: false };
  if (today > consultation.due_date) return { outcome: 'no_objection', isSilence: true };
  return { outcome: 'pending', isSilence: false };
}

/** Whether every consulted office or agency has answered or let its deadline pass, and whether any raised something. */
export function consultationsSettled(
  consultations: ReadonlyArray<{ reply_kind: ConsultationReplyKind | null; due_date: string }>,
  today: string,
): { isSettled: boolean; hasAdverse: boolean } {
  const outcomes = consultations.map((c) => consultationOutcome(c, today).outcome);
  return {
    isSettled: outcomes.every((outcome) => outcome !== 'pending'),
    hasAdverse: outcomes.some((outcome) => outcome !== 'pending' && outcome !== 'no_objection'),
  };
}
