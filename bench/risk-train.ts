/**
 * Training benchmark: trains on the 2020 declarations, reports train time, time per round and quality on the
 * 2021 Q1 declarations, for a list of presets. Prints a markdown table.
 *
 *   node --import tsx bench/risk-train.ts [--preset balanced,fast] [--threads 2] [--out bench/out/model.json]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelledFiles } from '../src/cli/risk.command';
import {
  evaluateModel,
  serializeModel,
  trainRiskModelInParallel,
  type Evaluation,
  type TrainingPreset,
  type TrainRiskModelOptions,
} from '../src/risk-engine/index';
import { DATASET_DIR } from '../tests/support/requirements';

// The shared data beside the project (as CI lays it out), or OPENAEO_SHARED_DATA: one answer for tests and benches.
const DATA = DATASET_DIR;
const TRAIN = `${DATA}/df_syn_train_eng.csv`;
const VALID = `${DATA}/df_syn_valid_eng.csv`;

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'balanced' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string' },
    refit: { type: 'boolean', default: false },
    options: { type: 'string' },
  },
});

function pick(evaluation: Evaluation): Record<string, string> {
  const at = (share: number) => evaluation.fraud.atShare.find((entry) => entry.share === share);
  const criticalAt = (share: number) => evaluation.critical.atShare.find((entry) => entry.share === share);
  return {
    auc: evaluation.fraud.auc.toFixed(4),
    p5: (at(0.05)?.precision ?? 0).toFixed(3),
    p10: (at(0.1)?.precision ?? 0).toFixed(3),
    lift5: (at(0.05)?.lift ?? 0).toFixed(2),
    duty10: `${((at(0.1)?.dutyCaptured ?? 0) * 100).toFixed(1)} %`,
    criticalAuc: evaluation.critical.auc.toFixed(4),
    criticalRecall5: (criticalAt(0.05)?.recall ?? 0).toFixed(3),
    criticalRecall10: (criticalAt(0.1)?.recall ?? 0).toFixed(3),
  };
}

async function main(): Promise<void> {
  if (!existsSync(TRAIN) || !existsSync(VALID)) {
    process.stdout.write(`skipped: the dataset is not at ${DATA}\n`);
    return;
  }
  const train = readLabelledFiles([TRAIN]);
  const valid = readLabelledFiles([VALID]);
  const extra = values.options ? (JSON.parse(values.options) as TrainRiskModelOptions) : {};
  const rows: string[] = [];
  const header =
    '| preset | trees fraud / critical | train s (both heads) | ms/round fraud | AUC | P@5% | P@10% | lift@5% | duty@10% | critical AUC | critical R@5% | critical R@10% | load |';
  rows.push(
    header,
    `|${header
      .split('|')
      .slice(1, -1)
      .map(() => '---')
      .join('|')}|`,
  );
  for (const preset of (values.preset ?? 'balanced').split(',') as TrainingPreset[]) {
    const load = loadavg()[0]?.toFixed(2) ?? '?';
    const started = performance.now();
    const model = await trainRiskModelInParallel(train, {
      ...extra,
      preset,
      refit: values.refit ?? false,
      threads: Number(values.threads),
    });
    const seconds = (performance.now() - started) / 1000;
    const quality = pick(evaluateModel(model, valid));
    rows.push(
      `| ${preset} | ${model.heads.fraud.trees.length} / ${model.heads.critical.trees.length} | ${seconds.toFixed(1)} | ${model.heads.fraud.millisecondsPerRound.toFixed(1)} | ${quality.auc} | ${quality.p5} | ${quality.p10} | ${quality.lift5} | ${quality.duty10} | ${quality.criticalAuc} | ${quality.criticalRecall5} | ${quality.criticalRecall10} | ${load} |`,
    );
    process.stderr.write(`${rows.at(-1) ?? ''}\n`);
    if (values.out) {
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out.replace(/\.json$/, `.${preset}.json`), serializeModel(model));
    }
  }
  process.stdout.write(
    `\nTrain: ${TRAIN} (${train.length} rows); report: ${VALID} (${valid.length} rows)\n\n`,
  );
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
