import type { Declaration } from '../declaration';

/**
 * What the AEO programme tells the risk engine about a party: its status, type and tier, whether the status is
 * national or recognised from a partner under a mutual recognition arrangement, and the inspection factor the
 * programme's benefits grant that tier (0.2 = a fifth of the usual chance of selection).
 */
export interface TrustedTraderStatus {
  status: 'active' | 'suspended' | 'revoked' | 'expired';
  type: string;
  tier: string;
  source: 'national' | 'mra';
  /** Partner administration, for statuses recognised under an MRA. */
  partner?: string;
  inspectionFactor: number;
}

export type TrustedTraderLookup = (partyId: string) => TrustedTraderStatus | undefined;

/** The facilitation applied to one declaration, as recorded on its decision. */
export interface AeoFacilitation {
  partyId: string;
  type: string;
  tier: string;
  source: 'national' | 'mra';
  partner?: string;
  factor: number;
  /** True when the facilitation draw kept the declaration out of model-based and exploratory selection. */
  keptOutOfModelSelection: boolean;
}

/**
 * The facilitation the importer's status earns, or null. Only an active status counts: a suspended AEO is
 * treated like any other trader. The factor is clamped to 0..1 so a bad benefits table can never raise the
 * chance of selection above a non-AEO's.
 */
export function resolveAeoFacilitation(
  declaration: Declaration,
  lookup: TrustedTraderLookup | undefined,
  draw: number,
): AeoFacilitation | null {
  if (lookup === undefined) return null;
  const status = lookup(declaration.importer.id);
  if (status === undefined || status.status !== 'active') return null;
  const factor = Math.min(
    1,
    Math.max(0, Number.isFinite(status.inspectionFactor) ? status.inspectionFactor : 1),
  );
  const facilitation: AeoFacilitation = {
    partyId: declaration.importer.id,
    type: status.type,
    tier: status.tier,
    source: status.source,
    factor,
    keptOutOfModelSelection: draw >= factor,
  };
  if (status.partner !== undefined) facilitation.partner = status.partner;
  return facilitation;
}
