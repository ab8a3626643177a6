import { describe, expect, it } from 'vitest';
import { computeAuc, evaluateRanking } from './metrics';

describe('evaluateRanking', () => {
  it('reports precision, recall, lift and duty captured at each inspection share', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 100 - i);
    const isPositive = scores.map((_, i) => i < 5 || i === 50);
    const duty = isPositive.map((positive) => (positive ? 10 : 0));
    const evaluation = evaluateRanking(scores, isPositive, duty, [0.05, 0.1]);
    expect(evaluation.baseRate).toBeCloseTo(0.06);
    const [at5, at10] = evaluation.atShare;
    expect(at5).toMatchObject({ inspected: 5, hits: 5, precision: 1 });
    expect(at5?.recall).toBeCloseTo(5 / 6);
    expect(at5?.lift).toBeCloseTo(1 / 0.06);
    expect(at5?.dutyCaptured).toBeCloseTo(5 / 6);
    expect(at10?.precision).toBeCloseTo(0.5);
  });

  it('computes AUC with ties sharing their rank', () => {
    expect(computeAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(computeAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBeCloseTo(0.5);
    expect(computeAuc([1, 2, 3], [1, 1, 1])).toBeNaN();
  });
});
