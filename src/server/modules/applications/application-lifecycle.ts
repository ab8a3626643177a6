/**
 * The application lifecycle as one pure, table-driven transition function. The validation work extends the
 * table with its examination states; every accepted transition is audited by the service that applies it.
 */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'information_requested',
  'accepted',
  'not_accepted',
  'withdrawn',
  'expired',
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
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Who may take an action: the applicant's side, customs, or the scheduler (deadlines). */
export type ActorSide = 'operator' | 'customs' | 'system';

interface TransitionRule {
  to: ApplicationState;
  by: readonly ActorSide[];
}

const TRANSITIONS: Partial<Record<ApplicationState, Partial<Record<ApplicationAction, TransitionRule>>>> = {
  draft: {
    submit: { to: 'submitted', by: ['operator'] },
    withdraw: { to: 'withdrawn', by: ['operator'] },
  },
  submitted: {
    accept: { to: 'accepted', by: ['customs'] },
    request_information: { to: 'information_requested', by: ['customs'] },
    not_accept: { to: 'not_accepted', by: ['customs'] },
    withdraw: { to: 'withdrawn', by: ['operator'] },
  },
  information_requested: {
    reply: { to: 'submitted', by: ['operator'] },
    withdraw: { to: 'withdrawn', by: ['operator'] },
    // A request not answered in time closes the case, as the programme's clocks say.
    expire: { to: 'expired', by: ['system', 'customs'] },
  },
  accepted: {
    withdraw: { to: 'withdrawn', by: ['operator'] },
  },
};

/** States in which the operator may still change answers and evidence. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'information_requested'];

/** States that count as an active application (one per operator and programme type). */
export const ACTIVE_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'information_requested',
  'accepted',
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
