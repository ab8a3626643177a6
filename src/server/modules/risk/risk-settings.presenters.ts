import type { SelectionPolicy } from '../../../risk-engine/policy/index';
import type { Rule } from '../../../risk-engine/rules/index';
import type { AuditService } from '../audit/audit.service';
import type {
  RiskProfileRow,
  RiskRuleRow,
  SelectionPolicyRow,
  TrustedTraderRow,
} from './risk-settings.repository';
import type {
  BudgetEntryDto,
  RiskProfileDto,
  RuleHistoryEntryDto,
  StoredRuleDto,
  TrustedTraderDto,
} from './risk-settings.schemas';

export function presentProfile(row: RiskProfileRow): RiskProfileDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    owner: row.owner_kind,
    agency: row.agency,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentRule(
  row: RiskRuleRow,
  hits: { total: number; recent: number; lastHit: string | null },
): StoredRuleDto {
  return {
    id: row.id,
    profileId: row.profile_id,
    rule: row.definition as Rule,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    hits: { total: hits.total, last30Days: hits.recent, lastHit: hits.lastHit },
  };
}

type AuditEvent = Awaited<ReturnType<AuditService['listForEntity']>>[number];

export function presentRuleHistoryEntry(event: AuditEvent): RuleHistoryEntryDto {
  return { at: event.occurredAt, action: event.action, actor: event.actorLabel, summary: event.summary };
}

export function presentBudget(row: SelectionPolicyRow): BudgetEntryDto {
  return {
    office: row.office,
    policy: row.definition as SelectionPolicy,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentTrader(row: TrustedTraderRow, effectiveFactor: number): TrustedTraderDto {
  return {
    partyId: row.party_id,
    status: row.status,
    authorisationType: row.authorisation_type,
    tier: row.tier,
    source: row.source,
    partner: row.partner,
    legalName: row.legal_name,
    inspectionFactor: row.inspection_factor,
    effectiveInspectionFactor: effectiveFactor,
    validUntil: row.valid_until,
    updatedAt: row.updated_at.toISOString(),
  };
}
