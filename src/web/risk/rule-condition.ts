import { ruleFieldNames, ruleFields } from '../../risk-engine/rules/rule-fields';
import type { RuleCondition, RuleField, RuleScalar } from '../api/types';

/** The condition kinds the form edits field by field; any other tree goes to the JSON editor. */
export const SIMPLE_KINDS = ['hsPrefix', 'equals', 'in', 'range', 'missingPermit'] as const;
export type SimpleKind = (typeof SIMPLE_KINDS)[number];

export const RULE_FIELDS: readonly RuleField[] = ruleFieldNames;
export const NUMERIC_FIELDS: readonly RuleField[] = ruleFieldNames.filter(
  (field) => ruleFields[field].type === 'number',
);

export function fieldLabel(field: RuleField, language: string): string {
  const label = ruleFields[field].label;
  return language === 'ru' ? label.ru : label.en;
}

function isRuleField(value: string): value is RuleField {
  return (ruleFieldNames as readonly string[]).includes(value);
}

/** The form's state: text as typed, converted to the condition on save. */
export interface SimpleConditionState {
  kind: SimpleKind;
  /** hsPrefix: codes separated by commas, spaces or new lines. */
  prefixes: string;
  field: RuleField;
  /** equals: the value; in: the values, comma-separated. */
  value: string;
  values: string;
  min: string;
  max: string;
  pattern: string;
  documentEn: string;
  documentRu: string;
}

export function emptyConditionState(kind: SimpleKind = 'hsPrefix'): SimpleConditionState {
  return {
    kind,
    prefixes: '',
    field: kind === 'range' ? 'item.customsValue' : 'office',
    value: '',
    values: '',
    min: '',
    max: '',
    pattern: '',
    documentEn: '',
    documentRu: '',
  };
}

function scalarText(value: RuleScalar): string {
  return String(value);
}

/** The form state for a condition the form can edit; null for trees (all/any/not) and HS ranges. */
export function toConditionState(condition: RuleCondition): SimpleConditionState | null {
  switch (condition.kind) {
    case 'hsPrefix':
      return { ...emptyConditionState('hsPrefix'), prefixes: condition.prefixes.join(', ') };
    case 'equals':
      return { ...emptyConditionState('equals'), field: condition.field, value: scalarText(condition.value) };
    case 'in':
      return {
        ...emptyConditionState('in'),
        field: condition.field,
        values: condition.values.map(scalarText).join(', '),
      };
    case 'range':
      return {
        ...emptyConditionState('range'),
        field: condition.field,
        min: condition.min === undefined ? '' : String(condition.min),
        max: condition.max === undefined ? '' : String(condition.max),
      };
    case 'missingPermit':
      return {
        ...emptyConditionState('missingPermit'),
        pattern: condition.pattern ?? '',
        documentEn: condition.document?.en ?? '',
        documentRu: condition.document?.ru ?? '',
      };
    default:
      return null;
  }
}

/** Typed text to the field's type: numbers and booleans are sent as such, so the server checks the value. */
function toScalar(field: RuleField, text: string): RuleScalar {
  const type = ruleFields[field].type;
  if (type === 'number') {
    const number = Number(text.replace(',', '.'));
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  }
  if (type === 'boolean') {
    const lower = text.trim().toLowerCase();
    if (['true', 'yes', 'да', '1'].includes(lower)) return true;
    if (['false', 'no', 'нет', '0'].includes(lower)) return false;
  }
  return text.trim();
}

function splitList(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : Number.NaN;
}

/** The condition the form describes. Values are sent as typed; the server names what is wrong with them. */
export function fromConditionState(state: SimpleConditionState): RuleCondition {
  const field = isRuleField(state.field) ? state.field : 'office';
  switch (state.kind) {
    case 'hsPrefix':
      return { kind: 'hsPrefix', prefixes: splitList(state.prefixes, /[\s,;]+/) };
    case 'equals':
      return { kind: 'equals', field, value: toScalar(field, state.value) };
    case 'in':
      return { kind: 'in', field, values: splitList(state.values, /[,;\n]+/).map((v) => toScalar(field, v)) };
    case 'range': {
      const condition: RuleCondition = { kind: 'range', field };
      const min = toNumber(state.min);
      const max = toNumber(state.max);
      if (min !== undefined) condition.min = min;
      if (max !== undefined) condition.max = max;
      return condition;
    }
    case 'missingPermit': {
      const condition: RuleCondition = { kind: 'missingPermit' };
      if (state.pattern.trim()) condition.pattern = state.pattern.trim();
      if (state.documentEn.trim() || state.documentRu.trim())
        condition.document = { en: state.documentEn.trim(), ru: state.documentRu.trim() };
      return condition;
    }
  }
}

export type ParsedCondition = { condition: RuleCondition } | { error: string };

/** The advanced editor's text: JSON with a `kind` at the top; the server validates the rest. */
export function parseConditionJson(text: string): ParsedCondition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('kind' in value))
    return { error: 'kind' };
  return { condition: value as RuleCondition };
}
