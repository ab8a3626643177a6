import { describe, expect, it } from 'vitest';
import { loadPreset } from './preset-registry';
import { readinessCheck } from './readiness-check';

describe('readinessCheck', () => {
  const def = loadPreset('wco-safe');

  it('covers every criterion with a handful of items', () => {
    const report = readinessCheck(def, {});
    expect(report.criteria.map((c) => c.criterionId)).toEqual(def.criteria.map((c) => c.id));
    expect(report.status).toBe('missing');
    expect(report.criteria.every((c) => c.total >= 1 && c.total <= 5)).toBe(true);
  });

  it('says ready, partly or missing per criterion and what to prepare', () => {
    const report = readinessCheck(def, {
      'ready.safe.G.loading': true,
      'ready.safe.G.seals': true,
      'ready.safe.H.inspection': true,
    });
    const byId = Object.fromEntries(report.criteria.map((c) => [c.criterionId, c]));
    expect(byId['safe.G']!.status).toBe('ready');
    expect(byId['safe.G']!.toPrepare).toEqual([]);
    expect(byId['safe.H']!.status).toBe('partly');
    expect(byId['safe.H']!.toPrepare.map((p) => p.itemId)).toEqual(['ready.safe.H.carrier_rules']);
    expect(byId['safe.H']!.toPrepare[0]!.advice.ru).not.toBe('');
    expect(byId['safe.A']!.status).toBe('missing');
    expect(report.status).toBe('partly');
  });

  it('is ready overall when every item is answered yes', () => {
    const all = Object.fromEntries(def.readiness.map((item) => [item.id, true]));
    expect(readinessCheck(def, all).status).toBe('ready');
  });

  it('includes the programme criteria of a preset', () => {
    const report = readinessCheck(loadPreset('eaeu'), {});
    expect(report.criteria.map((c) => c.criterionId)).toEqual(
      expect.arrayContaining(['eaeu.guarantee', 'eaeu.activity_period']),
    );
  });
});
