/**
 * Scoring benchmark: declarations per second, features included, for a full-size model (1 500 × 127-leaf fraud
 * trees, the size of the sklearn reference) and its first N trees, and for the balanced and compact presets, on one
 * core and on both cores (one worker thread per core), with quality on 2021 Q1. Prints a markdown table.
 *
 *   node --import tsx bench/risk-score.ts [--full bench/out/model-full.json] [--balanced bench/out/model.balanced.json]
 *
 * Models missing on disk are trained (and saved) first; the full one takes several minutes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelledFiles } from '../src/cli/risk.command';
import { startTypeScriptWorker } from '../src/risk-engine/gbdt/parallel-training';
import {
  evaluateModel,
  parseModel,
  scoreDeclarations,
  serializeModel,
  trainRiskModelInParallel,
  truncateModel,
  type Declaration,
  type LabelledDeclaration,
  type RiskModel,
  type TrainRiskModelOptions,
} from '../src/risk-engine/index';

const DATA = '/work/shared/data/customs-declarations';
const TRAIN = `${DATA}/df_syn_train_eng.csv`;
const VALID = `${DATA}/df_syn_valid_eng.csv`;

const { values } = parseArgs({
  options: {
    full: { type: 'string', default: 'bench/out/model-full.json' },
    balanced: { type: 'string', default: 'bench/out/model.balanced.json' },
    compact: { type: 'string', default: 'bench/out/model.compact.json' },
    repeats: { type: 'string', default: '5' },
  },
});

async function loadOrTrain(
  path: string,
  train: LabelledDeclaration[],
  options: TrainRiskModelOptions,
): Promise<RiskModel> {
  if (existsSync(path)) return parseModel(readFileSync(path, 'utf8'));
  process.stderr.write(`training ${path} …\n`);
  const model = await trainRiskModelInParallel(train, { ...options, threads: 2 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeModel(model));
  return model;
}

/** Best of `repeats` timed runs, after one warm-up run (JIT, model lookup tables). */
function measureSingleCore(model: RiskModel, declarations: readonly Declaration[], repeats: number): number {
  scoreDeclarations(model, declarations);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    scoreDeclarations(model, declarations);
    best = Math.min(best, performance.now() - started);
  }
  return (declarations.length / best) * 1000;
}

/** Both cores: each worker parses the model once, then scores its half of every batch. */
async function measureTwoCores(
  modelJson: string,
  declarations: readonly Declaration[],
  repeats: number,
): Promise<number> {
  const workers = [0, 1].map(() => startTypeScriptWorker(new URL('./risk-score.worker.ts', import.meta.url)));
  const half = Math.ceil(declarations.length / 2);
  const parts = [declarations.slice(0, half), declarations.slice(half)];
  const ask = (worker: (typeof workers)[number], message: unknown): Promise<void> =>
    new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.postMessage(message);
    });
  try {
    await Promise.all(workers.map((worker) => ask(worker, { modelJson })));
    await Promise.all(workers.map((worker, i) => ask(worker, { declarations: parts[i] })));
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      await Promise.all(workers.map((worker, i) => ask(worker, { declarations: parts[i] })));
      best = Math.min(best, performance.now() - started);
    }
    return (declarations.length / best) * 1000;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function main(): Promise<void> {
  if (!existsSync(TRAIN) || !existsSync(VALID)) {
    process.stdout.write(`skipped: the dataset is not at ${DATA}\n`);
    return;
  }
  const train = readLabelledFiles([TRAIN]);
  const valid = readLabelledFiles([VALID]);
  const declarations = valid.map((row) => row.declaration);
  const repeats = Number(values.repeats);
  const full = await loadOrTrain(values.full ?? '', train, {
    preset: 'balanced',
    heads: { fraud: { rounds: 1500, earlyStoppingRounds: 0, learningRate: 0.02 } },
  });
  const balanced = await loadOrTrain(values.balanced ?? '', train, { preset: 'balanced' });
  const compact = await loadOrTrain(values.compact ?? '', train, { preset: 'compact' });
  const variants: { name: string; model: RiskModel }[] = [
    { name: 'full size (1 500 × 127-leaf fraud trees, lr 0.02)', model: full },
    ...[600, 300, 150, 50].map((trees) => ({
      name: `full size, first ${trees} fraud trees`,
      model: truncateModel(full, { fraud: trees }),
    })),
    { name: 'balanced preset (early stopped)', model: balanced },
    { name: 'compact preset (31-leaf trees, early stopped)', model: compact },
  ];
  const header =
    '| model | trees fraud / critical | leaves (max) | rows/s 1 core | rows/s 2 cores | AUC | P@5% | P@10% | critical R@5% | load |';
  const lines = [
    header,
    `|${header
      .split('|')
      .slice(1, -1)
      .map(() => '---')
      .join('|')}|`,
  ];
  for (const { name, model } of variants) {
    const load = loadavg()[0]?.toFixed(2) ?? '?';
    const single = measureSingleCore(model, declarations, repeats);
    const double = await measureTwoCores(serializeModel(model), declarations, repeats);
    const evaluation = evaluateModel(model, valid);
    const at = (share: number) => evaluation.fraud.atShare.find((entry) => entry.share === share);
    const critical5 = evaluation.critical.atShare.find((entry) => entry.share === 0.05);
    lines.push(
      `| ${name} | ${model.heads.fraud.trees.length} / ${model.heads.critical.trees.length} | ${model.params.heads.fraud.maxLeaves} | ${Math.round(single)} | ${Math.round(double)} | ${evaluation.fraud.auc.toFixed(4)} | ${(at(0.05)?.precision ?? 0).toFixed(3)} | ${(at(0.1)?.precision ?? 0).toFixed(3)} | ${(critical5?.recall ?? 0).toFixed(3)} | ${load} |`,
    );
    process.stderr.write(`${lines.at(-1) ?? ''}\n`);
  }
  process.stdout.write(
    `\nScoring ${declarations.length} declarations of ${VALID}, features included, best of ${repeats}\n\n`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
