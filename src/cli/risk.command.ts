/**
 * `openaeo risk train | score | evaluate`: the learned risk model from the command line. File reading and writing
 * happen here; the engine itself is pure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import { Option, type Command } from 'commander';
import { numberOption, parsePositiveInt, parsePositiveNumber } from './option-parsers';
import { parse } from 'csv-parse/sync';
import {
  assertDatasetHeader,
  evaluateModel,
  parseModel,
  readDeclarations,
  readLabelledDeclarations,
  scoreDeclarations,
  serializeModel,
  trainRiskModelInParallel,
  type DatasetRecord,
  type Evaluation,
  type HeadEvaluation,
  type LabelledDeclaration,
  type TrainingPreset,
} from '../risk-engine/index';

/** Parses a dataset-layout CSV file into records keyed by header. */
export function readDatasetFile(path: string): DatasetRecord[] {
  const text = readFileSync(path, 'utf8');
  const records: Record<string, string>[] = parse(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
  const header = records[0] ? Object.keys(records[0]) : [];
  if (records.length > 0) assertDatasetHeader(header);
  return records;
}

/** Reads labelled declarations from one or more files. */
export function readLabelledFiles(paths: readonly string[]): LabelledDeclaration[] {
  return paths.flatMap((path) => readLabelledDeclarations(readDatasetFile(path)));
}

const parseFraction = numberOption((n) => n >= 0 && n < 1, 'a number in [0, 1)');

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function formatNumber(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A readable table of one head's evaluation. */
export function formatHeadEvaluation(title: string, evaluation: HeadEvaluation): string {
  const lines = [
    `${title}: ${evaluation.positives} of ${evaluation.rows} positive (base rate ${formatNumber(evaluation.baseRate * 100, 2)} %), AUC ${formatNumber(evaluation.auc, 4)}`,
    '  inspected   rows  precision  recall   lift  duty captured',
  ];
  for (const at of evaluation.atShare) {
    lines.push(
      `  ${`${(at.share * 100).toFixed(0)} %`.padStart(9)}  ${String(at.inspected).padStart(5)}  ${formatNumber(at.precision).padStart(9)}  ${formatNumber(at.recall).padStart(6)}  ${formatNumber(at.lift, 2).padStart(5)}  ${`${formatNumber(at.dutyCaptured * 100, 1)} %`.padStart(13)}`,
    );
  }
  return lines.join('\n');
}

export function formatEvaluation(evaluation: Evaluation): string {
  return [
    formatHeadEvaluation('Fraud head', evaluation.fraud),
    '',
    formatHeadEvaluation('Critical-fraud head (recall is the headline)', evaluation.critical),
  ].join('\n');
}

interface TrainOptions {
  data: string[];
  out: string;
  preset: TrainingPreset;
  rounds?: number;
  leaves?: number;
  learningRate?: number;
  holdout: number;
  refit: boolean;
  seed: number;
  threads: number;
  progress: boolean;
}

async function runTrain(options: TrainOptions): Promise<void> {
  const rows = readLabelledFiles(options.data);
  const trees = {
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    ...(options.leaves !== undefined ? { maxLeaves: options.leaves } : {}),
    ...(options.learningRate !== undefined ? { learningRate: options.learningRate } : {}),
  };
  const showBar = options.progress && process.stderr.isTTY;
  const bar = new SingleBar(
    {
      format: 'training {head} |{bar}| {value}/{total} rounds  valid {metric}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  // Both heads train at once; the bar counts the rounds of both (early stopping may end a head sooner).
  const rounds = { fraud: 0, critical: 0 };
  const totals = { fraud: 0, critical: 0 };
  let isBarStarted = false;
  const model = await trainRiskModelInParallel(rows, {
    preset: options.preset,
    trees,
    holdoutFraction: options.holdout,
    refit: options.refit,
    seed: options.seed,
    threads: options.threads,
    onProgress: (progress) => {
      if (!showBar || progress.head === undefined || progress.round === undefined) return;
      if (progress.round === 1) {
        rounds[progress.head] = 0;
        totals[progress.head] = progress.rounds ?? 0;
      }
      rounds[progress.head] = progress.round;
      const label = progress.stage === 'refit' ? 'refit' : 'both heads';
      if (!isBarStarted) {
        bar.start(totals.fraud + totals.critical, 0, { head: label, metric: '—' });
        isBarStarted = true;
      }
      bar.setTotal(totals.fraud + totals.critical);
      const metric =
        progress.head === 'fraud' && progress.validMetric ? progress.validMetric.toFixed(4) : undefined;
      bar.update(rounds.fraud + rounds.critical, { head: label, ...(metric ? { metric } : {}) });
    },
  });
  if (isBarStarted) {
    bar.update(totals.fraud + totals.critical);
    bar.stop();
  }
  writeFileSync(options.out, serializeModel(model));
  const { fraud, critical } = model.heads;
  process.stdout.write(
    `Trained on ${model.training.rows} declarations (${model.training.holdoutRows} latest held out for early stopping) in ${model.training.seconds.toFixed(1)} s\n` +
      `fraud head: ${fraud.trees.length} trees, ${fraud.millisecondsPerRound.toFixed(1)} ms/round; critical head: ${critical.trees.length} trees, ${critical.millisecondsPerRound.toFixed(1)} ms/round\n` +
      `Model written to ${options.out}\n`,
  );
  if (model.evaluation) {
    process.stdout.write(`\nOn the held-out rows:\n${formatEvaluation(model.evaluation)}\n`);
  }
}

function escapeCsv(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function runScore(options: { model: string; data: string; out: string }): void {
  const model = parseModel(readFileSync(options.model, 'utf8'));
  const declarations = readDeclarations(readDatasetFile(options.data));
  const scores = scoreDeclarations(model, declarations);
  const lines = ['declaration_id,fraud_score,critical_score'];
  declarations.forEach((declaration, i) => {
    lines.push(`${escapeCsv(declaration.id)},${scores.fraud[i] ?? 0},${scores.critical[i] ?? 0}`);
  });
  writeFileSync(options.out, `${lines.join('\n')}\n`);
  process.stdout.write(`Scored ${declarations.length} declarations into ${options.out}\n`);
}

function runEvaluate(options: { model: string; data: string; json: boolean }): void {
  const model = parseModel(readFileSync(options.model, 'utf8'));
  const rows = readLabelledDeclarations(readDatasetFile(options.data));
  const evaluation = evaluateModel(model, rows);
  process.stdout.write(
    options.json ? `${JSON.stringify(evaluation, null, 2)}\n` : `${formatEvaluation(evaluation)}\n`,
  );
}

/** Adds `risk` with `train`, `score` and `evaluate` to the program and returns `risk` for more subcommands. */
export function registerRiskCommands(program: Command): Command {
  const risk = program
    .command('risk')
    .description('learned risk model: train, score and evaluate declarations');

  risk
    .command('train')
    .description('train the fraud and critical-fraud model on labelled declarations (dataset CSV layout)')
    .requiredOption('--data <file>', 'labelled CSV file (repeat for more files)', collect, [])
    .requiredOption('--out <file>', 'where to write the model JSON')
    .addOption(
      new Option('--preset <name>', 'speed/quality preset')
        .choices(['fast', 'balanced', 'best', 'compact'])
        .default('balanced'),
    )
    .option('--rounds <n>', 'most boosting rounds per head (early stopping may use fewer)', parsePositiveInt)
    .option('--leaves <n>', 'leaf cap per tree', parsePositiveInt)
    .option('--learning-rate <x>', 'shrinkage per tree', parsePositiveNumber)
    .option(
      '--holdout <fraction>',
      'latest share of rows (by date) held out for early stopping',
      parseFraction,
      0.1,
    )
    .option('--refit', 'after early stopping, retrain on all rows for the chosen number of rounds', false)
    .option('--seed <n>', 'random seed', parsePositiveInt, 42)
    .option(
      '--threads <n>',
      'worker threads (one head per thread)',
      parsePositiveInt,
      Math.min(2, availableParallelism()),
    )
    .option('--no-progress', 'hide the progress bar')
    .action(async (options: TrainOptions) => runTrain(options));

  risk
    .command('score')
    .description('score declarations: writes declaration_id,fraud_score,critical_score (higher = riskier)')
    .requiredOption('--model <file>', 'model JSON from `risk train`')
    .requiredOption('--data <file>', 'CSV in the dataset layout (labels, if any, are ignored)')
    .requiredOption('--out <file>', 'where to write the scores CSV')
    .action((options: { model: string; data: string; out: string }) => runScore(options));

  risk
    .command('evaluate')
    .description('precision, recall, lift, duty captured at 1/2/5/10 % inspected and AUC, for both heads')
    .requiredOption('--model <file>', 'model JSON from `risk train`')
    .requiredOption('--data <file>', 'labelled CSV in the dataset layout')
    .option('--json', 'print JSON instead of a table', false)
    .action((options: { model: string; data: string; json: boolean }) => runEvaluate(options));

  return risk;
}
