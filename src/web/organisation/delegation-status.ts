import type { Delegation } from '../api/types';

export type DelegationState = 'active' | 'scheduled' | 'expired' | 'revoked';

/** Days compare as 'YYYY-MM-DD' strings; `today` is the user's local day. */
export function delegationState(delegation: Delegation, today: string): DelegationState {
  if (delegation.revokedAt) return 'revoked';
  if (delegation.validUntil < today) return 'expired';
  if (delegation.validFrom > today) return 'scheduled';
  return 'active';
}
