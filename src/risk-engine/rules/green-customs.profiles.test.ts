import { describe, expect, it } from 'vitest';
import { greenCustomsProfiles } from './green-customs.profiles';
import { compileRules, evaluateRules } from './rule-evaluator';
import { buildDeclaration, buildItem } from './rule-test-factories';

const rules = compileRules(greenCustomsProfiles);

function hitsFor(hsCode: string, permits?: string[], date = '2025-03-10') {
  return evaluateRules(
    rules,
    buildDeclaration({ date, items: [buildItem({ hsCode, ...(permits ? { permits } : {}) })] }),
  );
}

describe('green-customs profiles', () => {
  it('hold a CITES-listed heading without a permit and notify the CITES authority', () => {
    const hits = hitsFor('010620');
    expect(hits.map((h) => h.ruleId)).toEqual(['GC-CITES-01']);
    expect(hits[0]?.profileId).toBe('green-cites');
    expect(hits[0]?.action).toEqual({ minimumChannel: 'red', notifyAgency: 'CITES-MA' });
    expect(hits[0]?.reason.en).toContain('no CITES permit or certificate was presented');
    expect(hits[0]?.reason.ru).toContain('отсутствует разрешение или сертификат CITES');
  });

  it('let the same goods through when a CITES permit is presented', () => {
    expect(hitsFor('010620', ['CITES:KZ/2025/0042'])).toEqual([]);
    // A permit of another scheme does not satisfy the CITES rule.
    expect(hitsFor('010620', ['ODS:KZ/2025/7'])).toHaveLength(1);
  });

  it.each([
    ['290377', ['GC-ODS-01', 'GC-ODS-02', 'GC-CHEM-02']],
    ['382478', ['GC-ODS-03']],
    ['841810', ['GC-ODS-04']],
    ['960190', ['GC-CITES-02']],
    ['440349', ['GC-CITES-04']],
    ['382510', ['GC-BASEL-01']],
    ['854911', ['GC-BASEL-02']],
    ['380891', ['GC-CHEM-01']],
    ['851712', []],
  ])('map HS %s to %j', (hsCode, expected) => {
    expect(
      hitsFor(hsCode)
        .map((h) => h.ruleId)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('apply the plastic waste rule only from 2021', () => {
    expect(hitsFor('391510', undefined, '2020-12-31')).toEqual([]);
    expect(hitsFor('391510', undefined, '2021-01-01').map((h) => h.ruleId)).toEqual(['GC-BASEL-03']);
  });

  it('describe every profile and rule in English and Russian', () => {
    for (const profile of greenCustomsProfiles) {
      expect(profile.description.en.length).toBeGreaterThan(20);
      expect(profile.description.ru).toMatch(/[а-я]/);
      for (const rule of profile.rules) expect(rule.description.ru).toMatch(/[а-я]/);
    }
  });
});
