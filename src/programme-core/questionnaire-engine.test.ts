import { describe, expect, it } from 'vitest';
import type {
  Condition,
  OperatorRole,
  ProgrammeDefinition,
  Question,
  Variant,
} from './programme-definition.schemas';
import { loadPreset } from './preset-registry';
import {
  completeness,
  evaluateCondition,
  isAnswered,
  visibleQuestions,
  type AnswerMap,
  type QuestionnaireContext,
} from './questionnaire-engine';

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

describe('isAnswered', () => {
  it('counts a value, including zero and "no", as an answer', () => {
    expect(isAnswered({ value: 'Yes, every shipment' })).toBe(true);
    expect(isAnswered({ value: 0 })).toBe(true);
    expect(isAnswered({ value: false })).toBe(true);
    expect(isAnswered({ value: ['bank_guarantee'] })).toBe(true);
  });

  it('does not count a missing, empty or blank value', () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered({ value: undefined })).toBe(false);
    expect(isAnswered({ value: null })).toBe(false);
    expect(isAnswered({ value: '' })).toBe(false);
    expect(isAnswered({ value: ' \n ' })).toBe(false);
    expect(isAnswered({ value: [] })).toBe(false);
  });

  it('counts an empty file list with a written description (the SME alternative to documents)', () => {
    expect(isAnswered({ value: [], description: 'We keep paper ledgers at the office' })).toBe(true);
    expect(isAnswered({ value: [], description: '   ' })).toBe(false);
  });

  it('counts explained non-answers', () => {
    expect(isAnswered({ notApplicable: true, explanation: 'No warehouse' })).toBe(true);
    expect(isAnswered({ alreadyProvided: true, reference: 'REG-1', explanation: 'in the register' })).toBe(
      true,
    );
  });
});

describe('evaluateCondition, each kind of test', () => {
  const context: QuestionnaireContext = {
    variant: 'standard',
    authorisationType: 'aeo',
    operatorRoles: ['carrier'],
    isSme: true,
  };
  const holds = (condition: Condition, answers: AnswerMap = {}) =>
    evaluateCondition(condition, context, answers);

  it('needs every part of "all" and one part of "any"', () => {
    expect(holds({ all: [{ isSme: true }, { operatorRoleIn: ['importer'] }] })).toBe(false);
    expect(holds({ all: [{ isSme: false }] })).toBe(false);
    expect(holds({ all: [{ isSme: true }, { operatorRoleIn: ['carrier'] }] })).toBe(true);
    expect(holds({ any: [{ isSme: false }, { operatorRoleIn: ['importer'] }] })).toBe(false);
    expect(holds({ any: [{ isSme: false }, { operatorRoleIn: ['carrier'] }] })).toBe(true);
    expect(holds({ not: { isSme: false } })).toBe(true);
  });

  it('tests the authorisation type, the roles and the SME status of the context', () => {
    expect(holds({ authorisationTypeIn: ['aeo', 'aeo_s'] })).toBe(true);
    expect(holds({ authorisationTypeIn: ['aeo_s'] })).toBe(false);
    expect(holds({ operatorRoleIn: ['importer', 'carrier'] })).toBe(true);
    expect(holds({ operatorRoleIn: ['importer'] })).toBe(false);
    expect(holds({ isSme: true })).toBe(true);
    expect(holds({ isSme: false })).toBe(false);
    expect(evaluateCondition({ isSme: false }, { ...context, isSme: false }, {})).toBe(true);
  });

  it('treats an empty condition as holding and an answer condition without a test as not matching', () => {
    expect(holds({})).toBe(true);
    expect(holds({ answer: { question: 'q' } }, { q: { value: 'a' } })).toBe(false);
  });

  it('matches yes/no answers with isTrue, by value rather than truthiness', () => {
    expect(holds({ answer: { question: 'q', isTrue: true } }, { q: { value: true } })).toBe(true);
    expect(holds({ answer: { question: 'q', isTrue: true } }, { q: { value: 'yes' } })).toBe(false);
    expect(holds({ answer: { question: 'q', isTrue: false } }, { q: { value: false } })).toBe(true);
    expect(holds({ answer: { question: 'q', isTrue: true } }, {})).toBe(false);
  });

  it('matches "equals" against a single value or any chosen option', () => {
    expect(holds({ answer: { question: 'q', equals: 'b' } }, { q: { value: 'b' } })).toBe(true);
    expect(holds({ answer: { question: 'q', equals: 'b' } }, { q: { value: 'c' } })).toBe(false);
    expect(holds({ answer: { question: 'q', equals: 'b' } }, { q: { value: ['a', 'c'] } })).toBe(false);
  });

  it('matches "in" when any chosen option is listed', () => {
    const condition: Condition = { answer: { question: 'q', in: ['sea', 'air'] } };
    expect(holds(condition, { q: { value: ['road', 'air'] } })).toBe(true);
    expect(holds(condition, { q: { value: 'sea' } })).toBe(true);
    expect(holds(condition, { q: { value: ['road', 'rail'] } })).toBe(false);
  });
});

describe('visibleQuestions and completeness in a hand-made programme', () => {
  const text = (en: string) => ({ en, ru: `${en} (ru)` });
  const question = (id: string, extra: Partial<Question> = {}): Question => ({
    id,
    type: 'yes_no',
    title: text(`Title of ${id}`),
    required: true,
    criteria: ['c.one'],
    variants: ['standard', 'sme', 'ecommerce'],
    ...extra,
  });
  const programme = (
    questions: Question[],
    extra: Partial<ProgrammeDefinition> = {},
  ): ProgrammeDefinition => ({
    ...def,
    criteria: [
      { id: 'c.one', source: 'programme', title: text('Criterion one'), description: text('One') },
      { id: 'c.two', source: 'programme', title: text('Criterion two'), description: text('Two') },
      { id: 'c.three', source: 'programme', title: text('Criterion three'), description: text('Three') },
    ],
    authorisationTypes: [
      { ...def.authorisationTypes[0]!, id: 'first', criteria: ['c.one'] },
      { ...def.authorisationTypes[0]!, id: 'second', criteria: ['c.two', 'c.unlisted'] },
    ],
    questionnaire: { sections: [{ id: 's', title: text('Section'), questions }] },
    ...extra,
  });
  const context: QuestionnaireContext = {
    variant: 'standard',
    authorisationType: 'second',
    operatorRoles: ['importer'],
    isSme: false,
  };
  const idsShown = (definition: ProgrammeDefinition, answers: AnswerMap, ctx = context) =>
    visibleQuestions(definition, { ...ctx, answers }).map((q) => q.id);

  it('ignores a stale answer to a hidden question wherever the condition refers to it', () => {
    const hidden = question('hidden', { variants: ['sme'] });
    const stale: AnswerMap = { hidden: { value: true } };
    const isYes = { answer: { question: 'hidden', isTrue: true } };
    const isNo = { answer: { question: 'hidden', isTrue: false } };
    for (const condition of [isYes, { all: [isYes] }, { any: [isYes] }, { not: isNo }] as Condition[]) {
      const definition = programme([hidden, question('follow_up', { condition })]);
      expect(idsShown(definition, stale), JSON.stringify(condition)).toEqual([]);
      expect(idsShown(definition, stale, { ...context, variant: 'sme' }), JSON.stringify(condition)).toEqual([
        'hidden',
        'follow_up',
      ]);
    }
  });

  it('keeps the standard wording outside the SME variant and the SME wording inside it', () => {
    const definition = programme([
      question('worded', {
        help: text('Standard help'),
        sme: { title: text('Plain title'), help: text('Plain help') },
      }),
      question('sme_title_only', { help: text('Standard help'), sme: { title: text('Plain title') } }),
    ]);
    const [standard] = visibleQuestions(definition, { ...context, answers: {} });
    expect(standard).toMatchObject({ title: text('Title of worded'), help: text('Standard help') });
    const [sme, titleOnly] = visibleQuestions(definition, { ...context, variant: 'sme', answers: {} });
    expect(sme).toMatchObject({ title: text('Plain title'), help: text('Plain help'), sectionId: 's' });
    expect(titleOnly).toMatchObject({ title: text('Plain title'), help: text('Standard help') });
  });

  it("reports on the criteria of the applicant's type, with each criterion's title and evidence", () => {
    const definition = programme([
      question('q1', { criteria: ['c.one'] }),
      question('q2', { criteria: ['c.two'] }),
      question('q3', { criteria: ['c.two', 'c.one'] }),
    ]);
    const result = completeness(definition, context, { q3: { value: true } });
    expect(result.byCriterion).toEqual([
      {
        criterionId: 'c.two',
        title: text('Criterion two'),
        visible: 2,
        required: 2,
        answered: 1,
        evidencedBy: ['q2', 'q3'],
        isEvidenced: true,
      },
      {
        // A criterion the programme does not define is still reported, titled by its id.
        criterionId: 'c.unlisted',
        title: { en: 'c.unlisted', ru: 'c.unlisted' },
        visible: 0,
        required: 0,
        answered: 0,
        evidencedBy: [],
        isEvidenced: false,
      },
    ]);
    const first = completeness(definition, { ...context, authorisationType: 'first' }, {});
    expect(first.byCriterion.map((c) => [c.criterionId, c.title.en, c.evidencedBy])).toEqual([
      ['c.one', 'Criterion one', ['q1', 'q3']],
    ]);
  });

  it('reports on every criterion of the programme when the type is unknown', () => {
    const definition = programme([question('q1')]);
    const result = completeness(definition, { ...context, authorisationType: 'retired' }, {});
    expect(result.byCriterion.map((c) => [c.criterionId, c.title.en])).toEqual([
      ['c.one', 'Criterion one'],
      ['c.two', 'Criterion two'],
      ['c.three', 'Criterion three'],
    ]);
  });
});
