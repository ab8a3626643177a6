import { describe, expect, it } from 'vitest';
import type { CriterionFinding } from './tier-proposal';
import { benefitsFor, proposeTier, scoreAnswers } from './tier-proposal';
import { loadPreset } from './preset-registry';
import type { AnswerMap } from './questionnaire-engine';

describe('proposeTier for kr-grades (score-based)', () => {
  const def = loadPreset('kr-grades');
  const grade = (compliance: number, internalControl = 85) =>
    proposeTier(def, 'AEO', { scores: { compliance, internal_control: internalControl } }).tier;

  it('grades by the compliance score', () => {
    expect(grade(79)).toBeNull();
    expect(grade(85)).toBe('A');
    expect(grade(92)).toBe('AA');
    expect(grade(96)).toBe('AAA');
    expect(grade(80)).toBe('A');
    expect(grade(95)).toBe('AAA');
  });

  it('grants nothing when internal control is below 80', () => {
    const proposal = proposeTier(def, 'AEO', { scores: { compliance: 96, internal_control: 75 } });
    expect(proposal.tier).toBeNull();
    expect(proposal.unmet.find((u) => u.tier === 'A')!.scores).toEqual([
      { area: 'internal_control', min: 80, actual: 75 },
    ]);
  });

  it('treats a missing score as unmet', () => {
    expect(proposeTier(def, 'AEO', { scores: { compliance: 99 } }).tier).toBeNull();
  });

  it('computes area scores from scored answers', () => {
    const answers: AnswerMap = {
      'compliance.infringements': { value: false },
      'compliance.criminal_offences': { value: false },
      'solvency.tax_arrears': { value: true },
      'compliance.error_disclosure': { value: true },
      'records.stock_count': { value: 'quarterly' },
      'records.audit_trail': { value: true },
      'competence.qualification': { notApplicable: true, explanation: 'broker' },
    };
    const scores = scoreAnswers(def, answers);
    // compliance: 20 + 20 + 0 + 10 earned of 20 + 20 + 15 + 10 available.
    expect(scores.compliance).toBe(76.9);
    // internal control: 8 + 15 of 10 + 15; the not-applicable answer leaves both sides.
    expect(scores.internal_control).toBe(92);
    expect(scores.security).toBe(0);
  });

  it('counts unanswered visible questions as zero when given the context', () => {
    const context = {
      variant: 'standard' as const,
      authorisationType: 'AEO',
      operatorRoles: ['importer' as const],
      isSme: false,
    };
    const all = scoreAnswers(def, {}, context);
    expect(all.compliance).toBe(0);
    const perfect: Record<string, { value: unknown }> = {};
    for (const section of def.questionnaire.sections) {
      for (const q of section.questions) {
        if (!q.scoring) continue;
        if (q.type === 'yes_no') perfect[q.id] = { value: (q.scoring.yes ?? 0) >= (q.scoring.no ?? 0) };
        else
          perfect[q.id] = {
            value: Object.entries(q.scoring.options ?? {}).sort((a, b) => b[1] - a[1])[0]![0],
          };
      }
    }
    const scores = scoreAnswers(def, perfect, context);
    expect(scores).toEqual({ compliance: 100, internal_control: 100, solvency: 100, security: 100 });
    expect(proposeTier(def, 'AEO', { scores }).tier).toBe('AAA');
  });

  it('gives each grade its inspection factor', () => {
    expect(benefitsFor(def, 'AEO', 'A').inspectionRateFactor).toBeGreaterThan(
      benefitsFor(def, 'AEO', 'AAA').inspectionRateFactor,
    );
    expect(() => benefitsFor(def, 'AEO')).toThrow(/several tiers/u);
  });
});

describe('proposeTier for eu-ucc (criteria-based)', () => {
  const def = loadPreset('eu-ucc');
  const allSatisfied = (type: string): Record<string, CriterionFinding> =>
    Object.fromEntries(
      def.authorisationTypes.find((t) => t.id === type)!.criteria.map((c) => [c, 'satisfied']),
    );

  it('proposes the tier when every required criterion is satisfied', () => {
    expect(proposeTier(def, 'AEOF', { criterionFindings: allSatisfied('AEOF') }).tier).toBe('standard');
  });

  it('proposes nothing for AEOF when security falls short, and points to AEOC', () => {
    const findings = { ...allSatisfied('AEOF'), 'safe.I': 'partly_satisfied' as const };
    const proposal = proposeTier(def, 'AEOF', { criterionFindings: findings });
    expect(proposal.tier).toBeNull();
    expect(proposal.unmet[0]!.criteria).toEqual(['safe.I']);
    expect(proposal.alternatives).toEqual([{ authorisationType: 'AEOC', tier: 'standard' }]);
  });

  it('needs practical competence for AEOC only', () => {
    const findings = { ...allSatisfied('AEOF'), 'eu.practical_competence': 'not_satisfied' as const };
    expect(proposeTier(def, 'AEOC', { criterionFindings: findings }).tier).toBeNull();
    expect(proposeTier(def, 'AEOS', { criterionFindings: findings }).tier).toBe('standard');
  });

  it('returns benefits with the inspection factor, and refuses unknown types', () => {
    expect(benefitsFor(def, 'AEOS')).toMatchObject({ inspectionRateFactor: 0.3, mutualRecognition: true });
    expect(() => benefitsFor(def, 'AEOX')).toThrow(RangeError);
    expect(() => proposeTier(def, 'AEOX', {})).toThrow(/unknown authorisation type "AEOX"/u);
  });
});
