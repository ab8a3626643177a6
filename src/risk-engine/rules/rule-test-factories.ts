import type { Declaration, GoodsItem } from '../declaration';
import type { Rule } from './rule.schemas';

/** Test data builders shared by the rules, policy and simulation tests. */

export function buildItem(overrides: Partial<GoodsItem> = {}): GoodsItem {
  return {
    hsCode: '851712',
    customsValue: 1000,
    currency: 'USD',
    dutyRate: 5,
    originCountry: 'CN',
    ...overrides,
  };
}

export function buildDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: 'D-1',
    date: '2025-03-10',
    office: 'KZ001',
    importer: { scheme: 'tin', id: 'IMP-1', country: 'KZ' },
    items: [buildItem()],
    ...overrides,
  };
}

export function buildRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'R-1',
    name: 'Test rule',
    description: { en: 'A test rule.', ru: 'Тестовое правило.' },
    owner: { kind: 'customs' },
    condition: { kind: 'hsPrefix', prefixes: ['8517'] },
    action: { minimumChannel: 'yellow' },
    ...overrides,
  };
}
