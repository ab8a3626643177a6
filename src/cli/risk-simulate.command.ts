/**
 * `openaeo risk simulate`: replay labelled declarations week by week under two selection policies (exploitation
 * only, and the same budget with an exploration share) and compare what each finds. Reading files and printing
 * happen here; the simulation itself is pure.
 */
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { numberOption, parseInteger, parsePositiveInt } from './option-parsers';
import { scoreDeclarations, trainRiskModel, type LabelledDeclaration } from '../risk-engine/index';
import type { SelectionContext } from '../risk-engine/policy/selection-policy';
import { defineSelectionPolicy, type SelectionPolicy } from '../risk-engine/policy/selection-policy.schemas';
import { greenCustomsProfiles } from '../risk-engine/rules/green-customs.profiles';
import { compileRules } from '../risk-engine/rules/rule-evaluator';
import { trainBaselineScorer } from '../risk-engine/simulation/baseline-scorer';
import {
  planSimulation,
  runWeeklySimulation,
  type RiskTrainer,
  type SelectionOutcome,
  type SimulationResult,
} from '../risk-engine/simulation/weekly-simulation';
import { readLabelledFiles } from './risk.command';

export interface SimulateOptions {
  data: string[];
  budget: number;
  exploration: number;
  randomRate: number;
  seed: number;
  weeks?: number;
  warmup: { weeks: number } | { until: string };
  retrainEvery: number;
  /** Weights of the model's rankings (fraud, critical fraud, duty at stake). */
  objectives: { fraud: number; critical: number; revenue: number };
  /** Where exploration looks for uncertainty: at the fraud threshold or at one half. */
  centre: 'threshold' | 'half';
  model: 'gbdt' | 'baseline';
  greenCustoms: boolean;
  json: boolean;
  progress: boolean;
}

export interface SimulationComparison {
  runAt: string;
  files: string[];
  rows: number;
  settings: Omit<SimulateOptions, 'data' | 'json' | 'progress'>;
  exploitation: SimulationResult;
  exploration: SimulationResult;
}

const parseFraction = numberOption((n) => n >= 0 && n <= 1, 'a number in [0, 1]');

function parseWarmup(value: string): { weeks: number } | { until: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { until: value };
  return { weeks: parsePositiveInt(value) };
}

/** "fraud=0.6,critical=0.2,revenue=0.2"; objectives left out get weight 0. */
function parseObjectives(value: string): SimulateOptions['objectives'] {
  const weights = { fraud: 0, critical: 0, revenue: 0 };
  for (const part of value.split(',')) {
    const [name, weight] = part.split('=').map((x) => x.trim());
    const parsed = Number(weight);
    if ((name !== 'fraud' && name !== 'critical' && name !== 'revenue') || !(parsed >= 0)) {
      throw new InvalidArgumentError('expected e.g. fraud=0.6,critical=0.2,revenue=0.2');
    }
    weights[name] = parsed;
  }
  if (weights.fraud + weights.critical + weights.revenue <= 0) {
    throw new InvalidArgumentError('give at least one objective a positive weight');
  }
  return weights;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The two policies compared: the same budget and seed, one spending all of it on the model's rankings, the other
 * reserving the exploration share. The budget goes 60/30/10 to red/yellow/blue; every control channel reveals the
 * label in the simulation, so the split does not change the figures.
 */
export function buildSimulationPolicies(
  options: Pick<SimulateOptions, 'budget' | 'exploration' | 'randomRate' | 'seed'> &
    Partial<Pick<SimulateOptions, 'objectives' | 'centre'>>,
): {
  exploitation: SelectionPolicy;
  exploration: SelectionPolicy;
} {
  const rates = { red: options.budget * 0.6, yellow: options.budget * 0.3, blue: options.budget * 0.1 };
  const base = {
    seed: options.seed,
    rates,
    randomRate: options.randomRate,
    ...(options.objectives === undefined ? {} : { objectives: options.objectives }),
  };
  const centre = options.centre ?? 'threshold';
  return {
    exploitation: defineSelectionPolicy({
      ...base,
      id: 'exploitation-only',
      exploration: { share: 0, centre },
    }),
    exploration: defineSelectionPolicy({
      ...base,
      id: 'with-exploration',
      exploration: { share: options.exploration, centre },
    }),
  };
}

/** A small model per week (few shallow trees, no early-stopping holdout) so a year of weeks runs in minutes. */
function buildTrainer(model: SimulateOptions['model'], seed: number): RiskTrainer {
  if (model === 'baseline') return (rows) => trainBaselineScorer(rows);
  return (rows) => {
    const trained = trainRiskModel(rows, {
      preset: 'compact',
      seed,
      holdoutFraction: 0,
      trees: { rounds: 60, maxLeaves: 31, earlyStoppingRounds: 0 },
      features: { folds: 3 },
    });
    return (declarations) => scoreDeclarations(trained, declarations);
  };
}

export async function runSimulation(
  rows: readonly LabelledDeclaration[],
  options: Omit<SimulateOptions, 'data' | 'json' | 'progress'>,
  onWeek?: () => void,
): Promise<{ exploitation: SimulationResult; exploration: SimulationResult }> {
  const policies = buildSimulationPolicies(options);
  const context: SelectionContext = options.greenCustoms ? { rules: compileRules(greenCustomsProfiles) } : {};
  const common = {
    rows,
    context,
    trainer: buildTrainer(options.model, options.seed),
    warmup: options.warmup,
    retrainEvery: options.retrainEvery,
    ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
    ...(onWeek === undefined ? {} : { onWeek }),
  };
  const exploitation = await runWeeklySimulation({ ...common, policy: policies.exploitation });
  const exploration = await runWeeklySimulation({ ...common, policy: policies.exploration });
  return { exploitation, exploration };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Duty in millions (the dataset is in KRW, where whole amounts are unreadably long). */
function millions(value: number): string {
  return (value / 1e6).toFixed(1);
}

function totalsLine(label: string, t: SelectionOutcome): string {
  return `${label}: ${[
    `selected ${t.selected} of ${t.declarations}`,
    `precision ${fixed(t.precision)} (lift ${fixed(t.lift, 2)})`,
    `recall ${fixed(t.recall)}`,
    `critical recall ${fixed(t.criticalRecall)}`,
    `duty recovered ${millions(t.dutyRecovered)} M of ${millions(t.dutyAtStake)} M (${fixed(t.revenueRecall)})`,
    `exploration share ${fixed(t.explorationShare)}`,
  ].join(', ')}`;
}

export function formatSimulationComparison(comparison: SimulationComparison): string {
  const { exploitation: a, exploration: b, settings } = comparison;
  const lines: string[] = [];
  lines.push(
    `Weekly selection simulation, run ${comparison.runAt}: ${comparison.rows} labelled declarations, budget ${fixed(settings.budget * 100, 1)} %, ` +
      `exploration ${fixed(settings.exploration * 100, 0)} % of the budget, random ${fixed(settings.randomRate * 100, 1)} %, ` +
      `model ${settings.model}, seed ${settings.seed}; objectives fraud ${settings.objectives.fraud}, critical ${settings.objectives.critical}, ` +
      `revenue ${settings.objectives.revenue}; uncertainty centre ${settings.centre}.`,
  );
  lines.push(`Warm-up (fully labelled) until ${a.warmupUntil}: ${a.warmupRows} declarations.`);
  lines.push('');
  const header = [
    pad('week', 4),
    pad('start', 10),
    pad('decl', 5),
    pad('sel', 4),
    ' |',
    pad('prec', 6),
    pad('recall', 7),
    pad('duty M', 8),
    ' |',
    pad('prec', 6),
    pad('recall', 7),
    pad('duty M', 8),
    pad('expl', 5),
  ].join(' ');
  const left = header.indexOf('|');
  const right = header.indexOf('|', left + 1);
  lines.push(`${' '.repeat(left)}| ${'exploitation only'.padEnd(right - left - 2)}| with exploration`);
  lines.push(header);
  a.weeks.forEach((wa, i) => {
    const wb = b.weeks[i];
    if (wb === undefined) return;
    lines.push(
      [
        pad(String(wa.week), 4),
        pad(wa.weekStart, 10),
        pad(String(wa.declarations), 5),
        pad(String(wa.selected), 4),
        ' |',
        pad(fixed(wa.precision), 6),
        pad(fixed(wa.recall), 7),
        pad(millions(wa.dutyRecovered), 8),
        ' |',
        pad(fixed(wb.precision), 6),
        pad(fixed(wb.recall), 7),
        pad(millions(wb.dutyRecovered), 8),
        pad(String(wb.byStrategy.exploration?.selected ?? 0), 5),
      ].join(' '),
    );
  });
  lines.push('');
  lines.push(totalsLine('Exploitation only', a.totals));
  lines.push(totalsLine('With exploration', b.totals));
  const explorationPicks = b.totals.byStrategy.exploration;
  if (explorationPicks !== undefined) {
    lines.push(
      `Exploration picks alone: ${explorationPicks.selected} selected, precision ${fixed(
        explorationPicks.fraudsFound / Math.max(1, explorationPicks.selected),
      )}.`,
    );
  }
  lines.push('Duty recovered: Item Price × Tax Rate / 100 on fraud rows, in millions of the file currency.');
  return lines.join('\n');
}

async function runSimulateCommand(options: SimulateOptions): Promise<void> {
  const rows = readLabelledFiles(options.data);
  const { data, json, progress, ...settings } = options;
  const weeks = planSimulation(rows, settings.warmup, settings.weeks).weeks.length;
  const bar =
    progress && process.stderr.isTTY
      ? new SingleBar(
          { format: 'simulating {bar} {value}/{total} weeks', stream: process.stderr },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(2 * weeks, 0);
  const runs = await runSimulation(rows, settings, () => bar?.increment());
  bar?.stop();
  const comparison: SimulationComparison = {
    runAt: new Date().toISOString(),
    files: data,
    rows: rows.length,
    settings,
    ...runs,
  };
  process.stdout.write(
    json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatSimulationComparison(comparison)}\n`,
  );
}

/** Adds `simulate` to the `risk` command. */
export function registerRiskSimulateCommand(risk: Command): void {
  risk
    .command('simulate')
    .description(
      'replay labelled declarations week by week (select, reveal only the selected labels, retrain) and compare ' +
        'exploitation-only selection with selection that reserves an exploration share',
    )
    .requiredOption(
      '--data <file>',
      'labelled CSV file in the dataset layout (repeat for more files)',
      collect,
      [],
    )
    .option('--budget <share>', 'share of declarations controlled each week', parseFraction, 0.05)
    .option(
      '--exploration <share>',
      'share of the budget reserved for exploration in the second policy',
      parseFraction,
      0.1,
    )
    .option('--random-rate <share>', 'minimum random control rate in both policies', parseFraction, 0)
    .option('--seed <n>', 'seed of the random draws and of training', parseInteger, 42)
    .option('--weeks <n>', 'simulate at most this many weeks after the warm-up', parsePositiveInt)
    .addOption(
      new Option(
        '--warmup <weeks|date>',
        'fully labelled initial period: a number of weeks, or the first week to simulate (YYYY-MM-DD)',
      )
        .argParser(parseWarmup)
        .default({ weeks: 13 }, '13 weeks'),
    )
    .option('--retrain-every <n>', 'retrain every n weeks', parsePositiveInt, 1)
    .addOption(
      new Option('--objectives <weights>', 'split of the model budget between rankings')
        .argParser(parseObjectives)
        .default({ fraud: 0.6, critical: 0.2, revenue: 0.2 }, 'fraud=0.6,critical=0.2,revenue=0.2'),
    )
    .addOption(
      new Option(
        '--uncertainty-centre <where>',
        'exploration looks for uncertainty at the fraud threshold or at 0.5',
      )
        .choices(['threshold', 'half'])
        .default('threshold'),
    )
    .addOption(
      new Option(
        '--model <kind>',
        'gbdt: the compact gradient-boosted model; baseline: smoothed fraud rates (seconds)',
      )
        .choices(['gbdt', 'baseline'])
        .default('gbdt'),
    )
    .option(
      '--green-customs',
      'also apply the shipped green-customs rules (the dataset carries no permits)',
      false,
    )
    .option('--json', 'print the full results as JSON', false)
    .option('--no-progress', 'hide the progress bar')
    .action(
      async ({
        uncertaintyCentre,
        ...options
      }: Omit<SimulateOptions, 'centre'> & { uncertaintyCentre: 'threshold' | 'half' }) =>
        runSimulateCommand({ ...options, centre: uncertaintyCentre }),
    );
}
