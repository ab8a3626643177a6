/**
 * The application lifecycle as one pure, table-driven transition function, from the draft to a decision that can
 * be appealed. Every accepted transition is audited by the service that applies it (applications for intake,
 * validation for examination, decision and appeal).
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'information_requested',
  'accepted',
  'not_accepted',
  'withdrawn',
  'expired',
  // Examination (validation module).
  'desk_review',
  'on_site',
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
  'ready_for_decision',
  // Right to be heard: a notice of intended rejection and the applicant's answer.
  'right_to_be_heard',
  'notice_answered',
  // Decision and appeal.
  'granted',
  'rejected',
  'under_appeal',
  'rejection_upheld',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = [
  'submit',
  'request_information',
  'reply',
  'accept',
  'not_accept',
  'withdraw',
  'expire',
  'start_review',
  'start_on_site',
  'issue_report',
  'require_improvement',
  'verify_improvement',
  'submit_for_sign_off',
  'sign_off',
  'refer_to_headquarters',
  'return_for_rework',
  'notify_intended_rejection',
  'answer_notice',
  'grant',
  'reject',
  'appeal',
  'uphold',
  'reverse',
  'send_back',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Who may take an action: the applicant's side, customs, or the scheduler (deadlines). */
export type ActorSide = 'operator' | 'customs' | 'system';

interface TransitionRule {
  to: ApplicationState;
  by: readonly ActorSide[];
}

const OPERATOR: readonly ActorSide[] = ['operator'];
const CUSTOMS: readonly ActorSide[] = ['customs'];
const withdraw: TransitionRule = { to: 'withdrawn', by: OPERATOR };
const rework: TransitionRule = { to: 'desk_review', by: CUSTOMS };

const TRANSITIONS: Partial<Record<ApplicationState, Partial<Record<ApplicationAction, TransitionRule>>>> = {
  draft: {
    submit: { to: 'submitted', by: OPERATOR },
    withdraw,
  },
  submitted: {
    accept: { to: 'accepted', by: CUSTOMS },
    request_information: { to: 'information_requested', by: CUSTOMS },
    not_accept: { to: 'not_accepted', by: CUSTOMS },
    withdraw,
  },
  information_requested: {
    reply: { to: 'submitted', by: OPERATOR },
    withdraw,
    // A request not answered in time closes the case, as the programme's clocks say.
    expire: { to: 'expired', by: ['system', 'customs'] },
  },
  accepted: {
    start_review: { to: 'desk_review', by: CUSTOMS },
    withdraw,
  },
  desk_review: {
    start_on_site: { to: 'on_site', by: CUSTOMS },
    issue_report: { to: 'report_issued', by: CUSTOMS },
    withdraw,
  },
  on_site: {
    issue_report: { to: 'report_issued', by: CUSTOMS },
    withdraw,
  },
  report_issued: {
    // A new version of the report (e.g. once the improvement plan is verified).
    issue_report: { to: 'report_issued', by: CUSTOMS },
    require_improvement: { to: 'improvement_plan', by: CUSTOMS },
    submit_for_sign_off: { to: 'awaiting_sign_off', by: CUSTOMS },
    return_for_rework: rework,
    withdraw,
  },
  improvement_plan: {
    // Every measure verified: the report is brought up to date and goes on to sign-off.
    verify_improvement: { to: 'report_issued', by: CUSTOMS },
    // The plan was not carried out: the applicant is heard before a rejection.
    notify_intended_rejection: { to: 'right_to_be_heard', by: CUSTOMS },
    withdraw,
  },
  awaiting_sign_off: {
    sign_off: { to: 'ready_for_decision', by: CUSTOMS },
    refer_to_headquarters: { to: 'referred_to_headquarters', by: CUSTOMS },
    return_for_rework: rework,
    withdraw,
  },
  referred_to_headquarters: {
    sign_off: { to: 'ready_for_decision', by: CUSTOMS },
    return_for_rework: rework,
    withdraw,
  },
  ready_for_decision: {
    grant: { to: 'granted', by: CUSTOMS },
    // No rejection without hearing the applicant first.
    notify_intended_rejection: { to: 'right_to_be_heard', by: CUSTOMS },
    return_for_rework: rework,
    withdraw,
  },
  right_to_be_heard: {
    answer_notice: { to: 'notice_answered', by: OPERATOR },
    // Only once the reply period has run out (the service checks the date).
    reject: { to: 'rejected', by: CUSTOMS },
    withdraw,
  },
  notice_answered: {
    grant: { to: 'granted', by: CUSTOMS },
    reject: { to: 'rejected', by: CUSTOMS },
    return_for_rework: rework,
    withdraw,
  },
  rejected: {
    appeal: { to: 'under_appeal', by: OPERATOR },
  },
  under_appeal: {
    uphold: { to: 'rejection_upheld', by: CUSTOMS },
    reverse: { to: 'granted', by: CUSTOMS },
    send_back: { to: 'desk_review', by: CUSTOMS },
  },
};

/** States in which the operator may still change answers and evidence. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'information_requested'];

/** States in which customs examine the case (findings, risk map, visit, report may still change). */
export const EXAMINATION_STATES: readonly ApplicationState[] = ['accepted', 'desk_review', 'on_site'];

/** States in which the decision clock runs against customs (the applicant's own periods pause it). */
export const DECISION_CLOCK_STATES: readonly ApplicationState[] = [
  'accepted',
  'desk_review',
  'on_site',
  'report_issued',
  'awaiting_sign_off',
  'referred_to_headquarters',
  'ready_for_decision',
  'notice_answered',
];

/** States that count as an active application (one per operator and programme type). */
export const ACTIVE_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'information_requested',
  'accepted',
  'desk_review',
  'on_site',
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
  'ready_for_decision',
  'right_to_be_heard',
  'notice_answered',
  'under_appeal',
];

export type TransitionResult =
  | { ok: true; to: ApplicationState }
  | { ok: false; reason: 'not_allowed_in_state' | 'not_allowed_for_actor' };

export function transitionApplication(
  state: ApplicationState,
  action: ApplicationAction,
  by: ActorSide,
): TransitionResult {
  const rule = TRANSITIONS[state]?.[action];
  if (!rule) return { ok: false, reason: 'not_allowed_in_state' };
  if (!rule.by.includes(by)) return { ok: false, reason: 'not_allowed_for_actor' };
  return { ok: true, to: rule.to };
}

/** The table, for documentation and the tests that walk every (state, action) pair. */
export function allowedActions(state: ApplicationState): ApplicationAction[] {
  return Object.keys(TRANSITIONS[state] ?? {}) as ApplicationAction[];
}

export function isApplicationState(value: string): value is ApplicationState {
  return (APPLICATION_STATES as readonly string[]).includes(value);
}
