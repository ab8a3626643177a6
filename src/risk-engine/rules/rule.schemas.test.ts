import { describe, expect, it } from 'vitest';
import { greenCustomsProfiles } from './green-customs.profiles';
import { ruleProfileSchema, ruleSchema } from './rule.schemas';
import { buildRule } from './rule-test-factories';

function issuesOf(input: unknown): string[] {
  const result = ruleSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('ruleSchema', () => {
  it('accepts a well-formed rule', () => {
    expect(issuesOf(buildRule())).toEqual([]);
  });

  it('reports field-level errors inside nested conditions', () => {
    const issues = issuesOf(
      buildRule({
        condition: {
          kind: 'all',
          conditions: [
            { kind: 'equals', field: 'item.dutyRate', value: 'eight' },
            { kind: 'range', field: 'office', min: 1 },
            { kind: 'missingPermit', pattern: '(' },
            { kind: 'hsRange', from: '2903', to: '29' },
          ],
        },
      }),
    );
    expect(issues).toEqual([
      'condition.conditions.0.value: item.dutyRate is a number; got a string',
      'condition.conditions.1.field: office is not numeric',
      'condition.conditions.2.pattern: not a valid regular expression',
      'condition.conditions.3.to: from and to must have the same number of digits',
    ]);
  });

  it('rejects unknown fields, an empty action and a bad agency code', () => {
    const issues = issuesOf({
      ...buildRule(),
      owner: { kind: 'agency', agency: 'sps' },
      condition: { kind: 'equals', field: 'item.colour', value: 'red' },
      action: {},
    });
    expect(issues.map((i) => i.split(':')[0])).toEqual(['owner.agency', 'condition.field', 'action']);
  });

  it('rejects a validity window that ends before it starts', () => {
    expect(issuesOf(buildRule({ validFrom: '2025-02-01', validTo: '2025-01-01' }))).toEqual([
      'validTo: validTo must not precede validFrom',
    ]);
    expect(issuesOf(buildRule({ validFrom: '2025-02-30' }))[0]).toMatch(/^validFrom:/);
  });

  it('rejects duplicate rule ids within a profile', () => {
    const result = ruleProfileSchema.safeParse({
      id: 'P',
      name: 'Profile',
      description: { en: 'p', ru: 'п' },
      owner: { kind: 'customs' },
      rules: [buildRule(), buildRule()],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rules', 1, 'id']);
  });

  it('validates every shipped green-customs profile', () => {
    for (const profile of greenCustomsProfiles) {
      expect(ruleProfileSchema.safeParse(profile).error?.issues ?? []).toEqual([]);
    }
  });
});
