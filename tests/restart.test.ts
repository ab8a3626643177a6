import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPostgres } from './support/test-database';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-restart-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;
const password = 'Restart-test-password-1';

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENAEO_DATA_DIR: dataDir,
      OPENAEO_DEMO_PASSWORD: password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OpenAEO is running')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.openaeo.test', password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(isPostgres)('restart', () => {
  it('keeps a write across SIGTERM and a new start, and the second start seeds nothing', async () => {
    const first = await startServer();
    const session = await signIn();
    const created = await fetch(`${base}/api/v1/admin/offices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ code: 'RST', name: 'Written before the restart', kind: 'local', regions: [] }),
    });
    expect(created.status).toBe(201);
    const usersBefore = (
      (await (await fetch(`${base}/api/v1/admin/users`, { headers: { cookie: session.cookie } })).json()) as {
        total: number;
      }
    ).total;
    expect(await stopServer(first)).toBe(0);

    const second = await startServer();
    try {
      const again = await signIn();
      const offices = (await (
        await fetch(`${base}/api/v1/offices`, { headers: { cookie: again.cookie } })
      ).json()) as {
        items: { code: string }[];
      };
      expect(offices.items.map((office) => office.code)).toContain('RST');
      const usersAfter = (
        (await (await fetch(`${base}/api/v1/admin/users`, { headers: { cookie: again.cookie } })).json()) as {
          total: number;
        }
      ).total;
      expect(usersAfter).toBe(usersBefore);
    } finally {
      expect(await stopServer(second)).toBe(0);
    }
  }, 120_000);
});
