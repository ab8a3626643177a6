/**
 * The selection policy's entry points: `decide` for a stream (thresholds calibrated on recent traffic) and
 * `selectBatch` for a known set (top-k, the budget met exactly). The code lives in the files re-exported here.
 */
export { selectBatch } from './batch-selection';
export {
  toScoredDeclarations,
  type Decision,
  type ScoredDeclaration,
  type SelectionContext,
  type SelectionStrategy,
} from './selection-decision';
export { createPolicyState, decide, primePolicyState, type PolicyState } from './streaming-selection';
