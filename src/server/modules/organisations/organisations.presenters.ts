import type { OperatorRight } from '../../platform/request-context';
import type {
  ChangeNotificationDto,
  DelegationDto,
  MembershipDto,
  OfficeDto,
  OperatorDto,
} from './organisations.schemas';
import type {
  ChangeNotificationRow,
  DelegationRow,
  OfficeRow,
  OperatorRow,
} from './organisations.repository';

export function presentOffice(row: OfficeRow): OfficeDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    regions: row.regions,
  };
}

/** What an operator is registered as, from its record or from its registration awaiting confirmation. */
export function presentOperatorParticulars(
  row: Pick<
    OperatorRow,
    'legal_name' | 'taxpayer_id' | 'country' | 'address' | 'roles' | 'employees' | 'annual_turnover'
  >,
) {
  return {
    legalName: row.legal_name,
    taxpayerId: row.taxpayer_id,
    country: row.country,
    address: row.address,
    roles: row.roles,
    employees: row.employees,
    annualTurnover: row.annual_turnover === null ? null : Number(row.annual_turnover),
  };
}

export function presentOperator(row: OperatorRow): OperatorDto {
  return { id: row.id, ...presentOperatorParticulars(row), createdAt: row.created_at.toISOString() };
}

export function presentDelegation(
  row: DelegationRow & { principal_name: string; delegate_name: string },
): DelegationDto {
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

export function presentChangeNotification(row: ChangeNotificationRow): ChangeNotificationDto {
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

export function presentMembership(
  operator: OperatorRow | undefined,
  principals: readonly {
    principal_operator_id: string;
    legal_name: string;
    rights: string[];
    valid_until: string;
  }[],
): MembershipDto {
  return {
    operator: operator
      ? {
          id: operator.id,
          legalName: operator.legal_name,
          taxpayerId: operator.taxpayer_id,
          country: operator.country,
        }
      : null,
    actingFor: principals.map((row) => ({
      operatorId: row.principal_operator_id,
      legalName: row.legal_name,
      rights: row.rights as OperatorRight[],
      validUntil: row.valid_until,
    })),
  };
}
