import { z } from 'zod';
import {
  ProgrammeDefinitionError,
  parseProgrammeDefinition,
  type DefinitionIssue,
} from './programme-definition';
import type { LocalisedText, ProgrammeDefinition } from './programme-definition.schemas';
import euUcc from './presets/eu-ucc.preset.json' with { type: 'json' };
import eaeu from './presets/eaeu.preset.json' with { type: 'json' };
import krGrades from './presets/kr-grades.preset.json' with { type: 'json' };
import wcoSafe from './presets/wco-safe.preset.json' with { type: 'json' };
import criteria from './presets/shared/criteria.json' with { type: 'json' };
import readiness from './presets/shared/readiness.json' with { type: 'json' };
import questionBank from './presets/shared/safe-question-bank.json' with { type: 'json' };
import riskCatalogue from './presets/shared/safe-risk-catalogue.json' with { type: 'json' };
import variants from './presets/shared/variants.json' with { type: 'json' };

export const PRESET_IDS = ['wco-safe', 'eu-ucc', 'eaeu', 'kr-grades'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/**
 * Presets share one question bank, criteria list, readiness check and risk catalogue; each preset file holds what
 * is its own (types, tiers, clocks, benefits, SME rule) and a `compose` block saying how it adapts the shared
 * parts. Composition is plain data manipulation; the result is validated like any administration's own file, so
 * a preset that composes into something inconsistent fails exactly as a hand-written file would.
 */
type Json = Record<string, unknown>;

const conditionOverride = z.unknown();
const composeSchema = z.strictObject({
  /** Criteria of the programme's own, added to the TFA and SAFE ones. */
  extraCriteria: z.array(z.unknown()).default([]),
  /** `condition` replaces a section's condition; `addCondition` is AND-ed with the one it has. */
  sectionOverrides: z
    .record(
      z.string(),
      z.strictObject({ condition: conditionOverride.optional(), addCondition: conditionOverride.optional() }),
    )
    .default({}),
  questionOverrides: z
    .record(
      z.string(),
      z.strictObject({
        addCriteria: z.array(z.string()).optional(),
        scoring: z.unknown().optional(),
        required: z.boolean().optional(),
        addCondition: conditionOverride.optional(),
      }),
    )
    .default({}),
  omitQuestions: z.array(z.string()).default([]),
  /** New sections, placed after `after` (or at the end). */
  extraSections: z
    .array(z.strictObject({ after: z.string().optional(), section: z.looseObject({}) }))
    .default([]),
  /** New questions appended to an existing section. */
  extraQuestions: z.array(z.strictObject({ section: z.string(), question: z.looseObject({}) })).default([]),
  extraReadiness: z.array(z.unknown()).default([]),
});

const presetSourceSchema = z.looseObject({ compose: composeSchema.prefault({}) });

interface SectionJson extends Json {
  id: string;
  condition?: unknown;
  questions: Array<Json & { id: string; criteria: string[] }>;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function andCondition(existing: unknown, added: unknown): unknown {
  return existing === undefined ? added : { all: [existing, added] };
}

/** Builds the full definition document of a preset (not yet validated). Exported for the docs and for tests. */
export function composePreset(source: unknown): Json {
  const parsed = presetSourceSchema.safeParse(source);
  if (!parsed.success) {
    throw new ProgrammeDefinitionError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const { compose, ...own } = parsed.data;
  const issues: DefinitionIssue[] = [];
  const sections = clone(questionBank.sections) as SectionJson[];
  const findSection = (id: string) => sections.find((s) => s.id === id);
  const findQuestion = (id: string) => sections.flatMap((s) => s.questions).find((q) => q.id === id);

  for (const { after, section } of compose.extraSections) {
    const index = after === undefined ? sections.length - 1 : sections.findIndex((s) => s.id === after);
    if (index < 0) issues.push({ path: `compose.extraSections`, message: `unknown section "${after}"` });
    else sections.splice(index + 1, 0, clone(section) as SectionJson);
  }
  for (const { section: id, question } of compose.extraQuestions) {
    const section = findSection(id);
    if (!section) issues.push({ path: 'compose.extraQuestions', message: `unknown section "${id}"` });
    else section.questions.push(clone(question) as SectionJson['questions'][number]);
  }
  for (const [id, override] of Object.entries(compose.sectionOverrides)) {
    const section = findSection(id);
    if (!section) {
      issues.push({ path: `compose.sectionOverrides.${id}`, message: `unknown section "${id}"` });
      continue;
    }
    if (override.condition !== undefined) section.condition = clone(override.condition);
    if (override.addCondition !== undefined)
      section.condition = andCondition(section.condition, clone(override.addCondition));
  }
  for (const [id, override] of Object.entries(compose.questionOverrides)) {
    const question = findQuestion(id);
    if (!question) {
      issues.push({ path: `compose.questionOverrides.${id}`, message: `unknown question "${id}"` });
      continue;
    }
    if (override.addCriteria)
      question.criteria = [...new Set([...question.criteria, ...override.addCriteria])];
    if (override.scoring !== undefined) question.scoring = clone(override.scoring);
    if (override.required !== undefined) question.required = override.required;
    if (override.addCondition !== undefined)
      question.condition = andCondition(question.condition, clone(override.addCondition));
  }
  for (const id of compose.omitQuestions) {
    const section = sections.find((s) => s.questions.some((q) => q.id === id));
    if (!section) issues.push({ path: 'compose.omitQuestions', message: `unknown question "${id}"` });
    else section.questions = section.questions.filter((q) => q.id !== id);
  }
  if (issues.length > 0) throw new ProgrammeDefinitionError(issues);

  return {
    variants: clone(variants),
    riskCatalogue: clone(riskCatalogue),
    ...own,
    criteria: [...clone(criteria), ...clone(compose.extraCriteria)],
    questionnaire: { sections: sections.filter((s) => s.questions.length > 0) },
    readiness: [...clone(readiness), ...clone(compose.extraReadiness)],
  };
}

const sources: Record<PresetId, unknown> = {
  'wco-safe': wcoSafe,
  'eu-ucc': euUcc,
  eaeu,
  'kr-grades': krGrades,
};

const cache = new Map<PresetId, ProgrammeDefinition>();

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

/**
 * A shipped preset, composed and validated. The result is cached and frozen: callers share one instance, so
 * they must copy before editing (an administration's variant of a preset is a new document, not a mutation).
 */
export function loadPreset(id: PresetId): ProgrammeDefinition {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!isPresetId(id))
    throw new RangeError(`unknown preset "${String(id)}" (expected one of ${PRESET_IDS.join(', ')})`);
  const definition = deepFreeze(parseProgrammeDefinition(composePreset(sources[id])));
  cache.set(id, definition);
  return definition;
}

export interface PresetSummary {
  id: PresetId;
  name: LocalisedText;
  description: LocalisedText;
  isDefault: boolean;
  authorisationTypes: Array<{ id: string; title: LocalisedText; tiers: string[] }>;
}

export function listPresets(): PresetSummary[] {
  return PRESET_IDS.map((id) => {
    const definition = loadPreset(id);
    return {
      id,
      name: definition.name,
      description: definition.description,
      isDefault: id === 'wco-safe',
      authorisationTypes: definition.authorisationTypes.map((type) => ({
        id: type.id,
        title: type.title,
        tiers: type.tiers.map((tier) => tier.id),
      })),
    };
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
