import {
  allowedActions,
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../applications/application-lifecycle';
import type { SignOffLevel } from '../programme';
import type { Role } from '../../platform/request-context';
import { checkAppealReviewer, checkDecider, checkSigner, type CaseOfficers } from './four-eyes';

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

/**
 * The lifecycle actions this caller may take on the case now: the state's customs actions, less those their role,
 * office or the four-eyes rules refuse (the services refuse them too; this is what the workspace offers).
 */
export function callerActions(
  state: ApplicationState,
  caller: Caller,
  context: { levels: readonly SignOffLevel[]; next: LevelProgress | null; officers: CaseOfficers },
): ApplicationAction[] {
  const hasRole = (roles: readonly Role[]) => roles.some((role) => caller.roles.includes(role));
  const isSigning = state === 'awaiting_sign_off' || state === 'referred_to_headquarters';
  const maySign = () => {
    if (checkSigner(caller.userId, context.officers)) return false;
    if (state === 'referred_to_headquarters') return canSignReferral(context.levels, caller);
    return context.next !== null && canSignLevel(context.next.level, caller);
  };
  return allowedActions(state).filter((action) => {
    if (!transitionApplication(state, action, 'customs').ok) return false;
    if (isSigning && SIGNING_ACTIONS.includes(action)) return maySign();
    switch (action) {
      case 'return_for_rework':
        return hasRole(DECIDING_ROLES);
      case 'grant':
      case 'reject':
        return hasRole(DECIDING_ROLES) && checkDecider(caller.userId, context.officers) === null;
      case 'uphold':
      case 'reverse':
      case 'send_back':
        return (
          hasRole(APPEAL_REVIEWER_ROLES) &&
          caller.isHeadquarters &&
          checkAppealReviewer(caller.userId, context.officers) === null
        );
      default:
        return true;
    }
  });
}
