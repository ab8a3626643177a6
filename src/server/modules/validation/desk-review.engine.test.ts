import { describe, expect, it } from 'vitest';
import type { PRESET_IDS } from '../../../programme-core';
import { loadPreset, visibleQuestions, type AnswerMap, type Question } from '../../../programme-core';
import { summariseCriterion, summariseDeskReview } from './desk-review.engine';
import type { FindingValue } from './validation.tables';

function bestAnswer(question: Question): AnswerMap[string] {
  if (question.scoring) {
    if (question.type === 'yes_no')
      return { value: (question.scoring.yes ?? 0) >= (question.scoring.no ?? 0) };
    return { value: Object.entries(question.scoring.options ?? {}).sort((a, b) => b[1] - a[1])[0]![0] };
  }
  return { value: question.type === 'yes_no' ? true : 'As documented in our manual.' };
}

function reviewedCase(presetId: (typeof PRESET_IDS)[number], finding: (q: Question) => FindingValue) {
  const definition = loadPreset(presetId);
  const type = definition.authorisationTypes[definition.authorisationTypes.length - 1]!.id;
  const context = {
    variant: 'standard' as const,
    authorisationType: type,
    operatorRoles: ['importer' as const, 'carrier' as const],
    isSme: false,
  };
  const answers: Record<string, AnswerMap[string]> = {};
  for (let pass = 0; pass < 3; pass += 1) {
    for (const question of visibleQuestions(definition, { ...context, answers })) {
      answers[question.id] ??= bestAnswer(question);
    }
  }
  const findings = Object.fromEntries(
    visibleQuestions(definition, { ...context, answers }).map((q) => [q.id, { finding: finding(q) }]),
  );
  return summariseDeskReview(definition, context, answers, findings);
}

describe('summariseCriterion', () => {
  it.each([
    [[], 'not_assessed'],
    [['satisfactory', 'satisfactory'], 'satisfied'],
    [['satisfactory', undefined], 'not_assessed'],
    [['satisfactory', 'not_verified'], 'not_assessed'],
    [['satisfactory', 'needs_improvement'], 'partly_satisfied'],
    [['needs_improvement', 'unsatisfactory'], 'not_satisfied'],
  ] as const)('%j gives %s', (findings, expected) => {
    expect(summariseCriterion(findings)).toBe(expected);
  });
});

describe('tier proposal from desk-review findings, for each preset', () => {
  it('wco-safe: every answer satisfactory proposes the standard tier; one unsatisfactory proposes none', () => {
    expect(reviewedCase('wco-safe', () => 'satisfactory').proposal.tier).toBe('standard');
    const failing = reviewedCase('wco-safe', (q) =>
      q.criteria.includes('safe.I') ? 'unsatisfactory' : 'satisfactory',
    );
    expect(failing.proposal.tier).toBeNull();
    expect(failing.criteria.find((c) => c.criterionId === 'safe.I')!.finding).toBe('not_satisfied');
  });

  it('eu-ucc: AEOF needs security; a security shortfall points to AEOC', () => {
    expect(reviewedCase('eu-ucc', () => 'satisfactory').proposal.tier).toBe('standard');
    const security = [
      'safe.D',
      'safe.G',
      'safe.H',
      'safe.I',
      'safe.J',
      'safe.K',
      'safe.L',
      'safe.M',
      'tfa.supply_chain_security',
    ];
    const partly = reviewedCase('eu-ucc', (q) =>
      q.criteria.every((c) => security.includes(c)) ? 'needs_improvement' : 'satisfactory',
    );
    expect(partly.proposal.tier).toBeNull();
    expect(partly.proposal.alternatives.map((a) => a.authorisationType)).toContain('AEOC');
  });

  it('eaeu: type 3 is proposed when every criterion is satisfied', () => {
    const summary = reviewedCase('eaeu', () => 'satisfactory');
    expect(summary.proposal).toMatchObject({ authorisationType: '3', tier: 'standard' });
    expect(summary.scores).toBeNull();
  });

  it('kr-grades: full marks give AAA; answers found unsatisfactory lose their points and the grade', () => {
    const perfect = reviewedCase('kr-grades', () => 'satisfactory');
    expect(perfect.scores).toMatchObject({ compliance: 100, internal_control: 100 });
    expect(perfect.proposal.tier).toBe('AAA');
    const weak = reviewedCase('kr-grades', (q) =>
      q.scoring?.area === 'compliance' ? 'unsatisfactory' : 'satisfactory',
    );
    expect(weak.scores!.compliance).toBe(0);
    expect(weak.proposal.tier).toBeNull();
  });

  it('counts review progress per section', () => {
    const summary = reviewedCase('wco-safe', () => 'satisfactory');
    expect(summary.reviewed).toBe(summary.total);
    expect(summary.sections.reduce((sum, s) => sum + s.total, 0)).toBe(summary.total);
  });
});
