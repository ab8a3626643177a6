import type { Benefits, ProgrammeDefinition, Question } from './programme-definition.schemas';
import { visibleQuestions, type AnswerMap, type QuestionnaireContext } from './questionnaire-engine';

export type CriterionFinding = 'satisfied' | 'partly_satisfied' | 'not_satisfied' | 'not_assessed';

export interface TierEvidence {
  /** The validator's finding per criterion id; only "satisfied" meets a tier's criteria. */
  criterionFindings?: Readonly<Partial<Record<string, CriterionFinding>>>;
  /** Area scores 0–100 (see scoreAnswers) for score-based programmes. */
  scores?: Readonly<Partial<Record<string, number>>>;
}

export interface UnmetRule {
  tier: string;
  criteria: string[];
  scores: Array<{ area: string; min: number; actual: number | null }>;
}

export interface TierProposal {
  authorisationType: string;
  /** The highest-ranked tier whose rule holds, or null when none does. */
  tier: string | null;
  satisfiedTiers: string[];
  unmet: UnmetRule[];
  /** Other types whose rules hold (e.g. AEOC when AEOF was asked for but security is not yet satisfied). */
  alternatives: Array<{ authorisationType: string; tier: string }>;
}

function maxPoints(question: Question): number {
  const scoring = question.scoring;
  if (!scoring) return 0;
  if (question.type === 'yes_no') return Math.max(scoring.yes ?? 0, scoring.no ?? 0);
  return Math.max(0, ...Object.values(scoring.options ?? {}));
}

function pointsFor(question: Question, value: unknown): number {
  const scoring = question.scoring;
  if (!scoring) return 0;
  if (question.type === 'yes_no')
    return (value === true ? scoring.yes : value === false ? scoring.no : 0) ?? 0;
  return typeof value === 'string' ? (scoring.options?.[value] ?? 0) : 0;
}

/**
 * Area scores (0–100, one decimal) from the answers of scored questions: points earned over points available.
 * Not-applicable and already-provided answers leave both sides, as the validator scores those by hand. With a
 * context, every visible scored question counts and an unanswered one earns nothing; without one, only answered
 * questions count.
 */
export function scoreAnswers(
  definition: ProgrammeDefinition,
  answers: AnswerMap,
  context?: QuestionnaireContext,
): Record<string, number> {
  const questions = context
    ? visibleQuestions(definition, { ...context, answers })
    : definition.questionnaire.sections
        .flatMap((s) => s.questions)
        .filter((q) => answers[q.id] !== undefined);
  const totals = new Map<string, { earned: number; available: number }>();
  for (const area of definition.scoring?.areas ?? []) totals.set(area.id, { earned: 0, available: 0 });
  for (const question of questions) {
    const area = question.scoring && totals.get(question.scoring.area);
    if (!area) continue;
    const answer = answers[question.id];
    if (answer !== undefined && !('value' in answer)) continue;
    area.available += maxPoints(question);
    if (answer !== undefined) area.earned += pointsFor(question, answer.value);
  }
  const scores: Record<string, number> = {};
  for (const [area, { earned, available }] of totals) {
    scores[area] = available === 0 ? 0 : Math.round((earned / available) * 1000) / 10;
  }
  return scores;
}

function findType(definition: ProgrammeDefinition, typeId: string) {
  const type = definition.authorisationTypes.find((t) => t.id === typeId);
  if (!type) throw new RangeError(`unknown authorisation type "${typeId}" in programme "${definition.id}"`);
  return type;
}

function evaluateTiers(definition: ProgrammeDefinition, typeId: string, evidence: TierEvidence) {
  const type = findType(definition, typeId);
  const tiers = [...type.tiers].sort((a, b) => b.rank - a.rank);
  const satisfied: string[] = [];
  const unmet: UnmetRule[] = [];
  for (const tier of tiers) {
    const criteria = tier.rule.criteria.filter((id) => evidence.criterionFindings?.[id] !== 'satisfied');
    const scores = tier.rule.minScores
      .map(({ area, min }) => ({ area, min, actual: evidence.scores?.[area] ?? null }))
      .filter(({ min, actual }) => actual === null || actual < min);
    if (criteria.length === 0 && scores.length === 0) satisfied.push(tier.id);
    else unmet.push({ tier: tier.id, criteria, scores });
  }
  return { satisfied, unmet };
}

/**
 * The tier the programme's rules imply for one authorisation type: for criteria-based programmes, the tiers whose
 * required criteria are all satisfied; for score-based ones, the tiers whose minimum area scores are reached.
 * It proposes; the decision stays with the manager, who must state grounds.
 */
export function proposeTier(
  definition: ProgrammeDefinition,
  authorisationType: string,
  evidence: TierEvidence,
): TierProposal {
  const { satisfied, unmet } = evaluateTiers(definition, authorisationType, evidence);
  const alternatives = definition.authorisationTypes
    .filter((type) => type.id !== authorisationType)
    .flatMap((type) => {
      const best = evaluateTiers(definition, type.id, evidence).satisfied[0];
      return best === undefined ? [] : [{ authorisationType: type.id, tier: best }];
    });
  return { authorisationType, tier: satisfied[0] ?? null, satisfiedTiers: satisfied, unmet, alternatives };
}

/** The benefits of a type and tier; the tier may be omitted for a type with a single tier. */
export function benefitsFor(
  definition: ProgrammeDefinition,
  authorisationType: string,
  tier?: string,
): Benefits {
  const type = findType(definition, authorisationType);
  const found =
    tier === undefined
      ? type.tiers.length === 1
        ? type.tiers[0]
        : undefined
      : type.tiers.find((t) => t.id === tier);
  if (!found) {
    throw new RangeError(
      tier === undefined
        ? `type "${authorisationType}" has several tiers; name one`
        : `unknown tier "${tier}" of type "${authorisationType}"`,
    );
  }
  return found.benefits;
}
