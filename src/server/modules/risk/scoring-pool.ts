import type { Worker } from 'node:worker_threads';
import { startTypeScriptWorker } from '../../../risk-engine/gbdt/parallel-training';
import type { Declaration, RiskScores } from '../../../risk-engine/index';
import type { ScoringRequest, ScoringResponse } from './scoring-worker';

interface PendingJob {
  resolve: (scores: RiskScores) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
}

/**
 * Scoring threads for large batches, so a batch of 1 000 uses every core while the main thread keeps answering
 * HTTP. Each thread holds the active model; a batch is split into one slice per thread and the slices are scored
 * in parallel. Small batches are scored on the main thread by the caller (a round trip would cost more).
 */
export class ScoringPool {
  private readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, PendingJob>();
  private nextJobId = 1;
  private loadedModelId: string | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly size: number) {}

  get threads(): number {
    return this.size;
  }

  private start(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      const worker = startTypeScriptWorker(new URL('./scoring-worker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (message: ScoringResponse) => this.onMessage(message));
      worker.on('error', (error) => this.failAll(error));
      this.workers.push({ worker, busy: 0 });
    }
  }

  private onMessage(message: ScoringResponse): void {
    if (message.type === 'loaded') return;
    const job = this.pending.get(message.jobId);
    if (!job) return;
    this.pending.delete(message.jobId);
    if (message.type === 'scored') job.resolve({ fraud: message.fraud, critical: message.critical });
    else job.reject(new Error(message.message));
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  /** Sends the model to every thread once; later calls with the same id return at once. */
  async load(modelId: string, modelJson: string): Promise<void> {
    if (this.loadedModelId === modelId) return this.loading;
    this.start();
    this.loadedModelId = modelId;
    this.loading = Promise.all(
      this.workers.map(
        ({ worker }) =>
          new Promise<void>((resolve) => {
            const onLoaded = (message: ScoringResponse) => {
              if (message.type === 'loaded' && message.modelId === modelId) {
                worker.off('message', onLoaded);
                resolve();
              }
            };
            worker.on('message', onLoaded);
            worker.postMessage({ type: 'load', modelId, modelJson } satisfies ScoringRequest);
          }),
      ),
    ).then(() => undefined);
    return this.loading;
  }

  private scoreSlice(target: PoolWorker, modelId: string, declarations: Declaration[]): Promise<RiskScores> {
    const jobId = this.nextJobId++;
    target.busy++;
    return new Promise<RiskScores>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      target.worker.postMessage({ type: 'score', jobId, modelId, declarations } satisfies ScoringRequest);
    }).finally(() => {
      target.busy--;
    });
  }

  /** Scores with the model loaded under `modelId`, spread over the threads. */
  async score(modelId: string, declarations: readonly Declaration[]): Promise<RiskScores> {
    await this.loading;
    const idle = [...this.workers].sort((a, b) => a.busy - b.busy);
    const parts = Math.min(idle.length, Math.max(1, Math.ceil(declarations.length / 64)));
    const sliceSize = Math.ceil(declarations.length / parts);
    const results = await Promise.all(
      Array.from({ length: parts }, (_, i) =>
        this.scoreSlice(idle[i]!, modelId, declarations.slice(i * sliceSize, (i + 1) * sliceSize)),
      ),
    );
    const fraud = new Float64Array(declarations.length);
    const critical = new Float64Array(declarations.length);
    results.forEach((part, i) => {
      fraud.set(part.fraud, i * sliceSize);
      critical.set(part.critical, i * sliceSize);
    });
    return { fraud, critical };
  }

  async close(): Promise<void> {
    this.failAll(new Error('scoring pool closed'));
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    this.workers.length = 0;
    this.loadedModelId = undefined;
  }
}
