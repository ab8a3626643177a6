import { describe, expect, it } from 'vitest';
import type { LocalisedText, ProgrammeDefinition, Variant } from './programme-definition.schemas';
import { PRESET_IDS, composePreset, listPresets, loadPreset } from './preset-registry';
import { ProgrammeDefinitionError, parseProgrammeDefinition } from './programme-definition';
import { visibleQuestions } from './questionnaire-engine';
import { isSme } from './sme-rule';
import wcoSafeSource from './presets/wco-safe.preset.json' with { type: 'json' };

function questionsIn(def: ProgrammeDefinition, variant: Variant) {
  return def.questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.variants.includes(variant));
}

function isLocalisedText(value: object): value is LocalisedText {
  return 'en' in value && 'ru' in value && typeof value.en === 'string' && typeof value.ru === 'string';
}

/**
 * Every text a person reads, with where it sits, to check that both languages are there. Found by walking the whole
 * definition, so a text added to the format tomorrow (a tier's title, a section's description) is checked too.
 */
function texts(value: unknown, where = ''): Array<[string, LocalisedText]> {
  if (Array.isArray(value)) return value.flatMap((item, index) => texts(item, `${where}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  if (isLocalisedText(value)) return [[where, value]];
  return Object.entries(value).flatMap(([key, item]) => texts(item, `${where}.${key}`));
}

/** Latin words a Russian text may hold: abbreviations in capitals (AEO, ISO, SAFE) and "e-mail". */
function untranslatedWords(ru: string): string[] {
  return (ru.match(/[a-z][a-z-]*/giu) ?? []).filter((word) => !/^[A-Z]+$/u.test(word) && word !== 'e-mail');
}

describe.each(PRESET_IDS)('preset %s', (id) => {
  const def = loadPreset(id);

  it('loads and validates on its own', () => {
    expect(def.id).toBe(id);
    expect(() => parseProgrammeDefinition(structuredClone(def))).not.toThrow();
  });

  it('has English and Russian text everywhere, and the Russian is Cyrillic', () => {
    const found = texts(def);
    expect(found.map(([where]) => where)).toEqual(
      expect.arrayContaining([
        '.name',
        '.authorisationTypes[0].title',
        '.authorisationTypes[0].tiers[0].title',
      ]),
    );
    for (const [where, text] of found) {
      expect(text.en.trim(), where).not.toBe('');
      expect(text.ru.trim(), where).not.toBe('');
      // A Russian word, or a code that has no translation (the EU tier "AEOC"); Latin words only as abbreviations.
      expect(text.ru, where).toMatch(/[а-яёА-ЯЁ]{2}|^[A-Z]+$/u);
      expect(untranslatedWords(text.ru), where).toEqual([]);
    }
  });

  it('offers the three variants and the SME variant asks fewer questions', () => {
    expect(def.variants.map((v) => v.id)).toEqual(['standard', 'sme', 'ecommerce']);
    expect(questionsIn(def, 'sme').length).toBeLessThan(questionsIn(def, 'standard').length);
    expect(questionsIn(def, 'ecommerce').length).toBeGreaterThan(questionsIn(def, 'standard').length);
  });

  it('has 2 to 4 risk catalogue entries per SAFE condition', () => {
    for (const criterion of def.criteria.filter((c) => c.source === 'safe')) {
      const entries = def.riskCatalogue.filter((r) => r.criterion === criterion.id);
      expect(entries.length, criterion.id).toBeGreaterThanOrEqual(2);
      expect(entries.length, criterion.id).toBeLessThanOrEqual(4);
    }
  });

  it.each(def.authorisationTypes.map((t) => t.id))(
    'covers every criterion of type %s with a visible question for an SME importer',
    (typeId) => {
      const type = def.authorisationTypes.find((t) => t.id === typeId)!;
      const visible = visibleQuestions(def, {
        variant: 'sme',
        authorisationType: typeId,
        operatorRoles: ['importer'],
        isSme: true,
        answers: {},
      });
      for (const criterion of type.criteria) {
        expect(
          visible.some((q) => q.criteria.includes(criterion)),
          `${criterion} in ${id} ${typeId}`,
        ).toBe(true);
      }
    },
  );
});

describe('wco-safe', () => {
  const def = loadPreset('wco-safe');

  it('has at least 80 questions in the standard variant', () => {
    expect(questionsIn(def, 'standard').length).toBeGreaterThanOrEqual(80);
  });

  it('maps the four TFA criteria and the thirteen SAFE conditions A–M', () => {
    expect(def.criteria.filter((c) => c.source === 'tfa').map((c) => c.id)).toEqual([
      'tfa.compliance_record',
      'tfa.records_internal_control',
      'tfa.financial_solvency',
      'tfa.supply_chain_security',
    ]);
    expect(def.criteria.filter((c) => c.source === 'safe').map((c) => c.code)).toEqual([...'ABCDEFGHIJKLM']);
  });

  it('uses every answer type', () => {
    const types = new Set(def.questionnaire.sections.flatMap((s) => s.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual(
      ['choice', 'date', 'file', 'money', 'multi_choice', 'number', 'table', 'text', 'yes_no'].sort(),
    );
  });

  it('uses the SME threshold of the definition', () => {
    expect(isSme(def, { employees: 249, annualTurnover: 50_000_000 })).toBe(true);
    expect(isSme(def, { employees: 250, annualTurnover: 1_000_000 })).toBe(false);
    expect(isSme(def, { employees: 10, annualTurnover: 50_000_000.01 })).toBe(false);
    expect(isSme(def, { employees: null, annualTurnover: 1 })).toBe(false);
  });
});

describe('eu-ucc', () => {
  const def = loadPreset('eu-ucc');

  it('has the EU types and clocks', () => {
    expect(def.authorisationTypes.map((t) => t.id)).toEqual(['AEOC', 'AEOS', 'AEOF']);
    expect(def.clocks).toMatchObject({
      daysToAccept: 30,
      daysToDecide: 120,
      extensionDays: 60,
      daysUntilEffect: 5,
      reapplicationBarAfterRevocation: { amount: 3, unit: 'years' },
    });
    expect(isSme(def, { employees: 249, annualTurnover: 50_000_000 })).toBe(true);
  });

  it('requires practical competence for AEOC and AEOF but not AEOS', () => {
    const requires = (type: string) =>
      def.authorisationTypes.find((t) => t.id === type)!.criteria.includes('eu.practical_competence');
    expect([requires('AEOC'), requires('AEOS'), requires('AEOF')]).toEqual([true, false, true]);
  });

  it('asks security questions only for AEOS and AEOF', () => {
    const ids = (type: string) =>
      visibleQuestions(def, {
        variant: 'standard',
        authorisationType: type,
        operatorRoles: ['importer'],
        isSme: false,
        answers: {},
      }).map((q) => q.id);
    expect(ids('AEOC')).not.toContain('premises.perimeter');
    expect(ids('AEOS')).toContain('premises.perimeter');
    expect(ids('AEOS')).not.toContain('competence.experience_years');
    expect(ids('AEOF')).toEqual(
      expect.arrayContaining(['premises.perimeter', 'competence.experience_years']),
    );
  });
});

describe('eaeu', () => {
  const def = loadPreset('eaeu');

  it('has certificate types 1, 2 and 3 and a register number pattern', () => {
    expect(def.authorisationTypes.map((t) => t.id)).toEqual(['1', '2', '3']);
    const pattern = new RegExp(def.certificate!.numberPattern, 'u');
    expect(pattern.test('KZ/0001/1')).toBe(true);
    expect(pattern.test('RU/0123/3')).toBe(true);
    expect(pattern.test('KZ/001/1')).toBe(false);
    expect(pattern.test('KZ/0001/4')).toBe(false);
  });

  it('evidences the guarantee condition', () => {
    const questions = def.questionnaire.sections.flatMap((s) => s.questions);
    expect(questions.filter((q) => q.criteria.includes('eaeu.guarantee')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('composePreset', () => {
  it('names an override of a question that does not exist', () => {
    const source = { ...wcoSafeSource, compose: { questionOverrides: { 'no.such': { required: false } } } };
    expect(() => composePreset(source)).toThrow(ProgrammeDefinitionError);
    expect(() => composePreset(source)).toThrow(
      /compose\.questionOverrides\.no\.such: unknown question "no\.such"/u,
    );
  });
});

describe('listPresets', () => {
  it('lists the four presets with wco-safe as the default', () => {
    const presets = listPresets();
    expect(presets.map((p) => p.id)).toEqual(['wco-safe', 'eu-ucc', 'eaeu', 'kr-grades']);
    expect(presets.filter((p) => p.isDefault).map((p) => p.id)).toEqual(['wco-safe']);
    expect(presets.find((p) => p.id === 'kr-grades')!.authorisationTypes[0]!.tiers).toEqual([
      'A',
      'AA',
      'AAA',
    ]);
  });
});
