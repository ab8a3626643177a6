/**
 * Scoring benchmark: declarations per second, features included, for a full-size model (1 500 × 127-leaf fraud
 * trees, the size of the sklearn reference) and its first N trees, and for the balanced and compact presets, on one
 * core and on both cores (one worker thread per core), with quality on 2021 Q1. Prints a markdown table.
 *
 * On one core the binned walk (`scoreDeclarations`) and the previous walk over raw values
 * (`scoreDeclarationsByValue`) are timed alternately in this process, so both see the same load, and every score of
 * the two, and of the model after a JSON round trip, is checked to be identical.
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
import { scoreDeclarationsByValue, type RiskScores } from '../src/risk-engine/model';
import { DATASET_DIR } from '../tests/support/requirements';

// The shared data beside the project (as CI lays it out), or OPENAEO_SHARED_DATA: one answer for tests and benches.
const DATA = DATASET_DIR;
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

type Scorer = (model: RiskModel, declarations: readonly Declaration[]) => RiskScores;

/**
 * Best of `repeats` timed runs of each scorer, after one warm-up run each (JIT, model lookup tables); the scorers
 * take turns, so that a change of load affects both alike.
 */
function measureSingleCore(
  model: RiskModel,
  declarations: readonly Declaration[],
  repeats: number,
  scorers: readonly Scorer[],
): number[] {
  const best = scorers.map(() => Number.POSITIVE_INFINITY);
  for (const score of scorers) score(model, declarations);
  for (let i = 0; i < repeats; i++) {
    scorers.forEach((score, s) => {
      const started = performance.now();
      score(model, declarations);
      best[s] = Math.min(best[s] ?? Number.POSITIVE_INFINITY, performance.now() - started);
    });
  }
  return best.map((ms) => (declarations.length / ms) * 1000);
}

/** Number of scores (of both heads) that differ between two scorings. */
function countDifferences(a: RiskScores, b: RiskScores): number {
  let differences = 0;
  for (const head of ['fraud', 'critical'] as const) {
    for (let i = 0; i < a[head].length; i++) if (!Object.is(a[head][i], b[head][i])) differences++;
  }
  return differences;
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
    '| model | trees fraud / critical | leaves (max) | rows/s 1 core | rows/s 1 core, previous walk | speed-up | rows/s 2 cores | AUC | P@5% | P@10% | critical R@5% | scores differing (previous walk / JSON round trip) | load |';
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
    const [single = 0, previous = 0] = measureSingleCore(model, declarations, repeats, [
      scoreDeclarations,
      scoreDeclarationsByValue,
    ]);
    const modelJson = serializeModel(model);
    const scores = scoreDeclarations(model, declarations);
    const differing = countDifferences(scores, scoreDeclarationsByValue(model, declarations));
    const differingAfterJson = countDifferences(
      scores,
      scoreDeclarations(parseModel(modelJson), declarations),
    );
    const double = await measureTwoCores(modelJson, declarations, repeats);
    const evaluation = evaluateModel(model, valid);
    const at = (share: number) => evaluation.fraud.atShare.find((entry) => entry.share === share);
    const critical5 = evaluation.critical.atShare.find((entry) => entry.share === 0.05);
    lines.push(
      `| ${name} | ${model.heads.fraud.trees.length} / ${model.heads.critical.trees.length} | ${model.params.heads.fraud.maxLeaves} | ${Math.round(single)} | ${Math.round(previous)} | ${(single / previous).toFixed(2)}× | ${Math.round(double)} | ${evaluation.fraud.auc.toFixed(4)} | ${(at(0.05)?.precision ?? 0).toFixed(3)} | ${(at(0.1)?.precision ?? 0).toFixed(3)} | ${(critical5?.recall ?? 0).toFixed(3)} | ${differing} / ${differingAfterJson} | ${load} |`,
    );
    process.stderr.write(`${lines.at(-1) ?? ''}\n`);
  }
  process.stdout.write(
    `\nScoring ${declarations.length} declarations of ${VALID}, features included, best of ${repeats}\n\n`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
