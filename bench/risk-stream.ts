/**
 * JetStream benchmark: N demo declarations published to a fresh stream, then decided end-to-end (parsed,
 * validated, scored, decided, stored, decision published, message acked) by one or two scorer processes.
 * The figure is declarations per second from the moment the scorers are told to go until the N-th decision
 * is in the output stream.
 *
 *   node --import tsx bench/risk-stream.ts [--count 20000] [--db pg|pglite] [--consumers 1,2] [--batch 500]
 *                                          [--model bench/out/model.compact.json|none]
 *
 * NATS_URL (default nats://127.0.0.1:4222). PostgreSQL: DATABASE_URL of a server where the bench may create and
 * drop the database `bench_stream` (default postgres://postgres@127.0.0.1:5432/postgres). PGlite runs one scorer
 * only (an embedded database belongs to one process). With a model file (the risk-ingest bench trains
 * `bench/out/model.compact.json`) it is activated first; without one, decisions come from rules and the policy.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import pg from 'pg';
import { parseModel, scoreDeclarations } from '../src/risk-engine/index';
import {
  ensureDeclarationStreams,
  outputStreamName,
  startDeclarationStream,
  type DeclarationStreamNames,
  type DeclarationStreamStats,
} from '../src/server/modules/risk/declaration-stream';
import { RiskModelsRepository } from '../src/server/modules/risk/risk-models.repository';
import { buildScoreReference } from '../src/server/modules/risk/risk-models.service';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase } from '../src/server/platform/database';
import { migrateToLatest } from '../src/server/platform/migrator';
import { systemContext } from '../src/server/platform/request-context';
import { generateDemoDeclarations } from '../src/server/seed/demo-declarations';
import { createServices } from '../src/server/services';
import { createScratchDatabase } from './bench-support';

const root = join(import.meta.dirname, '..');
const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    count: { type: 'string', default: '20000' },
    db: { type: 'string', default: 'pg' },
    consumers: { type: 'string', default: '1,2' },
    batch: { type: 'string', default: '500' },
    model: { type: 'string', default: join(root, 'bench/out/model.compact.json') },
  },
});

interface Scenario {
  names: DeclarationStreamNames;
  databaseUrl: string | undefined;
  dataDir: string;
  batch: number;
}

function scenarioEnv(scenario: Scenario): Record<string, string> {
  return {
    NATS_URL: natsUrl,
    NATS_STREAM: scenario.names.stream,
    NATS_DECLARATIONS_SUBJECT: scenario.names.declarationsSubject,
    NATS_DECISIONS_SUBJECT: scenario.names.decisionsSubject,
    NATS_DEAD_LETTER_SUBJECT: scenario.names.deadLetterSubject,
    NATS_CONSUMER: scenario.names.consumer,
    DATABASE_URL: scenario.databaseUrl ?? '',
    OPENAEO_DATA_DIR: scenario.dataDir,
    LOG_LEVEL: 'warn',
    BENCH_BATCH: String(scenario.batch),
  };
}

/** A scorer process: opens the database, warms up, says READY, starts on "go", prints its stats on SIGTERM. */
async function runConsumer(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = createServices(database.db, config, undefined);
  // Warm-up outside the measurement: model into the scoring threads, policy calibration, connection pool.
  const warmUp = generateDemoDeclarations(500, { seed: process.pid, idPrefix: `W${process.pid}-` });
  await services.declarations.ingest(
    systemContext(new Date(), 'bench'),
    warmUp.map((d) => d.declaration),
    { source: 'demo' },
  );
  const logger = {
    info() {},
    warn: (object: object, message: string) => process.stderr.write(`${message} ${JSON.stringify(object)}\n`),
    error: (object: object, message: string) =>
      process.stderr.write(`${message} ${JSON.stringify(object)}\n`),
  };
  process.stdout.write('READY\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  process.stdin.destroy(); // an open stdin would keep the process alive after the stop
  const stream = await startDeclarationStream(config, services.declarations, {
    name: `bench-scorer ${process.pid}`,
    batchSize: Number(process.env.BENCH_BATCH ?? 500),
    logger,
  });
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await stream.stop();
  process.stdout.write(`STATS ${JSON.stringify(stream.consumer.stats)}\n`);
  await services.scoringPool.close();
  await database.close();
}

async function prepareDatabase(): Promise<{ databaseUrl: string | undefined; dataDir: string }> {
  let databaseUrl: string | undefined;
  let dataDir = mkdtempSync(join(tmpdir(), 'openaeo-bench-stream-'));
  if (values.db === 'pg') {
    databaseUrl = await createScratchDatabase('bench_stream');
    rmSync(dataDir, { recursive: true });
    dataDir = '/nonexistent';
  }
  const config = loadConfig({ OPENAEO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCORING_THREADS: '0' });
  const database = await openDatabase({ databaseUrl, dataDir });
  await migrateToLatest(database.db);
  const services = createServices(database.db, config, undefined);
  await services.programme.ensureActive(systemContext(new Date(), 'bench'));
  if (values.model !== 'none' && existsSync(values.model)) {
    const json = readFileSync(values.model, 'utf8');
    const model = parseModel(json);
    const sample = generateDemoDeclarations(5000, { seed: 99, idPrefix: 'R' }).map((d) => d.declaration);
    const repository = new RiskModelsRepository();
    await database.db.transaction().execute(async (trx) => {
      const row = await repository.insertTraining(trx, {
        preset: 'compact',
        note: 'stream benchmark',
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
  }
  await services.scoringPool.close();
  await database.close();
  return { databaseUrl, dataDir };
}

function startConsumer(scenario: Scenario): {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  stats: Promise<DeclarationStreamStats>;
  exited: Promise<void>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/risk-stream.ts'), '--role', 'consumer'],
    { cwd: root, env: { ...process.env, ...scenarioEnv(scenario) } },
  );
  child.stderr.on('data', (chunk: Buffer) =>
    process.stderr.write(`[scorer ${child.pid}] ${chunk.toString()}`),
  );
  const lines = createInterface({ input: child.stdout });
  let onReady: () => void = () => {};
  let onStats: (stats: DeclarationStreamStats) => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const stats = new Promise<DeclarationStreamStats>((resolve, reject) => {
    onStats = resolve;
    child.once('exit', (code) => reject(new Error(`scorer exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  lines.on('line', (line) => {
    if (line === 'READY') onReady();
    else if (line.startsWith('STATS ')) onStats(JSON.parse(line.slice(6)) as DeclarationStreamStats);
  });
  return { child, ready, stats, exited };
}

async function runScenario(consumers: number, count: number, batch: number, tag: string) {
  const names: DeclarationStreamNames = {
    stream: `BENCH_DECLARATIONS_${tag}`,
    declarationsSubject: `bench.${tag}.declarations`,
    decisionsSubject: `bench.${tag}.decisions`,
    deadLetterSubject: `bench.${tag}.dead-letter`,
    consumer: `bench-scorer-${tag}`,
  };
  const scenario: Scenario = { names, ...(await prepareDatabase()), batch };
  const nc = await connect({ servers: natsUrl });
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  try {
    await ensureDeclarationStreams(jsm, { ...names, ackWaitMs: 30_000, maxDeliver: 10 });
    const declarations = generateDemoDeclarations(count, { seed: 11, idPrefix: `${tag}-` });
    const encoder = new TextEncoder();
    const publishStarted = performance.now();
    for (let i = 0; i < declarations.length; i += 1000) {
      await Promise.all(
        declarations
          .slice(i, i + 1000)
          .map((d) => js.publish(names.declarationsSubject, encoder.encode(JSON.stringify(d.declaration)))),
      );
    }
    const publishRate = count / ((performance.now() - publishStarted) / 1000);

    const scorers = Array.from({ length: consumers }, () => startConsumer(scenario));
    await Promise.all(scorers.map((s) => s.ready));
    const started = performance.now();
    for (const s of scorers) s.child.stdin.write('go\n');
    const out = outputStreamName(names.stream);
    let decided = 0;
    while (decided < count) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      decided = (await jsm.streams.info(out)).state.messages;
      if (performance.now() - started > 600_000)
        throw new Error(`only ${decided} of ${count} after 10 minutes`);
    }
    const seconds = (performance.now() - started) / 1000;
    for (const s of scorers) s.child.kill('SIGTERM');
    const stats = await Promise.all(scorers.map((s) => s.stats));
    await Promise.all(scorers.map((s) => s.exited));
    const rows = await countStreamRows(scenario);
    return { consumers, count, seconds, rate: count / seconds, publishRate, stats, rows };
  } finally {
    await jsm.streams.delete(names.stream).catch(() => undefined);
    await jsm.streams.delete(outputStreamName(names.stream)).catch(() => undefined);
    await nc.close();
    if (scenario.dataDir !== '/nonexistent') rmSync(scenario.dataDir, { recursive: true, force: true });
  }
}

async function countStreamRows(scenario: Scenario): Promise<number> {
  const database = await openDatabase({ databaseUrl: scenario.databaseUrl, dataDir: scenario.dataDir });
  const row = await database.db
    .selectFrom('declaration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'stream')
    .executeTakeFirstOrThrow();
  await database.close();
  return Number(row.n);
}

async function main(): Promise<void> {
  const count = Number(values.count);
  const batch = Number(values.batch);
  const plan = values.consumers
    .split(',')
    .map(Number)
    .filter((n) => values.db === 'pg' || n === 1);
  const lines: string[] = [];
  const load = loadavg()[0]?.toFixed(1);
  for (const consumers of plan) {
    const tag = `${Date.now().toString(36)}${consumers}`;
    const result = await runScenario(consumers, count, batch, tag);
    const decided = result.stats.reduce((sum, s) => sum + s.decided, 0);
    const replayed = result.stats.reduce((sum, s) => sum + s.replayed, 0);
    const batches = result.stats.reduce((sum, s) => sum + s.batches, 0);
    const share = result.stats.map((s) => s.decided).join(' + ');
    lines.push(
      `| ${values.db === 'pg' ? 'PostgreSQL' : 'PGlite'} | ${consumers} | ${Math.round(result.rate)} | ` +
        `${result.seconds.toFixed(1)} s for ${count} (${share}; ${Math.round(count / Math.max(1, batches))} per batch) | ` +
        `${decided} decided, ${replayed} replayed, ${result.rows} rows |`,
    );
    process.stderr.write(
      `${lines.at(-1)}\n  (published at ${Math.round(result.publishRate)}/s beforehand)\n`,
    );
  }
  if (values.db === 'pg') {
    const client = new pg.Client({
      connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await client.connect();
    await client.query('drop database if exists bench_stream');
    await client.end();
  }
  const model =
    values.model !== 'none' && existsSync(values.model) ? values.model.replace(`${root}/`, '') : 'none';
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 16)}, ${cpus().length} cores, load ${load} at the start; ${count} demo ` +
      `declarations, one per message, published before the scorers start; fetches of up to ${batch}; model ${model}.\n\n` +
      `| database | scorer processes | declarations/s | time | check |\n|---|---|---|---|---|\n${lines.join('\n')}\n`,
  );
}

if (values.role === 'consumer') await runConsumer();
else await main();
