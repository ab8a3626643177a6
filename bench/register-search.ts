/**
 * Public register search with 100 000 published AEOs on PostgreSQL: the real server (child process) queried by
 * autocannon with a mix of searches — a name fragment, an exact taxpayer id, a country, a status, the first page.
 *
 *   node --import tsx bench/register-search.ts [--aeos 100000] [--seconds 15]
 *
 * DATABASE_URL: a server where the bench may create and drop `openaeo_bench_register` (default
 * postgres://postgres@127.0.0.1:5432/postgres). The rows are generated in SQL (certificates with placeholder JWS:
 * the search never reads them); the query path is the product's.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createScratchDatabase, runAutocannon, startBenchServer } from './bench-support';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase } from '../src/server/platform/database';
import { migrateToLatest } from '../src/server/platform/migrator';
import { systemContext } from '../src/server/platform/request-context';
import { createServices } from '../src/server/services';

const { values } = parseArgs({
  options: { aeos: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '15' } },
});
const count = Number(values.aeos);
const NAMES = [
  'Steppe',
  'Altyn',
  'Silk',
  'Caspian',
  'Turan',
  'Aral',
  'Tengri',
  'Kazakh',
  'Nomad',
  'Baikonur',
];
const KINDS = ['Trading', 'Logistics', 'Foods', 'Chemicals', 'Express', 'Textiles', 'Motors', 'Agro'];
const COUNTRIES = ['KZ', 'UZ', 'KG', 'TJ', 'MN', 'AZ', 'GE', 'TH', 'VN', 'ID'];

async function prepare(): Promise<string> {
  const url = await createScratchDatabase('openaeo_bench_register');
  const config = loadConfig({ LOG_LEVEL: 'silent', SCORING_THREADS: '0' });
  const database = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
  await migrateToLatest(database.db);
  const services = createServices(database.db, config, undefined);
  const context = systemContext(new Date(), 'bench');
  await services.programme.ensureActive(context);
  const user = await services.users.create(context, {
    email: 'bench@example.test',
    name: 'Bench',
    password: 'Register-load-check-2026!',
    roles: ['admin'],
  });
  const started = Date.now();
  await database.db.transaction().execute(async (trx) => {
    await sql`
      insert into trust_signing_key (kid, alg, public_jwk, status, private_key_source)
        values ('bench', 'EdDSA', '{}', 'retired', 'file')
    `.execute(trx);
    await sql`
      create temporary table bench_n as select n from generate_series(1, ${count}) n
    `.execute(trx);
    await sql`
      insert into operator (id, legal_name, taxpayer_id, country, address, roles)
        select md5('op' || n)::uuid,
          (${sql.lit(`{${NAMES.join(',')}}`)}::text[])[1 + n % ${NAMES.length}] || ' ' ||
          (${sql.lit(`{${KINDS.join(',')}}`)}::text[])[1 + (n / 10) % ${KINDS.length}] || ' ' || n || ' LLP',
          lpad(n::text, 12, '0'),
          (${sql.lit(`{${COUNTRIES.join(',')}}`)}::text[])[1 + (n / 7) % ${COUNTRIES.length}],
          n || ' Abai Avenue', '{importer}'
        from bench_n
    `.execute(trx);
    await sql`
      insert into application (id, reference, operator_id, programme_version_id, authorisation_type, variant, is_sme,
          status, created_by)
        select md5('app' || n)::uuid, 'BENCH-' || n, md5('op' || n)::uuid,
          (select id from programme_version where is_active), 'aeo', 'standard', false, 'granted', ${user.id}
        from bench_n
    `.execute(trx);
    await sql`
      insert into case_decision (id, application_id, outcome, authorisation_type, tier, effective_date, decided_by)
        select md5('dec' || n)::uuid, md5('app' || n)::uuid, 'granted', 'aeo', 'standard', date '2026-01-01', ${user.id}
        from bench_n
    `.execute(trx);
    await sql`
      insert into authorisation (id, operator_id, application_id, decision_id, programme_version_id,
          authorisation_type, tier, effective_date, status, granted_by)
        select md5('auth' || n)::uuid, md5('op' || n)::uuid, md5('app' || n)::uuid, md5('dec' || n)::uuid,
          (select id from programme_version where is_active), 'aeo', 'standard', date '2026-01-01',
          case when n % 50 = 0 then 'suspended' when n % 97 = 0 then 'revoked' else 'active' end, ${user.id}
        from bench_n
    `.execute(trx);
    await sql`
      insert into certificate (id, authorisation_id, operator_id, certificate_number, sequence, jws, credential_hash,
          kid, status_index, valid_from, valid_until, issued_at, issuance_leaf_index)
        select 'urn:uuid:' || md5('cert' || n)::uuid, md5('auth' || n)::uuid, md5('op' || n)::uuid,
          'KZ/' || lpad(n::text, 6, '0') || '/AEO', n, 'placeholder', md5('hash' || n), 'bench', n,
          now() - interval '300 days', now() + interval '1500 days', now(), n
        from bench_n
    `.execute(trx);
    await sql`
      insert into register_consent (operator_id, is_published) select md5('op' || n)::uuid, true from bench_n
    `.execute(trx);
    await sql`
      analyze
    `.execute(trx);
  });
  process.stderr.write(`generated ${count} AEOs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await services.scoringPool.close();
  await database.close();
  return url;
}

async function main(): Promise<void> {
  const databaseUrl = await prepare();
  const server = await startBenchServer({ DATABASE_URL: databaseUrl });
  const mixes: { name: string; path: (i: number) => string }[] = [
    {
      name: 'name fragment (`q=Turan Motors 4`)',
      path: (i) =>
        `/api/v1/register?q=${encodeURIComponent(`${NAMES[i % 10]} ${KINDS[i % 8]} ${(i % 9) + 1}`)}`,
    },
    {
      name: 'exact taxpayer id',
      path: (i) => `/api/v1/register?q=${String(1 + ((i * 7919) % count)).padStart(12, '0')}`,
    },
    { name: 'country + status', path: (i) => `/api/v1/register?country=${COUNTRIES[i % 10]}&status=active` },
    { name: 'first page, no filter', path: () => '/api/v1/register' },
  ];
  const lines: string[] = [];
  try {
    for (const mix of mixes) {
      let i = 0;
      const result = await runAutocannon({
        url: server.url,
        connections: 10,
        duration: Number(values.seconds),
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: mix.path(i++) }) }],
      });
      lines.push(
        `| ${mix.name} | ${Math.round(result.requests.average)} req/s | p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms | ${result.non2xx} non-2xx |`,
      );
    }
  } finally {
    server.stop();
  }
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}; ${count} published AEOs; PostgreSQL; 10 connections.\n\n` +
      `| search | throughput | latency | errors |\n|---|---|---|---|\n${lines.join('\n')}\n`,
  );
}

await main();
