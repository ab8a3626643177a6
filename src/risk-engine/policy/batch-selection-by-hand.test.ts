import { describe, expect, it } from 'vitest';
import { compileRules } from '../rules/rule-evaluator';
import { buildRule } from '../rules/rule-test-factories';
import { buildScoredStream } from './policy-test-factories';
import { selectBatch } from './selection-policy';
import { byId, count, handPolicy, strategies, withFraud } from './hand-worked-test-factories';

describe('selection worked out by hand', () => {
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
});
