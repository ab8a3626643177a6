import { createLogEntry } from '../../../trust-core';
import type { RequestContext } from '../../platform/request-context';
import type { CertificatesService } from './certificates.service';
import type { TrustChangeParts } from './trust-parts';
import {
  presentStatusChange,
  type StatusChangeDto,
  type StatusChangeResultDto,
} from '../authorisations/authorisations.presenters';
import type { LogEntryKind, StatusAction } from './trust.tables';

export interface StatusChangeInput {
  action: StatusAction;
  reason: string;
  remediationDeadline?: string | undefined;
}

/** The transparency-log entry each change appends. */
const LOG_KIND: Record<StatusAction, LogEntryKind> = {
  suspend: 'suspension',
  reinstate: 'reinstatement',
  revoke: 'revocation',
};

const STATUS_EVENTS: Record<StatusAction, { event: string; audit: string }> = {
  suspend: { event: 'trust.authorisation_suspended', audit: 'authorisation.suspended' },
  reinstate: { event: 'trust.authorisation_reinstated', audit: 'authorisation.reinstated' },
  revoke: { event: 'trust.authorisation_revoked', audit: 'authorisation.revoked' },
};

/**
 * Suspension, reinstatement and revocation of a granted authorisation. The authorisation's status, the status lists,
 * the log, the audit trail, the holder's notification and the trusted-trader list change in one trust write.
 */
export class StatusChangesService {
  constructor(
    private readonly parts: TrustChangeParts,
    private readonly certificates: CertificatesService,
  ) {}

  async changeStatus(
    context: RequestContext,
    authorisationId: string,
    input: StatusChangeInput,
  ): Promise<StatusChangeResultDto> {
    const { repository, authorisations, log, statusLists, audit, notifications, organisations } = this.parts;
    await this.certificates.visibleAuthorisation(context, authorisationId, 'customs');
    const now = context.now;
    const outcome = await this.parts.writer.write(now, async (trx, signer) => {
      // The authorisations module locks the record and checks the action against its lifecycle (404, 409).
      const change = await authorisations.planStatusChange(trx, authorisationId, input.action);
      const { authorisation } = change;
      const certificate =
        (await repository.findCertificateByAuthorisation(trx, authorisationId)) ??
        (await this.certificates.issueInTransaction(trx, context, signer, authorisation));
      const [leafIndex] = await log.appendLeaves(
        trx,
        signer,
        [createLogEntry(LOG_KIND[input.action], certificate.jws, now)],
        now,
      );
      const remediationDeadline = input.action === 'suspend' ? (input.remediationDeadline ?? null) : null;
      // The authorisations module owns the record and its status history; both change in this transaction, with
      // the log and (next) the status lists, so they can never disagree.
      const { barredUntil } = await authorisations.applyStatusChange(
        trx,
        change,
        {
          reason: input.reason,
          remediationDeadline,
          certificateId: certificate.id,
          leafIndex: leafIndex ?? -1,
          changedBy: context.principal?.kind === 'user' ? context.principal.userId : null,
        },
        now,
      );
      await statusLists.publishStatusLists(trx, signer, now);
      const events = STATUS_EVENTS[input.action];
      await audit.record(trx, context, {
        action: events.audit,
        entityType: 'authorisation',
        entityId: authorisationId,
        operatorId: authorisation.operatorId,
        summary: {
          before: { status: authorisation.status },
          after: { status: change.to },
          reason: input.reason,
          remediationDeadline,
          ...(barredUntil ? { barredUntil } : {}),
          certificateNumber: certificate.certificate_number,
          leafIndex,
        },
      });
      await notifications.notify(trx, now, {
        recipients: { userIds: await organisations.operatorUserIds(trx, authorisation.operatorId) },
        event: events.event,
        params: {
          certificateNumber: certificate.certificate_number,
          legalName: authorisation.legalName,
          reason: input.reason,
          remediationDeadline: remediationDeadline ?? '-',
          barredUntil: barredUntil ?? '-',
        },
        link: `/authorisations/${authorisationId}`,
        entityType: 'authorisation',
        entityId: authorisationId,
      });
      await this.parts.trustedTraders.sync(
        trx,
        context,
        { ...authorisation, status: change.to },
        certificate,
      );
      return {
        status: change.to,
        certificate,
        previousStatus: authorisation.status,
        leafIndex: leafIndex ?? -1,
      };
    });
    return {
      authorisationId,
      status: outcome.status,
      previousStatus: outcome.previousStatus,
      certificateNumber: outcome.certificate.certificate_number,
      leafIndex: outcome.leafIndex,
      changedAt: now.toISOString(),
    };
  }

  async listStatusChanges(context: RequestContext, authorisationId: string): Promise<StatusChangeDto[]> {
    await this.certificates.visibleAuthorisation(context, authorisationId);
    return (await this.parts.authorisations.listStatusChanges(this.parts.db, authorisationId)).map(
      presentStatusChange,
    );
  }
}
