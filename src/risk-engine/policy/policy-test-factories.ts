import { mulberry32 } from './seeded-random';
import type { ScoredDeclaration } from './selection-policy';
import {
  defineSelectionPolicy,
  type SelectionPolicy,
  type SelectionPolicyInput,
} from './selection-policy.schemas';
import type { TrustedTraderLookup } from './trusted-trader';

/** Test data builders for the policy tests and the simulation tests. */

export function buildPolicy(overrides: Partial<SelectionPolicyInput> = {}): SelectionPolicy {
  return defineSelectionPolicy({
    id: 'test-policy',
    seed: 42,
    rates: { red: 0.03, yellow: 0.015, blue: 0.005 },
    ...overrides,
  });
}

/**
 * A stream of scored declarations with skewed fraud scores (most low, a few high), as a model produces.
 * Every tenth importer id ("I0", "I10", …) is meant to be an AEO with `aeoLookup`.
 */
export function buildScoredStream(
  count: number,
  options: { seed?: number; office?: string | ((i: number) => string); hsCode?: string } = {},
): ScoredDeclaration[] {
  const random = mulberry32(options.seed ?? 1);
  return Array.from({ length: count }, (_, i) => ({
    declaration: {
      id: `D${i}`,
      date: '2025-03-10',
      office: typeof options.office === 'function' ? options.office(i) : (options.office ?? 'KZ001'),
      importer: { scheme: 'tin' as const, id: `I${i % 400}` },
      items: [
        {
          hsCode: options.hsCode ?? '851712',
          customsValue: 100 + random() * 10_000,
          currency: 'USD',
          dutyRate: [0, 5, 8, 12][Math.floor(random() * 4)] ?? 0,
        },
      ],
    },
    fraud: random() ** 3,
    critical: random() ** 8,
  }));
}

export function aeoLookup(factor: number): TrustedTraderLookup {
  return (partyId) =>
    Number(partyId.slice(1)) % 10 === 0
      ? { status: 'active', type: 'AEO-F', tier: 'gold', source: 'national', inspectionFactor: factor }
      : undefined;
}
