// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { driftVerdict } from './risk-format';
import {
  emptyConditionState,
  fromConditionState,
  parseConditionJson,
  toConditionState,
} from './rule-condition';

describe('the rule form’s conditions', () => {
  it('turns a typed list of HS prefixes into an hsPrefix condition', () => {
    const state = { ...emptyConditionState('hsPrefix'), prefixes: '2402, 2403\n240110' };
    expect(fromConditionState(state)).toEqual({ kind: 'hsPrefix', prefixes: ['2402', '2403', '240110'] });
  });

  it('sends numbers and booleans with the type of the field they test', () => {
    expect(
      fromConditionState({ ...emptyConditionState('equals'), field: 'item.preferenceClaimed', value: 'yes' }),
    ).toEqual({ kind: 'equals', field: 'item.preferenceClaimed', value: true });
    expect(
      fromConditionState({ ...emptyConditionState('in'), field: 'item.dutyRate', values: '5, 10,15' }),
    ).toEqual({ kind: 'in', field: 'item.dutyRate', values: [5, 10, 15] });
    expect(
      fromConditionState({ ...emptyConditionState('range'), field: 'item.netMassKg', min: '', max: '12,5' }),
    ).toEqual({ kind: 'range', field: 'item.netMassKg', max: 12.5 });
  });

  it('round-trips the simple kinds and leaves trees to the JSON editor', () => {
    const condition = { kind: 'in' as const, field: 'office' as const, values: ['ALA', 'KHO'] };
    expect(fromConditionState(toConditionState(condition)!)).toEqual(condition);
    expect(
      toConditionState({ kind: 'all', conditions: [{ kind: 'hsPrefix', prefixes: ['01'] }] }),
    ).toBeNull();
  });

  it('reads the advanced editor’s JSON and refuses what is not a condition', () => {
    expect(parseConditionJson('{"kind":"hsPrefix","prefixes":["01"]}')).toEqual({
      condition: { kind: 'hsPrefix', prefixes: ['01'] },
    });
    expect(parseConditionJson('[1]')).toEqual({ error: 'kind' });
    expect(parseConditionJson('{kind')).toHaveProperty('error');
  });
});

describe('risk helpers', () => {
  it('reads the population stability index in words', () => {
    expect(driftVerdict(0.05)).toBe('stable');
    expect(driftVerdict(0.2)).toBe('moderate');
    expect(driftVerdict(0.4)).toBe('significant');
  });
});
