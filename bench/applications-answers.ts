/**
 * Issue 3 figures: time to save an answer (p50/p99 over 1 000 saves through the API) and to load a full
 * questionnaire with its answers, on PGlite (default) or PostgreSQL (BENCH_DATABASE_URL).
 *
 *   node --import tsx bench/applications-answers.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/applications-answers.ts
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase } from '../src/server/platform/database';
import { migrateToLatest } from '../src/server/platform/migrator';
import { systemContext } from '../src/server/platform/request-context';
import { answerQuestionnaire, contextFor } from '../src/server/seed/demo-applications';
import { createServices } from '../src/server/services';

const url = process.env.BENCH_DATABASE_URL;
const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const database = await openDatabase(url ? { databaseUrl: url, schema } : { inMemory: true });
await migrateToLatest(database.db);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OPENAEO_DATA_DIR: '/nonexistent' });
const services = createServices(database.db, config, undefined);
const context = systemContext(new Date(), 'bench');
await services.programme.ensureActive(context);
await services.organisations.createOffice(context, {
  code: 'HQ',
  name: 'HQ',
  kind: 'headquarters',
  regions: [],
});
const operator = await database.db.transaction().execute((trx) =>
  services.organisations.createOperator(trx, context, {
    legalName: 'Bench Trading LLP',
    taxpayerId: 'BENCH1',
    country: 'KZ',
    address: 'Almaty',
    roles: ['importer'],
    employees: 500,
    annualTurnover: 90_000_000,
  }),
);
const password = 'Steppe-orchard-2026';
const user = await services.users.create(context, {
  email: 'bench@example.test',
  name: 'Bench',
  password,
  roles: ['operator'],
  operatorId: operator.id,
});
const app = await buildApp({ db: database.db, config, services, logger: false, webDir: '/nonexistent' });
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/session',
  payload: { email: user.email, password },
});
const cookie = `openaeo_session=${login.cookies.find((c) => c.name === 'openaeo_session')!.value}`;
const csrf = login.json<{ csrfToken: string }>().csrfToken;
const headers = { cookie, 'x-csrf-token': csrf };

const type = (await services.programme.getActive()).definition.authorisationTypes[0]!.id;
const application = await services.applications.create(contextFor(user, new Date()), {
  authorisationType: type,
});
const caseData = await services.applications.getCase(contextFor(user, new Date()), application.id);
const textQuestions = caseData.definition.questionnaire.sections
  .flatMap((section) => section.questions)
  .filter((question) => question.type === 'text' && question.variants.includes('standard'))
  .map((question) => question.id);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const saves: number[] = [];
for (let i = 0; i < 1_000; i += 1) {
  const questionId = textQuestions[i % textQuestions.length]!;
  const started = performance.now();
  const response = await app.inject({
    method: 'PUT',
    url: `/api/v1/applications/${application.id}/answers/${questionId}`,
    headers,
    payload: { value: `Procedure revision ${i}: documented and approved by the board.` },
  });
  saves.push(performance.now() - started);
  if (response.statusCode !== 200) throw new Error(`save failed: ${response.body}`);
}
saves.sort((a, b) => a - b);

await answerQuestionnaire(services, contextFor(user, new Date()), application.id);
const loads: number[] = [];
let answerCount = 0;
for (let i = 0; i < 100; i += 1) {
  const started = performance.now();
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/applications/${application.id}`,
    headers,
  });
  loads.push(performance.now() - started);
  answerCount = Object.keys(response.json<{ answers: object }>().answers).length;
}
loads.sort((a, b) => a - b);

const engine = url ? 'PostgreSQL 15 (server)' : 'PGlite (embedded)';
console.log(
  `Applications API on ${engine}, ${new Date().toISOString().slice(0, 10)}, load ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log('| measurement | p50 ms | p99 ms |');
console.log('|---|---|---|');
console.log(
  `| save an answer (1 000 saves) | ${percentile(saves, 50).toFixed(2)} | ${percentile(saves, 99).toFixed(2)} |`,
);
console.log(
  `| load the questionnaire with ${answerCount} answers (100 loads) | ${percentile(loads, 50).toFixed(2)} | ${percentile(loads, 99).toFixed(2)} |`,
);

await app.close();
if (schema) await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
await database.close();
