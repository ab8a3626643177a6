import { describe, expect, it } from 'vitest';
import type { OperatorRole, Variant } from './programme-definition.schemas';
import { loadPreset } from './preset-registry';
import { completeness, evaluateCondition, visibleQuestions, type AnswerMap } from './questionnaire-engine';

const def = loadPreset('wco-safe');

function visibleIds(
  options: {
    variant?: Variant;
    roles?: OperatorRole[];
    isSme?: boolean;
    answers?: AnswerMap;
    type?: string;
  } = {},
) {
  return visibleQuestions(def, {
    variant: options.variant ?? 'standard',
    authorisationType: options.type ?? 'aeo',
    operatorRoles: options.roles ?? ['importer'],
    isSme: options.isSme ?? false,
    answers: options.answers ?? {},
  }).map((q) => q.id);
}

describe('visibleQuestions', () => {
  it('asks conveyance security only of carriers', () => {
    expect(visibleIds({ roles: ['importer'] }).filter((id) => id.startsWith('conveyance.'))).toEqual([]);
    expect(visibleIds({ roles: ['importer', 'carrier'] })).toContain('conveyance.inspection');
    expect(visibleIds({ variant: 'ecommerce', roles: ['express_carrier'] })).toContain(
      'conveyance.inspection',
    );
  });

  it('still asks every importer how the conveyances carrying its goods are secured', () => {
    expect(visibleIds({ roles: ['importer'] })).toContain('cargo.conveyance_check');
  });

  it('asks marketplace questions only of marketplaces in the e-commerce variant', () => {
    expect(visibleIds({ variant: 'ecommerce', roles: ['marketplace'] })).toContain(
      'ecommerce.seller_vetting',
    );
    expect(visibleIds({ variant: 'ecommerce', roles: ['ecommerce_seller'] })).not.toContain(
      'ecommerce.seller_vetting',
    );
    expect(visibleIds({ variant: 'ecommerce', roles: ['ecommerce_seller'] })).toContain(
      'ecommerce.declared_value',
    );
    expect(
      visibleIds({ variant: 'ecommerce', roles: ['importer'] }).filter((id) => id.startsWith('ecommerce.')),
    ).toEqual([]);
    expect(
      visibleIds({ variant: 'standard', roles: ['marketplace'] }).filter((id) => id.startsWith('ecommerce.')),
    ).toEqual([]);
  });

  it('asks fewer questions in the SME variant and words them plainly', () => {
    const sme = visibleQuestions(def, {
      variant: 'sme',
      authorisationType: 'aeo',
      operatorRoles: ['importer'],
      isSme: true,
      answers: {},
    });
    expect(sme.length).toBeLessThan(visibleIds().length);
    const statements = sme.find((q) => q.id === 'solvency.financial_statements')!;
    expect(statements.title.en).toMatch(/describe your financial position/u);
    expect(statements.allowDescription).toBe(true);
  });

  it('shows a follow-up only when the answer calls for it', () => {
    expect(visibleIds()).not.toContain('compliance.infringement_list');
    expect(visibleIds({ answers: { 'compliance.infringements': { value: true } } })).toContain(
      'compliance.infringement_list',
    );
    expect(visibleIds({ answers: { 'compliance.infringements': { value: false } } })).not.toContain(
      'compliance.infringement_list',
    );
  });

  it('matches choice answers with "in"', () => {
    const shown = (guarantee: string) =>
      visibleIds({ answers: { 'solvency.guarantee': { value: guarantee } } }).includes(
        'solvency.guarantee_amount',
      );
    expect(shown('bank_guarantee')).toBe(true);
    expect(shown('none')).toBe(false);
  });

  it('does not treat a not-applicable answer as a yes', () => {
    const answers: AnswerMap = {
      'compliance.infringements': { notApplicable: true, explanation: 'New company' },
    };
    expect(visibleIds({ answers })).not.toContain('compliance.infringement_list');
  });

  it('hides a question whose condition depends on a hidden question', () => {
    // cargo.dangerous_goods is not in the SME variant, so its follow-up stays hidden even with a stale "yes".
    const answers: AnswerMap = { 'cargo.dangerous_goods': { value: true } };
    expect(visibleIds({ answers })).toContain('cargo.dangerous_goods_controls');
    expect(visibleIds({ variant: 'sme', isSme: true, answers })).not.toContain(
      'cargo.dangerous_goods_controls',
    );
  });
});

describe('evaluateCondition', () => {
  const context = {
    variant: 'standard' as const,
    authorisationType: 'aeo',
    operatorRoles: ['carrier' as const],
    isSme: true,
  };

  it('combines all, any and not', () => {
    expect(
      evaluateCondition(
        {
          all: [
            { isSme: true },
            { any: [{ operatorRoleIn: ['importer'] }, { operatorRoleIn: ['carrier'] }] },
          ],
        },
        context,
        {},
      ),
    ).toBe(true);
    expect(evaluateCondition({ not: { authorisationTypeIn: ['aeo'] } }, context, {})).toBe(false);
    expect(
      evaluateCondition({ answer: { question: 'q', equals: 'b' } }, context, { q: { value: ['a', 'b'] } }),
    ).toBe(true);
  });
});

describe('completeness', () => {
  const context = {
    variant: 'standard' as const,
    authorisationType: 'aeo',
    operatorRoles: ['importer' as const],
    isSme: false,
  };

  it('lists the missing required questions with their section and title', () => {
    const result = completeness(def, context, {});
    expect(result.answered).toBe(0);
    expect(result.isComplete).toBe(false);
    expect(result.missing.length).toBe(result.required);
    expect(result.missing[0]).toEqual({
      questionId: 'company.legal_form',
      sectionId: 'company',
      title: def.questionnaire.sections[0]!.questions[0]!.title,
    });
  });

  it('counts not-applicable and already-provided answers as answered', () => {
    const result = completeness(def, context, {
      'company.legal_form': { notApplicable: true, explanation: 'x' },
      'company.registration_date': {
        alreadyProvided: true,
        reference: 'REG-1',
        explanation: 'in the register',
      },
      'company.employees': { value: 12 },
      'company.customs_contact': { value: '  ' },
    });
    expect(result.answered).toBe(3);
    expect(result.missing.map((m) => m.questionId)).toContain('company.customs_contact');
  });

  it('removes hidden follow-ups from what is missing', () => {
    const yes = completeness(def, context, { 'compliance.infringements': { value: true } });
    const no = completeness(def, context, { 'compliance.infringements': { value: false } });
    expect(yes.missing.map((m) => m.questionId)).toContain('compliance.infringement_list');
    expect(no.missing.map((m) => m.questionId)).not.toContain('compliance.infringement_list');
    expect(no.required).toBe(yes.required - 1);
  });

  it('reports per section and per criterion of the type', () => {
    const result = completeness(def, context, { 'crisis.continuity_plan': { value: true } });
    expect(result.bySection.map((s) => s.sectionId)).not.toContain('conveyance');
    const crisis = result.bySection.find((s) => s.sectionId === 'crisis')!;
    expect(crisis.answered).toBe(1);
    expect(result.byCriterion).toHaveLength(17);
    const l = result.byCriterion.find((c) => c.criterionId === 'safe.L')!;
    expect(l.isEvidenced).toBe(true);
    expect(result.byCriterion.find((c) => c.criterionId === 'safe.H')!.isEvidenced).toBe(false);
  });

  it('is complete when every visible required question is answered, per variant', () => {
    for (const variant of ['standard', 'sme', 'ecommerce'] as const) {
      const ctx = { ...context, variant, operatorRoles: ['marketplace' as const], isSme: variant === 'sme' };
      const answers: Record<string, { notApplicable: true; explanation: string }> = {};
      for (const q of visibleQuestions(def, { ...ctx, answers: {} })) {
        answers[q.id] = { notApplicable: true, explanation: 'test' };
      }
      const result = completeness(def, ctx, answers);
      expect(result.isComplete, variant).toBe(true);
      expect(
        result.byCriterion.every((c) => c.isEvidenced),
        variant,
      ).toBe(true);
    }
  });
});
