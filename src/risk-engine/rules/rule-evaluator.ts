import type { Declaration, GoodsItem } from '../declaration';
import { ruleFields, type FieldValue } from './rule-fields';
import type { LocalizedText, Rule, RuleAction, RuleCondition, RuleOwner, RuleProfile } from './rule.schemas';

/** One rule that matched, on one item (or on the declaration as a whole), with a sentence saying why. */
export interface RuleHit {
  ruleId: string;
  ruleName: string;
  profileId?: string;
  owner: RuleOwner;
  /** Index into declaration.items; absent when the rule tests declaration-level fields only. */
  itemIndex?: number;
  hsCode?: string;
  action: RuleAction;
  reason: LocalizedText;
}

export interface EvaluateRulesOptions {
  /** The day the rules are evaluated for (YYYY-MM-DD); defaults to the declaration's date. */
  date?: string;
}

interface CompiledCondition {
  usesItem: boolean;
  test: (declaration: Declaration, item: GoodsItem | undefined) => boolean;
  /** Clauses that made the condition true; only called after test() returned true. */
  explain: (declaration: Declaration, item: GoodsItem | undefined) => LocalizedText[];
  describe: LocalizedText;
}

interface CompiledRule {
  rule: Rule;
  profileId: string | undefined;
  condition: CompiledCondition;
}

/** Rules turned into closures once, plus an index from HS prefixes to the rules that require them. */
export interface CompiledRuleSet {
  readonly size: number;
  /** Rules that must be tested on every declaration (declaration-level, or no HS prefix to index on). */
  readonly unindexed: readonly CompiledRule[];
  /** Item-level rules that can only match when the item's HS code starts with one of the keys. */
  readonly byHsPrefix: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly prefixLengths: readonly number[];
}

function normalise(value: string | number | boolean): string | number | boolean {
  // Codes arrive in mixed case and with stray spaces from single windows; compare them loosely.
  return typeof value === 'string' ? value.trim().toUpperCase() : value;
}

function show(value: FieldValue): string {
  return value === undefined ? '—' : typeof value === 'string' ? `"${value}"` : String(value);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}

function compileCondition(condition: RuleCondition): CompiledCondition {
  switch (condition.kind) {
    case 'equals': {
      const field = ruleFields[condition.field];
      const expected = normalise(condition.value);
      const clause = (v: FieldValue): LocalizedText => ({
        en: `${field.label.en} is ${show(v)}`,
        ru: `${field.label.ru}: ${show(v)}`,
      });
      return {
        usesItem: field.scope === 'item',
        test: (d, i) => {
          const v = field.read(d, i);
          return v !== undefined && normalise(v) === expected;
        },
        explain: (d, i) => [clause(field.read(d, i))],
        describe: clause(condition.value),
      };
    }
    case 'in': {
      const field = ruleFields[condition.field];
      const expected = new Set(condition.values.map(normalise));
      const list = condition.values.length <= 5 ? condition.values.map(show).join(', ') : null;
      return {
        usesItem: field.scope === 'item',
        test: (d, i) => {
          const v = field.read(d, i);
          return v !== undefined && expected.has(normalise(v));
        },
        explain: (d, i) => {
          const v = show(field.read(d, i));
          return [
            {
              en: `${field.label.en} ${v} is on the rule's list`,
              ru: `${field.label.ru} ${v} входит в список правила`,
            },
          ];
        },
        describe: {
          en: `${field.label.en} is one of ${list ?? `${condition.values.length} listed values`}`,
          ru: `${field.label.ru} входит в список ${list ?? `(${condition.values.length} значений)`}`,
        },
      };
    }
    case 'hsPrefix': {
      const prefixes = [...new Set(condition.prefixes)];
      const lengths = [...new Set(prefixes.map((p) => p.length))].sort((a, b) => a - b);
      const set = new Set(prefixes);
      const matchOf = (hs: string): string | undefined => {
        for (const length of lengths) {
          const head = hs.slice(0, length);
          if (head.length === length && set.has(head)) return head;
        }
        return undefined;
      };
      const list = prefixes.length <= 6 ? prefixes.join(', ') : `${prefixes.slice(0, 6).join(', ')}…`;
      return {
        usesItem: true,
        test: (_d, i) => i !== undefined && matchOf(i.hsCode) !== undefined,
        explain: (_d, i) => {
          const hs = i?.hsCode ?? '';
          const prefix = matchOf(hs) ?? '';
          return [
            { en: `HS code ${hs} falls under ${prefix}`, ru: `код ТН ВЭД ${hs} относится к ${prefix}` },
          ];
        },
        describe: { en: `HS code starts with ${list}`, ru: `код ТН ВЭД начинается с ${list}` },
      };
    }
    case 'hsRange': {
      const { from, to } = condition;
      const inRange = (hs: string): boolean => {
        const head = hs.slice(0, from.length);
        return head.length === from.length && head >= from && head <= to;
      };
      return {
        usesItem: true,
        test: (_d, i) => i !== undefined && inRange(i.hsCode),
        explain: (_d, i) => [
          {
            en: `HS code ${i?.hsCode ?? ''} is within ${from}–${to}`,
            ru: `код ТН ВЭД ${i?.hsCode ?? ''} входит в диапазон ${from}–${to}`,
          },
        ],
        describe: { en: `HS code within ${from}–${to}`, ru: `код ТН ВЭД в диапазоне ${from}–${to}` },
      };
    }
    case 'range': {
      const field = ruleFields[condition.field];
      const min = condition.min ?? Number.NEGATIVE_INFINITY;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      const bounds: LocalizedText =
        condition.min !== undefined && condition.max !== undefined
          ? {
              en: `between ${formatNumber(min)} and ${formatNumber(max)}`,
              ru: `от ${formatNumber(min)} до ${formatNumber(max)}`,
            }
          : condition.min !== undefined
            ? { en: `at least ${formatNumber(min)}`, ru: `не менее ${formatNumber(min)}` }
            : { en: `at most ${formatNumber(max)}`, ru: `не более ${formatNumber(max)}` };
      return {
        usesItem: field.scope === 'item',
        test: (d, i) => {
          const v = field.read(d, i);
          return typeof v === 'number' && v >= min && v <= max;
        },
        explain: (d, i) => {
          const v = field.read(d, i);
          const shown = typeof v === 'number' ? formatNumber(v) : show(v);
          return [
            {
              en: `${field.label.en} ${shown} is ${bounds.en}`,
              ru: `${field.label.ru} ${shown} — ${bounds.ru}`,
            },
          ];
        },
        describe: { en: `${field.label.en} ${bounds.en}`, ru: `${field.label.ru} ${bounds.ru}` },
      };
    }
    case 'missingPermit': {
      const pattern = condition.pattern === undefined ? undefined : new RegExp(condition.pattern, 'iu');
      const document = condition.document ?? { en: 'permit', ru: 'разрешение' };
      const hasPermit = (item: GoodsItem): boolean =>
        (item.permits ?? []).some((p) => p.trim() !== '' && (pattern === undefined || pattern.test(p)));
      const clause: LocalizedText = {
        en: `no ${document.en} was presented`,
        ru: `отсутствует ${document.ru}`,
      };
      return {
        usesItem: true,
        test: (_d, i) => i !== undefined && !hasPermit(i),
        explain: () => [clause],
        describe: clause,
      };
    }
    case 'all': {
      const parts = condition.conditions.map(compileCondition);
      return {
        usesItem: parts.some((p) => p.usesItem),
        test: (d, i) => parts.every((p) => p.test(d, i)),
        explain: (d, i) => parts.flatMap((p) => p.explain(d, i)),
        describe: {
          en: parts.map((p) => p.describe.en).join(' and '),
          ru: parts.map((p) => p.describe.ru).join(' и '),
        },
      };
    }
    case 'any': {
      const parts = condition.conditions.map(compileCondition);
      return {
        usesItem: parts.some((p) => p.usesItem),
        test: (d, i) => parts.some((p) => p.test(d, i)),
        explain: (d, i) => parts.find((p) => p.test(d, i))?.explain(d, i) ?? [],
        describe: {
          en: `either ${parts.map((p) => p.describe.en).join(' or ')}`,
          ru: `либо ${parts.map((p) => p.describe.ru).join(', либо ')}`,
        },
      };
    }
    case 'not': {
      const inner = compileCondition(condition.condition);
      const clause: LocalizedText = {
        en: `it is not the case that ${inner.describe.en}`,
        ru: `не выполнено условие «${inner.describe.ru}»`,
      };
      return {
        usesItem: inner.usesItem,
        test: (d, i) => !inner.test(d, i),
        explain: () => [clause],
        describe: clause,
      };
    }
  }
}

/**
 * HS prefixes an item must carry for the condition to hold, or undefined when no such prefix is implied.
 * Used to index item-level rules so a declaration only meets the rules its HS codes can trigger.
 */
function requiredHsPrefixes(condition: RuleCondition): string[] | undefined {
  switch (condition.kind) {
    case 'hsPrefix':
      return [...new Set(condition.prefixes)];
    case 'all': {
      for (const part of condition.conditions) {
        const prefixes = requiredHsPrefixes(part);
        if (prefixes !== undefined) return prefixes;
      }
      return undefined;
    }
    case 'any': {
      const all: string[] = [];
      for (const part of condition.conditions) {
        const prefixes = requiredHsPrefixes(part);
        if (prefixes === undefined) return undefined;
        all.push(...prefixes);
      }
      return [...new Set(all)];
    }
    default:
      return undefined;
  }
}

type RulesInput = readonly Rule[] | readonly RuleProfile[];

function isProfileList(input: RulesInput): input is readonly RuleProfile[] {
  const first = input[0];
  return first !== undefined && 'rules' in first;
}

/**
 * Compile rules (or whole profiles) once; the result is reused for every declaration.
 * Rules are assumed to have passed `ruleSchema`; duplicate ids are refused because hits are reported by id.
 */
export function compileRules(input: RulesInput): CompiledRuleSet {
  const entries: { rule: Rule; profileId: string | undefined }[] = isProfileList(input)
    ? input.flatMap((profile) => profile.rules.map((rule) => ({ rule, profileId: profile.id })))
    : input.map((rule) => ({ rule, profileId: undefined }));

  const seen = new Set<string>();
  const unindexed: CompiledRule[] = [];
  const byHsPrefix = new Map<string, CompiledRule[]>();
  for (const { rule, profileId } of entries) {
    const key = `${profileId ?? ''}/${rule.id}`;
    if (seen.has(key)) throw new Error(`duplicate rule id ${rule.id}${profileId ? ` in ${profileId}` : ''}`);
    seen.add(key);
    if (rule.enabled === false) continue;
    const compiled: CompiledRule = { rule, profileId, condition: compileCondition(rule.condition) };
    const prefixes = requiredHsPrefixes(rule.condition);
    if (prefixes === undefined) {
      unindexed.push(compiled);
    } else {
      for (const prefix of prefixes) {
        const list = byHsPrefix.get(prefix);
        if (list === undefined) byHsPrefix.set(prefix, [compiled]);
        else list.push(compiled);
      }
    }
  }
  const prefixLengths = [...new Set([...byHsPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  return { size: seen.size, unindexed, byHsPrefix, prefixLengths };
}

function isInForce(rule: Rule, date: string): boolean {
  return (
    (rule.validFrom === undefined || rule.validFrom <= date) &&
    (rule.validTo === undefined || date <= rule.validTo)
  );
}

function ownerName(owner: RuleOwner): LocalizedText {
  return owner.kind === 'customs'
    ? { en: 'customs', ru: 'таможня' }
    : { en: `agency ${owner.agency}`, ru: `ведомство ${owner.agency}` };
}

function makeHit(compiled: CompiledRule, declaration: Declaration, itemIndex: number | undefined): RuleHit {
  const { rule, profileId, condition } = compiled;
  const item = itemIndex === undefined ? undefined : declaration.items[itemIndex];
  const clauses = condition.explain(declaration, item);
  const owner = ownerName(rule.owner);
  const where: LocalizedText =
    itemIndex === undefined
      ? { en: '', ru: '' }
      : { en: ` on item ${itemIndex + 1}`, ru: ` по товару № ${itemIndex + 1}` };
  const hit: RuleHit = {
    ruleId: rule.id,
    ruleName: rule.name,
    owner: rule.owner,
    action: rule.action,
    reason: {
      en: `Rule ${rule.id} "${rule.name}" (${owner.en}) hit${where.en}: ${clauses.map((c) => c.en).join('; ')}.`,
      ru: `Сработало правило ${rule.id} «${rule.name}» (${owner.ru})${where.ru}: ${clauses.map((c) => c.ru).join('; ')}.`,
    },
  };
  if (profileId !== undefined) hit.profileId = profileId;
  if (itemIndex !== undefined) hit.itemIndex = itemIndex;
  if (item !== undefined) hit.hsCode = item.hsCode;
  return hit;
}

/**
 * Every hit of the compiled rules on one declaration: one per (rule, item) for item-level rules, one per rule for
 * declaration-level rules. Rules outside their validity window on `date` are skipped.
 */
export function evaluateRules(
  rules: CompiledRuleSet,
  declaration: Declaration,
  options: EvaluateRulesOptions = {},
): RuleHit[] {
  const date = options.date ?? declaration.date;
  const hits: RuleHit[] = [];
  for (const compiled of rules.unindexed) {
    if (!isInForce(compiled.rule, date)) continue;
    if (!compiled.condition.usesItem) {
      if (compiled.condition.test(declaration, undefined))
        hits.push(makeHit(compiled, declaration, undefined));
      continue;
    }
    declaration.items.forEach((item, index) => {
      if (compiled.condition.test(declaration, item)) hits.push(makeHit(compiled, declaration, index));
    });
  }
  if (rules.byHsPrefix.size > 0) {
    declaration.items.forEach((item, index) => {
      // A rule can be indexed under several prefixes an item shares (e.g. 2903 and 290377): test it once.
      const tried = new Set<CompiledRule>();
      for (const length of rules.prefixLengths) {
        if (item.hsCode.length < length) break;
        const candidates = rules.byHsPrefix.get(item.hsCode.slice(0, length));
        if (candidates === undefined) continue;
        for (const compiled of candidates) {
          if (tried.has(compiled)) continue;
          tried.add(compiled);
          if (isInForce(compiled.rule, date) && compiled.condition.test(declaration, item)) {
            hits.push(makeHit(compiled, declaration, index));
          }
        }
      }
    });
  }
  return hits;
}
