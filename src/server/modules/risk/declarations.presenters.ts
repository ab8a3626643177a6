import type { Declaration } from '../../../risk-engine/index';
import type { Channel, Decision } from '../../../risk-engine/policy/index';
import type {
  DeclarationListRow,
  InspectionFindingRow,
  InspectionResultRow,
} from './declarations.repository';
import type {
  DeclarationDetailDto,
  DeclarationListItemDto,
  DecisionDto,
  ExplanationDto,
  InspectionDto,
} from './declarations.schemas';
import { toWrittenDecision, type StoredDeclaration, type WrittenDecision } from './decision-writer';

export function presentDecision(written: WrittenDecision): DecisionDto {
  const decision = written.decision;
  const dto: DecisionDto = {
    declarationId: written.id,
    channel: decision.channel,
    score: decision.score,
    scores: decision.scores,
    strategy: decision.strategy,
    reasons: decision.reasons,
    ruleHits: decision.ruleHits.map((hit) => ({
      ruleId: hit.ruleId,
      ruleName: hit.ruleName,
      ...(hit.profileId === undefined ? {} : { profileId: hit.profileId }),
      agency: hit.owner.kind === 'agency' ? hit.owner.agency : null,
      ...(hit.itemIndex === undefined ? {} : { itemIndex: hit.itemIndex }),
      ...(hit.hsCode === undefined ? {} : { hsCode: hit.hsCode }),
      reason: hit.reason,
    })),
    aeoFacilitation: decision.aeoFacilitation,
    agenciesToNotify: decision.agenciesToNotify,
    policyId: decision.policyId,
    modelVersion: written.modelNumber,
    decidedAt: written.receivedAt.toISOString(),
    replayed: written.isReplay,
  };
  if (decision.explorationMode !== undefined) dto.explorationMode = decision.explorationMode;
  return dto;
}

export function presentDeclarationListItem(row: DeclarationListRow): DeclarationListItemDto {
  const decision = row.decision as Decision;
  return {
    id: row.id,
    office: row.office,
    date: row.declared_on,
    importerId: row.importer_id,
    source: row.source,
    receivedAt: row.received_at.toISOString(),
    // The column holds the decision's channel, written from the engine's closed set.
    channel: row.channel as Channel,
    strategy: row.strategy,
    score: row.score,
    fraudScore: row.fraud_score,
    criticalScore: row.critical_score,
    modelVersion: row.model_number,
    ruleIds: [...new Set(decision.ruleHits.map((h) => h.ruleId))],
    isAeo: decision.aeoFacilitation !== null,
    inspection: row.inspected_fraud === null ? null : { found: row.inspected_fraud },
  };
}

export function presentInspection(
  inspection: InspectionResultRow,
  findings: readonly InspectionFindingRow[],
): InspectionDto {
  return {
    found: inspection.fraud,
    critical: inspection.critical,
    dutyRecovered: inspection.duty_recovered === null ? null : Number(inspection.duty_recovered),
    notes: inspection.notes,
    officer: inspection.officer,
    agency: inspection.agency,
    recordedAt: inspection.recorded_at.toISOString(),
    version: inspection.version,
    findings: findings.map((f) => ({
      agency: f.agency,
      found: f.found,
      critical: f.critical,
      officer: f.officer,
      notes: f.notes,
    })),
  };
}

export function presentDeclarationDetail(
  row: StoredDeclaration,
  explanation: ExplanationDto,
  inspection: InspectionDto | null,
): DeclarationDetailDto {
  return {
    declaration: row.payload as Declaration,
    source: row.source,
    submittedBy: row.submitted_by,
    decision: presentDecision(toWrittenDecision(row, false)),
    explanation,
    inspection,
  };
}
