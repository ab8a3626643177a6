import { describe, expect, it } from 'vitest';
import { compileRules, evaluateRules } from './rule-evaluator';
import { buildDeclaration, buildItem, buildRule } from './rule-test-factories';
import type { Rule, RuleCondition } from './rule.schemas';

function hitsOf(condition: RuleCondition, declaration = buildDeclaration(), extra: Partial<Rule> = {}) {
  return evaluateRules(compileRules([buildRule({ condition, ...extra })]), declaration);
}

describe('evaluateRules', () => {
  it('matches a declaration-level field with equals, ignoring case and spaces', () => {
    const hits = hitsOf({ kind: 'equals', field: 'office', value: ' kz001' });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.itemIndex).toBeUndefined();
    expect(hits[0]?.reason.en).toContain('customs office is "KZ001"');
    expect(hitsOf({ kind: 'equals', field: 'office', value: 'KZ002' })).toHaveLength(0);
  });

  it('matches numbers and booleans with equals', () => {
    const declaration = buildDeclaration({ items: [buildItem({ dutyRate: 8, preferenceClaimed: true })] });
    expect(hitsOf({ kind: 'equals', field: 'item.dutyRate', value: 8 }, declaration)).toHaveLength(1);
    expect(
      hitsOf({ kind: 'equals', field: 'item.preferenceClaimed', value: true }, declaration),
    ).toHaveLength(1);
    expect(
      hitsOf({ kind: 'equals', field: 'item.preferenceClaimed', value: false }, declaration),
    ).toHaveLength(0);
  });

  it('matches a field against a list with in, one hit per matching item', () => {
    const declaration = buildDeclaration({
      items: [
        buildItem({ originCountry: 'CN' }),
        buildItem({ originCountry: 'DE' }),
        buildItem({ originCountry: 'VN' }),
      ],
    });
    const hits = hitsOf({ kind: 'in', field: 'item.originCountry', values: ['VN', 'CN'] }, declaration);
    expect(hits.map((h) => h.itemIndex)).toEqual([0, 2]);
    expect(hits[1]?.reason.ru).toContain('по товару № 3');
  });

  it('matches HS-code prefixes of any length and reports the item and its code', () => {
    const declaration = buildDeclaration({
      items: [buildItem({ hsCode: '010620' }), buildItem({ hsCode: '030111' })],
    });
    const hits = hitsOf({ kind: 'hsPrefix', prefixes: ['0301', '01062'] }, declaration);
    expect(hits.map((h) => [h.itemIndex, h.hsCode])).toEqual([
      [0, '010620'],
      [1, '030111'],
    ]);
    expect(hits[0]?.reason.en).toContain('HS code 010620 falls under 01062');
    expect(hitsOf({ kind: 'hsPrefix', prefixes: ['0302'] }, declaration)).toHaveLength(0);
  });

  it('matches an HS-code range inclusively', () => {
    const declaration = buildDeclaration({
      items: [buildItem({ hsCode: '854920' }), buildItem({ hsCode: '855000' })],
    });
    const hits = hitsOf({ kind: 'hsRange', from: '8548', to: '8549' }, declaration);
    expect(hits.map((h) => h.itemIndex)).toEqual([0]);
  });

  it('matches a numeric range with either bound or both', () => {
    const declaration = buildDeclaration({ items: [buildItem({ customsValue: 50, netMassKg: 10 })] });
    expect(hitsOf({ kind: 'range', field: 'item.customsValue', min: 50, max: 60 }, declaration)).toHaveLength(
      1,
    );
    expect(hitsOf({ kind: 'range', field: 'item.customsValue', min: 51 }, declaration)).toHaveLength(0);
    const cheap = hitsOf({ kind: 'range', field: 'item.valuePerKg', max: 10 }, declaration);
    expect(cheap).toHaveLength(1);
    expect(cheap[0]?.reason.en).toContain('value per kg 5 is at most 10');
    // A missing value never falls in a range.
    expect(hitsOf({ kind: 'range', field: 'item.quantity', min: 0 }, declaration)).toHaveLength(0);
  });

  it('flags a missing permit, and a permit that does not match the pattern', () => {
    const condition: RuleCondition = {
      kind: 'missingPermit',
      pattern: '^CITES\\b',
      document: { en: 'CITES permit', ru: 'разрешение CITES' },
    };
    expect(hitsOf(condition, buildDeclaration({ items: [buildItem()] }))).toHaveLength(1);
    expect(hitsOf(condition, buildDeclaration({ items: [buildItem({ permits: ['ODS:1'] })] }))).toHaveLength(
      1,
    );
    expect(
      hitsOf(condition, buildDeclaration({ items: [buildItem({ permits: ['cites:KZ/1'] })] })),
    ).toHaveLength(0);
    const anyPermit: RuleCondition = { kind: 'missingPermit' };
    expect(hitsOf(anyPermit, buildDeclaration({ items: [buildItem({ permits: ['X-1'] })] }))).toHaveLength(0);
    expect(hitsOf(anyPermit, buildDeclaration({ items: [buildItem({ permits: [' '] })] }))).toHaveLength(1);
  });

  it('combines conditions with all, any and not', () => {
    const declaration = buildDeclaration({ items: [buildItem({ hsCode: '851712', originCountry: 'CN' })] });
    const hs: RuleCondition = { kind: 'hsPrefix', prefixes: ['8517'] };
    const cn: RuleCondition = { kind: 'equals', field: 'item.originCountry', value: 'CN' };
    const de: RuleCondition = { kind: 'equals', field: 'item.originCountry', value: 'DE' };
    expect(hitsOf({ kind: 'all', conditions: [hs, cn] }, declaration)).toHaveLength(1);
    expect(hitsOf({ kind: 'all', conditions: [hs, de] }, declaration)).toHaveLength(0);
    expect(hitsOf({ kind: 'any', conditions: [de, cn] }, declaration)).toHaveLength(1);
    expect(
      hitsOf({ kind: 'any', conditions: [de, { kind: 'not', condition: cn }] }, declaration),
    ).toHaveLength(0);
    const both = hitsOf({ kind: 'all', conditions: [hs, { kind: 'not', condition: de }] }, declaration);
    expect(both[0]?.reason.en).toMatch(/falls under 8517; it is not the case that country of origin is "DE"/);
  });

  it('tests declaration fields and item fields together, item by item', () => {
    const declaration = buildDeclaration({
      office: 'KZ009',
      items: [buildItem({ hsCode: '851712' }), buildItem({ hsCode: '010620' })],
    });
    const hits = hitsOf(
      {
        kind: 'all',
        conditions: [
          { kind: 'equals', field: 'office', value: 'KZ009' },
          { kind: 'hsPrefix', prefixes: ['0106'] },
        ],
      },
      declaration,
    );
    expect(hits.map((h) => h.itemIndex)).toEqual([1]);
  });

  it('applies a rule only inside its validity window, both ends inclusive', () => {
    const extra = { validFrom: '2025-01-01', validTo: '2025-06-30' };
    const condition: RuleCondition = { kind: 'hsPrefix', prefixes: ['8517'] };
    expect(hitsOf(condition, buildDeclaration({ date: '2024-12-31' }), extra)).toHaveLength(0);
    expect(hitsOf(condition, buildDeclaration({ date: '2025-01-01' }), extra)).toHaveLength(1);
    expect(hitsOf(condition, buildDeclaration({ date: '2025-06-30' }), extra)).toHaveLength(1);
    expect(hitsOf(condition, buildDeclaration({ date: '2025-07-01' }), extra)).toHaveLength(0);
    // The evaluation date can differ from the filing date (e.g. when re-assessing an old declaration).
    const rules = compileRules([buildRule({ condition, ...extra })]);
    expect(
      evaluateRules(rules, buildDeclaration({ date: '2024-01-01' }), { date: '2025-02-01' }),
    ).toHaveLength(1);
  });

  it('keeps the owner of a partner-agency rule and its action on the hit', () => {
    const rules = compileRules([
      buildRule({
        id: 'SPS-7',
        owner: { kind: 'agency', agency: 'SPS' },
        condition: { kind: 'hsPrefix', prefixes: ['0808'] },
        action: { notifyAgency: 'SPS', minimumChannel: 'red' },
      }),
    ]);
    const hits = evaluateRules(rules, buildDeclaration({ items: [buildItem({ hsCode: '080810' })] }));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.owner).toEqual({ kind: 'agency', agency: 'SPS' });
    expect(hits[0]?.action).toEqual({ notifyAgency: 'SPS', minimumChannel: 'red' });
    expect(hits[0]?.reason.en).toContain('(agency SPS)');
    expect(hits[0]?.reason.ru).toContain('(ведомство SPS)');
  });

  it('skips disabled rules and refuses duplicate ids', () => {
    expect(compileRules([buildRule({ enabled: false })]).unindexed).toHaveLength(0);
    expect(() => compileRules([buildRule(), buildRule()])).toThrow(/duplicate rule id R-1/);
  });

  it('tests an indexed rule once per item even when several of its prefixes match', () => {
    const rules = compileRules([
      buildRule({ condition: { kind: 'hsPrefix', prefixes: ['85', '8517', '851712'] } }),
    ]);
    expect(rules.unindexed).toHaveLength(0);
    expect(evaluateRules(rules, buildDeclaration())).toHaveLength(1);
  });

  it('gives the same hits whether or not a rule can be indexed by HS prefix', () => {
    const declaration = buildDeclaration({
      items: [
        buildItem({ hsCode: '290377' }),
        buildItem({ hsCode: '851712' }),
        buildItem({ hsCode: '290314' }),
      ],
    });
    const indexed = buildRule({ condition: { kind: 'hsPrefix', prefixes: ['2903'] } });
    const unindexed = buildRule({
      condition: {
        kind: 'not',
        condition: { kind: 'not', condition: { kind: 'hsPrefix', prefixes: ['2903'] } },
      },
    });
    const a = evaluateRules(compileRules([indexed]), declaration).map((h) => h.itemIndex);
    const b = evaluateRules(compileRules([unindexed]), declaration).map((h) => h.itemIndex);
    expect(a).toEqual([0, 2]);
    expect(b).toEqual(a);
  });
});
