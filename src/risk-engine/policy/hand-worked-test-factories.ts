import type { Decision, ScoredDeclaration } from './selection-policy';
import { buildPolicy, buildScoredStream } from './policy-test-factories';

/** Helpers of the policies and streams worked out by hand in the *-by-hand tests. */

/** Budget 0.5 in binary fractions, so channel shares are exact: the top quarter red, the next half yellow. */
export const halfBudget = { red: 0.125, yellow: 0.25, blue: 0.125 };
export const fraudOnly = { fraud: 1, critical: 0, revenue: 0 };
export const handPolicy = (overrides: Parameters<typeof buildPolicy>[0] = {}) =>
  buildPolicy({
    rates: halfBudget,
    randomRate: 0,
    exploration: { share: 0 },
    objectives: fraudOnly,
    ...overrides,
  });
export const withFraud = (frauds: number[], critical = 0): ScoredDeclaration[] =>
  buildScoredStream(frauds.length).map((s, i) => ({ ...s, fraud: frauds[i] ?? 0, critical }));
export const byId = (decisions: Decision[]) =>
  Object.fromEntries(decisions.map((d) => [d.declarationId, `${d.strategy}:${d.channel}`]));
export const strategies = (decisions: Decision[]) => {
  const tally: Record<string, number> = {};
  for (const d of decisions) {
    const key = d.explorationMode ? `${d.strategy}:${d.explorationMode}` : d.strategy;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
};

export function count(decisions: Decision[], predicate: (d: Decision) => boolean): number {
  return decisions.filter(predicate).length;
}
