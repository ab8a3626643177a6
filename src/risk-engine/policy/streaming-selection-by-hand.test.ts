import { describe, expect, it } from 'vitest';
import { compileRules } from '../rules/rule-evaluator';
import { buildRule } from '../rules/rule-test-factories';
import { buildScoredStream } from './policy-test-factories';
import {
  createPolicyState,
  decide,
  primePolicyState,
  selectBatch,
  toScoredDeclarations,
  type Decision,
  type ScoredDeclaration,
} from './selection-policy';
import { drawUniform } from './seeded-random';
import { handPolicy, strategies, withFraud } from './hand-worked-test-factories';

function decideAll(scored: ScoredDeclaration[], ...args: Parameters<typeof createPolicyState>): Decision[] {
  const state = createPolicyState(...args);
  return scored.map((s) => decide(state, s));
}

describe('selection worked out by hand', () => {
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
