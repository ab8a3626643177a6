import type { Db } from '../../platform/database';
import { AppError, forbidden, notFound } from '../../platform/errors';
import type { OperatorRight, RequestContext } from '../../platform/request-context';
import type { OrganisationsService } from '../organisations/organisations.service';
import { APPLICATION_STATES, type ActorSide } from '../../../vocabulary/application-lifecycle';
import {
  ApplicationsRepository,
  type ApplicationFilter,
  type ApplicationRow,
} from './applications.repository';
import {
  caseListScope,
  customsReachOfCase,
  isCaseStaff,
  isHeadquartersCaller,
  type CaseListScope,
  type CaseTeam,
  type CustomsCaller,
} from './case-scope';

export interface ApplicationAccess {
  application: ApplicationRow;
  side: ActorSide;
  onBehalfOfOperatorId: string | null;
}

/** Until the validation module registers its query, nobody besides the office and the assignee is on a case. */
const NO_TEAM: CaseTeam = {
  reviewerIds: () => Promise.resolve([]),
  reviewedCaseIds: () => Promise.resolve([]),
};
const CUSTOMS_VISIBLE_STATES = APPLICATION_STATES.filter((state) => state !== 'draft');

/** Who reaches a case (by id or in a list), on either side: the scope rule of case-scope.ts applied to the database. */
export class ApplicationAccessService {
  private readonly repository = new ApplicationsRepository();
  private team: CaseTeam = NO_TEAM;

  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationsService,
  ) {}

  /** The validation module says who it puts on a case (review split), for the office and assignment scope. */
  useCaseTeam(team: CaseTeam): void {
    this.team = team;
  }

  /**
   * Customs see the cases in their scope (headquarters, the case's office, its assigned officer, a review-split
   * member); an operator's users and representatives only theirs; everyone else, a risk analyst or an agency officer
   * included, gets 404 as for a missing id.
   */
  async authorize(context: RequestContext, id: string, right: OperatorRight): Promise<ApplicationAccess> {
    const application = await this.repository.find(this.db, id);
    if (!application) throw notFound('Application');
    if (isCaseStaff(context)) {
      const access = await this.reachAsCustoms(context, application);
      if (right !== 'view') throw forbidden('Customs users cannot act for the applicant.');
      return access;
    }
    try {
      const access = await this.organisations.authorizeOperator(context, application.operator_id, right);
      return { application, side: 'operator', onBehalfOfOperatorId: access.onBehalfOfOperatorId };
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw notFound('Application');
      throw error;
    }
  }

  /** Whether the applicant's side caller, who may read the case, holds `right` on it as well. */
  async holdsRight(
    context: RequestContext,
    access: ApplicationAccess,
    right: OperatorRight,
  ): Promise<boolean> {
    if (access.side !== 'operator') return false;
    try {
      await this.organisations.authorizeOperator(context, access.application.operator_id, right);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') return false;
      throw error;
    }
  }

  /**
   * Customs in the case's scope only (headquarters, the case's office, its assigned officer, a review-split member):
   * the applicant gets 403 on its own case, everyone else 404 as for a missing id.
   */
  async authorizeCustoms(context: RequestContext, id: string): Promise<ApplicationAccess> {
    if (!isCaseStaff(context)) {
      // 404 for a case the caller cannot see; 403 for its own case.
      await this.authorize(context, id, 'view');
      throw forbidden('Only customs can take this decision.');
    }
    const application = await this.repository.find(this.db, id);
    if (!application) throw notFound('Application');
    return this.reachAsCustoms(context, application);
  }

  /** The applicant's side acting on its case with `right`: customs get 403, other operators 404. */
  async authorizeApplicant(
    context: RequestContext,
    id: string,
    right: OperatorRight = 'submit',
  ): Promise<ApplicationAccess> {
    if (isCaseStaff(context)) {
      await this.authorize(context, id, 'view');
      throw forbidden('Only the applicant can do this.');
    }
    return this.authorize(context, id, right);
  }

  /**
   * Either side may read: customs in the case's scope, an operator holding `right` on its own case (a comment needs
   * `prepare`); 404 otherwise.
   */
  authorizeEitherSide(
    context: RequestContext,
    id: string,
    right: OperatorRight = 'view',
  ): Promise<ApplicationAccess> {
    return this.authorize(context, id, isCaseStaff(context) ? 'view' : right);
  }

  /** Whether the caller may read the case (for answers that may say 403 only to those who know it exists). */
  async canReach(context: RequestContext, id: string): Promise<boolean> {
    try {
      await this.authorize(context, id, 'view');
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return false;
      throw error;
    }
  }

  /**
   * A record a case begets (its authorisation, a consultation) is reachable by whoever reaches the case, and answers
   * 404 under its own name otherwise, exactly as a missing one.
   */
  async authorizeRecord(
    context: RequestContext,
    applicationId: string,
    record: string,
    side: 'either' | 'customs' = 'either',
  ): Promise<ApplicationAccess> {
    try {
      return side === 'customs'
        ? await this.authorizeCustoms(context, applicationId)
        : await this.authorize(context, applicationId, 'view');
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw notFound(record);
      throw error;
    }
  }

  /**
   * What the caller may list, as `authorize` decides by id: customs the submitted cases in their scope
   * (headquarters all of them), an operator's users and representatives their operators' cases; null for nobody.
   */
  async readerFilter(context: RequestContext): Promise<Omit<ApplicationFilter, 'limit'> | null> {
    const principal = context.principal;
    if (isCaseStaff(context)) {
      return { statuses: [...CUSTOMS_VISIBLE_STATES], reachableBy: await this.customsListScope(context) };
    }
    if (principal?.kind !== 'user' || !principal.operatorId) return null;
    const membership = await this.organisations.describeMembership(principal.operatorId, context.now);
    return { operatorIds: [principal.operatorId, ...membership.actingFor.map((grant) => grant.operatorId)] };
  }

  /**
   * The cases a customs caller may list, as a filter (`isReachableBy`); undefined for headquarters, which sees every
   * case. Every list of cases for customs uses it, so a listed case always opens by id.
   */
  async customsListScope(context: RequestContext): Promise<CaseListScope | undefined> {
    const caller = await this.customsCaller(context);
    if (!caller) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (isHeadquartersCaller(caller)) return undefined;
    return caseListScope(caller, await this.team.reviewedCaseIds(caller.userId));
  }

  /** Whether the caller is headquarters (case-scope.ts): an admin, or a user of the headquarters office. */
  async isHeadquarters(context: RequestContext): Promise<boolean> {
    const caller = await this.customsCaller(context);
    return caller !== null && isHeadquartersCaller(caller);
  }

  /** The scope rule (case-scope.ts) applied to one submitted case; a draft is the applicant's own work. */
  private async reachAsCustoms(
    context: RequestContext,
    application: ApplicationRow,
  ): Promise<ApplicationAccess> {
    const caller = await this.customsCaller(context);
    if (!caller || application.status === 'draft') throw notFound('Application');
    const facts = {
      officeId: application.office_id,
      assignedValidatorId: application.assigned_validator_id,
      reviewerIds: [] as string[],
    };
    // The review split is asked only when office and assignment do not already answer.
    const reach =
      customsReachOfCase(caller, facts) ??
      customsReachOfCase(caller, {
        ...facts,
        reviewerIds: await this.team.reviewerIds(application.id),
      });
    if (!reach) throw notFound('Application');
    return { application, side: 'customs', onBehalfOfOperatorId: null };
  }

  private async customsCaller(context: RequestContext): Promise<CustomsCaller | null> {
    const principal = context.principal;
    if (principal?.kind !== 'user') return null;
    const office = principal.officeId
      ? await this.organisations.findOfficeById(principal.officeId)
      : undefined;
    return {
      userId: principal.userId,
      roles: principal.roles,
      officeId: principal.officeId,
      isAtHeadquarters: office?.kind === 'headquarters',
    };
  }
}
