/** A scoring thread: holds one model at a time and scores the batches it is sent (see scoring-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { parseModel, scoreDeclarations, type Declaration, type RiskModel } from '../../../risk-engine/index';

export type ScoringRequest =
  | { type: 'load'; modelId: string; modelJson: string }
  | { type: 'score'; jobId: number; modelId: string; declarations: Declaration[] };

export type ScoringResponse =
  | { type: 'loaded'; modelId: string }
  | { type: 'scored'; jobId: number; fraud: Float64Array; critical: Float64Array }
  | { type: 'failed'; jobId: number; message: string };

let current: { id: string; model: RiskModel } | undefined;

parentPort?.on('message', (message: ScoringRequest) => {
  if (message.type === 'load') {
    current = { id: message.modelId, model: parseModel(message.modelJson) };
    parentPort?.postMessage({ type: 'loaded', modelId: message.modelId } satisfies ScoringResponse);
    return;
  }
  try {
    if (current?.id !== message.modelId) throw new Error(`model ${message.modelId} is not loaded`);
    const { fraud, critical } = scoreDeclarations(current.model, message.declarations);
    parentPort?.postMessage(
      { type: 'scored', jobId: message.jobId, fraud, critical } satisfies ScoringResponse,
      [fraud.buffer as ArrayBuffer, critical.buffer as ArrayBuffer],
    );
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({
      type: 'failed',
      jobId: message.jobId,
      message: text,
    } satisfies ScoringResponse);
  }
});
