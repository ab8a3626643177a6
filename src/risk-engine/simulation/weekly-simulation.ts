import type { Declaration, LabelledDeclaration } from '../declaration';
import { isControlChannel } from '../policy/channel';
import {
  selectBatch,
  toScoredDeclarations,
  type SelectionContext,
  type SelectionStrategy,
} from '../policy/selection-policy';
import type { SelectionPolicy } from '../policy/selection-policy.schemas';

/**
 * A weekly selection simulation over a labelled dataset, the protocol of the WCO–KAIST DATE studies: select within
 * the budget, learn the labels of the selected declarations only, retrain on what has been revealed, go on to the
 * next week. It shows what a selection policy does to the model's own training data over time, which a one-off
 * evaluation on a fully labelled test set cannot.
 */

export type Scorer = (declarations: readonly Declaration[]) => {
  fraud: ArrayLike<number>;
  critical: ArrayLike<number>;
};

/** Trains on the labels revealed so far and returns a scorer; injected so tests can use a trivial model. */
export type RiskTrainer = (
  labelled: readonly LabelledDeclaration[],
  info: { week: number; weekStart: string },
) => Scorer | Promise<Scorer>;

export interface SelectionOutcome {
  declarations: number;
  selected: number;
  frauds: number;
  fraudsFound: number;
  criticals: number;
  criticalsFound: number;
  /** Duty at stake on fraudulent declarations (proxy: value × duty rate / 100). */
  dutyAtStake: number;
  dutyRecovered: number;
  precision: number;
  recall: number;
  criticalRecall: number;
  revenueRecall: number;
  /** Precision ÷ base rate: how much better than inspecting at random. */
  lift: number;
  byStrategy: Partial<Record<SelectionStrategy, { selected: number; fraudsFound: number }>>;
  /** Share of the selected declarations chosen for exploration. */
  explorationShare: number;
}

export interface WeekResult extends SelectionOutcome {
  week: number;
  weekStart: string;
  /** Labelled declarations the model for this week was trained on. */
  trainingRows: number;
}

export interface SimulationResult {
  policyId: string;
  warmupRows: number;
  warmupUntil: string;
  weeks: WeekResult[];
  totals: SelectionOutcome;
}

export interface WeeklySimulationOptions {
  rows: readonly LabelledDeclaration[];
  policy: SelectionPolicy | readonly SelectionPolicy[];
  trainer: RiskTrainer;
  context?: SelectionContext;
  /** Initial fully labelled period: a number of weeks from the first date, or the first week start to simulate. */
  warmup: { weeks: number } | { until: string };
  /** Most weeks to simulate after the warm-up (all by default). */
  weeks?: number;
  /** Retrain every this many weeks (1 = every week). */
  retrainEvery?: number;
  onWeek?: (week: WeekResult) => void;
}

const DAY_MS = 86_400_000;

/** Monday of the ISO week holding `date` (YYYY-MM-DD). */
export function weekStartOf(date: string): string {
  const time = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`not a date: ${date}`);
  const dayFromMonday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - dayFromMonday * DAY_MS).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Rows grouped by ISO week, oldest first; rows keep their input order within a week. */
export function groupByWeek(
  rows: readonly LabelledDeclaration[],
): { weekStart: string; rows: LabelledDeclaration[] }[] {
  const weeks = new Map<string, LabelledDeclaration[]>();
  for (const row of rows) {
    const start = weekStartOf(row.declaration.date);
    const list = weeks.get(start);
    if (list === undefined) weeks.set(start, [row]);
    else list.push(row);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, list]) => ({ weekStart, rows: list }));
}

function dutyOf(row: LabelledDeclaration): number {
  if (!row.label.fraud) return 0;
  if (row.label.dutyRecovered !== undefined) return row.label.dutyRecovered;
  let duty = 0;
  for (const item of row.declaration.items) duty += (item.customsValue * (item.dutyRate ?? 0)) / 100;
  return duty;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

interface Tally {
  declarations: number;
  selected: number;
  frauds: number;
  fraudsFound: number;
  criticals: number;
  criticalsFound: number;
  dutyAtStake: number;
  dutyRecovered: number;
  exploration: number;
  byStrategy: Partial<Record<SelectionStrategy, { selected: number; fraudsFound: number }>>;
}

function emptyTally(): Tally {
  return {
    declarations: 0,
    selected: 0,
    frauds: 0,
    fraudsFound: 0,
    criticals: 0,
    criticalsFound: 0,
    dutyAtStake: 0,
    dutyRecovered: 0,
    exploration: 0,
    byStrategy: {},
  };
}

function addToTally(
  tally: Tally,
  row: LabelledDeclaration,
  strategy: SelectionStrategy,
  isSelected: boolean,
): void {
  const duty = dutyOf(row);
  tally.declarations++;
  tally.frauds += row.label.fraud ? 1 : 0;
  tally.criticals += row.label.critical ? 1 : 0;
  tally.dutyAtStake += duty;
  if (!isSelected) return;
  tally.selected++;
  tally.fraudsFound += row.label.fraud ? 1 : 0;
  tally.criticalsFound += row.label.critical ? 1 : 0;
  tally.dutyRecovered += duty;
  tally.exploration += strategy === 'exploration' ? 1 : 0;
  const entry = (tally.byStrategy[strategy] ??= { selected: 0, fraudsFound: 0 });
  entry.selected++;
  entry.fraudsFound += row.label.fraud ? 1 : 0;
}

function mergeTally(into: Tally, from: Tally): void {
  into.declarations += from.declarations;
  into.selected += from.selected;
  into.frauds += from.frauds;
  into.fraudsFound += from.fraudsFound;
  into.criticals += from.criticals;
  into.criticalsFound += from.criticalsFound;
  into.dutyAtStake += from.dutyAtStake;
  into.dutyRecovered += from.dutyRecovered;
  into.exploration += from.exploration;
  for (const [strategy, entry] of Object.entries(from.byStrategy) as [
    SelectionStrategy,
    { selected: number; fraudsFound: number },
  ][]) {
    const target = (into.byStrategy[strategy] ??= { selected: 0, fraudsFound: 0 });
    target.selected += entry.selected;
    target.fraudsFound += entry.fraudsFound;
  }
}

function toOutcome(t: Tally): SelectionOutcome {
  const precision = ratio(t.fraudsFound, t.selected);
  return {
    declarations: t.declarations,
    selected: t.selected,
    frauds: t.frauds,
    fraudsFound: t.fraudsFound,
    criticals: t.criticals,
    criticalsFound: t.criticalsFound,
    dutyAtStake: t.dutyAtStake,
    dutyRecovered: t.dutyRecovered,
    precision,
    recall: ratio(t.fraudsFound, t.frauds),
    criticalRecall: ratio(t.criticalsFound, t.criticals),
    revenueRecall: ratio(t.dutyRecovered, t.dutyAtStake),
    lift: ratio(precision, ratio(t.frauds, t.declarations)),
    byStrategy: t.byStrategy,
    explorationShare: ratio(t.exploration, t.selected),
  };
}

function policyIdOf(policy: SelectionPolicy | readonly SelectionPolicy[]): string {
  return Array.isArray(policy)
    ? (policy as readonly SelectionPolicy[]).map((p) => p.id).join('+')
    : (policy as SelectionPolicy).id;
}

/**
 * Run the weekly protocol. Only declarations a policy sends to a control channel reveal their labels; the
 * warm-up period is fully labelled (the historical inspections a new model starts from).
 */
export interface SimulationPlan {
  warmupUntil: string;
  warmup: LabelledDeclaration[];
  weeks: { weekStart: string; rows: LabelledDeclaration[] }[];
}

/** Split the rows into the warm-up and the weeks to simulate; throws when either is empty. */
export function planSimulation(
  rows: readonly LabelledDeclaration[],
  warmup: WeeklySimulationOptions['warmup'],
  maxWeeks?: number,
): SimulationPlan {
  const weeks = groupByWeek(rows);
  const first = weeks[0];
  if (first === undefined) throw new Error('the simulation needs at least one labelled declaration');
  const warmupUntil =
    'until' in warmup ? weekStartOf(warmup.until) : addDays(first.weekStart, 7 * warmup.weeks);
  const warmupRows = weeks.filter((w) => w.weekStart < warmupUntil).flatMap((w) => w.rows);
  const toSimulate = weeks
    .filter((w) => w.weekStart >= warmupUntil)
    .slice(0, maxWeeks ?? Number.MAX_SAFE_INTEGER);
  if (warmupRows.length === 0) throw new Error('the warm-up period holds no labelled declarations');
  if (toSimulate.length === 0) throw new Error('no weeks are left to simulate after the warm-up period');
  return { warmupUntil, warmup: warmupRows, weeks: toSimulate };
}

export async function runWeeklySimulation(options: WeeklySimulationOptions): Promise<SimulationResult> {
  const plan = planSimulation(options.rows, options.warmup, options.weeks);
  const { warmupUntil } = plan;
  const revealed: LabelledDeclaration[] = [...plan.warmup];
  const warmupRows = revealed.length;
  const toSimulate = plan.weeks;

  const retrainEvery = Math.max(1, options.retrainEvery ?? 1);
  const total = emptyTally();
  const results: WeekResult[] = [];
  let scorer: Scorer | undefined;
  let trainingRows = 0;

  for (const [index, week] of toSimulate.entries()) {
    if (scorer === undefined || index % retrainEvery === 0) {
      trainingRows = revealed.length;
      scorer = await options.trainer(revealed, { week: index + 1, weekStart: week.weekStart });
    }
    const declarations = week.rows.map((r) => r.declaration);
    const decisions = selectBatch(
      options.policy,
      toScoredDeclarations(declarations, scorer(declarations)),
      options.context ?? {},
    );
    const tally = emptyTally();
    decisions.forEach((decision, i) => {
      const row = week.rows[i];
      if (row === undefined) return;
      const isSelected = isControlChannel(decision.channel);
      addToTally(tally, row, decision.strategy, isSelected);
      if (isSelected) revealed.push(row);
    });
    mergeTally(total, tally);
    const result: WeekResult = {
      week: index + 1,
      weekStart: week.weekStart,
      trainingRows,
      ...toOutcome(tally),
    };
    results.push(result);
    options.onWeek?.(result);
  }

  return {
    policyId: policyIdOf(options.policy),
    warmupRows,
    warmupUntil,
    weeks: results,
    totals: toOutcome(total),
  };
}
