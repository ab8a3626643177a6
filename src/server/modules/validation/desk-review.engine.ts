import {
  proposeTier,
  scoreAnswers,
  visibleQuestions,
  type AnswerMap,
  type AnswerRecord,
  type CriterionFinding,
  type ProgrammeDefinition,
  type QuestionnaireContext,
  type TierProposal,
} from '../../../programme-core';
import type { FindingValue } from './validation.tables';
import { FINDING_VALUES } from '../../../vocabulary';

export { FINDING_VALUES };

export interface FindingInput {
  finding: FindingValue;
}

export interface CriterionSummary {
  criterionId: string;
  code: string | null;
  questionIds: string[];
  counts: Record<FindingValue | 'unreviewed', number>;
  finding: CriterionFinding;
}

export interface DeskReviewSummary {
  criteria: CriterionSummary[];
  /** Area scores 0–100 where the programme scores (Korea-style); answers found unsatisfactory earn nothing. */
  scores: Record<string, number> | null;
  proposal: TierProposal;
  reviewed: number;
  total: number;
  sections: Array<{ sectionId: string; reviewed: number; total: number }>;
}

/**
 * One criterion's finding from the findings on the answers that evidence it: any unsatisfactory answer fails it,
 * any answer needing improvement leaves it partly satisfied, and it is satisfied only when every answer has been
 * reviewed and found satisfactory (an answer not verified leaves it not assessed).
 */
export function summariseCriterion(findings: ReadonlyArray<FindingValue | undefined>): CriterionFinding {
  if (findings.length === 0) return 'not_assessed';
  if (findings.includes('unsatisfactory')) return 'not_satisfied';
  if (findings.includes('needs_improvement')) return 'partly_satisfied';
  if (findings.every((finding) => finding === 'satisfactory')) return 'satisfied';
  return 'not_assessed';
}

/** An answer the validator found unsatisfactory earns no points, whatever the applicant claimed. */
function reviewedAnswers(answers: AnswerMap, findings: Readonly<Record<string, FindingInput>>): AnswerMap {
  const adjusted: Record<string, AnswerRecord> = {};
  for (const [questionId, answer] of Object.entries(answers)) {
    if (!answer) continue;
    adjusted[questionId] =
      findings[questionId]?.finding === 'unsatisfactory' && 'value' in answer ? { value: null } : answer;
  }
  return adjusted;
}

/** The desk review read criterion by criterion, with the scores and the tier the programme's rules imply. */
export function summariseDeskReview(
  definition: ProgrammeDefinition,
  context: QuestionnaireContext,
  answers: AnswerMap,
  findings: Readonly<Record<string, FindingInput>>,
): DeskReviewSummary {
  const type = definition.authorisationTypes.find((t) => t.id === context.authorisationType);
  if (!type) throw new RangeError(`unknown authorisation type "${context.authorisationType}"`);
  const questions = visibleQuestions(definition, { ...context, answers });
  const criteria: CriterionSummary[] = type.criteria.map((criterionId) => {
    const evidencing = questions.filter((question) => question.criteria.includes(criterionId));
    const counts = {
      satisfactory: 0,
      needs_improvement: 0,
      unsatisfactory: 0,
      not_verified: 0,
      unreviewed: 0,
    };
    for (const question of evidencing) counts[findings[question.id]?.finding ?? 'unreviewed'] += 1;
    return {
      criterionId,
      code: definition.criteria.find((criterion) => criterion.id === criterionId)?.code ?? null,
      questionIds: evidencing.map((question) => question.id),
      counts,
      finding: summariseCriterion(evidencing.map((question) => findings[question.id]?.finding)),
    };
  });
  const scores = definition.scoring
    ? scoreAnswers(definition, reviewedAnswers(answers, findings), context)
    : null;
  const criterionFindings = Object.fromEntries(criteria.map((c) => [c.criterionId, c.finding]));
  const proposal = proposeTier(definition, context.authorisationType, {
    criterionFindings,
    ...(scores ? { scores } : {}),
  });
  const sections = new Map<string, { sectionId: string; reviewed: number; total: number }>();
  for (const question of questions) {
    const section = sections.get(question.sectionId) ?? {
      sectionId: question.sectionId,
      reviewed: 0,
      total: 0,
    };
    section.total += 1;
    if (findings[question.id]) section.reviewed += 1;
    sections.set(question.sectionId, section);
  }
  return {
    criteria,
    scores,
    proposal,
    reviewed: questions.filter((question) => findings[question.id]).length,
    total: questions.length,
    sections: [...sections.values()],
  };
}
