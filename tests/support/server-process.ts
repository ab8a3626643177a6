import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  password: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /**
   * Set last, over the inherited environment: the server would otherwise run with vitest's NODE_ENV=test, so a
   * test of production mode passes `NODE_ENV: 'production'` (and whatever an operator would set) here.
   */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** A port the system just gave out and took back: parallel test files do not draw the same one, as random ports can. */
async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the product as a user does (`npm start`'s script): builds the UI if needed, seeds the demo. */
export async function startServerProcess(options: ServerProcessOptions = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-server-'));
  const port = await findFreePort();
  const password = 'Browser-test-password-1';
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENAEO_DATA_DIR: dataDir,
      OPENAEO_DEMO_PASSWORD: password,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start: ${output}`)),
      options.timeoutMs ?? 180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OpenAEO is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    password,
    dataDir,
    child,
    stop() {
      return new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill('SIGTERM');
      });
    },
  } satisfies ServerProcess;
}
