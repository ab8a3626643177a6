/**
 * Every route exercised: the test app records each (method, route, status) it serves, and a full run fails when a
 * route of the route table was never answered with success, nor with a deliberate refusal, by a hand-written test.
 *
 * Records are JSON lines in a run directory (one file per test process); the global setup creates the directory and
 * runs the check in its teardown. `node --import tsx tests/support/route-coverage.ts --report <dir>` prints the list
 * for a directory kept with ROUTE_COVERAGE_DIR (e.g. after a filtered run).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Generated suites (fuzz, object scope, route policies) send this header: their requests walk the route table
 * blindly, so an answer to one of them proves nothing about the route and must not count.
 */
export const GENERATED_REQUEST_HEADER = 'x-openaeo-test-generated';

/** Refusals a test provokes on purpose; 400 (validation) and 5xx say nothing about the route's behaviour. */
const DELIBERATE_REFUSALS = new Set([401, 403, 404, 409, 412, 422, 423, 429]);

const ROUTE_TABLE_FILE = 'routes.json';
const REQUESTS_FILE_PREFIX = 'requests-';

export interface ServedRequest {
  method: string;
  route: string;
  status: number;
  generated: boolean;
}

export interface RouteKey {
  method: string;
  url: string;
}

/** Routes the static and API-docs plugins serve, and the HEAD twins Fastify adds to every GET. */
function isInScope(route: RouteKey): boolean {
  return (
    route.method !== 'HEAD' &&
    route.url !== '/*' &&
    route.url !== '/api/docs' &&
    !route.url.startsWith('/api/docs/')
  );
}

export function isExercising(request: ServedRequest): boolean {
  if (request.generated) return false;
  return (request.status >= 200 && request.status < 400) || DELIBERATE_REFUSALS.has(request.status);
}

/**
 * Adds the recording hook; call before `app.ready()`. Only distinct (method, route, status, generated) records are
 * written, so the fuzz suite's thousands of requests cost a few lines.
 */
export function recordRouteCoverage(app: FastifyInstance, directory: string): void {
  const file = path.join(directory, `${REQUESTS_FILE_PREFIX}${process.pid}-${randomUUID()}.jsonl`);
  const seen = new Set<string>();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route) return; // no route matched: the not-found handler answered
    const record: ServedRequest = {
      method: request.method,
      route,
      status: reply.statusCode,
      generated: request.headers[GENERATED_REQUEST_HEADER] !== undefined,
    };
    const line = JSON.stringify(record);
    if (seen.has(line)) return;
    seen.add(line);
    fs.appendFileSync(file, `${line}\n`);
  });
  app.addHook('onReady', async () => {
    const routes: RouteKey[] = app.routeTable.map(({ method, url }) => ({ method, url }));
    try {
      // The first app of the run writes the table; every test app builds the same one.
      fs.writeFileSync(path.join(directory, ROUTE_TABLE_FILE), JSON.stringify(routes), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  });
}

export interface CoverageReport {
  total: number;
  exercised: number;
  /** `METHOD /route`, sorted. */
  unexercised: string[];
}

export function readCoverage(directory: string): CoverageReport | undefined {
  const tableFile = path.join(directory, ROUTE_TABLE_FILE);
  if (!fs.existsSync(tableFile)) return undefined;
  const table = (JSON.parse(fs.readFileSync(tableFile, 'utf8')) as RouteKey[]).filter(isInScope);
  const exercised = new Set<string>();
  for (const name of fs.readdirSync(directory)) {
    if (!name.startsWith(REQUESTS_FILE_PREFIX)) continue;
    for (const line of fs.readFileSync(path.join(directory, name), 'utf8').split('\n')) {
      if (!line) continue;
      const request = JSON.parse(line) as ServedRequest;
      if (isExercising(request)) exercised.add(`${request.method} ${request.route}`);
    }
  }
  const all = [...new Set(table.map((route) => `${route.method} ${route.url}`))].sort();
  const unexercised = all.filter((key) => !exercised.has(key));
  return { total: all.length, exercised: all.length - unexercised.length, unexercised };
}

export function formatSummary(report: CoverageReport): string {
  return `Route coverage: ${report.exercised} of ${report.total} routes exercised by hand-written tests.`;
}

export function formatFailure(report: CoverageReport): string {
  return [
    `${report.unexercised.length} route(s) never answered a hand-written test with success or a deliberate refusal` +
      ` (${[...DELIBERATE_REFUSALS].join(', ')}); requests marked ${GENERATED_REQUEST_HEADER} do not count:`,
    ...report.unexercised.map((key) => `  ${key}`),
  ].join('\n');
}

function main(argv: string[]): void {
  const index = argv.indexOf('--report');
  const directory = index >= 0 ? argv[index + 1] : undefined;
  if (!directory) {
    console.error('usage: node --import tsx tests/support/route-coverage.ts --report <record directory>');
    process.exitCode = 2;
    return;
  }
  const report = readCoverage(directory);
  if (!report) {
    console.error(`No route table in ${directory}: did a test app start with it as its record directory?`);
    process.exitCode = 2;
    return;
  }
  for (const key of report.unexercised) console.log(key);
  console.error(formatSummary(report));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main(process.argv.slice(2));
