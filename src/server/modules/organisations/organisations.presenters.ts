import type {
  ChangeNotificationRow,
  DelegationRow,
  OfficeRow,
  OperatorRow,
} from './organisations.repository';

export function presentOffice(row: OfficeRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    regions: row.regions,
  };
}

export function presentOperator(row: OperatorRow) {
  return {
    id: row.id,
    legalName: row.legal_name,
    taxpayerId: row.taxpayer_id,
    country: row.country,
    address: row.address,
    roles: row.roles,
    employees: row.employees,
    annualTurnover: row.annual_turnover === null ? null : Number(row.annual_turnover),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentDelegation(row: DelegationRow & { principal_name: string; delegate_name: string }) {
  return {
    id: row.id,
    principal: { id: row.principal_operator_id, legalName: row.principal_name },
    delegate: { id: row.delegate_operator_id, legalName: row.delegate_name },
    rights: row.rights,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentChangeNotification(row: ChangeNotificationRow) {
  return {
    id: row.id,
    operatorId: row.operator_id,
    kind: row.kind,
    description: row.description,
    effectiveDate: row.effective_date,
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  };
}
