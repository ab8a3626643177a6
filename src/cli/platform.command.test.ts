import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '../server/platform/database';
import { registerPlatformCommands } from './platform.command';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-cli-audit-'));
const saved = { ...process.env };

beforeAll(async () => {
  // The embedded database of this "installation", started from the migrated template (initdb is slow).
  const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const database = await openDatabase({ dataDir: dir, loadDataDir: template });
  await database.close();
  delete process.env.DATABASE_URL;
  process.env.OPENAEO_DATA_DIR = dir;
  process.env.PUBLIC_URL = 'https://customs.example.kz';
  process.env.LOG_LEVEL = 'silent';
});

afterAll(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runCli(args: string[]): Promise<{ output: string; exitCode: number }> {
  const program = new Command('openaeo').exitOverride();
  registerPlatformCommands(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'openaeo', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { output: chunks.join(''), exitCode };
}

describe('openaeo audit checkpoint / verify', () => {
  it('signs a checkpoint, verifies against it, and fails when the tail past it is removed', async () => {
    const signed = await runCli(['audit', 'checkpoint']);
    const size = Number(/Signed checkpoint: (\d+) events/.exec(signed.output)?.[1]);
    expect(signed.output).toContain(path.join(dir, 'audit-checkpoints.jsonl'));

    const ok = await runCli(['audit', 'verify']);
    expect(ok).toEqual({
      output: expect.stringMatching(
        new RegExp(`^OK: ${size + 1} audit events, .*latest checkpoint: ${size} events`),
      ),
      exitCode: 0,
    });

    // A superuser removes the newest events, past the checkpoint.
    const database = await openDatabase({ dataDir: dir });
    await database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from audit_event where seq >= ${size}`.execute(trx);
    });
    await database.close();

    const broken = await runCli(['audit', 'verify']);
    expect(broken.exitCode).toBe(1);
    expect(broken.output).toMatch(
      new RegExp(
        `^BROKEN \\(checkpoint\\) at sequence ${size}: the chain ends at event ${size - 1}.*newest events were removed`,
      ),
    );
  });
});
