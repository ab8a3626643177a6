import type { AuthorisationStatus } from './authorisation-lifecycle';
import type { AuthorisationRow, StatusChangeRow } from './authorisations.repository';
import type { AuthorisationDto, StatusChangeDto } from './authorisations.schemas';

export type { StatusChangeDto, StatusChangeResultDto } from './authorisations.schemas';

export function presentAuthorisation(
  row: AuthorisationRow & { operator_name?: string; application_reference?: string },
): AuthorisationDto {
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
