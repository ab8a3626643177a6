import { residualRisk } from './risk-map.engine';
import type { ControlEffectiveness, FindingValue } from './validation.tables';

/** At least this many days between the proposal and the start of a visit, so the company can prepare. */
export const MINIMUM_VISIT_NOTICE_DAYS = 5;

export interface ChecklistSeed {
  source: 'risk' | 'question';
  sourceRef: string;
  criterion: string;
  title: string;
}

/**
 * The on-site checklist: every mapped risk whose residual level is medium or worse (checked on the spot, riskiest
 * first), then every answer the desk review could not settle (not satisfactory or not verified).
 */
export function generateChecklist(
  risks: ReadonlyArray<{
    id: string;
    title: string;
    criterion: string;
    likelihood: number;
    impact: number;
    controlEffectiveness: ControlEffectiveness;
  }>,
  questions: ReadonlyArray<{ id: string; title: string; criteria: readonly string[] }>,
  findings: Readonly<Record<string, { finding: FindingValue }>>,
): ChecklistSeed[] {
  const riskItems = risks
    .map((risk) => ({
      risk,
      residual: residualRisk(risk.likelihood, risk.impact, risk.controlEffectiveness),
    }))
    .filter(({ residual }) => residual.level !== 'low')
    .sort((a, b) => b.residual.score - a.residual.score)
    .map(({ risk }) => ({
      source: 'risk' as const,
      sourceRef: risk.id,
      criterion: risk.criterion,
      title: `Check the controls against: ${risk.title}`,
    }));
  const questionItems = questions
    .filter((question) => {
      const finding = findings[question.id]?.finding;
      return finding !== undefined && finding !== 'satisfactory';
    })
    .map((question) => ({
      source: 'question' as const,
      sourceRef: question.id,
      criterion: question.criteria[0] ?? '',
      title: `Verify on site: ${question.title}`,
    }));
  return [...riskItems, ...questionItems];
}
