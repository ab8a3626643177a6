import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../programme-core';
import { summariseDeskReview } from './desk-review.engine';
import { buildReports } from './report.engine';

describe('buildReports', () => {
  const definition = loadPreset('wco-safe');
  const context = {
    variant: 'sme' as const,
    authorisationType: 'aeo',
    operatorRoles: ['importer' as const],
    isSme: true,
  };
  const summary = summariseDeskReview(definition, context, {}, {});
  const reports = buildReports({
    reference: 'AEO-2026-ABC',
    operatorName: 'Steppe Trading LLP',
    authorisationType: 'aeo',
    issuedOn: '2026-03-02',
    recommendation: 'improve',
    criterionTitles: Object.fromEntries(definition.criteria.map((c) => [c.id, c.title])),
    summary,
    findings: [
      {
        questionId: 'q1',
        questionTitle: 'Access control',
        finding: 'needs_improvement',
        note: 'SECRET-INTERNAL suspicion of collusion',
        visibility: 'internal',
      },
      {
        questionId: 'q2',
        questionTitle: 'Seals',
        finding: 'unsatisfactory',
        note: 'Seal register missing',
        visibility: 'shared',
      },
    ],
    risks: [
      {
        title: 'Unauthorised access',
        criterion: 'safe.I',
        likelihood: 4,
        impact: 4,
        controls: 'Guard',
        controlEffectiveness: 'weak',
        measures: [{ description: 'Badge readers', dueDate: '2026-05-01' }],
      },
    ],
    checklist: [{ title: 'Gate', result: 'issue', observation: 'SECRET-OBSERVATION gate left open' }],
    minutes: 'Visit held with the director.',
    consultations: [
      {
        officeName: 'Khorgos',
        outcome: 'infringement',
        isSilence: false,
        text: 'SECRET-CONSULTATION seizure 2025',
      },
    ],
  });

  it('keeps internal notes, observations, consultations and the recommendation out of the shared version', () => {
    const shared = JSON.stringify(reports.shared);
    expect(shared).not.toContain('SECRET');
    expect(shared).toContain('Seal register missing');
    expect(shared).toContain('Access control: Needs improvement');
    expect(shared).not.toContain('Recommendation');
  });

  it('carries everything in the internal version', () => {
    const internal = JSON.stringify(reports.internal);
    for (const text of ['SECRET-INTERNAL', 'SECRET-OBSERVATION', 'SECRET-CONSULTATION', 'Recommendation'])
      expect(internal).toContain(text);
    expect(internal).toContain('inherent 16 very_high, residual 12 high');
  });
});
