import type { CriterionFinding, LocalisedText } from '../../../programme-core';
import type { DeskReviewSummary } from './desk-review.engine';
import type { ConsultationOutcome } from './consultation.engine';
import { inherentRisk, residualRisk } from './risk-map.engine';
import type { ChecklistResult, ControlEffectiveness, FindingValue, Visibility } from './validation.tables';

export interface ReportSection {
  heading: string;
  lines: string[];
}

/** A report as stored and rendered: the same shape for the internal and the shared version. */
export interface ReportContent {
  [key: string]: unknown;
  version: 'internal' | 'shared';
  title: string;
  reference: string;
  operatorName: string;
  authorisationType: string;
  issuedOn: string;
  criteria: Array<{ criterionId: string; code: string | null; title: string; finding: CriterionFinding }>;
  scores: Record<string, number> | null;
  proposedTier: string | null;
  sections: ReportSection[];
}

export interface ReportInput {
  reference: string;
  operatorName: string;
  authorisationType: string;
  issuedOn: string;
  recommendation: 'grant' | 'reject' | 'improve';
  criterionTitles: Readonly<Record<string, LocalisedText>>;
  summary: DeskReviewSummary;
  findings: ReadonlyArray<{
    questionId: string;
    questionTitle: string;
    finding: FindingValue;
    note: string;
    visibility: Visibility;
  }>;
  risks: ReadonlyArray<{
    title: string;
    criterion: string;
    likelihood: number;
    impact: number;
    controls: string;
    controlEffectiveness: ControlEffectiveness;
    measures: ReadonlyArray<{ description: string; dueDate: string }>;
  }>;
  /** `photos`: how many photos taken on site back the item. */
  checklist: ReadonlyArray<{ title: string; result: ChecklistResult; observation: string; photos?: number }>;
  minutes: string | null;
  consultations: ReadonlyArray<{
    officeName: string;
    outcome: ConsultationOutcome;
    isSilence: boolean;
    text: string | null;
  }>;
}

const FINDING_LABEL: Record<FindingValue, string> = {
  satisfactory: 'Satisfactory',
  needs_improvement: 'Needs improvement',
  unsatisfactory: 'Unsatisfactory',
  not_verified: 'Not verified',
};

/**
 * The validation report in its two versions, from the findings and the risk map. The shared version is what the
 * company reads: it never carries internal notes, the consultation of other offices, checklist observations or
 * the recommendation to the decision-maker.
 */
export function buildReports(input: ReportInput): { internal: ReportContent; shared: ReportContent } {
  const criteria = input.summary.criteria.map((criterion) => ({
    criterionId: criterion.criterionId,
    code: criterion.code,
    title: input.criterionTitles[criterion.criterionId]?.en ?? criterion.criterionId,
    finding: criterion.finding,
  }));
  const findingLines = (version: 'internal' | 'shared') =>
    input.findings
      .filter(
        (finding) =>
          finding.finding !== 'satisfactory' ||
          (finding.note && (version === 'internal' || finding.visibility === 'shared')),
      )
      .map((finding) => {
        const note = version === 'internal' || finding.visibility === 'shared' ? finding.note.trim() : '';
        const tag = version === 'internal' && note && finding.visibility === 'internal' ? ' [internal]' : '';
        return `${finding.questionTitle}: ${FINDING_LABEL[finding.finding]}${note ? ` (${note})${tag}` : ''}`;
      });
  const riskLines = input.risks.map((risk) => {
    const inherent = inherentRisk(risk.likelihood, risk.impact);
    const residual = residualRisk(risk.likelihood, risk.impact, risk.controlEffectiveness);
    const measures = risk.measures.map((m) => `; measure by ${m.dueDate}: ${m.description}`).join('');
    return `${risk.title} (${risk.criterion}): inherent ${inherent.score} ${inherent.level}, residual ${residual.score} ${residual.level}; controls ${risk.controlEffectiveness}${risk.controls ? ` (${risk.controls})` : ''}${measures}`;
  });
  const criteriaLines = criteria.map(
    (c) => `${c.code ? `${c.code} ` : ''}${c.title}: ${c.finding.replaceAll('_', ' ')}`,
  );
  const scoreLines = input.summary.scores
    ? Object.entries(input.summary.scores).map(([area, score]) => `${area}: ${score}`)
    : [];
  const common = (version: 'internal' | 'shared'): ReportSection[] => [
    { heading: 'Criteria', lines: criteriaLines },
    ...(scoreLines.length ? [{ heading: 'Scores', lines: scoreLines }] : []),
    { heading: 'Findings', lines: findingLines(version) },
    { heading: 'Risk map', lines: riskLines },
  ];
  const base = {
    title: `Validation report ${input.reference}`,
    reference: input.reference,
    operatorName: input.operatorName,
    authorisationType: input.authorisationType,
    issuedOn: input.issuedOn,
    criteria,
    scores: input.summary.scores,
    proposedTier: input.summary.proposal.tier,
  };
  const photoCount = (photos = 0) => (photos ? `; ${photos} photo${photos === 1 ? '' : 's'}` : '');
  const visit = input.checklist.length
    ? [
        {
          heading: 'On-site checklist',
          lines: input.checklist.map(
            (item) => `${item.title}: ${item.result.replaceAll('_', ' ')}${photoCount(item.photos)}`,
          ),
        },
      ]
    : [];
  const internal: ReportContent = {
    ...base,
    version: 'internal',
    sections: [
      ...common('internal'),
      ...(input.checklist.length
        ? [
            {
              heading: 'On-site checklist',
              lines: input.checklist.map(
                (item) =>
                  `${item.title}: ${item.result.replaceAll('_', ' ')}${item.observation ? ` (${item.observation})` : ''}${photoCount(item.photos)}`,
              ),
            },
          ]
        : []),
      ...(input.minutes ? [{ heading: 'Minutes of the visit', lines: [input.minutes] }] : []),
      {
        heading: 'Consultation of other offices',
        lines: input.consultations.map(
          (c) =>
            `${c.officeName}: ${c.outcome.replaceAll('_', ' ')}${c.isSilence ? ' (no reply by the deadline)' : ''}${c.text ? ` (${c.text})` : ''}`,
        ),
      },
      {
        heading: 'Recommendation',
        lines: [`${input.recommendation}; proposed tier: ${input.summary.proposal.tier ?? 'none'}`],
      },
    ],
  };
  const shared: ReportContent = {
    ...base,
    version: 'shared',
    sections: [
      ...common('shared'),
      ...visit,
      ...(input.minutes ? [{ heading: 'Minutes of the visit', lines: [input.minutes] }] : []),
    ],
  };
  return { internal, shared };
}
