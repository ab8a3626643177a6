import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  DATASET_TRAIN_FILE as TRAIN,
  DATASET_VALID_FILE as VALID,
  requireDataset,
} from '../../tests/support/requirements';
import { parseModel } from '../risk-engine/index';
import { registerRiskCommands } from './risk.command';

const dataset = requireDataset();

/** The first `rows` data rows of a CSV, with its header. */
function sampleCsv(path: string, rows: number): string {
  return `${readFileSync(path, 'utf8')
    .split('\n')
    .slice(0, rows + 1)
    .join('\n')}\n`;
}

async function runCli(args: string[]): Promise<string> {
  const program = new Command('openaeo').exitOverride();
  registerRiskCommands(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'openaeo', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe.skipIf(!dataset.isAvailable)(`openaeo risk train → score → evaluate${dataset.skipReason}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'openaeo-risk-cli-'));
  const train = join(dir, 'train.csv');
  const valid = join(dir, 'valid.csv');
  const model = join(dir, 'model.json');
  const scores = join(dir, 'scores.csv');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains a model file on a sample of the dataset', async () => {
    writeFileSync(train, sampleCsv(TRAIN, 2500));
    writeFileSync(valid, sampleCsv(VALID, 400));
    const output = await runCli([
      'risk',
      'train',
      '--data',
      train,
      '--out',
      model,
      '--preset',
      'fast',
      '--rounds',
      '25',
      '--threads',
      '1',
      '--no-progress',
    ]);
    expect(output).toMatch(/Trained on 2500 declarations \(250 latest held out/);
    const parsed = parseModel(readFileSync(model, 'utf8'));
    expect(parsed.heads.fraud.trees.length).toBeGreaterThan(0);
    expect(parsed.params.heads.fraud.rounds).toBe(25);
  });

  it('scores every input row, ignoring the labels', async () => {
    await runCli(['risk', 'score', '--model', model, '--data', valid, '--out', scores]);
    const lines = readFileSync(scores, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('declaration_id,fraud_score,critical_score');
    expect(lines).toHaveLength(401);
    const firstId = readFileSync(valid, 'utf8').split('\n')[1]?.split(',')[0];
    const [id, fraud, critical] = lines[1]?.split(',') ?? [];
    expect(id).toBe(firstId);
    expect(Number(fraud)).toBeGreaterThan(0);
    expect(Number(critical)).toBeLessThan(1);
  });

  it('evaluates both heads at 1, 2, 5 and 10 % inspected, as a table and as JSON', async () => {
    const table = await runCli(['risk', 'evaluate', '--model', model, '--data', valid]);
    expect(table).toMatch(/Fraud head: \d+ of 400 positive .* AUC 0\.\d{4}/);
    expect(table).toMatch(/Critical-fraud head/);
    for (const share of ['1 %', '2 %', '5 %', '10 %']) expect(table).toContain(share);
    const json = JSON.parse(
      await runCli(['risk', 'evaluate', '--model', model, '--data', valid, '--json']),
    ) as {
      fraud: {
        auc: number;
        atShare: { share: number; precision: number; lift: number; dutyCaptured: number }[];
      };
      critical: { atShare: { recall: number }[] };
    };
    expect(json.fraud.atShare.map((at) => at.share)).toEqual([0.01, 0.02, 0.05, 0.1]);
    expect(json.fraud.auc).toBeGreaterThan(0.5);
    expect(json.critical.atShare).toHaveLength(4);
  });
});
