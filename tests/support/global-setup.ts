import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/platform/database';
import { migrateToLatest } from '../../src/server/platform/migrator';
import { formatFailure, formatSummary, readCoverage } from './route-coverage';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** Where test apps record the routes they serve (tests/support/route-coverage.ts). */
    routeCoverageDir: string;
  }
}

export async function setup(project: TestProject): Promise<() => void> {
  const stopRecording = startRouteCoverage(project);
  const removeTemplate = await buildTemplate(project);
  return () => {
    removeTemplate();
    stopRecording();
  };
}

/**
 * Creating a PGlite database runs initdb (seconds); build one migrated template per run and let every test file
 * load it. On PostgreSQL (TEST_DATABASE_URL) each test file migrates its own schema instead.
 */
async function buildTemplate(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return () => {};
  }
  const handle = await openDatabase({ inMemory: true });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-test-')), 'template.tar.gz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/**
 * A run directory for the route records; ROUTE_COVERAGE_DIR keeps them for `route-coverage.ts --report`. The check
 * runs on a full run only: a filtered run leaves most routes to the files it did not run.
 */
function startRouteCoverage(project: TestProject): () => void {
  const kept = process.env.ROUTE_COVERAGE_DIR;
  const directory = kept
    ? path.resolve(kept)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-route-coverage-'));
  if (kept) {
    fs.rmSync(directory, { recursive: true, force: true });
    fs.mkdirSync(directory, { recursive: true });
  }
  project.provide('routeCoverageDir', directory);
  return () => {
    if (isFullRun(project)) checkRouteCoverage(directory);
    if (!kept) fs.rmSync(directory, { recursive: true, force: true });
  };
}

function isFullRun(project: TestProject): boolean {
  const { vitest } = project;
  const config = vitest.config;
  // filenamePattern holds the CLI file filters (`vitest run src/server`); vitest marks it internal, not absent.
  // If an upgrade renames it, say so rather than check (or fail) every filtered run by mistake.
  if (!('filenamePattern' in vitest))
    throw new Error('vitest no longer exposes filenamePattern: update isFullRun');
  const { filenamePattern } = vitest as unknown as { filenamePattern?: string[] };
  return (
    !config.watch &&
    !filenamePattern?.length &&
    !config.testNamePattern &&
    !config.shard &&
    !config.changed &&
    !config.related?.length &&
    !config.cliExclude?.length &&
    !config.project?.length
  );
}

/**
 * A teardown that throws is only logged by vitest 4 (the run still exits 0), so the check sets the exit code itself;
 * this runs in the main vitest process, after the reporters.
 */
function checkRouteCoverage(directory: string): void {
  const report = readCoverage(directory);
  if (!report) {
    console.error('Route coverage: no test app recorded its route table.');
    process.exitCode = 1;
    return;
  }
  console.log(formatSummary(report));
  if (report.unexercised.length === 0) return;
  console.error(formatFailure(report));
  process.exitCode = 1;
}
