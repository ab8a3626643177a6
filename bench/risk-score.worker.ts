/** Worker for bench/risk-score.ts: parses the model once, then scores each batch it is sent. */
import { parentPort } from 'node:worker_threads';
import { parseModel, scoreDeclarations, type Declaration, type RiskModel } from '../src/risk-engine/index';

let model: RiskModel | undefined;

parentPort?.on('message', (message: { modelJson?: string; declarations?: Declaration[] }) => {
  if (message.modelJson !== undefined) model = parseModel(message.modelJson);
  if (message.declarations && model) scoreDeclarations(model, message.declarations);
  parentPort?.postMessage('done');
});
