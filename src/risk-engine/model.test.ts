import { describe, expect, it } from 'vitest';
import { buildDeclaration, buildLabelledDeclarations } from './test-support/declaration.factory';
import {
  evaluateModel,
  getModelRuntime,
  scoreDeclarations,
  scoreDeclarationsByValue,
  trainRiskModel,
  trainRiskModelInParallel,
  type TrainRiskModelOptions,
} from './model';
import { ModelFormatError, parseModel, serializeModel } from './model-format';
import { PackedForest, findLeaf } from './gbdt/tree';

const OPTIONS: TrainRiskModelOptions = { preset: 'fast', trees: { rounds: 30, maxLeaves: 15 }, seed: 5 };
const rows = buildLabelledDeclarations(1500, 7);
const model = trainRiskModel(rows, OPTIONS);
const declarations = buildLabelledDeclarations(300, 8).map((row) => row.declaration);

describe('trainRiskModel', () => {
  it('learns the planted risk well enough to rank new declarations', () => {
    const evaluation = evaluateModel(model, buildLabelledDeclarations(800, 9));
    expect(evaluation.fraud.auc).toBeGreaterThan(0.75);
    expect(evaluation.fraud.atShare.map((at) => at.share)).toEqual([0.01, 0.02, 0.05, 0.1]);
    expect(model.evaluation?.fraud.rows).toBe(150);
  });

  it('is deterministic for a seed, in this thread and on worker threads', async () => {
    const treesOf = (trained: typeof model) => [trained.heads.fraud.trees, trained.heads.critical.trees];
    const again = trainRiskModel(rows, OPTIONS);
    expect(treesOf(again)).toEqual(treesOf(model));
    const parallel = await trainRiskModelInParallel(rows, { ...OPTIONS, threads: 2 });
    expect(treesOf(parallel)).toEqual(treesOf(model));
    expect(parallel.statistics).toEqual(model.statistics);
  });

  it('returns probabilities for both heads', () => {
    const scores = scoreDeclarations(model, declarations);
    expect(scores.fraud).toHaveLength(300);
    expect(scores.critical).toHaveLength(300);
    for (const p of [...scores.fraud, ...scores.critical]) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('scores exactly as a plain walk of each tree over the raw features', () => {
    const scores = scoreDeclarations(model, declarations);
    const byValue = scoreDeclarationsByValue(model, declarations);
    const matrix = getModelRuntime(model).encoder.encode(declarations);
    for (const head of ['fraud', 'critical'] as const) {
      const expected = Array.from({ length: matrix.rows }, (_, r) => {
        let raw = model.heads[head].initScore;
        for (const tree of model.heads[head].trees)
          raw += tree.leafValue[findLeaf(tree, matrix.values, r * matrix.columns)]!;
        return 1 / (1 + Math.exp(-raw));
      });
      expect(Array.from(scores[head])).toEqual(expected);
      expect(Array.from(byValue[head])).toEqual(expected);
      // This small model takes the plain walk by default: check the binned walk on it too.
      const raw = new Float64Array(matrix.rows).fill(model.heads[head].initScore);
      const forest = new PackedForest(model.heads[head].trees);
      forest.addRawScores(matrix.values, matrix.rows, matrix.columns, raw, forest.trees, 'binned');
      expect(Array.from(raw, (x) => 1 / (1 + Math.exp(-x)))).toEqual(expected);
    }
  });

  it('reports progress for both heads', () => {
    const seen = new Set<string>();
    trainRiskModel(rows.slice(0, 300), {
      ...OPTIONS,
      trees: { rounds: 3 },
      onProgress: (progress) => seen.add(`${progress.stage}:${progress.head ?? ''}`),
    });
    expect([...seen]).toEqual(
      expect.arrayContaining(['features:', 'trees:fraud', 'trees:critical', 'done:']),
    );
  });
});

describe('model JSON', () => {
  it('round-trips to identical scores', () => {
    const parsed = parseModel(serializeModel(model));
    const before = scoreDeclarations(model, declarations);
    const after = scoreDeclarations(parsed, declarations);
    expect(Array.from(after.fraud)).toEqual(Array.from(before.fraud));
    expect(Array.from(after.critical)).toEqual(Array.from(before.critical));
    expect(parsed.params).toEqual(model.params);
    expect(parsed.formatVersion).toBe(1);
  });

  it("scores an unseen importer as one whose record is the prior's", () => {
    const parsed = parseModel(serializeModel(model));
    const { encoder } = getModelRuntime(parsed);
    // IMP-0 is one of the factory's risky importers, well known to the model.
    const known = buildDeclaration({ importer: { scheme: 'other', id: 'IMP-0' }, seller: undefined });
    const unseen = { ...known, importer: { scheme: 'other' as const, id: 'NEW' } };

    // The row the model should see: the known importer's, with every importer-keyed history replaced by the prior.
    const expected = encoder.encode([known]).values;
    const importerTables = parsed.statistics.tables.flatMap((table, t) =>
      table.fields.includes('importer') ? [t] : [],
    );
    expect(importerTables.length).toBeGreaterThan(0);
    for (const t of importerTables) {
      expected[3 * t] = model.statistics.priorFraud;
      expected[3 * t + 1] = model.statistics.priorCritical;
      expected[3 * t + 2] = 0;
    }
    const encoded = encoder.encode([unseen]).values;
    // Rounded: (m·prior)/m need not give back the prior's last bit; NaN (unseen codes) still equals NaN.
    const round = (value: number) => Number(value.toFixed(12));
    expect(Array.from(encoded, round)).toEqual(Array.from(expected, round));

    const scores = scoreDeclarations(parsed, [unseen, known]);
    for (const head of ['fraud', 'critical'] as const) {
      let raw = parsed.heads[head].initScore;
      for (const tree of parsed.heads[head].trees) raw += tree.leafValue[findLeaf(tree, expected, 0)]!;
      expect(scores[head][0]).toBeCloseTo(1 / (1 + Math.exp(-raw)), 12);
    }
    expect(scores.fraud[0]).toBeLessThan(scores.fraud[1]!);
  });

  it('rejects what is not a valid model', () => {
    expect(() => parseModel('{')).toThrow(ModelFormatError);
    expect(() => parseModel(JSON.stringify({ ...model, formatVersion: 2 }))).toThrow(/format version/);
    const broken = JSON.parse(serializeModel(model)) as { heads: { fraud: { trees: { left: number[] }[] } } };
    broken.heads.fraud.trees[0]!.left[0] = 0;
    expect(() => parseModel(JSON.stringify(broken))).toThrow(/invalid child/);
  });
});
