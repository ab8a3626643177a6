import {
  buildDecision,
  explorationPick,
  explorationRates,
  forOffice,
  indexPolicies,
  modelPick,
  objectiveOrder,
  objectiveValue,
  prepare,
  randomPick,
  splitByWeight,
  uncertaintyOf,
  type Decision,
  type Pick,
  type Prepared,
  type ScoredDeclaration,
  type SelectionContext,
} from './selection-decision';
import { modelReason } from './selection-reasons';
import { budgetOf, type SelectionPolicy } from './selection-policy.schemas';

// Batch: the whole set is known, so the budget is met exactly by top-k selection.

/** Index of the first value above `value` in an ascending array. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countEqual(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return upperBound(sorted, value) - lo;
}

/** Highest value first; ties broken by the declaration's channel draw so that input order never matters. */
function topK(candidates: Prepared[], k: number, value: (p: Prepared) => number): Prepared[] {
  if (k <= 0) return [];
  return candidates
    .map((p) => ({ p, v: value(p) }))
    .sort(
      (a, b) =>
        b.v - a.v ||
        a.p.draws.channel - b.p.draws.channel ||
        a.p.scored.declaration.id.localeCompare(b.p.scored.declaration.id),
    )
    .slice(0, k)
    .map((x) => x.p);
}

function selectOffice(
  policy: SelectionPolicy,
  context: SelectionContext,
  group: ScoredDeclaration[],
): Decision[] {
  const prepared = group.map((s) => prepare(policy, context, s));
  const n = prepared.length;
  const picks = new Map<Prepared, Pick>();
  const isOpen = (p: Prepared): boolean => !picks.has(p);

  for (const p of prepared) {
    if (p.ruleChannel !== 'green') picks.set(p, { strategy: 'rule', channel: p.ruleChannel });
  }
  const ruleCount = picks.size;

  // Random control draws from everyone (AEOs at full rate), so compliance is measured on the whole population.
  const randomPicks = topK(
    prepared.filter(isOpen),
    Math.round(policy.randomRate * n),
    (p) => -p.draws.random,
  );
  for (const p of randomPicks) {
    picks.set(p, randomPick(policy, p));
  }

  const exploration = explorationRates(policy);
  // Round the exploration total first so that its two halves never round up to more than the share.
  const exploreCount = Math.round((exploration.random + exploration.uncertain) * n);
  const exploreUncertainCount = Math.round(exploreCount * policy.exploration.uncertainShare);
  const exploreRandomCount = exploreCount - exploreUncertainCount;
  const modelCount = Math.max(
    0,
    Math.round(budgetOf(policy) * n) -
      ruleCount -
      randomPicks.length -
      exploreRandomCount -
      exploreUncertainCount,
  );
  const counts = splitByWeight(policy, modelCount);
  let fraudCutOff: number | undefined;
  for (const objective of objectiveOrder) {
    const candidates = prepared.filter((p) => isOpen(p) && p.isEligible);
    const chosen = topK(candidates, counts[objective], (p) => objectiveValue(p, objective));
    const last = chosen[chosen.length - 1];
    const threshold = last === undefined ? Number.POSITIVE_INFINITY : objectiveValue(last, objective);
    if (objective === 'fraud' && last !== undefined) fraudCutOff = threshold;
    const ranked = candidates.map((p) => objectiveValue(p, objective)).sort((a, b) => a - b);
    const atThreshold = countEqual(ranked, threshold);
    const chosenAtThreshold = chosen.filter((p) => objectiveValue(p, objective) === threshold).length;
    chosen.forEach((p, rank) => {
      const value = objectiveValue(p, objective);
      const isPartOfTie = value === threshold && chosenAtThreshold < atThreshold;
      const reason = modelReason(objective, value, {
        total: n,
        above: ranked.length - upperBound(ranked, value),
        tied: countEqual(ranked, value) - 1,
        population: 'batch',
        rate: counts[objective] / n,
        threshold,
        ...(isPartOfTie ? { tieShare: chosenAtThreshold / atThreshold } : {}),
      });
      picks.set(p, modelPick(policy, objective, value, (rank + 0.5) / chosen.length, reason));
    });
  }

  for (const p of topK(
    prepared.filter((x) => isOpen(x) && x.isEligible),
    exploreRandomCount,
    (x) => -x.draws.explore,
  )) {
    picks.set(p, explorationPick(policy, p, { kind: 'random' }));
  }

  const centre = policy.exploration.centre === 'threshold' && fraudCutOff !== undefined ? fraudCutOff : 0.5;
  for (const p of topK(
    prepared.filter((x) => isOpen(x) && x.isEligible),
    exploreUncertainCount,
    (x) => uncertaintyOf(x.fraud, centre),
  )) {
    picks.set(p, explorationPick(policy, p, { kind: 'uncertain', centre }));
  }

  return prepared.map((p) =>
    buildDecision(policy, p, picks.get(p) ?? { strategy: 'none', channel: 'green' }),
  );
}

/**
 * Decide a whole batch at once (the simulation, or a nightly re-run): per office, exactly round(budget × n)
 * declarations are controlled unless rules alone ask for more. Decisions come back in input order.
 */
export function selectBatch(
  policies: SelectionPolicy | readonly SelectionPolicy[],
  scored: readonly ScoredDeclaration[],
  context: SelectionContext = {},
): Decision[] {
  const { byOffice, fallback } = indexPolicies(policies);
  const groups = new Map<SelectionPolicy, { indices: number[]; items: ScoredDeclaration[] }>();
  scored.forEach((s, index) => {
    const policy = forOffice(byOffice, fallback, s.declaration.office);
    let group = groups.get(policy);
    if (group === undefined) {
      group = { indices: [], items: [] };
      groups.set(policy, group);
    }
    group.indices.push(index);
    group.items.push(s);
  });
  const decisions = new Array<Decision | undefined>(scored.length);
  for (const [policy, group] of groups) {
    selectOffice(policy, context, group.items).forEach((decision, i) => {
      decisions[group.indices[i] ?? 0] = decision;
    });
  }
  return decisions.filter((d): d is Decision => d !== undefined);
}
