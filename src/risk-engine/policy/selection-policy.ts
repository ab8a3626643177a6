import type { Declaration } from '../declaration';
import { evaluateRules, type CompiledRuleSet, type RuleHit } from '../rules/rule-evaluator';
import type { LocalizedText } from '../rules/rule.schemas';
import { maxChannel, type Channel } from './channel';
import { drawUniform } from './seeded-random';
import {
  aeoReason,
  channelReason,
  explorationRandomReason,
  explorationUncertainReason,
  modelReason,
  randomReason,
  releaseReason,
  ruleChannelReason,
  warmupModelReason,
  type ModelObjective,
} from './selection-reasons';
import { budgetOf, type SelectionPolicy } from './selection-policy.schemas';
import { SlidingQuantile, SlidingRate } from './sliding-quantile';
import { resolveAeoFacilitation, type AeoFacilitation, type TrustedTraderLookup } from './trusted-trader';

/** Which part of the policy chose a declaration. */
export type SelectionStrategy =
  'rule' | 'model_fraud' | 'model_critical' | 'model_revenue' | 'random' | 'exploration' | 'none';

/** A declaration with the model's probabilities (see scoreDeclarations in the risk engine). */
export interface ScoredDeclaration {
  declaration: Declaration;
  fraud: number;
  critical: number;
  /**
   * No model scored it (a programme that has not trained one yet): the model's share of the budget goes to
   * random exploration instead, so the budget is still used and the labels gathered are unbiased.
   */
  isUnscored?: boolean;
}

export interface Decision {
  declarationId: string;
  office: string;
  policyId: string;
  channel: Channel;
  strategy: SelectionStrategy;
  /** For exploration picks: a random one, or one the model is least sure about. */
  explorationMode?: 'random' | 'uncertain';
  /** The score of the ranking that chose it (fraud probability after rule adjustments unless a model objective did). */
  score: number;
  scores: { fraud: number; critical: number; revenue: number };
  reasons: LocalizedText[];
  ruleHits: RuleHit[];
  agenciesToNotify: string[];
  aeoFacilitation: AeoFacilitation | null;
}

/** What the server knows besides the policy: the compiled rules and the AEO register. */
export interface SelectionContext {
  rules?: CompiledRuleSet;
  trustedTraders?: TrustedTraderLookup;
  /** Day the rules are evaluated for; defaults to each declaration's date. */
  date?: string;
}

/**
 * How far model and exploration picks may run above their share of the recent declarations (5 %) before the
 * streaming guard stops them. The thresholds aim at the share itself, so the guard rarely bites on steady traffic
 * (where stopping would release a high score); it bounds the overshoot when scores shift.
 */
const BUDGET_TOLERANCE = 0.05;

const objectiveOrder: readonly ModelObjective[] = ['critical', 'fraud', 'revenue'];
const objectiveStrategy: Record<ModelObjective, SelectionStrategy> = {
  critical: 'model_critical',
  fraud: 'model_fraud',
  revenue: 'model_revenue',
};

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Closeness to the centre on the log-odds scale: 0 at the centre, more negative further away. */
function uncertaintyOf(fraud: number, centre: number): number {
  return -Math.abs(logit(fraud) - logit(centre));
}

/** Everything about one declaration that does not depend on the other declarations. */
interface Prepared {
  scored: ScoredDeclaration;
  hits: RuleHit[];
  ruleChannel: Channel;
  agencies: string[];
  fraud: number;
  critical: number;
  revenue: number;
  aeo: AeoFacilitation | null;
  /** In the pool for model-based and exploratory selection (not kept out by AEO facilitation). */
  isEligible: boolean;
  draws: { random: number; explore: number; channel: number };
}

function dutyAtStake(declaration: Declaration): number {
  let total = 0;
  for (const item of declaration.items) {
    // A malformed value or rate must not poison the calibration window with NaN.
    if (item.dutyRate !== undefined && Number.isFinite(item.dutyRate) && Number.isFinite(item.customsValue)) {
      total += (item.customsValue * item.dutyRate) / 100;
    }
  }
  return total;
}

function prepare(policy: SelectionPolicy, context: SelectionContext, scored: ScoredDeclaration): Prepared {
  const { declaration } = scored;
  const hits =
    context.rules === undefined
      ? []
      : evaluateRules(context.rules, declaration, context.date === undefined ? {} : { date: context.date });
  let ruleChannel: Channel = 'green';
  let adjustment = 0;
  const agencies = new Set<string>();
  for (const hit of hits) {
    if (hit.action.minimumChannel !== undefined)
      ruleChannel = maxChannel(ruleChannel, hit.action.minimumChannel);
    adjustment += hit.action.scoreAdjustment ?? 0;
    if (hit.action.notifyAgency !== undefined) agencies.add(hit.action.notifyAgency);
    // A partner agency's own rule always reaches that agency, even when its action does not say so.
    if (hit.owner.kind === 'agency') agencies.add(hit.owner.agency);
  }
  const fraud = clamp01(clamp01(scored.fraud) + adjustment);
  const critical = clamp01(scored.critical);
  const id = declaration.id;
  const aeo = resolveAeoFacilitation(
    declaration,
    context.trustedTraders,
    drawUniform(policy.seed, id, 'aeo'),
  );
  return {
    scored,
    hits,
    ruleChannel,
    agencies: [...agencies].sort(),
    fraud,
    critical,
    revenue: fraud * dutyAtStake(declaration),
    aeo,
    isEligible: aeo === null || !aeo.keptOutOfModelSelection,
    draws: {
      random: drawUniform(policy.seed, id, 'random'),
      explore: drawUniform(policy.seed, id, 'explore'),
      channel: drawUniform(policy.seed, id, 'channel'),
    },
  };
}

function objectiveValue(p: Prepared, objective: ModelObjective): number {
  return objective === 'fraud' ? p.fraud : objective === 'critical' ? p.critical : p.revenue;
}

/**
 * The channel for a pick that no rule placed: the budget's channels are filled from the top, so a position in
 * the first red/budget share of a ranking goes red, the next yellow/budget share yellow, the rest blue. Random and
 * exploration picks use a uniform draw as their position, which keeps the expected rate per channel.
 */
function channelAt(policy: SelectionPolicy, position: number): Channel {
  const budget = budgetOf(policy);
  if (budget <= 0) return 'red';
  const redShare = policy.rates.red / budget;
  const yellowShare = policy.rates.yellow / budget;
  if (position < redShare) return 'red';
  if (position < redShare + yellowShare) return 'yellow';
  return policy.rates.blue > 0 ? 'blue' : policy.rates.yellow > 0 ? 'yellow' : 'red';
}

interface Pick {
  strategy: SelectionStrategy;
  channel: Channel;
  reason?: LocalizedText;
  explorationMode?: 'random' | 'uncertain';
  score?: number;
}

function buildDecision(policy: SelectionPolicy, p: Prepared, pick: Pick): Decision {
  const reasons: LocalizedText[] = p.hits.map((h) => h.reason);
  if (pick.strategy === 'rule') reasons.push(ruleChannelReason(pick.channel));
  if (pick.reason !== undefined) reasons.push(pick.reason);
  if (pick.strategy === 'none') reasons.push(releaseReason());
  if (p.aeo !== null) reasons.push(aeoReason(p.aeo));
  reasons.push(channelReason(pick.channel));
  const decision: Decision = {
    declarationId: p.scored.declaration.id,
    office: p.scored.declaration.office,
    policyId: policy.id,
    channel: pick.channel,
    strategy: pick.strategy,
    score: pick.score ?? p.fraud,
    scores: { fraud: p.fraud, critical: p.critical, revenue: p.revenue },
    reasons,
    ruleHits: p.hits,
    agenciesToNotify: p.agencies,
    aeoFacilitation: p.aeo,
  };
  if (pick.explorationMode !== undefined) decision.explorationMode = pick.explorationMode;
  return decision;
}

/** Split `total` picks between the objectives by weight, by largest remainder so the parts add up exactly. */
function splitByWeight(policy: SelectionPolicy, total: number): Record<ModelObjective, number> {
  const weights = policy.objectives;
  const sum = weights.fraud + weights.critical + weights.revenue;
  const exact = objectiveOrder.map((o) => (total * weights[o]) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return { critical: counts[0] ?? 0, fraud: counts[1] ?? 0, revenue: counts[2] ?? 0 };
}

function explorationRates(policy: SelectionPolicy): { random: number; uncertain: number } {
  const total = policy.exploration.share * budgetOf(policy);
  return {
    random: total * (1 - policy.exploration.uncertainShare),
    uncertain: total * policy.exploration.uncertainShare,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Streaming: one declaration at a time, thresholds calibrated on a sliding window of recent values.
// ---------------------------------------------------------------------------------------------------------------

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

function indexPolicies(policies: SelectionPolicy | readonly SelectionPolicy[]): {
  byOffice: Map<string, SelectionPolicy>;
  fallback: SelectionPolicy | undefined;
} {
  const list: readonly SelectionPolicy[] = Array.isArray(policies) ? policies : [policies as SelectionPolicy];
  const byOffice = new Map<string, SelectionPolicy>();
  let fallback: SelectionPolicy | undefined;
  for (const policy of list) {
    if (policy.office === undefined) {
      if (fallback !== undefined) throw new Error('more than one default selection policy');
      fallback = policy;
    } else {
      if (byOffice.has(policy.office))
        throw new Error(`more than one selection policy for office ${policy.office}`);
      byOffice.set(policy.office, policy);
    }
  }
  return { byOffice, fallback };
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

function officeStateFor(state: PolicyState, office: string): OfficeState {
  const officeState = state.byOffice.get(office) ?? state.fallback;
  if (officeState === undefined)
    throw new Error(`no selection policy for office ${office} and no default policy`);
  return officeState;
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
  const office = officeStateFor(state, scored.declaration.office);
  const { policy, windows } = office;
  const p = prepare(policy, state.context, scored);
  const isCalibrated = office.seen >= policy.calibration.minSamples;
  const budget = budgetOf(policy);
  const exploration = explorationRates(policy);

  let pick: Pick | undefined;
  if (p.ruleChannel !== 'green') pick = { strategy: 'rule', channel: p.ruleChannel };
  else if (p.draws.random < policy.randomRate) {
    pick = {
      strategy: 'random',
      channel: policy.randomChannel ?? channelAt(policy, p.draws.channel),
      reason: randomReason(policy.randomRate),
    };
  }
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
          pick = {
            strategy: objectiveStrategy[objective],
            channel: channelAt(policy, chosen.position),
            reason: modelReason(objective, value, {
              total: chosen.size + 1,
              above: chosen.above,
              tied: chosen.tied,
              population: 'recent',
              rate,
              threshold: chosen.threshold,
              ...(chosen.tieShare === undefined ? {} : { tieShare: chosen.tieShare }),
            }),
            score: value,
          };
        }
      } else {
        // Start-up: a fixed threshold (the budget guard still holds).
        const threshold =
          objective === 'revenue' ? Number.POSITIVE_INFINITY : policy.calibration.warmupThreshold;
        if (value >= threshold) {
          pick = {
            strategy: objectiveStrategy[objective],
            channel: channelAt(policy, p.draws.channel),
            reason: warmupModelReason(objective, value, threshold),
            score: value,
          };
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
      pick = {
        strategy: 'exploration',
        explorationMode: 'random',
        channel: policy.explorationChannel ?? channelAt(policy, p.draws.channel),
        reason: explorationRandomReason(),
      };
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
      pick = {
        strategy: 'exploration',
        explorationMode: 'uncertain',
        channel: policy.explorationChannel ?? channelAt(policy, p.draws.channel),
        reason: explorationUncertainReason(p.fraud, centre),
      };
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
    picks.set(p, {
      strategy: 'random',
      channel: policy.randomChannel ?? channelAt(policy, p.draws.channel),
      reason: randomReason(policy.randomRate),
    });
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
      picks.set(p, {
        strategy: objectiveStrategy[objective],
        channel: channelAt(policy, (rank + 0.5) / chosen.length),
        reason: modelReason(objective, value, {
          total: n,
          above: ranked.length - upperBound(ranked, value),
          tied: countEqual(ranked, value) - 1,
          population: 'batch',
          rate: counts[objective] / n,
          threshold,
          ...(isPartOfTie ? { tieShare: chosenAtThreshold / atThreshold } : {}),
        }),
        score: value,
      });
    });
  }

  for (const p of topK(
    prepared.filter((x) => isOpen(x) && x.isEligible),
    exploreRandomCount,
    (x) => -x.draws.explore,
  )) {
    picks.set(p, {
      strategy: 'exploration',
      explorationMode: 'random',
      channel: policy.explorationChannel ?? channelAt(policy, p.draws.channel),
      reason: explorationRandomReason(),
    });
  }

  const centre = policy.exploration.centre === 'threshold' && fraudCutOff !== undefined ? fraudCutOff : 0.5;
  for (const p of topK(
    prepared.filter((x) => isOpen(x) && x.isEligible),
    exploreUncertainCount,
    (x) => uncertaintyOf(x.fraud, centre),
  )) {
    picks.set(p, {
      strategy: 'exploration',
      explorationMode: 'uncertain',
      channel: policy.explorationChannel ?? channelAt(policy, p.draws.channel),
      reason: explorationUncertainReason(p.fraud, centre),
    });
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
    const policy = byOffice.get(s.declaration.office) ?? fallback;
    if (policy === undefined) {
      throw new Error(`no selection policy for office ${s.declaration.office} and no default policy`);
    }
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

/** Pair declarations with the arrays scoreDeclarations returns. */
export function toScoredDeclarations(
  declarations: readonly Declaration[],
  scores: { fraud: ArrayLike<number>; critical: ArrayLike<number> },
): ScoredDeclaration[] {
  if (scores.fraud.length !== declarations.length || scores.critical.length !== declarations.length) {
    throw new Error('scores and declarations differ in length');
  }
  return declarations.map((declaration, i) => ({
    declaration,
    fraud: scores.fraud[i] ?? 0,
    critical: scores.critical[i] ?? 0,
  }));
}
