import { describe, expect, it } from 'vitest';
import { buildDeclaration, buildLabelledDeclarations } from './test-support/declaration.factory';
import { trainRiskModel } from './model';
import { explainContributions, explainDeclaration } from './reasons';

const model = trainRiskModel(buildLabelledDeclarations(1500, 3), {
  preset: 'fast',
  trees: { rounds: 25, maxLeaves: 15 },
});
const sample = buildLabelledDeclarations(60, 4).map((row) => row.declaration);

describe('explainContributions', () => {
  it('sums to the raw score minus the base value for every row of a sample', () => {
    for (const head of ['fraud', 'critical'] as const) {
      for (const declaration of sample) {
        const { contributions, baseValue, rawScore } = explainContributions(model, declaration, head);
        const total = contributions.reduce((sum, value) => sum + value, 0);
        expect(total).toBeCloseTo(rawScore - baseValue, 9);
      }
    }
  });
});

describe('explainDeclaration', () => {
  it('explains the largest contributions first, in sentences with their direction', () => {
    const reasons = explainDeclaration(model, sample[0]!, { top: 4 });
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < reasons.length; i++) {
      expect(Math.abs(reasons[i]!.contribution)).toBeLessThanOrEqual(Math.abs(reasons[i - 1]!.contribution));
    }
    for (const reason of reasons) {
      expect(reason.text).toMatch(reason.effect === 'raises' ? /\(raises risk\)$/ : /\(lowers risk\)$/);
    }
  });

  it('speaks of the importer record and of undervaluation in English and Russian', () => {
    const risky = buildDeclaration({
      importer: { scheme: 'other', id: 'IMP-0' },
      items: [{ ...buildDeclaration().items[0]!, hsCode: '851712', customsValue: 200, netMassKg: 10 }],
    });
    const english = explainDeclaration(model, risky, { top: 20 }).map((reason) => reason.text);
    expect(
      english.some((text) => /^Importer IMP-0: past inspections found fraud in \d+ % of cases/.test(text)),
    ).toBe(true);
    expect(
      english.some((text) => /^Unit value is \d+(\.\d)?× below the norm for HS 8517\.12/.test(text)),
    ).toBe(true);
    const russian = explainDeclaration(model, risky, { top: 20, language: 'ru' }).map(
      (reason) => reason.text,
    );
    expect(russian.some((text) => /^Импортёр IMP-0: прошлые проверки выявили нарушения/.test(text))).toBe(
      true,
    );
    expect(russian.some((text) => /(повышает|снижает) риск\)$/.test(text))).toBe(true);
  });
});
