import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../programme-core';
import { heatMap, inherentRisk, residualRisk, riskLevel, suggestRisks } from './risk-map.engine';

describe('risk ratings', () => {
  it('multiplies likelihood by impact and names the level', () => {
    expect(inherentRisk(4, 5)).toEqual({ likelihood: 4, impact: 5, score: 20, level: 'very_high' });
    expect(inherentRisk(1, 4).level).toBe('low');
    expect(riskLevel(5)).toBe('medium');
    expect(riskLevel(10)).toBe('high');
  });

  it('lowers likelihood by the effectiveness of the controls, never below 1', () => {
    expect(residualRisk(4, 5, 'none').score).toBe(20);
    expect(residualRisk(4, 5, 'weak').score).toBe(15);
    expect(residualRisk(4, 5, 'adequate').score).toBe(10);
    expect(residualRisk(2, 5, 'strong')).toMatchObject({ likelihood: 1, score: 5 });
  });

  it('refuses ratings off the 1–5 scale', () => {
    expect(() => inherentRisk(0, 3)).toThrow(RangeError);
    expect(() => inherentRisk(3, 6)).toThrow(RangeError);
  });
});

describe('heatMap', () => {
  it('places each entry in its inherent and residual cells, likelihood 5 on the first row', () => {
    const map = heatMap([
      { id: 'a', likelihood: 4, impact: 5, controlEffectiveness: 'adequate' },
      { id: 'b', likelihood: 1, impact: 1, controlEffectiveness: 'none' },
    ]);
    expect(map).toHaveLength(5);
    expect(map.every((row) => row.length === 5)).toBe(true);
    expect(map[1]![4]).toMatchObject({ likelihood: 4, impact: 5, inherent: ['a'], residual: [] });
    expect(map[3]![4]).toMatchObject({ likelihood: 2, impact: 5, inherent: [], residual: ['a'] });
    expect(map[4]![0]).toMatchObject({ level: 'low', inherent: ['b'], residual: ['b'] });
    expect(map[0]![4]!.level).toBe('very_high');
  });
});

describe('suggestRisks', () => {
  const catalogue = loadPreset('wco-safe').riskCatalogue;

  it('suggests the catalogue risks of criteria whose answers fell short, likelier for worse findings', () => {
    const questions = [
      { id: 'q1', criteria: ['safe.A'] },
      { id: 'q2', criteria: ['safe.I'] },
      { id: 'q3', criteria: ['safe.B'] },
    ];
    const suggestions = suggestRisks(catalogue, questions, {
      q1: { finding: 'unsatisfactory' },
      q2: { finding: 'needs_improvement' },
      q3: { finding: 'satisfactory' },
    });
    const criteria = new Set(suggestions.map((s) => s.criterion));
    expect(criteria).toEqual(new Set(['safe.A', 'safe.I']));
    expect(suggestions.find((s) => s.criterion === 'safe.A')!.suggestedLikelihood).toBe(4);
    expect(suggestions.find((s) => s.criterion === 'safe.I')!.suggestedLikelihood).toBe(3);
    const mapped = new Set(suggestions.filter((s) => s.criterion === 'safe.A').map((s) => s.catalogueId));
    expect(suggestRisks(catalogue, questions, { q1: { finding: 'unsatisfactory' } }, mapped)).toHaveLength(0);
  });
});
