/**
 * Ingestion benchmark: the real server (a child process) on PostgreSQL or PGlite with a model trained on the
 * dataset, loaded by autocannon. Reports
 *   - the engine's in-process scoring rate for the same model on both cores (the scoring pool the server uses),
 *   - single declarations: latency at 50 concurrent clients (closed loop) and at fixed offered rates,
 *   - batches of 1 000: declarations per second, and the ratio to the in-process rate.
 *
 *   node --import tsx bench/risk-ingest.ts [--model balanced|compact] [--db pg|pglite] [--seconds 20]
 *
 * PostgreSQL: DATABASE_URL of a server where the bench may create and drop the database `openaeo_bench_ingest`
 * (default postgres://postgres@127.0.0.1:5432/postgres). Every request carries new declaration ids, so nothing
 * is a replay. Prints a markdown table for docs/benchmarks.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScratchDatabase, runAutocannon, startBenchServer } from './bench-support';
import { readDatasetFile, readLabelledFiles } from '../src/cli/risk.command';
import {
  parseModel,
  readDeclarations,
  serializeModel,
  trainRiskModelInParallel,
  type Declaration,
  type RiskModel,
  type TrainingPreset,
} from '../src/risk-engine/index';
import { ScoringPool } from '../src/server/modules/risk/scoring-pool';
import {
  DeclarationsRepository,
  type NewDeclarationRow,
} from '../src/server/modules/risk/declarations.repository';
import { RiskModelsRepository } from '../src/server/modules/risk/risk-models.repository';
import { buildScoreReference } from '../src/server/modules/risk/risk-models.service';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase } from '../src/server/platform/database';
import { migrateToLatest } from '../src/server/platform/migrator';
import { systemContext } from '../src/server/platform/request-context';
import { createServices } from '../src/server/services';
import { scoreDeclarations } from '../src/risk-engine/index';
import { DATASET_DIR } from '../tests/support/requirements';

// The shared data beside the project (as CI lays it out), or OPENAEO_SHARED_DATA: one answer for tests and benches.
const DATA = DATASET_DIR;
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'balanced' },
    db: { type: 'string', default: 'pg' },
    seconds: { type: 'string', default: '20' },
  },
});
const preset = values.model as TrainingPreset;
const seconds = Number(values.seconds);
const root = join(import.meta.dirname, '..');

async function loadOrTrain(): Promise<{ model: RiskModel; json: string }> {
  const path = join(root, `bench/out/model.${preset}.json`);
  if (existsSync(path)) {
    const json = readFileSync(path, 'utf8');
    return { model: parseModel(json), json };
  }
  process.stderr.write(`training the ${preset} model …\n`);
  const model = await trainRiskModelInParallel(readLabelledFiles([`${DATA}/df_syn_train_eng.csv`]), {
    preset,
    threads: 2,
  });
  const json = serializeModel(model);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, json);
  return { model, json };
}

async function prepareDatabase(model: RiskModel, json: string) {
  let databaseUrl: string | undefined;
  let dataDir = mkdtempSync(join(tmpdir(), 'openaeo-bench-'));
  if (values.db === 'pg') {
    databaseUrl = await createScratchDatabase('openaeo_bench_ingest');
    dataDir = '/nonexistent';
  }
  const config = loadConfig({ OPENAEO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCORING_THREADS: '0' });
  const database = await openDatabase({ databaseUrl, dataDir });
  await migrateToLatest(database.db);
  const services = createServices(database.db, config, undefined);
  const context = systemContext(new Date(), 'bench');
  await services.programme.ensureActive(context);
  const repository = new RiskModelsRepository();
  const sample = readDeclarations(readDatasetFile(`${DATA}/df_syn_valid_eng.csv`).slice(0, 20_000));
  await database.db.transaction().execute(async (trx) => {
    const row = await repository.insertTraining(trx, {
      preset,
      note: 'benchmark',
      created_by: null,
      created_at: new Date(),
    });
    await repository.finish(trx, row.id, {
      modelJson: json,
      evaluation: model.evaluation,
      scoreReference: buildScoreReference(scoreDeclarations(model, sample).fraud),
      trainingRows: model.training.rows,
      finishedAt: new Date(),
    });
    await repository.activate(trx, row.id, new Date());
  });
  const { secret } = await services.apiKeys.issue(context, {
    name: 'bench single window',
    scopes: ['declarations:write'],
  });
  await services.scoringPool.close();
  await database.close();
  return { databaseUrl, dataDir, apiKey: secret };
}

/** The scoring pool the server uses, on both cores, with nothing else to do: the ceiling for batches. */
async function inProcessRate(json: string, templates: Declaration[]): Promise<number> {
  const pool = new ScoringPool(2);
  await pool.load('bench', json);
  const batch = templates.slice(0, 1000);
  await pool.score('bench', batch);
  let rows = 0;
  const started = performance.now();
  while (performance.now() - started < 10_000) {
    await Promise.all([pool.score('bench', batch), pool.score('bench', batch)]);
    rows += 2 * batch.length;
  }
  const rate = rows / ((performance.now() - started) / 1000);
  await pool.close();
  return rate;
}

/**
 * The ceiling the database sets: rows exactly as the server stored them (payload, decision, hashes), inserted again
 * under new ids through the same repository call, 1 000 per transaction, two transactions at a time, with nothing
 * else running. A batch can never
 * be answered faster than its rows are stored.
 */
async function storageRate(prepared: { databaseUrl: string | undefined; dataDir: string }): Promise<number> {
  const database = await openDatabase({ databaseUrl: prepared.databaseUrl, dataDir: prepared.dataDir });
  const repository = new DeclarationsRepository();
  const stored = await database.db.selectFrom('declaration').selectAll().limit(20_000).execute();
  const batches: NewDeclarationRow[][] = [];
  for (let start = 0; start < stored.length; start += 1000) {
    batches.push(
      stored.slice(start, start + 1000).map((row) => ({
        ...row,
        id: `S-${row.id}`,
        payload: JSON.stringify(row.payload),
        decision: JSON.stringify(row.decision),
      })),
    );
  }
  // Two writers, as the server's two batch clients: each takes the next batch until none is left.
  const started = performance.now();
  let next = 0;
  const writer = async () => {
    while (next < batches.length) {
      const rows = batches[next++]!;
      await database.db.transaction().execute((trx) => repository.insertNew(trx, rows));
    }
  };
  await Promise.all([writer(), writer()]);
  const rate = stored.length / ((performance.now() - started) / 1000);
  await database.close();
  return rate;
}

let serial = 0;
function freshDeclaration(templates: Declaration[]): Declaration {
  serial++;
  const template = templates[serial % templates.length]!;
  return { ...template, id: `B${process.pid}-${serial}` };
}

async function main(): Promise<void> {
  const { model, json } = await loadOrTrain();
  const templates = readDeclarations(readDatasetFile(`${DATA}/df_syn_valid_eng.csv`).slice(0, 5000));
  const ceiling = await inProcessRate(json, templates);
  const prepared = await prepareDatabase(model, json);
  const server = await startBenchServer({
    DATABASE_URL: prepared.databaseUrl,
    OPENAEO_DATA_DIR: prepared.dataDir,
    SCORING_THREADS: '2',
  });
  const headers = { authorization: `Bearer ${prepared.apiKey}`, 'content-type': 'application/json' };
  const path = '/api/v1/declarations';
  const lines: string[] = [];
  try {
    // Warm up: load the model into the scoring threads, fill the calibration window.
    await runAutocannon({
      url: server.url,
      connections: 4,
      amount: 40,
      requests: [
        {
          method: 'POST',
          path,
          headers,
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              declarations: Array.from({ length: 500 }, () => freshDeclaration(templates)),
            }),
          }),
        },
      ],
    });

    const single = (overallRate?: number) =>
      runAutocannon({
        url: server.url,
        connections: 50,
        duration: seconds,
        ...(overallRate ? { overallRate } : {}),
        requests: [
          {
            method: 'POST',
            path,
            headers,
            setupRequest: (request) => ({ ...request, body: JSON.stringify(freshDeclaration(templates)) }),
          },
        ],
      });
    await single(1000); // warm-up of the single path (JIT, connection pool); not reported
    for (const rate of [500, 1000, 2000, undefined]) {
      const result = await single(rate);
      lines.push(
        `| single, 50 clients, ${rate ? `${rate} req/s offered` : 'closed loop (as fast as answered)'} | ` +
          `${Math.round(result.requests.average)} req/s | p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms | ` +
          `${result.non2xx} non-2xx, ${result.errors} errors |`,
      );
    }

    // Batches: bodies built ahead so the load generator spends its time sending, not serialising.
    const bodies = Array.from({ length: 400 }, () =>
      JSON.stringify({ declarations: Array.from({ length: 1000 }, () => freshDeclaration(templates)) }),
    );
    let next = 0;
    for (const connections of [2, 4]) {
      const result = await runAutocannon({
        url: server.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path,
            headers,
            setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
          },
        ],
      });
      if (next > bodies.length)
        process.stderr.write('note: bodies were reused (replays) — raise the count\n');
      const rate = result.requests.average * 1000;
      lines.push(
        `| batches of 1 000, ${connections} clients | ${Math.round(rate)} declarations/s ` +
          `(${((rate / ceiling) * 100).toFixed(0)} % of in-process) | p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms | ` +
          `${result.non2xx} non-2xx, ${result.errors} errors |`,
      );
    }
  } finally {
    server.stop();
  }
  const storage = await storageRate(prepared);
  const trees = model.heads.fraud.trees.length + model.heads.critical.trees.length;
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0]?.toFixed(1)}; ` +
      `model ${preset} (${trees} trees); database ${values.db}; server with 2 scoring threads; autocannon in this process.\n` +
      `In-process scoring on both cores (scoring pool, batches of 1 000): ${Math.round(ceiling)} declarations/s.\n` +
      `Storage alone (the stored rows inserted again with new ids, 1 000 per transaction, 2 writers, no HTTP, no scoring): ` +
      `${Math.round(storage)} declarations/s (${((storage / ceiling) * 100).toFixed(0)} % of in-process scoring).\n\n` +
      `| load | throughput | latency | errors |\n|---|---|---|---|\n${lines.join('\n')}\n`,
  );
}

await main();
