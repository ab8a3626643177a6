import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DATASET_VALID_FILE as VALID, requireDataset } from '../../tests/support/requirements';
import { openDatabase } from '../server/platform/database';
import { generateDemoDeclarations } from '../server/seed/demo-declarations';
import { registerDeclarationsCommands } from './declarations.command';

const dataset = requireDataset();
const dir = mkdtempSync(join(tmpdir(), 'openaeo-import-cli-'));
const dataDir = join(dir, 'data');

async function runCli(args: string[]): Promise<string> {
  const program = new Command('openaeo').exitOverride();
  registerDeclarationsCommands(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const saved = { dataDir: process.env.OPENAEO_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.OPENAEO_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    await program.parseAsync(['node', 'openaeo', ...args]);
  } finally {
    spy.mockRestore();
    if (saved.dataDir === undefined) delete process.env.OPENAEO_DATA_DIR;
    else process.env.OPENAEO_DATA_DIR = saved.dataDir;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  }
  return chunks.join('');
}

async function count(table: 'declaration' | 'inspection_result'): Promise<number> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir });
  try {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

afterAll(() => {
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('openaeo declarations import', () => {
  it('decides JSON Lines, reports the lines it refuses and keeps decisions on a second run', async () => {
    const file = join(dir, 'declarations.jsonl');
    const rows = generateDemoDeclarations(30, { seed: 5, idPrefix: 'CLI-' }).map((r) =>
      JSON.stringify(r.declaration),
    );
    rows.splice(10, 0, '{"id": "broken"', JSON.stringify({ id: 'NO-ITEMS', date: '2026-02-01' }));
    writeFileSync(file, `${rows.join('\n')}\n`);

    const first = await runCli(['declarations', 'import', file]);
    expect(first).toContain('30 declarations decided, 0 already stored');
    expect(first).toContain('2 rejected');
    expect(first).toMatch(/line 11: not valid JSON/);
    expect(first).toMatch(/line 12: .*office/);
    expect(process.exitCode).toBe(1);

    const second = await runCli(['declarations', 'import', file]);
    expect(second).toContain('0 declarations decided, 30 already stored');
    expect(await count('declaration')).toBe(30);
  }, 60_000);

  it.skipIf(!dataset.isAvailable)(
    `reads the dataset layout and records its outcomes as inspection results${dataset.skipReason}`,
    async () => {
      const file = join(dir, 'sample.csv');
      writeFileSync(file, `${readFileSync(VALID, 'utf8').split('\n').slice(0, 301).join('\n')}\n`);
      const output = await runCli(['declarations', 'import', file, '--with-results', '--batch', '100']);
      expect(output).toContain('300 declarations decided');
      expect(output).toContain('300 inspection results recorded');
      expect(await count('inspection_result')).toBe(300);
    },
    60_000,
  );
});
