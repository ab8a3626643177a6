import type { LocalisedText, RiskEntry } from '../../../programme-core';
import type { ControlEffectiveness, FindingValue } from './validation.tables';

export type RiskLevel = 'low' | 'medium' | 'high' | 'very_high';

/** How many likelihood steps the operator's controls take off (impact stays: controls make an event rarer). */
const CONTROL_REDUCTION: Record<ControlEffectiveness, number> = { none: 0, weak: 1, adequate: 2, strong: 3 };

export interface RiskRating {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
}

export function riskLevel(score: number): RiskLevel {
  if (score >= 15) return 'very_high';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

function assertScale(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${name} must be 1 to 5`);
}

/** Likelihood × impact, before the operator's controls. */
export function inherentRisk(likelihood: number, impact: number): RiskRating {
  assertScale(likelihood, 'likelihood');
  assertScale(impact, 'impact');
  const score = likelihood * impact;
  return { likelihood, impact, score, level: riskLevel(score) };
}

/** What is left once the controls work as assessed: likelihood lowered, never below 1. */
export function residualRisk(likelihood: number, impact: number, controls: ControlEffectiveness): RiskRating {
  const inherent = inherentRisk(likelihood, impact);
  const residualLikelihood = Math.max(1, inherent.likelihood - CONTROL_REDUCTION[controls]);
  return inherentRisk(residualLikelihood, impact);
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: RiskLevel;
  inherent: string[];
  residual: string[];
}

/**
 * The 5 × 5 heat map: one cell per (likelihood, impact), rows from likelihood 5 down to 1 as it is drawn, each
 * listing the entries that sit there before and after controls.
 */
export function heatMap(
  entries: ReadonlyArray<{
    id: string;
    likelihood: number;
    impact: number;
    controlEffectiveness: ControlEffectiveness;
  }>,
): HeatMapCell[][] {
  const rows: HeatMapCell[][] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood -= 1) {
    const row: HeatMapCell[] = [];
    for (let impact = 1; impact <= 5; impact += 1) {
      row.push({ likelihood, impact, level: riskLevel(likelihood * impact), inherent: [], residual: [] });
    }
    rows.push(row);
  }
  const cell = (rating: RiskRating) => rows[5 - rating.likelihood]![rating.impact - 1]!;
  for (const entry of entries) {
    cell(inherentRisk(entry.likelihood, entry.impact)).inherent.push(entry.id);
    cell(residualRisk(entry.likelihood, entry.impact, entry.controlEffectiveness)).residual.push(entry.id);
  }
  return rows;
}

export interface RiskSuggestion {
  catalogueId: string;
  criterion: string;
  title: LocalisedText;
  description: LocalisedText;
  typicalControls: LocalisedText[];
  /** The answers whose findings point to this risk. */
  questionIds: string[];
  suggestedLikelihood: number;
  suggestedImpact: number;
}

/**
 * Catalogue risks suggested by the desk review: a risk of a criterion is suggested when an answer evidencing that
 * criterion was found short (needs improvement, unsatisfactory or not verified). The worse the findings, the more
 * likely the suggestion; impact starts at 3 for the validator to judge.
 */
export function suggestRisks(
  catalogue: readonly RiskEntry[],
  questions: ReadonlyArray<{ id: string; criteria: readonly string[] }>,
  findings: Readonly<Record<string, { finding: FindingValue }>>,
  alreadyMapped: ReadonlySet<string> = new Set(),
): RiskSuggestion[] {
  const weight: Record<FindingValue, number> = {
    satisfactory: 0,
    not_verified: 1,
    needs_improvement: 2,
    unsatisfactory: 3,
  };
  const byCriterion = new Map<string, { questionIds: string[]; worst: number }>();
  for (const question of questions) {
    const finding = findings[question.id]?.finding;
    if (!finding || weight[finding] === 0) continue;
    for (const criterion of question.criteria) {
      const entry = byCriterion.get(criterion) ?? { questionIds: [], worst: 0 };
      entry.questionIds.push(question.id);
      entry.worst = Math.max(entry.worst, weight[finding]);
      byCriterion.set(criterion, entry);
    }
  }
  return catalogue
    .filter((risk) => byCriterion.has(risk.criterion) && !alreadyMapped.has(risk.id))
    .map((risk) => {
      const basis = byCriterion.get(risk.criterion)!;
      return {
        catalogueId: risk.id,
        criterion: risk.criterion,
        title: risk.title,
        description: risk.description,
        typicalControls: risk.typicalControls,
        questionIds: basis.questionIds,
        suggestedLikelihood: Math.min(5, 1 + basis.worst),
        suggestedImpact: 3,
      };
    });
}
