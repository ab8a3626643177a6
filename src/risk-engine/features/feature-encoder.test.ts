import { describe, expect, it } from 'vitest';
import { buildDeclaration, buildLabelledDeclarations } from '../test-support/declaration.factory';
import { listFeatureSpecs } from './feature-catalogue';
import { fitFeatureEncoder } from './feature-encoder';

const specs = listFeatureSpecs();
const column = (name: string): number => specs.findIndex((spec) => spec.name === name);

describe('fitFeatureEncoder', () => {
  it("never lets a row's own label reach its features", () => {
    const rows = buildLabelledDeclarations(600, 4);
    const { matrix } = fitFeatureEncoder(rows, { seed: 9 });
    for (const target of [0, 17, 255, 599]) {
      const flipped = rows.map((row, i) =>
        i === target
          ? { ...row, label: { ...row.label, fraud: !row.label.fraud, critical: !row.label.critical } }
          : row,
      );
      const { matrix: other } = fitFeatureEncoder(flipped, { seed: 9 });
      const width = matrix.columns;
      const own = matrix.values.subarray(target * width, (target + 1) * width);
      const again = other.values.subarray(target * width, (target + 1) * width);
      expect(Array.from(again)).toEqual(Array.from(own));
    }
  });

  it('encodes training rows out of fold and new declarations from all training rows', () => {
    const rows = buildLabelledDeclarations(400, 2);
    const { encoder, matrix } = fitFeatureEncoder(rows, { seed: 1 });
    const scored = encoder.encode(rows.map((row) => row.declaration));
    const importerRate = column('importer.fraudRate');
    // Out-of-fold values differ from the all-rows values for at least some rows.
    let differing = 0;
    for (let r = 0; r < rows.length; r++) {
      if (
        matrix.values[r * matrix.columns + importerRate] !== scored.values[r * matrix.columns + importerRate]
      )
        differing++;
    }
    expect(differing).toBeGreaterThan(rows.length / 2);
    // Every key of a training row is found again at scoring time, with the row itself now counted.
    encoder.statistics.tables.forEach((_, t) => {
      for (let r = 0; r < rows.length; r++) {
        expect(scored.values[r * matrix.columns + 3 * t + 2]).toBe(
          matrix.values[r * matrix.columns + 3 * t + 2]! + 1,
        );
      }
    });
  });

  it('falls back to the prior for ids it has never seen', () => {
    const rows = buildLabelledDeclarations(300, 3);
    const { encoder } = fitFeatureEncoder(rows);
    const { priorFraud, priorCritical } = encoder.statistics;
    const unseen = buildDeclaration({
      importer: { scheme: 'other', id: 'NEVER-SEEN' },
      declarant: { scheme: 'other', id: 'NEVER-SEEN-EITHER' },
    });
    const { values } = encoder.encode([unseen]);
    for (const table of ['importer', 'declarant', 'importer×hs6', 'declarant×importer']) {
      expect(values[column(`${table}.fraudRate`)]).toBeCloseTo(priorFraud, 12);
      expect(values[column(`${table}.criticalRate`)]).toBeCloseTo(priorCritical, 12);
      expect(values[column(`${table}.count`)]).toBe(0);
    }
  });

  it('measures unit value against the HS norm', () => {
    const rows = buildLabelledDeclarations(300, 3);
    const { encoder } = fitFeatureEncoder(rows);
    const normal = buildDeclaration();
    const cheap = buildDeclaration({
      items: [{ ...normal.items[0]!, customsValue: normal.items[0]!.customsValue / 5 }],
    });
    const { values } = encoder.encode([normal, cheap]);
    const unit = column('unitValueVsHs');
    expect(values[unit]! - values[specs.length + unit]!).toBeGreaterThan(1);
  });
});
