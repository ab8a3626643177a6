import { describe, expect, it } from 'vitest';
import { DATASET_VALID_FILE as validFile, requireDataset } from '../../tests/support/requirements';
import { buildSimulationPolicies, formatSimulationComparison, runSimulation } from './risk-simulate.command';
import { readLabelledFiles } from './risk.command';

const dataset = requireDataset();

describe('risk simulate', () => {
  it('compares two policies with the same budget and seed, one without exploration', () => {
    const { exploitation, exploration } = buildSimulationPolicies({
      budget: 0.05,
      exploration: 0.1,
      randomRate: 0,
      seed: 7,
    });
    expect(exploitation.exploration.share).toBe(0);
    expect(exploration.exploration.share).toBe(0.1);
    expect(exploration.rates).toEqual(exploitation.rates);
    expect(exploitation.rates.red + exploitation.rates.yellow + exploitation.rates.blue).toBeCloseTo(0.05);
  });

  it.skipIf(!dataset.isAvailable)(
    `prints a weekly table and totals for both policies${dataset.skipReason}`,
    async () => {
      const rows = readLabelledFiles([validFile]);
      const settings = {
        budget: 0.05,
        exploration: 0.1,
        randomRate: 0,
        seed: 42,
        weeks: 2,
        warmup: { weeks: 6 },
        retrainEvery: 1,
        objectives: { fraud: 0.6, critical: 0.2, revenue: 0.2 },
        centre: 'threshold' as const,
        model: 'baseline' as const,
        greenCustoms: false,
      };
      const runs = await runSimulation(rows, settings);
      const text = formatSimulationComparison({
        runAt: '2025-01-01T00:00:00.000Z',
        files: [validFile],
        rows: rows.length,
        settings,
        ...runs,
      });
      expect(runs.exploitation.weeks).toHaveLength(2);
      expect(text).toContain('| exploitation only');
      expect(text).toMatch(/^Exploitation only: selected \d+ of \d+, precision/m);
      expect(text).toMatch(/^With exploration: selected \d+ of \d+, precision/m);
    },
  );
});
