import type { Db, Trx } from '../../platform/database';
import { conflict, notFound } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import { addDuration, today } from '../../../programme-core';
import type { ApplicationsService } from '../applications/applications.service';
import { CASE_ROLES } from '../applications/case-scope';
import type { ProgrammeService } from '../programme/programme.service';
import {
  transitionAuthorisation,
  type AuthorisationAction,
  type AuthorisationStatus,
} from './authorisation-lifecycle';
import {
  AuthorisationsRepository,
  type AuthorisationForCertificate,
  type AuthorisationRow,
  type NamedAuthorisationRow,
  type NewAuthorisation,
  type StatusChangeRow,
} from './authorisations.repository';

export type {
  AuthorisationForCertificate,
  AuthorisationRow,
  NamedAuthorisationRow,
  NewAuthorisation,
  StatusChangeRow,
} from './authorisations.repository';

/** The rejections that bar a new application: the validation module owns decisions, so it answers this. */
export interface RejectionBarSource {
  listRejectionBars(operatorId: string, authorisationType: string, day: string): Promise<string[]>;
}

export interface ReapplicationBar {
  barredUntil: string;
  cause: 'revocation' | 'rejection';
}

/** A status change checked against the lifecycle, on the locked authorisation, waiting to be applied. */
export interface PlannedStatusChange {
  authorisation: AuthorisationForCertificate;
  action: AuthorisationAction;
  to: AuthorisationStatus;
}

/** Why the status changed and the trust evidence of it (the certificate and the log leaf). */
export interface StatusChangeRecord {
  reason: string;
  remediationDeadline: string | null;
  certificateId: string;
  leafIndex: number;
  changedBy: string | null;
}

/**
 * The authorisation record: created by a grant (validation), its status changed by suspension, reinstatement and
 * revocation (trust records the evidence), read by customs in scope and by the holder, and the bar a revocation or
 * rejection puts on applying again.
 */
export class AuthorisationsService {
  private readonly repository = new AuthorisationsRepository();

  constructor(
    private readonly db: Db,
    private readonly programme: ProgrammeService,
    // Lazy: applications asks this service for bars, and validation (which grants) is built after both.
    private readonly applications: () => ApplicationsService,
    private readonly rejections: () => RejectionBarSource,
  ) {}

  // ----- writes, in the caller's transaction ----------------------------------------------------------------------

  /** The authorisation a grant creates, in the grant's transaction. */
  createInTransaction(trx: Trx, values: NewAuthorisation): Promise<AuthorisationRow> {
    return this.repository.insertAuthorisation(trx, values);
  }

  /** Locks the authorisation and checks the action against the lifecycle: 404 if missing, 409 if refused. */
  async planStatusChange(trx: Trx, id: string, action: AuthorisationAction): Promise<PlannedStatusChange> {
    const authorisation = await this.repository.findAuthorisationHolder(trx, id, { forUpdate: true });
    if (!authorisation) throw notFound('Authorisation');
    const transition = transitionAuthorisation(authorisation.status, action);
    if (!transition.ok) throw conflict(transition.reason, { status: authorisation.status });
    return { authorisation, action, to: transition.to };
  }

  /**
   * Writes a planned status change and its row in the status history. A revocation bars a new application of that
   * type for the programme's `reapplicationBarAfterRevocation`; the date is returned so the revocation notice can
   * say it.
   */
  async applyStatusChange(
    trx: Trx,
    change: PlannedStatusChange,
    record: StatusChangeRecord,
    now: Date,
  ): Promise<{ barredUntil: string | null }> {
    let barredUntil: string | null = null;
    if (change.to === 'revoked') {
      const { definition } = await this.programme.getVersion(change.authorisation.programmeVersionId, trx);
      const bar = definition.clocks.reapplicationBarAfterRevocation;
      if (bar.amount > 0) barredUntil = addDuration(today(now), bar);
    }
    await this.repository.updateStatus(trx, change.authorisation.id, change.to, barredUntil);
    await this.repository.insertStatusChange(trx, {
      authorisation_id: change.authorisation.id,
      certificate_id: record.certificateId,
      action: change.action,
      from_status: change.authorisation.status,
      to_status: change.to,
      reason: record.reason,
      remediation_deadline: record.remediationDeadline,
      leaf_index: record.leafIndex,
      changed_by: record.changedBy,
      changed_at: now,
    });
    return { barredUntil };
  }

  /** The status history, oldest first (the caller has checked that the authorisation is visible). */
  listStatusChanges(executor: Db | Trx, authorisationId: string): Promise<StatusChangeRow[]> {
    return this.repository.listStatusChanges(executor, authorisationId);
  }

  // ----- reads for other modules ----------------------------------------------------------------------------------

  /** An authorisation with its holder's details, as a certificate carries them (locked when asked). */
  findForCertificate(executor: Db | Trx, id: string, options: { forUpdate?: boolean } = {}) {
    return this.repository.findAuthorisationHolder(executor, id, options);
  }

  /** Every authorisation (one per type) the operator holds. */
  listOperatorAuthorisations(executor: Db | Trx, operatorId: string) {
    return this.repository.listOperatorAuthorisations(executor, operatorId);
  }

  /** The authorisation granted on a case, if any. */
  findForApplication(executor: Db | Trx, applicationId: string) {
    return this.repository.findAuthorisationForApplication(executor, applicationId);
  }

  /**
   * The authorisation if the caller may see the case it was granted on (customs in the case's office scope, the
   * holder or its representative; `customs`: customs only); 404 as for a missing one otherwise.
   */
  async getVisibleForCertificate(
    context: RequestContext,
    id: string,
    side: 'either' | 'customs' = 'either',
  ): Promise<AuthorisationForCertificate> {
    const authorisation = await this.repository.findAuthorisationHolder(this.db, id);
    if (!authorisation) throw notFound('Authorisation');
    await this.applications().authorizeRecord(context, authorisation.applicationId, 'Authorisation', side);
    return authorisation;
  }

  /** Until when the operator may not apply again for this type (the latest running bar), or null. */
  async reapplicationBar(
    operatorId: string,
    authorisationType: string,
    now: Date,
  ): Promise<ReapplicationBar | null> {
    const day = today(now);
    const [revoked, rejected] = await Promise.all([
      this.repository.listRevocationBars(this.db, operatorId, authorisationType, day),
      this.rejections().listRejectionBars(operatorId, authorisationType, day),
    ]);
    const bars: ReapplicationBar[] = [
      ...revoked.map((barredUntil) => ({ barredUntil, cause: 'revocation' as const })),
      ...rejected.map((barredUntil) => ({ barredUntil, cause: 'rejection' as const })),
    ].sort((a, b) => b.barredUntil.localeCompare(a.barredUntil));
    return bars[0] ?? null;
  }

  // ----- reads for the routes -------------------------------------------------------------------------------------

  /** Customs: those granted on the cases in their scope (the scope is a condition of the query, before its limit). */
  async listVisible(context: RequestContext): Promise<NamedAuthorisationRow[]> {
    if (hasRole(context.principal, ...CASE_ROLES)) {
      return this.repository.listAuthorisations(this.db, {
        reachableBy: await this.applications().customsListScope(context),
        limit: 500,
      });
    }
    const principal = context.principal;
    if (principal?.kind !== 'user' || !principal.operatorId) return [];
    return this.repository.listAuthorisations(this.db, { operatorIds: [principal.operatorId], limit: 500 });
  }

  /** Customs in the case's scope, or the holder's own users (not its risk analysts); 404 for anyone else. */
  async getVisible(context: RequestContext, id: string): Promise<NamedAuthorisationRow> {
    const row = await this.findVisibleRow(context, id);
    await this.applications().authorizeRecord(context, row.application_id, 'Authorisation');
    return row;
  }

  private async findVisibleRow(context: RequestContext, id: string): Promise<NamedAuthorisationRow> {
    const row = await this.repository.findAuthorisation(this.db, id);
    if (!row) throw notFound('Authorisation');
    if (hasRole(context.principal, ...CASE_ROLES)) return row;
    const principal = context.principal;
    if (
      principal?.kind === 'user' &&
      principal.operatorId === row.operator_id &&
      !hasRole(principal, 'risk_analyst')
    ) {
      return row;
    }
    throw notFound('Authorisation');
  }
}
