import { AppError } from '../../platform/errors';

/**
 * Four eyes over a whole case: whoever examined it (findings, risk map, on-site visit, report, …), whoever signed
 * its report off and whoever decided it are different people, and the appeal reviewer is none of them. Every check
 * (sign-off, decision, appeal review, and what the workspace offers) reads the same list of participants.
 */

/** What a person did on the case; examination acts come from the case's audit trail. */
export type CaseAct =
  | 'assigned_validator'
  | 'findings'
  | 'risk_map'
  | 'visit_team'
  | 'checklist'
  | 'photos'
  | 'minutes'
  | 'information_request'
  | 'improvement_plan'
  | 'report'
  | 'sign_off'
  | 'intended_rejection'
  | 'decision';

export type CaseStep = 'examined' | 'signed' | 'decided';

export interface Participation {
  userId: string;
  step: CaseStep;
  act: CaseAct;
  /** For a sign-off: the report it approved. */
  reportId?: string | undefined;
}

/** The act a four-eyes check guards. */
export type GuardedAct = 'sign' | 'decide' | 'review_appeal';

// Rule names predate the wider count; "validator" means anyone who examined the case.
export type FourEyesRule =
  | 'signer_is_validator'
  | 'signer_signed_before'
  | 'decider_is_validator'
  | 'decider_signed_off'
  | 'appeal_reviewer_is_validator'
  | 'appeal_reviewer_signed_off'
  | 'appeal_reviewer_decided';

export interface FourEyesRefusal {
  rule: FourEyesRule;
  /** The caller's own acts that stand in the way. */
  acts: CaseAct[];
}

/**
 * The audit actions that are examination of the case, and what each counts as. Setting the visit team counts for
 * its members, not for whoever set it (like assigning the validator); scheduling, consultations and comments are
 * not examination.
 */
export const EXAMINATION_EVENTS: Readonly<Record<string, CaseAct>> = {
  'validation.finding_recorded': 'findings',
  'validation.risk_added': 'risk_map',
  'validation.risk_updated': 'risk_map',
  'validation.risk_removed': 'risk_map',
  'validation.risk_measure_added': 'risk_map',
  'validation.visit_team_set': 'visit_team',
  'validation.checklist_generated': 'checklist',
  'validation.observation_recorded': 'checklist',
  'validation.photo_added': 'photos',
  'validation.photo_removed': 'photos',
  'validation.minutes_recorded': 'minutes',
  'validation.information_requested': 'information_request',
  'application.require_improvement': 'improvement_plan',
  'validation.measure_verified': 'improvement_plan',
  'application.verify_improvement': 'improvement_plan',
  'application.issue_report': 'report',
};

export interface CaseRecord {
  assignedValidatorId: string | null;
  /** The case's audit events whose action is one of EXAMINATION_EVENTS (others are ignored). */
  events: readonly { actorUserId: string | null; action: string; summary: Record<string, unknown> }[];
  signOffs: readonly { signed_by: string; outcome: string; report_id: string }[];
  decisions: readonly { decided_by: string }[];
  notices: readonly { issued_by: string }[];
}

/** Everyone who examined, signed off (approved any report) or decided (a decision, a notice of intended rejection). */
export function caseParticipants(record: CaseRecord): Participation[] {
  const participants: Participation[] = [];
  if (record.assignedValidatorId) {
    participants.push({ userId: record.assignedValidatorId, step: 'examined', act: 'assigned_validator' });
  }
  for (const event of record.events) {
    const act = EXAMINATION_EVENTS[event.action];
    if (!act) continue;
    if (act === 'visit_team') {
      const members = Array.isArray(event.summary.userIds) ? event.summary.userIds : [];
      for (const userId of members) {
        if (typeof userId === 'string') participants.push({ userId, step: 'examined', act });
      }
    } else if (event.actorUserId) {
      participants.push({ userId: event.actorUserId, step: 'examined', act });
    }
  }
  for (const signOff of record.signOffs) {
    if (signOff.outcome !== 'approved') continue;
    participants.push({
      userId: signOff.signed_by,
      step: 'signed',
      act: 'sign_off',
      reportId: signOff.report_id,
    });
  }
  for (const notice of record.notices) {
    participants.push({ userId: notice.issued_by, step: 'decided', act: 'intended_rejection' });
  }
  for (const decision of record.decisions) {
    participants.push({ userId: decision.decided_by, step: 'decided', act: 'decision' });
  }
  return participants;
}

const RULES: Record<GuardedAct, readonly (readonly [CaseStep, FourEyesRule])[]> = {
  sign: [['examined', 'signer_is_validator']],
  decide: [
    ['examined', 'decider_is_validator'],
    ['signed', 'decider_signed_off'],
  ],
  review_appeal: [
    ['decided', 'appeal_reviewer_decided'],
    ['signed', 'appeal_reviewer_signed_off'],
    ['examined', 'appeal_reviewer_is_validator'],
  ],
};

/**
 * Whether `userId` may take the guarded act. A signer has not examined the case nor signed the current report at
 * another level; a decider has neither examined nor signed off; an appeal reviewer has done none of it nor decided.
 */
export function checkFourEyes(
  act: GuardedAct,
  userId: string,
  participants: readonly Participation[],
  currentReportId?: string | null,
): FourEyesRefusal | null {
  const own = participants.filter((p) => p.userId === userId);
  for (const [step, rule] of RULES[act]) {
    const acts = own.filter((p) => p.step === step).map((p) => p.act);
    if (acts.length) return { rule, acts: [...new Set(acts)] };
  }
  if (act === 'sign' && currentReportId) {
    const signed = own.some((p) => p.act === 'sign_off' && p.reportId === currentReportId);
    if (signed) return { rule: 'signer_signed_before', acts: ['sign_off'] };
  }
  return null;
}

const ACT_NAMES: Record<CaseAct, string> = {
  assigned_validator: 'assigned validator',
  findings: 'desk-review findings',
  risk_map: 'risk map',
  visit_team: 'on-site visit team',
  checklist: 'on-site checklist',
  photos: 'on-site photos',
  minutes: 'visit minutes',
  information_request: 'request for information',
  improvement_plan: 'improvement plan',
  report: 'validation report',
  sign_off: 'sign-off',
  intended_rejection: 'notice of intended rejection',
  decision: 'decision',
};

const STEP_TEXT: Record<CaseStep, string> = {
  examined: 'took part in examining this case',
  signed: "signed off this case's report",
  decided: 'took part in deciding this case',
};

const GUARDED_TEXT: Record<GuardedAct, string> = {
  sign: 'sign off its report',
  decide: 'decide it',
  review_appeal: 'review the appeal',
};

const RULE_STEP: Record<FourEyesRule, CaseStep> = {
  signer_is_validator: 'examined',
  signer_signed_before: 'signed',
  decider_is_validator: 'examined',
  decider_signed_off: 'signed',
  appeal_reviewer_is_validator: 'examined',
  appeal_reviewer_signed_off: 'signed',
  appeal_reviewer_decided: 'decided',
};

const RULE_ACT: Record<FourEyesRule, GuardedAct> = {
  signer_is_validator: 'sign',
  signer_signed_before: 'sign',
  decider_is_validator: 'decide',
  decider_signed_off: 'decide',
  appeal_reviewer_is_validator: 'review_appeal',
  appeal_reviewer_signed_off: 'review_appeal',
  appeal_reviewer_decided: 'review_appeal',
};

export function fourEyesMessage(refusal: FourEyesRefusal): string {
  if (refusal.rule === 'signer_signed_before') {
    return 'Four eyes: you have already signed this report at another level.';
  }
  const what = refusal.acts.map((act) => ACT_NAMES[act]).join(', ');
  return (
    `Four eyes: you ${STEP_TEXT[RULE_STEP[refusal.rule]]} (${what}), ` +
    `so another officer must ${GUARDED_TEXT[RULE_ACT[refusal.rule]]}.`
  );
}

/** 403 with `details.reason: 'four_eyes'`, the rule and the caller's acts in the way. */
export function fourEyesError(refusal: FourEyesRefusal): AppError {
  return new AppError('forbidden', fourEyesMessage(refusal), {
    reason: 'four_eyes',
    rule: refusal.rule,
    acts: refusal.acts,
  });
}
