import type { z } from 'zod';
import type { AuthorisationStatus } from './authorisation-lifecycle';
import type { AuthorisationRow, StatusChangeRow } from './authorisations.repository';
import type {
  authorisationSchema,
  statusChangeResultSchema,
  statusChangeSchema,
} from './authorisations.schemas';

export type StatusChangeDto = z.infer<typeof statusChangeSchema>;
export type StatusChangeResultDto = z.infer<typeof statusChangeResultSchema>;

export function presentAuthorisation(
  row: AuthorisationRow & { operator_name?: string; application_reference?: string },
): z.output<typeof authorisationSchema> {
  return {
    id: row.id,
    operatorId: row.operator_id,
    operatorName: row.operator_name ?? null,
    applicationId: row.application_id,
    applicationReference: row.application_reference ?? null,
    decisionId: row.decision_id,
    programmeVersionId: row.programme_version_id,
    authorisationType: row.authorisation_type,
    tier: row.tier,
    siteIds: row.site_ids,
    sites: row.sites,
    effectiveDate: row.effective_date,
    status: row.status,
    grantedAt: row.granted_at.toISOString(),
  };
}

export function presentStatusChange(row: StatusChangeRow): StatusChangeDto {
  return {
    action: row.action,
    // Written only from the lifecycle's own values (the column is plain text).
    fromStatus: row.from_status as AuthorisationStatus,
    toStatus: row.to_status as AuthorisationStatus,
    reason: row.reason,
    remediationDeadline: row.remediation_deadline,
    leafIndex: row.leaf_index,
    changedAt: row.changed_at.toISOString(),
  };
}
