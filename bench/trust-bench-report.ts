import { execSync } from 'node:child_process';
import { cpus } from 'node:os';

// Shared by the trust benchmarks: timing loop and the markdown header with machine load, since the machines are
// shared and figures mean little without it.

export interface BenchRow {
  name: string;
  ops: number;
  seconds: number;
  note?: string;
}

export async function measure(
  name: string,
  body: () => unknown,
  options: { minSeconds?: number; note?: string } = {},
): Promise<BenchRow> {
  const minMs = (options.minSeconds ?? 2) * 1000;
  for (let i = 0; i < 20; i++) await body();
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 50; i++) await body();
    ops += 50;
    elapsed = performance.now() - start;
  }
  const row: BenchRow = { name, ops, seconds: elapsed / 1000 };
  if (options.note) row.note = options.note;
  return row;
}

export function printHeader(title: string): void {
  const uptime = execSync('uptime').toString().trim();
  console.log(`## ${title}\n`);
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(`- node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`- load: \`${uptime}\`\n`);
}

export function printTable(rows: readonly BenchRow[]): void {
  console.log('| operation | ops/s | mean | ops | note |');
  console.log('|---|---:|---:|---:|---|');
  for (const row of rows) {
    const perSecond = row.ops / row.seconds;
    const meanUs = (row.seconds * 1e6) / row.ops;
    const mean = meanUs >= 1000 ? `${(meanUs / 1000).toFixed(2)} ms` : `${meanUs.toFixed(1)} µs`;
    console.log(
      `| ${row.name} | ${Math.round(perSecond).toLocaleString('en-US')} | ${mean} | ${row.ops.toLocaleString('en-US')} | ${row.note ?? ''} |`,
    );
  }
  console.log('');
}
