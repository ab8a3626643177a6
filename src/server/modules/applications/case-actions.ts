import {
  allowedActions,
  transitionApplication,
  type ActorSide,
  type ApplicationAction,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';

/**
 * The lifecycle actions this module's routes take. The examination's, the decision's and the appeal's (start_review,
 * grant, answer_notice, appeal, …) depend on the validation module's records (sign-off, notices, appeal periods), so
 * that module answers them in its own views.
 */
const INTAKE_ACTIONS: readonly ApplicationAction[] = [
  'submit',
  'reply',
  'withdraw',
  'accept',
  'request_information',
  'not_accept',
  'expire',
];

export interface CaseCaller {
  side: ActorSide;
  /** For the applicant's side: whether the caller holds the right to submit for the operator. */
  maySubmit: boolean;
  /** Today (YYYY-MM-DD), for the deadline rules. */
  today: string;
}

/**
 * What the caller may do with the case now, by the same rules the services enforce: the pure lifecycle for the
 * caller's side, the operator right the applicant's actions need, and the reply deadline before a case may expire.
 */
export function caseActionsFor(
  application: { status: string; information_due: string | null },
  caller: CaseCaller,
): ApplicationAction[] {
  const state = application.status as ApplicationState;
  return allowedActions(state).filter((action) => {
    if (!INTAKE_ACTIONS.includes(action)) return false;
    if (!transitionApplication(state, action, caller.side).ok) return false;
    if (caller.side === 'operator') return caller.maySubmit;
    if (action === 'expire')
      return !(application.information_due && application.information_due >= caller.today);
    return true;
  });
}
