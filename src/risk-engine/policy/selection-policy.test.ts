import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../rules/rule-evaluator';
import { buildRule } from '../rules/rule-test-factories';
import { aeoLookup, buildPolicy, buildScoredStream } from './policy-test-factories';
import {
  createPolicyState,
  decide,
  primePolicyState,
  selectBatch,
  toScoredDeclarations,
  type Decision,
  type ScoredDeclaration,
} from './selection-policy';
import { selectionPolicySchema } from './selection-policy.schemas';
import { drawUniform } from './seeded-random';

/**
 * Statistical tests run streams of 10 000 to 20 000 declarations: seconds each, minutes under Stryker's
 * instrumentation on two cores. Mutation runs (Stryker sets STRYKER_MUTATOR_WORKER in its workers) skip them and rely
 * on the small tests worked out by hand at the end of this file; every ordinary run keeps them.
 */
const statistical = it.skipIf(process.env.STRYKER_MUTATOR_WORKER !== undefined);

function selectedShare(decisions: Decision[], filter: (d: Decision) => boolean = () => true): number {
  const group = decisions.filter(filter);
  return group.filter((d) => d.channel !== 'green').length / group.length;
}

function count(decisions: Decision[], predicate: (d: Decision) => boolean): number {
  return decisions.filter(predicate).length;
}

function decideAll(scored: ScoredDeclaration[], ...args: Parameters<typeof createPolicyState>): Decision[] {
  const state = createPolicyState(...args);
  return scored.map((s) => decide(state, s));
}

describe('selectBatch', () => {
  statistical('controls exactly the budget when no rule asks for more', () => {
    const decisions = selectBatch(buildPolicy(), buildScoredStream(10_000));
    expect(count(decisions, (d) => d.channel !== 'green')).toBe(500);
  });

  statistical('fills the channels in the expected proportions, the riskiest going red', () => {
    const decisions = selectBatch(
      buildPolicy({ randomRate: 0, exploration: { share: 0 } }),
      buildScoredStream(10_000),
    );
    expect(count(decisions, (d) => d.channel === 'red')).toBeCloseTo(300, -1);
    expect(count(decisions, (d) => d.channel === 'yellow')).toBeCloseTo(150, -1);
    expect(count(decisions, (d) => d.channel === 'blue')).toBeCloseTo(50, -1);
    const fraudPicks = decisions.filter((d) => d.strategy === 'model_fraud');
    const minRed = Math.min(...fraudPicks.filter((d) => d.channel === 'red').map((d) => d.score));
    const maxBlue = Math.max(...fraudPicks.filter((d) => d.channel === 'blue').map((d) => d.score));
    expect(minRed).toBeGreaterThan(maxBlue);
  });

  statistical('meets the budget exactly for any size and rates (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer(),
        (n, red, yellow, share, seed) => {
          const policy = buildPolicy({
            seed,
            rates: { red, yellow, blue: 0 },
            randomRate: 0,
            exploration: { share },
          });
          const decisions = selectBatch(policy, buildScoredStream(n, { seed: Math.abs(seed) }));
          expect(count(decisions, (d) => d.channel !== 'green')).toBe(Math.round((red + yellow) * n));
        },
      ),
      { numRuns: 60 },
    );
  });

  statistical('reserves the exploration share of the budget, half random and half uncertain', () => {
    const decisions = selectBatch(buildPolicy({ exploration: { share: 0.2 } }), buildScoredStream(10_000));
    // 20 % of a 5 % budget over 10 000 declarations.
    expect(count(decisions, (d) => d.strategy === 'exploration')).toBe(100);
    expect(count(decisions, (d) => d.explorationMode === 'random')).toBe(50);
    expect(count(decisions, (d) => d.explorationMode === 'uncertain')).toBe(50);
    const none = selectBatch(buildPolicy({ exploration: { share: 0 } }), buildScoredStream(10_000));
    expect(count(none, (d) => d.strategy === 'exploration')).toBe(0);
    expect(count(none, (d) => d.channel !== 'green')).toBe(500);
  });

  statistical(
    'picks uncertain declarations near the fraud threshold, or near one half when so configured',
    () => {
      const stream = buildScoredStream(10_000);
      const nearThreshold = selectBatch(
        buildPolicy({ exploration: { share: 0.2, uncertainShare: 1 } }),
        stream,
      );
      const cutOff = Math.min(
        ...nearThreshold.filter((d) => d.strategy === 'model_fraud').map((d) => d.score),
      );
      for (const d of nearThreshold.filter((x) => x.strategy === 'exploration')) {
        expect(Math.abs(d.scores.fraud - cutOff)).toBeLessThan(0.05);
      }
      const nearHalf = selectBatch(
        buildPolicy({ exploration: { share: 0.2, uncertainShare: 1, centre: 'half' } }),
        stream,
      );
      for (const d of nearHalf.filter((x) => x.strategy === 'exploration')) {
        expect(Math.abs(d.scores.fraud - 0.5)).toBeLessThan(0.01);
      }
    },
  );

  statistical('splits the model budget between fraud, critical fraud and duty at stake', () => {
    const policy = buildPolicy({
      randomRate: 0,
      exploration: { share: 0 },
      objectives: { fraud: 2, critical: 1, revenue: 1 },
    });
    const decisions = selectBatch(policy, buildScoredStream(10_000));
    expect(count(decisions, (d) => d.strategy === 'model_fraud')).toBe(250);
    expect(count(decisions, (d) => d.strategy === 'model_critical')).toBe(125);
    expect(count(decisions, (d) => d.strategy === 'model_revenue')).toBe(125);
    const revenuePick = decisions.find((d) => d.strategy === 'model_revenue');
    expect(revenuePick?.reasons[0]?.en).toMatch(/^Duty at stake weighted by fraud probability/);
  });

  statistical('reduces an AEO’s chance of model-based selection by its tier factor', () => {
    const stream = buildScoredStream(20_000);
    const policy = buildPolicy({
      rates: { red: 0.1, yellow: 0, blue: 0 },
      randomRate: 0,
      exploration: { share: 0 },
    });
    const decisions = selectBatch(policy, stream, { trustedTraders: aeoLookup(0.25) });
    const isAeo = (d: Decision) => d.aeoFacilitation !== null;
    const aeoRate = selectedShare(decisions, isAeo);
    const otherRate = selectedShare(decisions, (d) => !isAeo(d));
    // Same score distribution for both groups, so the ratio of rates is the factor.
    expect(aeoRate / otherRate).toBeGreaterThan(0.18);
    expect(aeoRate / otherRate).toBeLessThan(0.32);
    expect(count(decisions, (d) => d.channel !== 'green')).toBe(2000);
    const kept = decisions.find((d) => isAeo(d) && d.aeoFacilitation?.keptOutOfModelSelection === true);
    expect(kept?.reasons.some((r) => r.en.includes('multiplied by 0.25'))).toBe(true);
    expect(kept?.reasons.some((r) => r.ru.includes('умножена на 0,25'))).toBe(true);
  });

  statistical('keeps AEOs in the random pool even with a zero factor', () => {
    const decisions = selectBatch(buildPolicy({ randomRate: 0.02 }), buildScoredStream(20_000), {
      trustedTraders: aeoLookup(0),
    });
    const aeo = decisions.filter((d) => d.aeoFacilitation !== null);
    expect(aeo.length).toBe(2000);
    expect(count(aeo, (d) => d.strategy === 'random')).toBeGreaterThan(20);
    expect(count(aeo, (d) => d.strategy.startsWith('model_') || d.strategy === 'exploration')).toBe(0);
  });

  it('ignores a suspended AEO status and recognises a partner AEO under an MRA', () => {
    const stream = buildScoredStream(20);
    const [suspended] = selectBatch(buildPolicy(), stream.slice(0, 1), {
      trustedTraders: () => ({
        status: 'suspended',
        type: 'AEO-F',
        tier: 'gold',
        source: 'national',
        inspectionFactor: 0,
      }),
    });
    expect(suspended?.aeoFacilitation).toBeNull();
    const [partner] = selectBatch(buildPolicy(), stream.slice(0, 1), {
      trustedTraders: () => ({
        status: 'active',
        type: 'AEO',
        tier: 'AA',
        source: 'mra',
        partner: 'KR',
        inspectionFactor: 0.5,
      }),
    });
    expect(partner?.aeoFacilitation).toMatchObject({ source: 'mra', partner: 'KR', factor: 0.5 });
    expect(partner?.reasons.some((r) => r.en.includes('mutual recognition arrangement with KR'))).toBe(true);
  });

  statistical('gives the same picks for the same seed, whatever the input order (property)', () => {
    const stream = buildScoredStream(600);
    const policy = buildPolicy({ rates: { red: 0.05, yellow: 0.03, blue: 0.02 }, randomRate: 0.02 });
    const key = (ds: Decision[]) =>
      ds
        .filter((d) => d.channel !== 'green')
        .map((d) => `${d.declarationId}:${d.channel}:${d.strategy}`)
        .sort();
    const reference = key(selectBatch(policy, stream));
    fc.assert(
      fc.property(fc.shuffledSubarray(stream, { minLength: stream.length }), (shuffled) => {
        expect(key(selectBatch(policy, shuffled))).toEqual(reference);
      }),
      { numRuns: 20 },
    );
    const reseeded = key(selectBatch({ ...policy, seed: 43 }, stream));
    expect(reseeded).not.toEqual(reference);
  });

  statistical(
    'lets a rule’s minimum channel win over the model, over AEO facilitation and over the budget',
    () => {
      const rules = compileRules([
        buildRule({
          id: 'R-RED',
          condition: { kind: 'hsPrefix', prefixes: ['0106'] },
          action: { minimumChannel: 'red' },
        }),
      ]);
      const stream = buildScoredStream(1000).map((s, i) =>
        i < 100
          ? {
              ...s,
              fraud: 0,
              critical: 0,
              declaration: { ...s.declaration, items: [{ ...s.declaration.items[0]!, hsCode: '010620' }] },
            }
          : s,
      );
      const decisions = selectBatch(buildPolicy(), stream, { rules, trustedTraders: aeoLookup(0) });
      for (const d of decisions.slice(0, 100)) {
        expect(d).toMatchObject({ channel: 'red', strategy: 'rule' });
        expect(d.ruleHits[0]?.ruleId).toBe('R-RED');
      }
      // The budget (50) is used up by the rules; random control and exploration are still there.
      expect(count(decisions, (d) => d.strategy.startsWith('model_'))).toBe(0);
      expect(count(decisions, (d) => d.strategy === 'exploration')).toBe(5);
      const streamed = decideAll(stream, buildPolicy(), { rules, trustedTraders: aeoLookup(0) });
      expect(streamed.slice(0, 100).every((d) => d.channel === 'red' && d.strategy === 'rule')).toBe(true);
    },
  );

  statistical('never gives a declaration a channel below its rules’ minimum (property)', () => {
    const rules = compileRules([
      buildRule({
        id: 'Y',
        condition: { kind: 'hsPrefix', prefixes: ['01'] },
        action: { minimumChannel: 'yellow' },
      }),
      buildRule({
        id: 'B',
        condition: { kind: 'hsPrefix', prefixes: ['02'] },
        action: { minimumChannel: 'blue' },
      }),
    ]);
    const rank = { green: 0, blue: 1, yellow: 2, red: 3 } as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            hs: fc.constantFrom('010110', '020110', '851712'),
            fraud: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        fc.boolean(),
        (rows, isStream) => {
          const scored = rows.map((r, i) => ({
            declaration: {
              id: `P${i}`,
              date: '2025-03-10',
              office: 'KZ001',
              importer: { scheme: 'tin' as const, id: `I${i % 20}` },
              items: [{ hsCode: r.hs, customsValue: 100, currency: 'USD', dutyRate: 5 }],
            },
            fraud: r.fraud,
            critical: 0,
          }));
          const context = { rules, trustedTraders: aeoLookup(0) };
          const decisions = isStream
            ? decideAll(scored, buildPolicy(), context)
            : selectBatch(buildPolicy(), scored, context);
          decisions.forEach((d, i) => {
            const hs = rows[i]?.hs ?? '';
            const minimum = hs.startsWith('01') ? 'yellow' : hs.startsWith('02') ? 'blue' : 'green';
            expect(rank[d.channel]).toBeGreaterThanOrEqual(rank[minimum]);
            if (minimum !== 'green') expect(d.strategy).toBe('rule');
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('adds score adjustments and collects agencies to notify, including an agency owner', () => {
    const rules = compileRules([
      buildRule({
        id: 'UP',
        condition: { kind: 'hsPrefix', prefixes: ['85'] },
        action: { scoreAdjustment: 0.3 },
      }),
      buildRule({
        id: 'SPS-1',
        owner: { kind: 'agency', agency: 'SPS' },
        condition: { kind: 'hsPrefix', prefixes: ['8517'] },
        action: { notifyAgency: 'ECO' },
      }),
    ]);
    const [decision] = selectBatch(buildPolicy(), [{ ...buildScoredStream(1)[0]!, fraud: 0.5 }], { rules });
    expect(decision?.scores.fraud).toBeCloseTo(0.8);
    expect(decision?.agenciesToNotify).toEqual(['ECO', 'SPS']);
    expect(decision?.ruleHits.map((h) => h.ruleId).sort()).toEqual(['SPS-1', 'UP']);
  });

  statistical('applies each office its own policy and the default to the rest', () => {
    const stream = buildScoredStream(10_000, { office: (i) => (i % 2 === 0 ? 'A' : 'B') });
    const policies = [
      buildPolicy({ id: 'strict-A', office: 'A', rates: { red: 0.1, yellow: 0, blue: 0 } }),
      buildPolicy({ id: 'default' }),
    ];
    const decisions = selectBatch(policies, stream);
    expect(selectedShare(decisions, (d) => d.office === 'A')).toBeCloseTo(0.1, 3);
    expect(selectedShare(decisions, (d) => d.office === 'B')).toBeCloseTo(0.05, 3);
    expect(decisions.find((d) => d.office === 'A')?.policyId).toBe('strict-A');
    expect(() => selectBatch(policies.slice(0, 1), stream)).toThrow(/no selection policy for office B/);
  });

  statistical('explains every decision in English and Russian', () => {
    for (const d of selectBatch(buildPolicy(), buildScoredStream(2000))) {
      expect(d.reasons.length).toBeGreaterThan(0);
      for (const r of d.reasons) {
        expect(r.en.length).toBeGreaterThan(5);
        expect(r.ru).toMatch(/[а-я]/);
      }
    }
  });
});

describe('decide (streaming)', () => {
  statistical('meets the budget within tolerance once calibrated', () => {
    const stream = buildScoredStream(20_000);
    const decisions = decideAll(stream, buildPolicy());
    const share = selectedShare(decisions.slice(5000));
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.055);
  });

  statistical('meets the budget with AEO facilitation and rules taking part of it', () => {
    const rules = compileRules([
      buildRule({ condition: { kind: 'range', field: 'item.customsValue', max: 200 } }),
    ]);
    const decisions = decideAll(buildScoredStream(20_000), buildPolicy(), {
      rules,
      trustedTraders: aeoLookup(0.2),
    });
    const after = decisions.slice(5000);
    expect(count(after, (d) => d.strategy === 'rule') / after.length).toBeGreaterThan(0.005);
    const share = selectedShare(after);
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.056);
    const isAeo = (d: Decision) => d.aeoFacilitation !== null;
    const modelRate = (f: (d: Decision) => boolean) =>
      count(after, (d) => f(d) && d.strategy.startsWith('model_')) / count(after, f);
    expect(modelRate(isAeo) / modelRate((d) => !isAeo(d))).toBeLessThan(0.3);
  });

  statistical('without a model, gives the model’s share of the budget to random exploration', () => {
    const stream = buildScoredStream(20_000).map((s) => ({ ...s, fraud: 0, critical: 0, isUnscored: true }));
    const decisions = decideAll(stream, buildPolicy()).slice(5000);
    expect(count(decisions, (d) => d.strategy.startsWith('model_'))).toBe(0);
    expect(count(decisions, (d) => d.explorationMode === 'uncertain')).toBe(0);
    const share = selectedShare(decisions);
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.055);
  });

  statistical('reserves about the configured exploration share', () => {
    const decisions = decideAll(
      buildScoredStream(20_000),
      buildPolicy({ exploration: { share: 0.2 } }),
    ).slice(5000);
    const share = count(decisions, (d) => d.strategy === 'exploration') / decisions.length;
    expect(share).toBeGreaterThan(0.2 * 0.05 * 0.8);
    expect(share).toBeLessThan(0.2 * 0.05 * 1.2);
  });

  statistical('keeps AEOs in the random pool', () => {
    const decisions = decideAll(buildScoredStream(20_000), buildPolicy({ randomRate: 0.02 }), {
      trustedTraders: aeoLookup(0),
    });
    const aeo = decisions.filter((d) => d.aeoFacilitation !== null);
    expect(count(aeo, (d) => d.strategy === 'random') / aeo.length).toBeGreaterThan(0.012);
    expect(count(aeo, (d) => d.strategy.startsWith('model_') || d.strategy === 'exploration')).toBe(0);
  });

  statistical(
    'gives the same decisions for the same seed and stream, and the same random picks in any order',
    () => {
      const stream = buildScoredStream(3000);
      const a = decideAll(stream, buildPolicy());
      const b = decideAll(stream, buildPolicy());
      expect(b).toEqual(a);
      const randomIds = (ds: Decision[]) =>
        ds
          .filter((d) => d.strategy === 'random')
          .map((d) => d.declarationId)
          .sort();
      expect(randomIds(decideAll([...stream].reverse(), buildPolicy()))).toEqual(randomIds(a));
    },
  );

  it('treats malformed scores and duty rates as zero instead of failing', () => {
    const state = createPolicyState(buildPolicy());
    const [first] = buildScoredStream(1);
    const declaration = {
      ...first!.declaration,
      items: [{ ...first!.declaration.items[0]!, dutyRate: Number.NaN }],
    };
    const decision = decide(state, { declaration, fraud: Number.NaN, critical: Number.POSITIVE_INFINITY });
    expect(decision.scores).toEqual({ fraud: 0, critical: 0, revenue: 0 });
  });

  it('uses the start-up threshold until enough declarations have been seen', () => {
    const state = createPolicyState(buildPolicy({ randomRate: 0, exploration: { share: 0 } }));
    const [first] = buildScoredStream(1);
    const decision = decide(state, { ...first!, fraud: 0.9, critical: 0 });
    expect(decision.strategy).toBe('model_fraud');
    expect(decision.reasons[0]?.en).toContain('start-up threshold');
  });
});

/** Every declaration gets the same scores and the same duty at stake, so all three rankings tie. */
function tiedStream(n: number, fraud: number, critical = fraud): ScoredDeclaration[] {
  return buildScoredStream(n).map((s) => ({
    ...s,
    declaration: {
      ...s.declaration,
      items: [{ ...s.declaration.items[0]!, customsValue: 1000, dutyRate: 5 }],
    },
    fraud,
    critical,
  }));
}

describe('ties (the budget holds whatever the score distribution)', () => {
  statistical('keeps the budget when every declaration has the same scores', () => {
    const decisions = decideAll(tiedStream(20_000, 0.37), buildPolicy());
    const share = selectedShare(decisions.slice(5000));
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.055);
    // The start-up picks are paced by the budget too.
    expect(selectedShare(decisions.slice(0, 200))).toBeLessThan(0.1);
  });

  statistical.each([
    ['0', 0],
    ['1', 1],
    ['NaN (taken as 0)', Number.NaN],
  ])('keeps the budget when every score is %s', (_label, score) => {
    const decisions = decideAll(tiedStream(10_000, score), buildPolicy()).slice(2000);
    const share = selectedShare(decisions);
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.055);
    expect(decisions.every((d) => Number.isFinite(d.score))).toBe(true);
  });

  statistical(
    'keeps the budget when most declarations share the threshold score, and says so in the reason',
    () => {
      // 70 % share one high score (as a coarse model gives), the rest are spread below and above it.
      const stream = buildScoredStream(20_000).map((s, i) => (i % 10 < 7 ? { ...s, fraud: 0.9 } : s));
      const decisions = decideAll(stream, buildPolicy({ objectives: { fraud: 1, critical: 0, revenue: 0 } }));
      const after = decisions.slice(5000);
      const share = selectedShare(after);
      expect(share).toBeGreaterThan(0.045);
      expect(share).toBeLessThan(0.055);
      const tiePicks = after.filter((d) => d.strategy === 'model_fraud' && d.scores.fraud === 0.9);
      expect(tiePicks.length).toBeGreaterThan(0);
      const reason = tiePicks[0]!.reasons[0]!;
      // The true rank: a range covering the whole tie, far from "top 0.5 %".
      const [, first, last, total] = /ranked ([\d,]+)–([\d,]+) of ([\d,]+)/.exec(reason.en) ?? [];
      const number = (text = '') => Number(text.replaceAll(',', ''));
      expect(number(last) - number(first)).toBeGreaterThan(0.5 * number(total));
      expect(reason.en).toMatch(/at the selection threshold.*the seeded draw selected this one/);
      expect(reason.ru).toMatch(/равна порогу отбора.*выбрал воспроизводимый жребий/);
    },
  );

  it('states the rank of a value above the threshold without rounding a tie away', () => {
    const stream = buildScoredStream(3000);
    const decisions = decideAll(stream, buildPolicy({ objectives: { fraud: 1, critical: 0, revenue: 0 } }));
    const pick = decisions.slice(1000).find((d) => d.strategy === 'model_fraud')!;
    expect(pick.reasons[0]!.en).toMatch(
      /^Fraud probability \d\.\d\d ranks \d+ of [\d,]+ recent declarations \(top /,
    );
    expect(pick.reasons[0]!.ru).toMatch(/^Вероятность нарушения \d,\d\d — место \d+ из/);
  });

  it('keeps the budget when a run of equal scores outranks the whole recent window', () => {
    const state = createPolicyState(buildPolicy());
    for (const s of buildScoredStream(600)) decide(state, s);
    // Copies of one high-risk declaration: each outranks everything the window was calibrated on.
    const run = tiedStream(1000, 0.99).map((s, i) => ({
      ...s,
      declaration: { ...s.declaration, id: `RUN${i}` },
    }));
    // 5 % budget; the guard allows 5 % over it across the window (600 + 1 000), which this run takes.
    const share = selectedShare(run.map((s) => decide(state, s)));
    expect(share).toBeGreaterThan(0.045);
    expect(share).toBeLessThan(0.065);
  });

  statistical(
    'breaks ties by the seeded draw: the same seed gives the same picks, another seed others',
    () => {
      const stream = tiedStream(4000, 0.6);
      const picked = (seed: number) =>
        decideAll(stream, buildPolicy({ seed }))
          .filter((d) => d.strategy.startsWith('model_'))
          .map((d) => d.declarationId);
      expect(picked(42)).toEqual(picked(42));
      expect(picked(43)).not.toEqual(picked(42));
    },
  );

  it('reports the tie in a batch decided at once, within the exact budget', () => {
    const decisions = selectBatch(
      buildPolicy({ objectives: { fraud: 1, critical: 0, revenue: 0 } }),
      tiedStream(1000, 0.5),
    );
    expect(count(decisions, (d) => d.channel !== 'green')).toBe(50);
    const pick = decisions.find((d) => d.strategy === 'model_fraud')!;
    expect(pick.reasons[0]!.en).toMatch(/ranked 1–\d+ of 1,000 \(top \d+\.\d %/);
    expect(pick.reasons[0]!.en).toContain('declarations in this batch');
  });
});

describe('policy schema and helpers', () => {
  it('rejects rates over 1 and a random rate above the budget, with paths', () => {
    const result = selectionPolicySchema.safeParse({
      id: 'p',
      seed: 1,
      rates: { red: 0.6, yellow: 0.6, blue: 0 },
      randomRate: 0.5,
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['rates']);
    const random = selectionPolicySchema.safeParse({
      id: 'p',
      seed: 1,
      rates: { red: 0.01, yellow: 0, blue: 0 },
      randomRate: 0.02,
    });
    expect(random.error?.issues.map((i) => i.path.join('.'))).toEqual(['randomRate']);
  });

  it('pairs declarations with score arrays', () => {
    const [a] = buildScoredStream(1);
    const scored = toScoredDeclarations([a!.declaration], {
      fraud: Float64Array.of(0.3),
      critical: Float64Array.of(0.1),
    });
    expect(scored[0]).toMatchObject({ fraud: 0.3, critical: 0.1 });
    expect(() => toScoredDeclarations([a!.declaration], { fraud: [], critical: [] })).toThrow();
  });
});

/**
 * Small batches and streams whose every pick can be worked out by hand. They pin the arithmetic (shares, counts,
 * boundaries, reasons) that the statistical tests above only bound, and they are fast enough for mutation testing.
 */
describe('selection worked out by hand', () => {
  /** Budget 0.5 in binary fractions, so channel shares are exact: the top quarter red, the next half yellow. */
  const halfBudget = { red: 0.125, yellow: 0.25, blue: 0.125 };
  const fraudOnly = { fraud: 1, critical: 0, revenue: 0 };
  const handPolicy = (overrides: Parameters<typeof buildPolicy>[0] = {}) =>
    buildPolicy({
      rates: halfBudget,
      randomRate: 0,
      exploration: { share: 0 },
      objectives: fraudOnly,
      ...overrides,
    });
  const withFraud = (frauds: number[], critical = 0): ScoredDeclaration[] =>
    buildScoredStream(frauds.length).map((s, i) => ({ ...s, fraud: frauds[i] ?? 0, critical }));
  const byId = (decisions: Decision[]) =>
    Object.fromEntries(decisions.map((d) => [d.declarationId, `${d.strategy}:${d.channel}`]));
  const strategies = (decisions: Decision[]) => {
    const tally: Record<string, number> = {};
    for (const d of decisions) {
      const key = d.explorationMode ? `${d.strategy}:${d.explorationMode}` : d.strategy;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    return tally;
  };

  describe('batch', () => {
    it('fills the channels from the top of the ranking: red share first, then yellow, then blue', () => {
      const decisions = selectBatch(handPolicy(), withFraud([0.2, 0.9, 0.3, 0.8, 0.4, 0.7, 0.5, 0.6]));
      expect(byId(decisions)).toEqual({
        D0: 'none:green',
        D1: 'model_fraud:red',
        D2: 'none:green',
        D3: 'model_fraud:yellow',
        D4: 'none:green',
        D5: 'model_fraud:yellow',
        D6: 'none:green',
        D7: 'model_fraud:blue',
      });
      expect(decisions.map((d) => d.score)).toEqual([0.2, 0.9, 0.3, 0.8, 0.4, 0.7, 0.5, 0.6]);
    });

    it('gives a pick exactly at the end of a channel’s share the next channel', () => {
      // Two picks sit at positions 0.25 and 0.75: exactly where red and yellow end.
      const decisions = selectBatch(handPolicy(), withFraud([0.9, 0.8, 0.1, 0.2]));
      expect(decisions.map((d) => d.channel)).toEqual(['yellow', 'blue', 'green', 'green']);
    });

    it('uses the lower channels only when the policy has them', () => {
      const channelsFor = (rates: { red: number; yellow: number; blue: number }) =>
        selectBatch(handPolicy({ rates }), withFraud([0.9, 0.8, 0.1, 0.2])).map((d) => d.channel);
      expect(channelsFor({ red: 0.5, yellow: 0, blue: 0 })).toEqual(['red', 'red', 'green', 'green']);
      expect(channelsFor({ red: 0, yellow: 0.5, blue: 0 })).toEqual(['yellow', 'yellow', 'green', 'green']);
      expect(channelsFor({ red: 0, yellow: 0, blue: 0.5 })).toEqual(['blue', 'blue', 'green', 'green']);
    });

    it('explains a batch pick with its rank among the batch and the ranking’s share', () => {
      const decisions = selectBatch(handPolicy(), withFraud([0.2, 0.9, 0.3, 0.8, 0.4, 0.7, 0.5, 0.6]));
      expect(decisions[1]!.reasons.map((r) => r.en)).toEqual([
        'Fraud probability 0.90 ranks 1 of 8 declarations in this batch (top 12.5 %); this ranking controls the top 50.0 % (threshold 0.60).',
        'Channel: red (physical inspection).',
      ]);
      expect(decisions[7]!.reasons[0]!.en).toBe(
        'Fraud probability 0.60 ranks 4 of 8 declarations in this batch (top 50.0 %); this ranking controls the top 50.0 % (threshold 0.60).',
      );
      expect(decisions[0]!.reasons.map((r) => r.en)).toEqual([
        'Released: no rule requires a control and the scores are below the selection thresholds.',
        'Channel: green (release).',
      ]);
    });

    it('reports the share of a tie at the threshold that the budget fits', () => {
      const decisions = selectBatch(handPolicy(), withFraud([0.5, 0.5, 0.5, 0.1]));
      const picks = decisions.filter((d) => d.strategy === 'model_fraud');
      expect(picks).toHaveLength(2);
      expect(picks[0]!.reasons[0]!.en).toBe(
        'Fraud probability 0.50 is at the selection threshold, a score shared by the declarations in this batch ranked 1–3 of 4 (top 75.0 % counting ties); this ranking controls the top 50.0 % (threshold 0.50), which leaves room for 66.7 % of the tie, and the seeded draw selected this one.',
      );
    });

    it('reports a tie above the threshold without a draw', () => {
      const decisions = selectBatch(handPolicy(), withFraud([0.9, 0.9, 0.5, 0.1]));
      expect(decisions[0]!.reasons[0]!.en).toBe(
        'Fraud probability 0.90 shares ranks 1–2 of 4 declarations in this batch with 1 other (top 50.0 % counting ties); this ranking controls the top 50.0 % (threshold 0.90).',
      );
    });

    it('counts only the tied picks in the share of a tie that a higher pick shares the budget with', () => {
      const decisions = selectBatch(handPolicy(), withFraud([0.9, 0.5, 0.5, 0.5]));
      expect(count(decisions, (d) => d.strategy === 'model_fraud')).toBe(2);
      expect(decisions[0]!.reasons[0]!.en).toBe(
        'Fraud probability 0.90 ranks 1 of 4 declarations in this batch (top 25.0 %); this ranking controls the top 50.0 % (threshold 0.50).',
      );
      const tiePick = decisions.slice(1).find((d) => d.strategy === 'model_fraud')!;
      // One of the three tied declarations fits: the pick above the tie does not count in its share.
      expect(tiePick.reasons[0]!.en).toBe(
        'Fraud probability 0.50 is at the selection threshold, a score shared by the declarations in this batch ranked 2–4 of 4 (top 100.0 % counting ties); this ranking controls the top 50.0 % (threshold 0.50), which leaves room for 33.3 % of the tie, and the seeded draw selected this one.',
      );
    });

    it('splits the model’s picks between the rankings by largest remainder', () => {
      const even = selectBatch(
        handPolicy({ objectives: { fraud: 1, critical: 1, revenue: 1 } }),
        buildScoredStream(10),
      );
      // 5 picks: 5/3 each, the two remainders that tie go to the first rankings (critical, then fraud).
      expect(strategies(even)).toEqual({ model_critical: 2, model_fraud: 2, model_revenue: 1, none: 5 });
      const weighted = selectBatch(
        handPolicy({ objectives: { fraud: 0.5, critical: 0.3, revenue: 0.2 } }),
        buildScoredStream(14),
      );
      // 7 picks: 2.1 critical, 3.5 fraud, 1.4 revenue; the one left over goes to fraud's 0.5.
      expect(strategies(weighted)).toEqual({ model_critical: 2, model_fraud: 4, model_revenue: 1, none: 7 });
      const byFraction = selectBatch(
        handPolicy({ objectives: { fraud: 0.2, critical: 0.62, revenue: 0.18 } }),
        buildScoredStream(10),
      );
      // 5 picks: 3.1 critical, 1 fraud, 0.9 revenue; the one left over goes to the largest fraction, revenue's.
      expect(strategies(byFraction)).toEqual({
        model_critical: 3,
        model_fraud: 1,
        model_revenue: 1,
        none: 5,
      });
    });

    it('ranks critical fraud first and duty at stake by fraud probability times duty', () => {
      const stream = buildScoredStream(4).map((s, i) => ({
        ...s,
        declaration: {
          ...s.declaration,
          items: [{ ...s.declaration.items[0]!, customsValue: 1000 * (i + 1), dutyRate: 10 }],
        },
        fraud: [0.1, 0.2, 0.3, 0.4][i]!,
        critical: [0.9, 0, 0, 0][i]!,
      }));
      const decisions = selectBatch(
        handPolicy({ objectives: { fraud: 0, critical: 1, revenue: 1 } }),
        stream,
      );
      expect(decisions.map((d) => d.strategy)).toEqual(['model_critical', 'none', 'none', 'model_revenue']);
      expect(decisions[3]!.scores).toEqual({ fraud: 0.4, critical: 0, revenue: 160 });
      expect(decisions[3]!.score).toBe(160);
      expect(decisions[0]!.score).toBe(0.9);
    });

    it('divides exploration between random and uncertain picks, rounding the total first', () => {
      const tally = (uncertainShare: number) =>
        strategies(
          selectBatch(handPolicy({ exploration: { share: 0.1, uncertainShare } }), buildScoredStream(100)),
        );
      // 10 % of a 50 % budget over 100 declarations is 5 exploration picks.
      expect(tally(0.5)).toEqual({
        'exploration:random': 2,
        'exploration:uncertain': 3,
        model_fraud: 45,
        none: 50,
      });
      expect(tally(0)).toEqual({ 'exploration:random': 5, model_fraud: 45, none: 50 });
      expect(tally(1)).toEqual({ 'exploration:uncertain': 5, model_fraud: 45, none: 50 });
    });

    it('explores around the fraud cut-off, or around one half when so configured', () => {
      const frauds = [0.95, 0.9, 0.85, 0.8, 0.79, 0.5, 0.3, 0.2, 0.1, 0.05];
      const explored = (centre: 'threshold' | 'half') =>
        selectBatch(
          handPolicy({ exploration: { share: 0.2, uncertainShare: 1, centre } }),
          withFraud(frauds),
        ).find((d) => d.strategy === 'exploration')!;
      const nearCutOff = explored('threshold');
      expect(nearCutOff).toMatchObject({ declarationId: 'D4', explorationMode: 'uncertain' });
      expect(nearCutOff.reasons[0]!.en).toBe(
        'Selected for exploration: the model is least certain here (fraud probability 0.79, near 0.80).',
      );
      expect(explored('half')).toMatchObject({ declarationId: 'D5', explorationMode: 'uncertain' });
      // Without model picks there is no cut-off, so the centre is one half.
      const allExploration = selectBatch(
        handPolicy({ exploration: { share: 1, uncertainShare: 1 } }),
        withFraud([0.95, 0.55, 0.3, 0.1]),
      );
      expect(allExploration.map((d) => d.strategy)).toEqual(['none', 'exploration', 'exploration', 'none']);
    });

    it('takes random control from everyone, in the random channel when the policy names one', () => {
      const decisions = selectBatch(
        handPolicy({ randomRate: 0.25, randomChannel: 'red', explorationChannel: 'blue' }),
        buildScoredStream(8),
        {
          trustedTraders: () => ({
            status: 'active',
            type: 'AEO-F',
            tier: 'gold',
            source: 'national',
            inspectionFactor: 0,
          }),
        },
      );
      // Every importer is an AEO kept out of model selection: only random control remains.
      expect(strategies(decisions)).toEqual({ random: 2, none: 6 });
      const picked = decisions.filter((d) => d.strategy === 'random');
      expect(picked.map((d) => d.channel)).toEqual(['red', 'red']);
      expect(picked[0]!.reasons.map((r) => r.en)).toEqual([
        'Selected at random (minimum random rate 25.0 %) to measure compliance across all traders, AEOs included.',
        expect.stringMatching(/^Importer I\d+ is an AEO \(AEO-F, tier gold, national status\)/u),
        'Channel: red (physical inspection).',
      ]);
    });

    it('puts exploration picks in the exploration channel when the policy names one', () => {
      const decisions = selectBatch(
        handPolicy({ exploration: { share: 0.5 }, explorationChannel: 'blue' }),
        buildScoredStream(8),
      );
      const explored = decisions.filter((d) => d.strategy === 'exploration');
      expect(explored).toHaveLength(2);
      expect(explored.every((d) => d.channel === 'blue')).toBe(true);
      expect(decisions.filter((d) => d.strategy === 'random')).toHaveLength(0);
    });

    it('reports a rule pick with the rule’s reason first and no model reason', () => {
      const rules = compileRules([
        buildRule({
          id: 'R-Y',
          condition: { kind: 'hsPrefix', prefixes: ['85'] },
          action: { minimumChannel: 'yellow' },
        }),
      ]);
      const [decision] = selectBatch(handPolicy(), withFraud([0.9]), { rules });
      expect(decision).toMatchObject({ strategy: 'rule', channel: 'yellow', score: 0.9 });
      expect(decision!.reasons.slice(1).map((r) => r.en)).toEqual([
        'Rules require at least the yellow (documentary check) channel.',
        'Channel: yellow (documentary check).',
      ]);
      expect(decision).not.toHaveProperty('explorationMode');
    });

    it('keeps each office’s decisions in input order and refuses ambiguous policies', () => {
      const stream = buildScoredStream(6, { office: (i) => (i % 3 === 0 ? 'A' : 'B') });
      const decisions = selectBatch(
        [handPolicy({ id: 'a', office: 'A' }), handPolicy({ id: 'rest' })],
        stream,
      );
      expect(decisions.map((d) => `${d.declarationId}:${d.policyId}`)).toEqual([
        'D0:a',
        'D1:rest',
        'D2:rest',
        'D3:a',
        'D4:rest',
        'D5:rest',
      ]);
      expect(() => selectBatch([handPolicy({ id: 'a', office: 'A' })], stream)).toThrow(
        'no selection policy for office B and no default policy',
      );
      expect(() => selectBatch([handPolicy(), handPolicy({ id: 'other' })], stream)).toThrow(
        'more than one default selection policy',
      );
      expect(() =>
        selectBatch([handPolicy({ office: 'A' }), handPolicy({ id: 'again', office: 'A' })], stream),
      ).toThrow('more than one selection policy for office A');
    });
  });

  describe('streaming', () => {
    it('selects at the start-up threshold, not below it, and paces start-up picks by the budget', () => {
      const state = createPolicyState(handPolicy({ rates: { red: 0.05, yellow: 0, blue: 0 } }));
      const [a, b, c] = withFraud([0.49, 0.5, 0.9]);
      expect(decide(state, a!).strategy).toBe('none');
      const atThreshold = decide(state, b!);
      expect(atThreshold).toMatchObject({ strategy: 'model_fraud', channel: 'red', score: 0.5 });
      expect(atThreshold.reasons[0]!.en).toBe(
        'Fraud probability 0.50 reaches the start-up threshold 0.50 (too few recent declarations to calibrate yet; start-up picks are kept within the budget).',
      );
      // One pick in two declarations is far over a 5 % budget: the guard holds the next one back.
      expect(decide(state, c!).strategy).toBe('none');
    });

    it('ranks critical fraud first at start-up and never selects on duty before calibration', () => {
      const policy = handPolicy({
        objectives: { fraud: 1, critical: 1, revenue: 1 },
        calibration: { warmupThreshold: 0.3 },
      });
      const critical = decide(createPolicyState(policy), withFraud([0.1], 0.3)[0]!);
      expect(critical.strategy).toBe('model_critical');
      const revenueOnly = handPolicy({ objectives: { fraud: 0, critical: 0, revenue: 1 } });
      const [certain] = withFraud([1], 1);
      // 100 of duty at stake, certainly fraudulent: still no pick on duty until the window is calibrated.
      const dutiable = {
        ...certain!,
        declaration: {
          ...certain!.declaration,
          items: [{ ...certain!.declaration.items[0]!, customsValue: 1000, dutyRate: 10 }],
        },
      };
      expect(decide(createPolicyState(revenueOnly), dutiable)).toMatchObject({
        strategy: 'none',
        scores: { fraud: 1, critical: 1, revenue: 100 },
      });
    });

    it('ranks a declaration against the recent window once calibrated', () => {
      const state = createPolicyState(
        handPolicy({
          rates: { red: 0.1, yellow: 0, blue: 0 },
          calibration: { window: 100, minSamples: 100 },
        }),
      );
      // 100 low scores (0.000 to 0.495) fill the window without any start-up pick.
      for (const s of withFraud(Array.from({ length: 100 }, (_, i) => i / 200))) {
        expect(decide(state, s).strategy).toBe('none');
      }
      const [high, low] = withFraud([0.9, 0.3]).map((s, i) => ({
        ...s,
        declaration: { ...s.declaration, id: `NEW${i}` },
      }));
      const pick = decide(state, high!);
      expect(pick.strategy).toBe('model_fraud');
      expect(pick.reasons[0]!.en).toBe(
        'Fraud probability 0.90 ranks 1 of 101 recent declarations (top 0.99 %); this ranking controls the top 10.0 % (threshold 0.45).',
      );
      expect(decide(state, low!).strategy).toBe('none');
    });

    it('refuses a declaration of an office without a policy when there is no default', () => {
      const state = createPolicyState([handPolicy({ id: 'a', office: 'A' })]);
      const [s] = buildScoredStream(1, { office: 'B' });
      expect(() => decide(state, s!)).toThrow('no selection policy for office B and no default policy');
      const [own] = buildScoredStream(1, { office: 'A' });
      expect(decide(state, own!).policyId).toBe('a');
    });
  });

  describe('scores', () => {
    it('clamps scores into 0..1 after rule adjustments, and sums duty over items with a rate', () => {
      const rules = compileRules([
        buildRule({
          id: 'UP',
          condition: { kind: 'hsPrefix', prefixes: ['85'] },
          action: { scoreAdjustment: 0.5 },
        }),
      ]);
      const [base] = buildScoredStream(1);
      const declaration = {
        ...base!.declaration,
        items: [
          { ...base!.declaration.items[0]!, customsValue: 1000, dutyRate: 5 },
          { ...base!.declaration.items[0]!, customsValue: 400, dutyRate: undefined },
          { ...base!.declaration.items[0]!, customsValue: Number.NaN, dutyRate: 10 },
          { ...base!.declaration.items[0]!, customsValue: 200, dutyRate: 10 },
        ],
      };
      const [adjusted] = selectBatch(handPolicy(), [{ declaration, fraud: 0.7, critical: 1.5 }], { rules });
      expect(adjusted!.scores).toEqual({ fraud: 1, critical: 1, revenue: 70 });
      const [plain] = selectBatch(handPolicy(), [{ declaration, fraud: -0.5, critical: -1 }]);
      expect(plain!.scores).toEqual({ fraud: 0, critical: 0, revenue: 0 });
    });

    it('refuses score arrays whose length differs from the declarations', () => {
      const [a] = buildScoredStream(1);
      expect(() => toScoredDeclarations([a!.declaration], { fraud: [0.1], critical: [] })).toThrow(
        'scores and declarations differ in length',
      );
    });
  });

  /**
   * Streams of a few hundred declarations whose every pick follows from the seeded draws (drawUniform of the
   * policy's seed, the declaration id and the purpose), so each pick can be recomputed from the rule it obeys.
   */
  describe('streaming against the seeded draws', () => {
    const seed = 42;
    const redOnly = { red: 0.1, yellow: 0, blue: 0 };
    const calibration = { window: 100, minSamples: 50 };
    const ruleHs = '010620';
    const redRule = () =>
      compileRules([
        buildRule({
          id: 'R-LIVE',
          condition: { kind: 'hsPrefix', prefixes: ['0106'] },
          action: { minimumChannel: 'red' },
        }),
      ]);
    /** Every twentieth declaration (D7, D27, …) carries live animals, which the rule sends to red. */
    const withRuleHits = (stream: ScoredDeclaration[]) =>
      stream.map((s, i) =>
        i % 20 === 7
          ? {
              ...s,
              declaration: { ...s.declaration, items: [{ ...s.declaration.items[0]!, hsCode: ruleHs }] },
            }
          : s,
      );
    const kthLargest = (values: number[], k: number) =>
      k <= 0 || values.length === 0 ? Number.POSITIVE_INFINITY : [...values].sort((a, b) => b - a)[k - 1]!;

    /**
     * Random exploration as an analyst states it: a declaration no rule took is explored when its exploration draw
     * reaches the top `rate` of the recent declarations' draws (1 − rate before calibration), as long as the picks
     * among the recent declarations stay within their allowance plus 5 %. Without a model, the model's share of the
     * budget (what the rules observed recently leave of it) is explored at random too.
     */
    function expectedStrategies(
      stream: ScoredDeclaration[],
      options: { budget: number; exploreRandom: number; isUnscored: boolean },
    ): string[] {
      const drawsSeen: number[] = [];
      const ruleFlags: boolean[] = [];
      const pickFlags: boolean[] = [];
      return stream.map((s, k) => {
        const isRule = s.declaration.items[0]!.hsCode === ruleHs;
        const isCalibrated = k >= calibration.minSamples;
        ruleFlags.push(isRule);
        const recentRules = ruleFlags.slice(-calibration.window);
        const observedRules = isCalibrated ? recentRules.filter(Boolean).length / recentRules.length : 0;
        const modelRate = Math.max(0, options.budget - observedRules - options.exploreRandom);
        const rate = options.isUnscored ? options.exploreRandom + modelRate : options.exploreRandom;
        const recentDraws = drawsSeen.slice(-calibration.window);
        const recentPicks = pickFlags.slice(-calibration.window);
        const allowance = modelRate + options.exploreRandom;
        const isWithinBudget =
          recentPicks.filter(Boolean).length < allowance * (recentPicks.length + 1) * 1.05;
        const draw = drawUniform(seed, s.declaration.id, 'explore');
        const threshold = isCalibrated
          ? kthLargest(recentDraws, Math.round(rate * recentDraws.length))
          : 1 - rate;
        const isExplored = !isRule && rate > 0 && isWithinBudget && draw >= threshold;
        drawsSeen.push(isRule ? Number.NEGATIVE_INFINITY : draw);
        pickFlags.push(isExplored);
        return isRule ? 'rule' : isExplored ? 'exploration:random' : 'none';
      });
    }

    it.each([
      ['without a model, spends the model’s share on random exploration', true, 0],
      ['with a model, explores at random the share reserved for it', false, 1],
    ])(
      '%s: explores the declarations whose seeded draw tops the recent draws',
      (_label, isUnscored, share) => {
        const stream = withRuleHits(
          withFraud(Array.from({ length: 300 }, () => 0.9)).map((s) => ({ ...s, isUnscored })),
        );
        const policy = handPolicy({
          rates: redOnly,
          exploration: { share, uncertainShare: 0 },
          calibration,
        });
        const decisions = decideAll(stream, policy, { rules: redRule() });
        const expected = expectedStrategies(stream, { budget: 0.1, exploreRandom: share * 0.1, isUnscored });
        expect(
          decisions.map((d) => (d.explorationMode ? `${d.strategy}:${d.explorationMode}` : d.strategy)),
        ).toEqual(expected);
        const explored = decisions.filter((d) => d.strategy === 'exploration');
        expect(explored.length).toBeGreaterThan(10);
        expect(explored.length).toBeLessThan(40);
        expect(explored[0]!.channel).toBe('red');
        expect(explored[0]!.reasons.map((r) => r.en)).toEqual([
          'Selected at random for exploration, so the model keeps learning from declarations it would not pick itself.',
          'Channel: red (physical inspection).',
        ]);
        // The rule's own reason comes first, then the channel it requires.
        expect(decisions[7]!.reasons.map((r) => r.en)).toEqual([
          'Rule R-LIVE "Test rule" (customs) hit on item 1: HS code 010620 falls under 0106.',
          'Rules require at least the red (physical inspection) channel.',
          'Channel: red (physical inspection).',
        ]);
      },
    );

    /** A state calibrated on 100 declarations with the given fraud scores (all below the start-up threshold). */
    function calibratedOn(frauds: number[], overrides: Parameters<typeof handPolicy>[0] = {}) {
      const state = createPolicyState(
        handPolicy({ calibration: { window: 100, minSamples: 100 }, ...overrides }),
      );
      for (const s of withFraud(frauds)) decide(state, s);
      return state;
    }
    const probe = (id: string, fraud: number): ScoredDeclaration => {
      const [s] = withFraud([fraud]);
      return { ...s!, declaration: { ...s!.declaration, id } };
    };
    const repeat = (n: number, value: number) => Array.from({ length: n }, () => value);

    it('selects a share of a tie at the window threshold by the seeded draw, placing it by its draw', () => {
      const rates = { red: 0.05, yellow: 0.05, blue: 0 };
      const objectives = { fraud: 2, critical: 0, revenue: 0 };
      // 20 recent declarations share 0.30, the 10th highest score: the 10 % ranking has room for half of them.
      const frauds = [...repeat(80, 0.1), ...repeat(20, 0.3)];
      const ids = Array.from({ length: 12 }, (_, i) => `TIE${i}`);
      const decisions = ids.map((id) => decide(calibratedOn(frauds, { rates, objectives }), probe(id, 0.3)));
      const expected = ids.map((id) => {
        const u = drawUniform(seed, id, 'tie:fraud');
        // Within the half that is picked, the draw spreads the picks over the ranking: its first half goes red.
        return u >= 0.5 ? 'none:green' : u < 0.25 ? 'model_fraud:red' : 'model_fraud:yellow';
      });
      expect(decisions.map((d) => `${d.strategy}:${d.channel}`)).toEqual(expected);
      expect(new Set(expected).size).toBe(3);
      const pick = decisions.find((d) => d.strategy === 'model_fraud')!;
      expect(pick.reasons[0]!.en).toBe(
        'Fraud probability 0.30 is at the selection threshold, a score shared by the recent declarations ranked 1–21 of 101 (top 20.8 % counting ties); this ranking controls the top 10.0 % (threshold 0.30), which leaves room for 50.0 % of the tie, and the seeded draw selected this one.',
      );
    });

    it('selects the whole tie at the window threshold when the budget fits it, without a draw', () => {
      const rates = { red: 0.05, yellow: 0.05, blue: 0 };
      const objectives = { fraud: 2, critical: 0, revenue: 0 };
      const frauds = [...repeat(90, 0.1), ...repeat(10, 0.3)];
      const decisions = ['FIT0', 'FIT1', 'FIT2', 'FIT3'].map((id) =>
        decide(calibratedOn(frauds, { rates, objectives }), probe(id, 0.3)),
      );
      for (const d of decisions) {
        expect(d).toMatchObject({ strategy: 'model_fraud', channel: 'red', score: 0.3 });
        expect(d.reasons[0]!.en).toBe(
          'Fraud probability 0.30 shares ranks 1–11 of 101 recent declarations with 10 others (top 10.9 % counting ties); this ranking controls the top 10.0 % (threshold 0.30).',
        );
      }
    });

    it('places a pick above the window threshold by its rank among the expected picks', () => {
      const rates = { red: 0.05, yellow: 0.05, blue: 0 };
      const objectives = { fraud: 2, critical: 0, revenue: 0 };
      // Ten recent scores from 0.40 to 0.49 are the 10 % ranking's picks: a new 0.95 ranks first (red), a new
      // 0.4455 ranks 6th of the 10 (yellow: the first half of the picks goes red).
      const frauds = [...repeat(90, 0.1), ...Array.from({ length: 10 }, (_, i) => 0.4 + i / 100)];
      const high = decide(calibratedOn(frauds, { rates, objectives }), probe('HIGH', 0.95));
      const middle = decide(calibratedOn(frauds, { rates, objectives }), probe('MIDDLE', 0.4455));
      const low = decide(calibratedOn(frauds, { rates, objectives }), probe('LOW', 0.2));
      expect([high, middle, low].map((d) => `${d.strategy}:${d.channel}`)).toEqual([
        'model_fraud:red',
        'model_fraud:yellow',
        'none:green',
      ]);
      expect(middle.reasons[0]!.en).toMatch(/^Fraud probability 0\.4\d ranks 6 of 101 recent declarations/);
    });

    it('explores the declaration the model is least sure about, near the calibrated cut-off or one half', () => {
      // Fraud alone, budget 10 %: half to the model, half to uncertain exploration.
      const exploration = { share: 0.5, uncertainShare: 1 };
      const frauds = Array.from({ length: 100 }, (_, i) => i / 200);
      const near = (centre: 'threshold' | 'half', id: string, fraud: number) =>
        decide(
          calibratedOn(frauds, { rates: redOnly, exploration: { ...exploration, centre } }),
          probe(id, fraud),
        );
      // The model's cut-off is the 5th highest recent score, 0.475: 0.47 is closer to it than any recent score.
      const nearCutOff = near('threshold', 'U1', 0.47);
      expect(nearCutOff).toMatchObject({
        strategy: 'exploration',
        explorationMode: 'uncertain',
        channel: 'red',
      });
      expect(nearCutOff.reasons.map((r) => r.en)).toEqual([
        'Selected for exploration: the model is least certain here (fraud probability 0.47, near 0.47).',
        'Channel: red (physical inspection).',
      ]);
      // Around one half, 0.47 is farther than the five recent scores nearest to it (0.475 to 0.495).
      expect(near('half', 'U1', 0.47).strategy).toBe('none');
      // A score above the cut-off is the model's pick, not exploration; one far from both is released.
      expect(near('threshold', 'U3', 0.9).strategy).toBe('model_fraud');
      expect(near('threshold', 'U4', 0.05).strategy).toBe('none');
      // Without a model the scores mean nothing: no declaration is "uncertain".
      const unscored = decide(calibratedOn(frauds, { rates: redOnly, exploration }), {
        ...probe('U1', 0.47),
        isUnscored: true,
      });
      expect(unscored.explorationMode).not.toBe('uncertain');
    });

    it('calibrates on primed declarations as if they had been decided', () => {
      const state = createPolicyState(
        handPolicy({ rates: redOnly, calibration: { window: 100, minSamples: 100 } }),
      );
      primePolicyState(state, withFraud(Array.from({ length: 100 }, (_, i) => i / 200)));
      const pick = decide(state, probe('AFTER', 0.9));
      expect(pick.reasons[0]!.en).toBe(
        'Fraud probability 0.90 ranks 1 of 101 recent declarations (top 0.99 %); this ranking controls the top 10.0 % (threshold 0.45).',
      );
    });

    it('never explores uncertain declarations before the window is calibrated', () => {
      const state = createPolicyState(
        handPolicy({ rates: redOnly, exploration: { share: 1, uncertainShare: 1 }, calibration }),
      );
      const decisions = withFraud(repeat(40, 0.5)).map((s) => decide(state, s));
      expect(decisions.every((d) => d.strategy === 'none')).toBe(true);
    });

    it('takes random control while streaming by each declaration’s own draw', () => {
      const state = createPolicyState(handPolicy({ randomRate: 0.25, randomChannel: 'yellow' }));
      const stream = withFraud(repeat(40, 0));
      const decisions = stream.map((s) => decide(state, s));
      const expected = stream.map((s) =>
        drawUniform(seed, s.declaration.id, 'random') < 0.25 ? 'random:yellow' : 'none:green',
      );
      expect(decisions.map((d) => `${d.strategy}:${d.channel}`)).toEqual(expected);
      expect(expected.filter((e) => e === 'random:yellow').length).toBeGreaterThan(4);
    });
  });

  describe('rules and agencies', () => {
    it('evaluates the rules for the day the context names, else for the declaration’s date', () => {
      const rules = compileRules([
        buildRule({
          id: 'R-2026',
          condition: { kind: 'hsPrefix', prefixes: ['85'] },
          action: { minimumChannel: 'red' },
          validFrom: '2026-01-01',
        }),
      ]);
      // The declarations are dated 2025-03-10, before the rule comes into force.
      // A 10 % budget of one declaration rounds to no model pick: only the rule can select it.
      const policy = handPolicy({ rates: { red: 0.1, yellow: 0, blue: 0 } });
      const [onItsDate] = selectBatch(policy, withFraud([0]), { rules });
      expect(onItsDate!.strategy).toBe('none');
      const [onTheDay] = selectBatch(policy, withFraud([0]), { rules, date: '2026-06-01' });
      expect(onTheDay).toMatchObject({ strategy: 'rule', channel: 'red' });
      const streamed = decide(
        createPolicyState(handPolicy(), { rules, date: '2026-06-01' }),
        withFraud([0])[0]!,
      );
      expect(streamed.strategy).toBe('rule');
    });

    it('lists the agencies to notify in alphabetical order, whatever order the rules hit in', () => {
      const rules = compileRules([
        buildRule({
          id: 'VET',
          condition: { kind: 'hsPrefix', prefixes: ['85'] },
          action: { notifyAgency: 'VET' },
        }),
        buildRule({
          id: 'CUS',
          condition: { kind: 'hsPrefix', prefixes: ['85'] },
          action: { notifyAgency: 'CUS' },
        }),
      ]);
      const [decision] = selectBatch(handPolicy(), withFraud([0.1]), { rules });
      expect(decision!.ruleHits.map((h) => h.ruleId)).toEqual(['VET', 'CUS']);
      expect(decision!.agenciesToNotify).toEqual(['CUS', 'VET']);
    });

    it('leaves rule picks to the rules and counts them against the model’s share in a batch', () => {
      const rules = compileRules([
        buildRule({
          id: 'R-RED',
          condition: { kind: 'hsPrefix', prefixes: ['0106'] },
          action: { minimumChannel: 'red' },
        }),
      ]);
      const stream = withFraud(Array.from({ length: 8 }, () => 0.5));
      // The rule takes the two declarations random control would draw first (the lowest random draws).
      const byDraw = [...stream].sort(
        (a, b) => drawUniform(42, a.declaration.id, 'random') - drawUniform(42, b.declaration.id, 'random'),
      );
      const ruled = new Set(byDraw.slice(0, 2).map((s) => s.declaration.id));
      const withRules = stream.map((s) =>
        ruled.has(s.declaration.id)
          ? {
              ...s,
              declaration: { ...s.declaration, items: [{ ...s.declaration.items[0]!, hsCode: '010620' }] },
            }
          : s,
      );
      const decisions = selectBatch(handPolicy({ randomRate: 0.25 }), withRules, { rules });
      for (const d of decisions) expect(d.strategy === 'rule').toBe(ruled.has(d.declarationId));
      // Random control takes the lowest draws left, as a stream takes the draws below the random rate.
      expect(
        decisions
          .filter((d) => d.strategy === 'random')
          .map((d) => d.declarationId)
          .sort(),
      ).toEqual(
        byDraw
          .slice(2, 4)
          .map((s) => s.declaration.id)
          .sort(),
      );
      // Budget 4 of 8: two by rule, two by random control, none left for the model.
      expect(strategies(decisions)).toEqual({ rule: 2, random: 2, none: 4 });
    });

    it('refuses a fraud score array whose length differs from the declarations', () => {
      const [a] = buildScoredStream(1);
      expect(() => toScoredDeclarations([a!.declaration], { fraud: [], critical: [0.1] })).toThrow(
        'scores and declarations differ in length',
      );
    });
  });
});
