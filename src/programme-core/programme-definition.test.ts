import { describe, expect, it } from 'vitest';
import { ProgrammeDefinitionError, parseProgrammeDefinition } from './programme-definition';
import type { ProgrammeDefinition } from './programme-definition.schemas';
import { loadPreset } from './preset-registry';

/** A mutable copy of the default preset to break in one place. */
function validDefinition(): ProgrammeDefinition {
  return structuredClone(loadPreset('wco-safe'));
}

function issuesOf(json: unknown): { path: string; message: string }[] {
  try {
    parseProgrammeDefinition(json);
  } catch (error) {
    if (error instanceof ProgrammeDefinitionError) return error.issues;
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

function section(def: ProgrammeDefinition, index: number) {
  const found = def.questionnaire.sections[index];
  if (!found) throw new Error(`no section ${index}`);
  return found;
}

describe('parseProgrammeDefinition', () => {
  it('accepts a valid definition and applies defaults', () => {
    const parsed = parseProgrammeDefinition(validDefinition());
    expect(parsed.id).toBe('wco-safe');
  });

  it('names the field path of an unknown criterion', () => {
    const def = validDefinition();
    const question = section(def, 2).questions[5]!;
    question.criteria = ['Z'];
    expect(issuesOf(def)).toContainEqual({
      path: 'questionnaire.sections[2].questions[5].criteria[0]',
      message: 'unknown criterion "Z"',
    });
  });

  it('gives a readable error message that includes the path', () => {
    const def = validDefinition();
    section(def, 2).questions[5]!.criteria = ['Z'];
    expect(() => parseProgrammeDefinition(def)).toThrow(
      /questionnaire\.sections\[2\]\.questions\[5\]\.criteria\[0\]: unknown criterion "Z"/u,
    );
  });

  it('refuses duplicate question ids', () => {
    const def = validDefinition();
    section(def, 1).questions[0]!.id = section(def, 0).questions[0]!.id;
    expect(issuesOf(def)).toContainEqual({
      path: 'questionnaire.sections[1].questions[0].id',
      message: `duplicate id "${section(def, 0).questions[0]!.id}"`,
    });
  });

  it('refuses a condition that refers to an unknown question', () => {
    const def = validDefinition();
    section(def, 1).questions[1]!.condition = { answer: { question: 'nope.question', isTrue: true } };
    const issues = issuesOf(def);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('questionnaire.sections[1].questions[1].condition.answer.question');
    expect(issues[0]!.message).toMatch(/unknown question "nope.question"/u);
  });

  it('refuses a condition that refers to a later question', () => {
    const def = validDefinition();
    const later = section(def, 3).questions[0]!.id;
    section(def, 1).questions[1]!.condition = { answer: { question: later, isTrue: true } };
    expect(issuesOf(def)).toContainEqual({
      path: 'questionnaire.sections[1].questions[1].condition.answer.question',
      message: `question "${later}" is not earlier in the questionnaire`,
    });
  });

  it('refuses a condition on an option the question does not have', () => {
    const def = validDefinition();
    const conditioned = def.questionnaire.sections
      .flatMap((s) => s.questions)
      .find((q) => q.id === 'solvency.guarantee_amount')!;
    conditioned.condition = { answer: { question: 'solvency.guarantee', in: ['gold_bars'] } };
    expect(issuesOf(def)[0]!.message).toBe('unknown option "gold_bars" of question "solvency.guarantee"');
  });

  it('refuses missing Russian text', () => {
    const def = validDefinition() as unknown as {
      questionnaire: { sections: { questions: { title: object }[] }[] };
    };
    def.questionnaire.sections[0]!.questions[2]!.title = { en: 'How many people?' };
    expect(issuesOf(def)).toContainEqual({
      path: 'questionnaire.sections[0].questions[2].title.ru',
      message: 'Russian text is required',
    });
  });

  it('refuses empty English text', () => {
    const def = validDefinition();
    def.name.en = '  ';
    expect(issuesOf(def)).toContainEqual({ path: 'name.en', message: 'English text must not be empty' });
  });

  it('refuses an unknown answer type', () => {
    const def = validDefinition() as unknown as {
      questionnaire: { sections: { questions: { type: string }[] }[] };
    };
    def.questionnaire.sections[0]!.questions[1]!.type = 'yesno';
    const issue = issuesOf(def).find((i) => i.path === 'questionnaire.sections[0].questions[1].type');
    expect(issue?.message).toMatch(/^unknown answer type "yesno"/u);
  });

  it('refuses a choice question without options and options on a yes/no question', () => {
    const def = validDefinition();
    const choice = section(def, 0).questions[0]!;
    delete choice.options;
    const yesNo = section(def, 1).questions[0]!;
    yesNo.options = [
      { id: 'a', label: { en: 'A', ru: 'А' } },
      { id: 'b', label: { en: 'B', ru: 'Б' } },
    ];
    const issues = issuesOf(def);
    expect(issues).toContainEqual({
      path: 'questionnaire.sections[0].questions[0].options',
      message: 'a choice question needs options',
    });
    expect(issues).toContainEqual({
      path: 'questionnaire.sections[1].questions[0].options',
      message: 'options are only for choice and multi_choice questions',
    });
  });

  it('refuses unknown fields instead of ignoring typos', () => {
    const def = { ...validDefinition(), sme_rule: {} };
    expect(issuesOf(def)).toContainEqual({ path: '', message: 'unknown field "sme_rule"' });
  });

  it('refuses a condition with two keys', () => {
    const def = validDefinition();
    section(def, 1).questions[1]!.condition = { isSme: true, operatorRoleIn: ['carrier'] };
    expect(issuesOf(def)[0]!.message).toMatch(/exactly one of/u);
  });

  it('refuses a criterion that some variant never evidences', () => {
    const def = validDefinition();
    for (const s of def.questionnaire.sections) {
      for (const q of s.questions) {
        if (q.criteria.includes('safe.L')) q.variants = q.variants.filter((v) => v !== 'sme');
      }
    }
    const index = def.criteria.findIndex((c) => c.id === 'safe.L');
    expect(issuesOf(def)).toContainEqual({
      path: `criteria[${index}]`,
      message: 'criterion "safe.L" is not evidenced by any question in the sme variant',
    });
  });

  it('refuses tiers that name an unknown criterion or score area', () => {
    const def = validDefinition();
    const tier = def.authorisationTypes[0]!.tiers[0]!;
    tier.rule.criteria.push('safe.Z');
    tier.rule.minScores.push({ area: 'compliance', min: 80 });
    const issues = issuesOf(def);
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['unknown criterion "safe.Z"', 'unknown score area "compliance"']),
    );
  });

  it('refuses a certificate example that does not match its pattern', () => {
    const def = structuredClone(loadPreset('eaeu'));
    def.certificate!.numberExample = 'KZ-0001-1';
    expect(issuesOf(def)).toContainEqual({
      path: 'certificate.numberExample',
      message: '"KZ-0001-1" does not match numberPattern',
    });
  });

  it('reports several problems at once', () => {
    const def = validDefinition();
    section(def, 0).questions[0]!.criteria = ['X'];
    section(def, 1).questions[0]!.criteria = ['Y'];
    expect(issuesOf(def).length).toBeGreaterThanOrEqual(2);
  });
});
