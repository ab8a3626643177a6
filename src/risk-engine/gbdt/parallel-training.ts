/**
 * Runs booster tasks one per worker thread. The code runs under tsx, and Node 20 ignores `--import` in a worker's
 * execArgv, so a TypeScript worker starts from a small JavaScript bootstrap that registers tsx and then imports the
 * entry; compiled builds load the `.js` sibling directly.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  trainBooster,
  type BoosterParams,
  type BoosterProgress,
  type BoosterResult,
  type ValidationSet,
} from './booster';
import type { BinnedData } from './tree-learner';

export interface BoosterTask {
  train: BinnedData;
  labels: Uint8Array;
  valid: ValidationSet | null;
  params: BoosterParams;
}

export type WorkerMessage =
  | { type: 'progress'; progress: BoosterProgress }
  | { type: 'done'; result: BoosterResult }
  | { type: 'error'; message: string };

const isTypeScriptSource = import.meta.url.endsWith('.ts');

/** Where tsx's registration API lives, resolved from this file so that it works from any working directory. */
function resolveTsxApi(): string {
  // tsx's CommonJS entry cannot register ESM hooks in a worker; use its ESM entry (same folder, .mjs).
  const commonJsPath = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(commonJsPath.replace(/\.cjs$/, '.mjs')).href;
}

export function startTypeScriptWorker(entry: URL): Worker {
  if (!isTypeScriptSource) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')));
  const bootstrap = `import(${JSON.stringify(resolveTsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

function startWorker(): Worker {
  return startTypeScriptWorker(new URL('./booster-worker.ts', import.meta.url));
}

function runInWorker(
  task: BoosterTask,
  onProgress: (progress: BoosterProgress) => void,
): Promise<BoosterResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let isSettled = false;
    const settle = (action: () => void): void => {
      if (isSettled) return;
      isSettled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new Error(`booster worker failed: ${message.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`booster worker exited with code ${code}`))));
    worker.postMessage(task);
  });
}

/**
 * Trains the tasks with up to `threads` workers at once (in this thread when `threads` is 1).
 * `onProgress` receives the task index with each round.
 */
export async function trainBoostersInParallel(
  tasks: readonly BoosterTask[],
  threads: number,
  onProgress?: (task: number, progress: BoosterProgress) => void,
): Promise<BoosterResult[]> {
  if (threads <= 1 || tasks.length <= 1) {
    return tasks.map((task, index) =>
      trainBooster(task.train, task.labels, task.valid, task.params, (progress) =>
        onProgress?.(index, progress),
      ),
    );
  }
  const results = new Array<BoosterResult>(tasks.length);
  let next = 0;
  const runLane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (!task) continue;
      results[index] = await runInWorker(task, (progress) => onProgress?.(index, progress));
    }
  };
  await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, runLane));
  return results;
}
