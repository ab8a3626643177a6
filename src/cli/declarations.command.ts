/**
 * `openaeo declarations import FILE`: declarations from a file into the risk service, each decided as if a single
 * window had sent it. Either straight into the configured database (stop a server on the embedded database
 * first), or through a running server's API with `--server` and an API key.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { parseIntegerIn } from './option-parsers';
import { parse } from 'csv-parse';
import {
  assertDatasetHeader,
  readDeclarationRecord,
  readInspectionLabel,
  type Declaration,
  type InspectionLabel,
} from '../risk-engine/index';
import { declarationSchema, MAX_BATCH } from '../server/modules/risk/declarations.schemas';
import { systemContext } from '../server/platform/request-context';
import { withServices } from './platform.command';

interface Row {
  line: number;
  declaration: Declaration;
  label: InspectionLabel | undefined;
}

interface Rejected {
  line: number;
  message: string;
}

/** Reads the dataset CSV layout, or JSON Lines (one declaration per line, API format), row by row. */
async function* readRows(path: string, rejected: Rejected[]): AsyncGenerator<Row> {
  if (/\.jsonl?$/i.test(path)) {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      try {
        yield { line, declaration: JSON.parse(text) as Declaration, label: undefined };
      } catch {
        rejected.push({ line, message: 'not valid JSON' });
      }
    }
    return;
  }
  const parser = createReadStream(path).pipe(
    parse({ columns: true, skip_empty_lines: true, bom: true, trim: true }),
  );
  let line = 1;
  let isHeaderChecked = false;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    line++;
    if (!isHeaderChecked) {
      assertDatasetHeader(Object.keys(record));
      isHeaderChecked = true;
    }
    try {
      const declaration = readDeclarationRecord(record, line);
      yield { line, declaration, label: readInspectionLabel(record, declaration) };
    } catch (error) {
      rejected.push({ line, message: error instanceof Error ? error.message : String(error) });
    }
  }
}

interface ImportOptions {
  batch: number;
  withResults: boolean;
  server?: string;
  apiKey?: string;
}

interface Sink {
  send(
    rows: Row[],
  ): Promise<{ decided: number; replayed: number; results: number; channels: Record<string, number> }>;
}

function directSink(services: Parameters<Parameters<typeof withServices>[0]>[0], withResults: boolean): Sink {
  return {
    async send(rows) {
      const context = systemContext(new Date(), 'cli');
      const decisions = await services.declarations.ingest(
        context,
        rows.map((r) => r.declaration),
        { source: 'csv' },
      );
      const results = withResults
        ? await services.declarations.importInspectionResults(
            context,
            rows.flatMap((r) => (r.label ? [{ declarationId: r.declaration.id, label: r.label }] : [])),
          )
        : 0;
      return summarise(decisions, results);
    },
  };
}

function serverSink(server: string, apiKey: string, withResults: boolean): Sink {
  const base = server.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  return {
    async send(rows) {
      const response = await fetch(`${base}/api/v1/declarations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ declarations: rows.map((r) => r.declaration) }),
      });
      const body = (await response.json()) as {
        decisions?: { channel: string; replayed: boolean }[];
        error?: { message: string; details?: unknown };
      };
      if (!response.ok || !body.decisions)
        throw new Error(
          `${response.status}: ${body.error?.message ?? 'request failed'} ${JSON.stringify(body.error?.details ?? {})}`,
        );
      let results = 0;
      if (withResults) {
        for (const row of rows) {
          if (!row.label) continue;
          const posted = await fetch(
            `${base}/api/v1/declarations/${encodeURIComponent(row.declaration.id)}/inspection-result`,
            {
              method: 'POST',
              headers,
              body: JSON.stringify({
                found: row.label.fraud,
                critical: row.label.critical,
                officer: 'import',
                ...(row.label.dutyRecovered === undefined ? {} : { dutyRecovered: row.label.dutyRecovered }),
              }),
            },
          );
          if (posted.status === 201) results++;
        }
      }
      return summarise(body.decisions, results);
    },
  };
}

function summarise(decisions: { channel: string; replayed: boolean }[], results: number) {
  const channels: Record<string, number> = {};
  let replayed = 0;
  for (const d of decisions) {
    channels[d.channel] = (channels[d.channel] ?? 0) + 1;
    if (d.replayed) replayed++;
  }
  return { decided: decisions.length - replayed, replayed, results, channels };
}

async function runImport(path: string, options: ImportOptions, sink: Sink): Promise<number> {
  const size = (await stat(path)).size;
  const bar = new SingleBar(
    {
      format: 'importing [{bar}] {percentage}% | {decided} decided | {rate}/s | {eta_formatted} left',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const isInteractive = process.stderr.isTTY;
  if (isInteractive) bar.start(size, 0, { decided: 0, rate: 0 });
  const rejected: Rejected[] = [];
  const totals = { decided: 0, replayed: 0, results: 0, channels: {} as Record<string, number> };
  const started = Date.now();
  let batch: Row[] = [];
  let bytesEstimate = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await sink.send(batch);
    totals.decided += result.decided;
    totals.replayed += result.replayed;
    totals.results += result.results;
    for (const [channel, n] of Object.entries(result.channels))
      totals.channels[channel] = (totals.channels[channel] ?? 0) + n;
    batch = [];
    const rate = Math.round(
      (totals.decided + totals.replayed) / Math.max(0.001, (Date.now() - started) / 1000),
    );
    if (isInteractive) bar.update(Math.min(size, bytesEstimate), { decided: totals.decided, rate });
  };
  const seen = new Set<string>();
  for await (const row of readRows(path, rejected)) {
    bytesEstimate += JSON.stringify(row.declaration).length * 0.45;
    const checked = declarationSchema.safeParse(row.declaration);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      rejected.push({
        line: row.line,
        message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    // A file may repeat a declaration (one line per goods item elsewhere); the first line wins.
    if (seen.has(checked.data.id)) {
      rejected.push({ line: row.line, message: `declaration ${checked.data.id} repeats an earlier line` });
      continue;
    }
    seen.add(checked.data.id);
    batch.push({ ...row, declaration: checked.data });
    if (batch.length >= options.batch) await flush();
  }
  await flush();
  if (isInteractive) {
    bar.update(size);
    bar.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  const channels = Object.entries(totals.channels)
    .map(([channel, n]) => `${channel} ${n}`)
    .join(', ');
  process.stdout.write(
    `${totals.decided} declarations decided, ${totals.replayed} already stored (same decision kept), ` +
      `${rejected.length} rejected; ${seconds.toFixed(1)} s, ${Math.round((totals.decided + totals.replayed) / Math.max(seconds, 0.001))}/s.\n` +
      `Channels: ${channels || '—'}.\n` +
      (options.withResults ? `${totals.results} inspection results recorded.\n` : ''),
  );
  for (const r of rejected.slice(0, 20)) process.stdout.write(`  line ${r.line}: ${r.message}\n`);
  if (rejected.length > 20) process.stdout.write(`  … and ${rejected.length - 20} more\n`);
  return rejected.length > 0 ? 1 : 0;
}

export function registerDeclarationsCommands(program: Command): Command {
  const declarations = program.command('declarations').description('the risk service’s declarations');
  declarations
    .command('import')
    .description(
      'decide and store declarations from a file: the dataset CSV layout (../shared/data/customs-declarations) ' +
        'or JSON Lines in the API format',
    )
    .argument('<file>', 'a .csv file in the dataset layout, or a .jsonl file')
    .option('--batch <n>', `declarations per batch (1–${MAX_BATCH})`, parseIntegerIn(1, MAX_BATCH), MAX_BATCH)
    .option('--with-results', 'also record the Fraud / Critical Fraud columns as inspection results', false)
    .option('--server <url>', 'send to a running server instead of the database (needs --api-key)')
    .option('--api-key <key>', 'API key with the declarations:write scope (or OPENAEO_API_KEY)')
    .action(async (file: string, options: ImportOptions) => {
      const apiKey = options.apiKey ?? process.env.OPENAEO_API_KEY;
      if (options.server !== undefined) {
        if (!apiKey) throw new InvalidArgumentError('--server needs --api-key (or OPENAEO_API_KEY)');
        process.exitCode = await runImport(
          file,
          options,
          serverSink(options.server, apiKey, options.withResults),
        );
        return;
      }
      process.exitCode = await withServices(async (services) => {
        try {
          return await runImport(file, options, directSink(services, options.withResults));
        } finally {
          await services.scoringPool.close();
        }
      });
    });
  return declarations;
}
