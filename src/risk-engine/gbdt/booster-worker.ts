/**
 * Worker-thread entry: trains one booster (one head) and posts progress and the result back. The two heads of a
 * risk model are independent, so on a two-core machine they train side by side.
 */
import { parentPort } from 'node:worker_threads';
import { trainBooster } from './booster';
import type { BoosterTask, WorkerMessage } from './parallel-training';

parentPort?.on('message', (task: BoosterTask) => {
  const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
  try {
    const result = trainBooster(task.train, task.labels, task.valid, task.params, (progress) =>
      post({ type: 'progress', progress }),
    );
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
