/** The selection policy: channels, budgets, AEO facilitation, random and exploratory selection. */
export {
  channelNames,
  channels,
  channelSchema,
  compareChannels,
  isControlChannel,
  maxChannel,
  type Channel,
} from './channel';
export {
  budgetOf,
  defineSelectionPolicy,
  selectionPolicySchema,
  type SelectionPolicy,
  type SelectionPolicyInput,
} from './selection-policy.schemas';
export {
  createPolicyState,
  decide,
  primePolicyState,
  selectBatch,
  toScoredDeclarations,
  type Decision,
  type PolicyState,
  type ScoredDeclaration,
  type SelectionContext,
  type SelectionStrategy,
} from './selection-policy';
export {
  resolveAeoFacilitation,
  type AeoFacilitation,
  type TrustedTraderLookup,
  type TrustedTraderStatus,
} from './trusted-trader';
export { drawUniform, hash53, mulberry32 } from './seeded-random';
