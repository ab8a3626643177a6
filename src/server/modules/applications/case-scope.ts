import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/database-schema';
import { hasRole, type RequestContext, type Role } from '../../platform/request-context';
import { CASE_ROLES } from '../../../vocabulary/roles';

/**
 * Office and assignment scope of customs on a case (and on what a case begets: its authorisation, its
 * consultations). The one rule, pure; `ApplicationsService.authorize`/`authorizeCustoms` apply it to every
 * case-bearing route, `caseListScope` below is the same rule as a list filter and `isReachableBy` that filter in SQL.
 *
 * A consulted office or agency does not reach the case through this rule: the consultation routes authorise its
 * officers through the consultation itself (its inbox, the consultation, the reply), which shows them the question
 * and the declared sites, nothing else of the file.
 */

export { CASE_ROLES };

/** Whether the caller works on cases for customs (a case role), whichever case it is. */
export function isCaseStaff(context: RequestContext): boolean {
  return hasRole(context.principal, ...CASE_ROLES);
}

export interface CustomsCaller {
  userId: string;
  roles: readonly Role[];
  officeId: string | null;
  /** A customs user whose office is headquarters. */
  isAtHeadquarters: boolean;
}

export interface CaseFacts {
  officeId: string | null;
  assignedValidatorId: string | null;
  /** Members of the review split (one section each), kept by the validation module. */
  reviewerIds: readonly string[];
}

export type CaseReach = 'headquarters' | 'office' | 'assigned' | 'review_split';

/** Headquarters oversees every office: an admin, or a customs user whose office is headquarters. */
export function isHeadquartersCaller(caller: CustomsCaller): boolean {
  return caller.roles.includes('admin') || caller.isAtHeadquarters;
}

/** Why the caller may read and act on the case, or null: the case then answers 404, as a missing one. */
export function customsReachOfCase(caller: CustomsCaller, facts: CaseFacts): CaseReach | null {
  if (!caller.roles.some((role) => CASE_ROLES.includes(role))) return null;
  if (isHeadquartersCaller(caller)) return 'headquarters';
  if (caller.officeId !== null && caller.officeId === facts.officeId) return 'office';
  if (facts.assignedValidatorId === caller.userId) return 'assigned';
  if (facts.reviewerIds.includes(caller.userId)) return 'review_split';
  return null;
}

/** The rule as a list filter: undefined for headquarters (every case), otherwise the three ways in. */
export interface CaseListScope {
  officeId: string | null;
  userId: string;
  reviewedCaseIds: readonly string[];
}

export function caseListScope(
  caller: CustomsCaller,
  reviewedCaseIds: readonly string[],
): CaseListScope | undefined {
  if (isHeadquartersCaller(caller)) return undefined;
  return { officeId: caller.officeId, userId: caller.userId, reviewedCaseIds };
}

/** The list filter as a condition on `application`, for every query that lists cases or what they beget. */
export function isReachableBy(scope: CaseListScope) {
  return (eb: ExpressionBuilder<Database, 'application'>) =>
    eb.or([
      ...(scope.officeId ? [eb('application.office_id', '=', scope.officeId)] : []),
      eb('application.assigned_validator_id', '=', scope.userId),
      ...(scope.reviewedCaseIds.length ? [eb('application.id', 'in', scope.reviewedCaseIds)] : []),
    ]);
}

/**
 * Who, besides the case's office, the validation module puts on a case. Applications cannot import validation
 * (validation depends on applications), so validation registers this query at start-up.
 */
export interface CaseTeam {
  reviewerIds(applicationId: string): Promise<string[]>;
  reviewedCaseIds(userId: string): Promise<string[]>;
}
