import {
  allowedActions,
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import type { SignOffLevel } from '../../../programme-core';
import type { Role } from '../../platform/request-context';
import { checkFourEyes, type Participation } from './four-eyes';

export const DECIDING_ROLES: readonly Role[] = ['aeo_manager'];
const APPEAL_REVIEWER_ROLES: readonly Role[] = ['aeo_manager', 'admin'];

export interface Approval {
  level: number;
  signed_by: string;
  signed_at: Date;
}

export interface LevelProgress {
  /** 1-based, as stored in `sign_off.level`. */
  number: number;
  level: SignOffLevel;
  signedBy: string | null;
  signedAt: Date | null;
}

/** Which of the programme's levels the current report has passed, and the next one to sign (null when all have). */
export function signOffProgress(
  levels: readonly SignOffLevel[],
  approvals: readonly Approval[],
): { levels: LevelProgress[]; next: LevelProgress | null } {
  const progress = levels.map((level, index) => {
    const approval = approvals.find((a) => a.level === index + 1);
    return {
      number: index + 1,
      level,
      signedBy: approval?.signed_by ?? null,
      signedAt: approval?.signed_at ?? null,
    };
  });
  return { levels: progress, next: progress.find((p) => p.signedBy === null) ?? null };
}

export interface Caller {
  userId: string;
  roles: readonly Role[];
  isHeadquarters: boolean;
}

/** Whether the caller holds a role of the level and, where the level says so, sits at headquarters. */
export function canSignLevel(level: SignOffLevel, caller: Caller): boolean {
  return (
    level.roles.some((role) => caller.roles.includes(role)) && (!level.headquarters || caller.isHeadquarters)
  );
}

/** A case referred to headquarters is signed there by someone who could sign one of the levels. */
export function canSignReferral(levels: readonly SignOffLevel[], caller: Caller): boolean {
  return (
    caller.isHeadquarters && levels.some((level) => level.roles.some((role) => caller.roles.includes(role)))
  );
}

const SIGNING_ACTIONS: readonly ApplicationAction[] = [
  'sign_off',
  'refer_to_headquarters',
  'return_for_rework',
];

/** The decision acts: an AEO manager who has neither examined the case nor signed it off. */
const DECIDING_ACTIONS: readonly ApplicationAction[] = ['grant', 'reject', 'notify_intended_rejection'];

/**
 * The lifecycle actions this caller may take on the case now: the state's customs actions, less those their role,
 * office or the four-eyes rules refuse (the services refuse them too, with the same checks; this is what the
 * workspace offers).
 */
export function callerActions(
  state: ApplicationState,
  caller: Caller,
  context: {
    levels: readonly SignOffLevel[];
    next: LevelProgress | null;
    participants: readonly Participation[];
    currentReportId: string | null;
  },
): ApplicationAction[] {
  const hasRole = (roles: readonly Role[]) => roles.some((role) => caller.roles.includes(role));
  const isSigning = state === 'awaiting_sign_off' || state === 'referred_to_headquarters';
  const passes = (act: 'sign' | 'decide' | 'review_appeal') =>
    checkFourEyes(act, caller.userId, context.participants, context.currentReportId) === null;
  const maySign = () => {
    if (!passes('sign')) return false;
    if (state === 'referred_to_headquarters') return canSignReferral(context.levels, caller);
    return context.next !== null && canSignLevel(context.next.level, caller);
  };
  return allowedActions(state).filter((action) => {
    if (!transitionApplication(state, action, 'customs').ok) return false;
    if (isSigning && SIGNING_ACTIONS.includes(action)) return maySign();
    if (DECIDING_ACTIONS.includes(action)) return hasRole(DECIDING_ROLES) && passes('decide');
    switch (action) {
      case 'return_for_rework':
        // Outside sign-off the service needs a report to return and holds the manager to the decider's rule.
        return hasRole(DECIDING_ROLES) && context.currentReportId !== null && passes('decide');
      case 'uphold':
      case 'reverse':
      case 'send_back':
        return hasRole(APPEAL_REVIEWER_ROLES) && caller.isHeadquarters && passes('review_appeal');
      default:
        return true;
    }
  });
}
