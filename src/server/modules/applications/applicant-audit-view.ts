import type { ChainedAuditEvent } from '../audit/audit-chain';
import { fullAuditView, type AuditEventView, type OperatorAuditView } from '../audit/audit.presenters';

/** Examination events the applicant takes part in (its case history shows them; customs' internal work it does not). */
export const APPLICANT_VALIDATION_EVENTS: ReadonlySet<string> = new Set([
  'validation.information_requested',
  'validation.information_replied',
  'validation.information_request_lapsed',
  'validation.visit_slots_proposed',
  'validation.visit_slot_chosen',
  'validation.report_commented',
  'validation.improvement_extended',
  'validation.measure_reported',
  'validation.measure_verified',
  'validation.decision_extended',
]);

/** The case events an applicant sees: the lifecycle and the examination steps it takes part in. */
export function isApplicantCaseEvent(action: string): boolean {
  return action.startsWith('application.') || APPLICANT_VALIDATION_EVENTS.has(action);
}

/**
 * The one rule for what an applicant (the users of the operator whose record it is, and representatives acting for
 * it) reads of the audit trail, used by the case timeline and by `GET /audit/events`:
 * - of a case, only the lifecycle and the steps it takes part in, without their details (findings, risk map,
 *   consultations, sign-off notes and every other detail of customs' work stay with customs);
 * - of its other records (the organisation, its users, delegations, authorisations), what was recorded;
 * - an actor who is neither one of its users nor a representative acting for it is shown as "customs": no e-mail,
 *   no id.
 */
export function applicantAuditView(applicantUserIds: ReadonlySet<string>): OperatorAuditView {
  return (event: ChainedAuditEvent): AuditEventView | null => {
    const isCase = event.entityType === 'application';
    if (isCase && !isApplicantCaseEvent(event.action)) return null;
    const view = fullAuditView(event);
    const isApplicantSide =
      event.onBehalfOfOperatorId !== null ||
      (event.actorUserId !== null && applicantUserIds.has(event.actorUserId));
    const isNamed = isApplicantSide || view.actor.kind === 'system';
    return {
      ...view,
      actor: isNamed ? view.actor : { id: null, label: null, kind: 'customs' },
      summary: isCase ? {} : view.summary,
      requestId: isNamed ? view.requestId : null,
    };
  };
}
