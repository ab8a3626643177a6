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
  randomReason,
  releaseReason,
  ruleChannelReason,
  type ModelObjective,
} from './selection-reasons';
import { budgetOf, type SelectionPolicy } from './selection-policy.schemas';
import { resolveAeoFacilitation, type AeoFacilitation, type TrustedTraderLookup } from './trusted-trader';

/*
 * What the streaming and the batch selection share: the decision format, the facts about one declaration that do
 * not depend on the others (rule hits, adjusted scores, AEO facilitation, seeded draws) and the budget arithmetic.
 */

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

export const objectiveOrder: readonly ModelObjective[] = ['critical', 'fraud', 'revenue'];
export const objectiveStrategy: Record<ModelObjective, SelectionStrategy> = {
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
export function uncertaintyOf(fraud: number, centre: number): number {
  return -Math.abs(logit(fraud) - logit(centre));
}

/** Everything about one declaration that does not depend on the other declarations. */
export interface Prepared {
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

export function prepare(
  policy: SelectionPolicy,
  context: SelectionContext,
  scored: ScoredDeclaration,
): Prepared {
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

export function objectiveValue(p: Prepared, objective: ModelObjective): number {
  return objective === 'fraud' ? p.fraud : objective === 'critical' ? p.critical : p.revenue;
}

/**
 * The channel for a pick that no rule placed: the budget's channels are filled from the top, so a position in
 * the first red/budget share of a ranking goes red, the next yellow/budget share yellow, the rest blue. Random and
 * exploration picks use a uniform draw as their position, which keeps the expected rate per channel.
 */
export function channelAt(policy: SelectionPolicy, position: number): Channel {
  const budget = budgetOf(policy);
  if (budget <= 0) return 'red';
  const redShare = policy.rates.red / budget;
  const yellowShare = policy.rates.yellow / budget;
  if (position < redShare) return 'red';
  if (position < redShare + yellowShare) return 'yellow';
  return policy.rates.blue > 0 ? 'blue' : policy.rates.yellow > 0 ? 'yellow' : 'red';
}

export interface Pick {
  strategy: SelectionStrategy;
  channel: Channel;
  reason?: LocalizedText;
  explorationMode?: 'random' | 'uncertain';
  score?: number;
}

/** A pick by one of the model's rankings; `position` (0 top to 1) is its place among the ranking's picks. */
export function modelPick(
  policy: SelectionPolicy,
  objective: ModelObjective,
  value: number,
  position: number,
  reason: LocalizedText,
): Pick {
  return {
    strategy: objectiveStrategy[objective],
    channel: channelAt(policy, position),
    reason,
    score: value,
  };
}

/** A random-control pick: the policy's random channel, or one placed by the declaration's channel draw. */
export function randomPick(policy: SelectionPolicy, p: Prepared): Pick {
  return {
    strategy: 'random',
    channel: policy.randomChannel ?? channelAt(policy, p.draws.channel),
    reason: randomReason(policy.randomRate),
  };
}

/**
 * An exploration pick, channelled like a random one: a random draw, or the fraud score least certain around
 * `centre` (the model's fraud threshold or 0.5).
 */
export function explorationPick(
  policy: SelectionPolicy,
  p: Prepared,
  mode: { kind: 'random' } | { kind: 'uncertain'; centre: number },
): Pick {
  return {
    strategy: 'exploration',
    explorationMode: mode.kind,
    channel: policy.explorationChannel ?? channelAt(policy, p.draws.channel),
    reason:
      mode.kind === 'random' ? explorationRandomReason() : explorationUncertainReason(p.fraud, mode.centre),
  };
}

export function buildDecision(policy: SelectionPolicy, p: Prepared, pick: Pick): Decision {
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
export function splitByWeight(policy: SelectionPolicy, total: number): Record<ModelObjective, number> {
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

export function explorationRates(policy: SelectionPolicy): { random: number; uncertain: number } {
  const total = policy.exploration.share * budgetOf(policy);
  return {
    random: total * (1 - policy.exploration.uncertainShare),
    uncertain: total * policy.exploration.uncertainShare,
  };
}

export function indexPolicies(policies: SelectionPolicy | readonly SelectionPolicy[]): {
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

/** The policy (or its state) of an office: its own, else the default; neither is an error. */
export function forOffice<T>(byOffice: ReadonlyMap<string, T>, fallback: T | undefined, office: string): T {
  const value = byOffice.get(office) ?? fallback;
  if (value === undefined) throw new Error(`no selection policy for office ${office} and no default policy`);
  return value;
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
