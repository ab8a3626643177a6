import { drawUniform } from './seeded-random';
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
  uncertaintyOf,
  type Decision,
  type Pick,
  type Prepared,
  type ScoredDeclaration,
  type SelectionContext,
} from './selection-decision';
import { modelReason, warmupModelReason, type ModelObjective } from './selection-reasons';
import { budgetOf, type SelectionPolicy } from './selection-policy.schemas';
import { SlidingQuantile, SlidingRate } from './sliding-quantile';

// Streaming: one declaration at a time, thresholds calibrated on a sliding window of recent values.

/**
 * How far model and exploration picks may run above their share of the recent declarations (5 %) before the
 * streaming guard stops them. The thresholds aim at the share itself, so the guard rarely bites on steady traffic
 * (where stopping would release a high score); it bounds the overshoot when scores shift.
 */
const BUDGET_TOLERANCE = 0.05;

interface OfficeState {
  policy: SelectionPolicy;
  seen: number;
  ruleRate: SlidingRate;
  randomRate: SlidingRate;
  windows: Record<ModelObjective | 'exploreRandom' | 'exploreUncertain', SlidingQuantile>;
  /** Model and exploration picks among the recent declarations: what the budget guard counts. */
  budgetPicks: SlidingRate;
}

export interface PolicyState {
  readonly context: SelectionContext;
  readonly byOffice: ReadonlyMap<string, OfficeState>;
  readonly fallback: OfficeState | undefined;
}

function createOfficeState(policy: SelectionPolicy): OfficeState {
  const size = policy.calibration.window;
  return {
    policy,
    seen: 0,
    ruleRate: new SlidingRate(size),
    randomRate: new SlidingRate(size),
    budgetPicks: new SlidingRate(size),
    windows: {
      critical: new SlidingQuantile(size),
      fraud: new SlidingQuantile(size),
      revenue: new SlidingQuantile(size),
      exploreRandom: new SlidingQuantile(size),
      exploreUncertain: new SlidingQuantile(size),
    },
  };
}

/**
 * State for `decide`: one calibration per office policy (plus the default policy's, shared by offices without
 * their own). Create it once per scorer process; it is not shared between processes, so each stream partition
 * calibrates on its own traffic.
 */
export function createPolicyState(
  policies: SelectionPolicy | readonly SelectionPolicy[],
  context: SelectionContext = {},
): PolicyState {
  const { byOffice, fallback } = indexPolicies(policies);
  return {
    context,
    byOffice: new Map([...byOffice].map(([office, policy]) => [office, createOfficeState(policy)])),
    fallback: fallback === undefined ? undefined : createOfficeState(fallback),
  };
}

/** A declaration's own draw for breaking a tie in one ranking (independent per ranking, fixed by the seed). */
function tieDraw(policy: SelectionPolicy, p: Prepared, ranking: ModelObjective | 'uncertain'): number {
  return drawUniform(policy.seed, p.scored.declaration.id, `tie:${ranking}`);
}

interface WindowPick {
  threshold: number;
  /** Recent values strictly above, and equal to, the value (the threshold's, for a tie at the threshold). */
  above: number;
  tied: number;
  size: number;
  /** Set for a value at the threshold when the budget fits only this share of the tie. */
  tieShare?: number;
  /** Place among the ranking's expected picks, 0 (top) to 1, for the channel. */
  position: number;
}

/**
 * Whether `value` is in the top `rate` of the recent window. A value above the k-th largest (k = rate × n) is in;
 * a value equal to it is in only if its seeded draw falls within the share of the tie the budget still fits,
 * (k − values above) ÷ values tied, so a score shared by hundreds of declarations selects its share of the
 * budget, not all of them.
 */
function selectInWindow(
  window: SlidingQuantile,
  value: number,
  rate: number,
  draw: () => number,
): WindowPick | undefined {
  const threshold = window.thresholdForRate(rate);
  if (!(value >= threshold)) return undefined;
  const size = window.size;
  const expected = Math.max(rate * size, 1);
  const at = (position: number) => Math.min(0.999999, position / expected);
  if (value > threshold) {
    const { above, tied } = window.standing(value);
    return { threshold, above, tied, size, position: at(above) };
  }
  const { above, tied } = window.standing(threshold);
  const slots = window.selectedCount(rate) - above;
  if (slots >= tied) return { threshold, above, tied, size, position: at(above) };
  const tieShare = slots / tied;
  const u = draw();
  if (u >= tieShare) return undefined;
  return { threshold, above, tied, size, tieShare, position: at(above + (u / tieShare) * slots) };
}

/**
 * Decide one declaration's channel and update the calibration. Rules come first; then the minimum random rate;
 * then the model's rankings against thresholds calibrated on the recent window; then exploration. Draws are
 * hashed from the seed and the declaration id, so the same declaration gets the same draws whatever its position.
 */
export function decide(state: PolicyState, scored: ScoredDeclaration): Decision {
  const office = forOffice(state.byOffice, state.fallback, scored.declaration.office);
  const { policy, windows } = office;
  const p = prepare(policy, state.context, scored);
  const isCalibrated = office.seen >= policy.calibration.minSamples;
  const budget = budgetOf(policy);
  const exploration = explorationRates(policy);

  let pick: Pick | undefined;
  if (p.ruleChannel !== 'green') pick = { strategy: 'rule', channel: p.ruleChannel };
  else if (p.draws.random < policy.randomRate) pick = randomPick(policy, p);
  office.ruleRate.push(pick?.strategy === 'rule');
  office.randomRate.push(pick?.strategy === 'random');

  // The model fills what rules, random control and exploration leave of the budget, as observed recently.
  const observedRules = isCalibrated ? office.ruleRate.rate() : 0;
  const observedRandom = isCalibrated ? office.randomRate.rate() : policy.randomRate;
  const modelRate = Math.max(
    0,
    budget - observedRules - observedRandom - exploration.random - exploration.uncertain,
  );
  const weights = policy.objectives;
  const weightSum = weights.fraud + weights.critical + weights.revenue;
  let fraudThreshold = Number.NaN;
  // The guard behind the thresholds: a window calibrated on yesterday's scores over-selects when today's differ
  // (a batch of copies of the riskiest declaration ranks above the whole window), so model and exploration picks
  // stop once they exceed their share of the recent declarations by the tolerance.
  const allowance = modelRate + exploration.random + exploration.uncertain;
  const isWithinBudget =
    office.budgetPicks.trueCount < allowance * (office.budgetPicks.size + 1) * (1 + BUDGET_TOLERANCE);

  const isScored = scored.isUnscored !== true;
  for (const objective of objectiveOrder) {
    const rate = isScored ? (modelRate * weights[objective]) / weightSum : 0;
    const window = windows[objective];
    const value =
      pick === undefined && p.isEligible && isScored
        ? objectiveValue(p, objective)
        : Number.NEGATIVE_INFINITY;
    if (objective === 'fraud') fraudThreshold = isCalibrated ? window.thresholdForRate(rate) : Number.NaN;
    if (pick === undefined && p.isEligible && rate > 0 && isWithinBudget) {
      if (isCalibrated) {
        const chosen = selectInWindow(window, value, rate, () => tieDraw(policy, p, objective));
        if (chosen !== undefined) {
          const reason = modelReason(objective, value, {
            total: chosen.size + 1,
            above: chosen.above,
            tied: chosen.tied,
            population: 'recent',
            rate,
            threshold: chosen.threshold,
            ...(chosen.tieShare === undefined ? {} : { tieShare: chosen.tieShare }),
          });
          pick = modelPick(policy, objective, value, chosen.position, reason);
        }
      } else {
        // Start-up: a fixed threshold (the budget guard still holds).
        const threshold =
          objective === 'revenue' ? Number.POSITIVE_INFINITY : policy.calibration.warmupThreshold;
        if (value >= threshold) {
          const reason = warmupModelReason(objective, value, threshold);
          pick = modelPick(policy, objective, value, p.draws.channel, reason);
        }
      }
    }
    window.push(value);
  }

  const exploreRandomValue = pick === undefined && p.isEligible ? p.draws.explore : Number.NEGATIVE_INFINITY;
  const exploreRandomRate = isScored ? exploration.random : exploration.random + modelRate;
  if (pick === undefined && p.isEligible && exploreRandomRate > 0 && isWithinBudget) {
    const threshold = isCalibrated
      ? windows.exploreRandom.thresholdForRate(exploreRandomRate)
      : 1 - exploreRandomRate;
    if (exploreRandomValue >= threshold) {
      pick = explorationPick(policy, p, { kind: 'random' });
    }
  }
  windows.exploreRandom.push(exploreRandomValue);

  const centre =
    policy.exploration.centre === 'threshold' && isCalibrated && Number.isFinite(fraudThreshold)
      ? fraudThreshold
      : 0.5;
  const uncertainValue =
    pick === undefined && p.isEligible && isScored
      ? uncertaintyOf(p.fraud, centre)
      : Number.NEGATIVE_INFINITY;
  if (
    pick === undefined &&
    p.isEligible &&
    isScored &&
    exploration.uncertain > 0 &&
    isCalibrated &&
    isWithinBudget
  ) {
    // Equal fraud scores are equally uncertain: the same tie rule keeps this share within its budget.
    const chosen = selectInWindow(windows.exploreUncertain, uncertainValue, exploration.uncertain, () =>
      tieDraw(policy, p, 'uncertain'),
    );
    if (chosen !== undefined) {
      pick = explorationPick(policy, p, { kind: 'uncertain', centre });
    }
  }
  windows.exploreUncertain.push(uncertainValue);
  office.budgetPicks.push(pick?.strategy.startsWith('model_') === true || pick?.strategy === 'exploration');
  office.seen++;

  return buildDecision(policy, p, pick ?? { strategy: 'none', channel: 'green' });
}

/** Feed recent scored declarations through the calibration (decisions discarded), e.g. at scorer start-up. */
export function primePolicyState(state: PolicyState, recent: Iterable<ScoredDeclaration>): void {
  for (const scored of recent) decide(state, scored);
}

// ---------------------------------------------------------------------------------------------------------------
// Batch: the whole set is known, so the budget is met exactly by top-k selection.
// ---------------------------------------------------------------------------------------------------------------
