/**
 * Selection-policy benchmark: streaming `decide` and batch `selectBatch` throughput, with and without the
 * green-customs rules, on synthetic scored declarations. Prints a markdown table with the machine load, since the
 * machines are shared and figures mean little without it.
 *
 *   node --import tsx bench/risk-policy.ts [--count 200000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildPolicy, buildScoredStream, aeoLookup } from '../src/risk-engine/policy/policy-test-factories';
import { createPolicyState, decide, selectBatch } from '../src/risk-engine/policy/selection-policy';
import { greenCustomsProfiles } from '../src/risk-engine/rules/green-customs.profiles';
import { compileRules } from '../src/risk-engine/rules/rule-evaluator';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200000' } } });
const count = Number(values.count);
// Every 50th declaration carries a heading the green-customs rules watch, so rule hits are exercised too.
const stream = buildScoredStream(count).map((s, i) =>
  i % 50 === 0
    ? {
        ...s,
        declaration: {
          ...s.declaration,
          items: s.declaration.items.map((it) => ({ ...it, hsCode: '010620' })),
        },
      }
    : s,
);
const rules = compileRules(greenCustomsProfiles);
const policy = buildPolicy();

function time(body: () => void): number {
  const start = performance.now();
  body();
  return (performance.now() - start) / 1000;
}

const rows: [string, number][] = [];
for (const [name, context] of [
  ['no rules', {}],
  ['green-customs rules + AEO lookup', { rules, trustedTraders: aeoLookup(0.2) }],
] as const) {
  const state = createPolicyState(policy, context);
  rows.push([`decide (stream), ${name}`, time(() => stream.forEach((s) => decide(state, s)))]);
  rows.push([`selectBatch, ${name}`, time(() => selectBatch(policy, stream, context))]);
}

process.stdout.write(
  `Load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${count} declarations.\n\n`,
);
process.stdout.write('| run | seconds | declarations/s | µs each |\n|---|---:|---:|---:|\n');
for (const [name, seconds] of rows) {
  process.stdout.write(
    `| ${name} | ${seconds.toFixed(2)} | ${Math.round(count / seconds).toLocaleString('en-US')} | ${((seconds * 1e6) / count).toFixed(1)} |\n`,
  );
}
