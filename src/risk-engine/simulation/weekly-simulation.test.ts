import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DATASET_VALID_FILE as validFile, requireDataset } from '../../../tests/support/requirements';
import { readLabelledDeclarations } from '../csv-layout';
import type { LabelledDeclaration } from '../declaration';
import { buildPolicy } from '../policy/policy-test-factories';
import { mulberry32 } from '../policy/seeded-random';
import { trainBaselineScorer } from './baseline-scorer';
import { groupByWeek, runWeeklySimulation, weekStartOf, type RiskTrainer } from './weekly-simulation';

/** 2020-01-06 is a Monday; `weeks` weeks of `perWeek` declarations whose fraud depends on the importer. */
function buildLabelledWeeks(weeks: number, perWeek: number, seed = 5): LabelledDeclaration[] {
  const random = mulberry32(seed);
  const propensity = Array.from({ length: 300 }, () => (random() < 0.15 ? 0.8 : 0.05));
  const rows: LabelledDeclaration[] = [];
  for (let w = 0; w < weeks; w++) {
    for (let i = 0; i < perWeek; i++) {
      const importer = Math.floor(random() * propensity.length);
      const fraud = random() < (propensity[importer] ?? 0);
      const day = new Date(Date.UTC(2020, 0, 6 + w * 7 + (i % 7))).toISOString().slice(0, 10);
      rows.push({
        declaration: {
          id: `W${w}-${i}`,
          date: day,
          office: 'O1',
          importer: { scheme: 'other', id: `I${importer}` },
          items: [{ hsCode: '851712', customsValue: 1000 + random() * 9000, currency: 'KRW', dutyRate: 8 }],
        },
        label: { fraud, critical: fraud && random() < 0.05 },
      });
    }
  }
  return rows;
}

describe('week grouping', () => {
  it('starts weeks on Mondays', () => {
    expect(weekStartOf('2020-01-06')).toBe('2020-01-06');
    expect(weekStartOf('2020-01-12')).toBe('2020-01-06');
    expect(weekStartOf('2020-01-01')).toBe('2019-12-30');
    expect(groupByWeek(buildLabelledWeeks(3, 10)).map((w) => [w.weekStart, w.rows.length])).toEqual([
      ['2020-01-06', 10],
      ['2020-01-13', 10],
      ['2020-01-20', 10],
    ]);
  });
});

describe('runWeeklySimulation', () => {
  const rows = buildLabelledWeeks(30, 400);
  const trainer: RiskTrainer = (labelled) => trainBaselineScorer(labelled);

  it('runs with an injected scorer and reports per-week metrics', async () => {
    const trainedOn: number[] = [];
    const seen: number[] = [];
    const result = await runWeeklySimulation({
      rows,
      policy: buildPolicy({ rates: { red: 0.05, yellow: 0.03, blue: 0.02 } }),
      trainer: (labelled, info) => {
        trainedOn.push(labelled.length);
        expect(info.week).toBe(trainedOn.length);
        return trainBaselineScorer(labelled);
      },
      warmup: { weeks: 10 },
      onWeek: (w) => seen.push(w.week),
    });
    expect(result.warmupRows).toBe(4000);
    expect(result.warmupUntil).toBe('2020-03-16');
    expect(result.weeks).toHaveLength(20);
    expect(seen).toEqual(result.weeks.map((w) => w.week));
    for (const week of result.weeks) {
      expect(week.declarations).toBe(400);
      expect(week.selected).toBe(40);
      expect(week.precision).toBeGreaterThanOrEqual(0);
      expect(week.precision).toBeLessThanOrEqual(1);
      expect(week.recall).toBeLessThanOrEqual(1);
      expect(week.dutyRecovered).toBeLessThanOrEqual(week.dutyAtStake);
    }
    // Only selected rows are revealed: the training set grows by the week's selections.
    expect(trainedOn.slice(0, 3)).toEqual([4000, 4040, 4080]);
    expect(result.totals.selected).toBe(800);
    expect(result.totals.fraudsFound).toBe(result.weeks.reduce((a, w) => a + w.fraudsFound, 0));
    // The model finds the risky importers: far better than inspecting at random.
    expect(result.totals.lift).toBeGreaterThan(2);
  });

  it('gives exploration about the configured share of the selections, and none when switched off', async () => {
    const common = { rows, trainer, warmup: { weeks: 10 }, weeks: 10 } as const;
    const explore = await runWeeklySimulation({
      ...common,
      policy: buildPolicy({
        rates: { red: 0.1, yellow: 0, blue: 0 },
        randomRate: 0,
        exploration: { share: 0.2 },
      }),
    });
    expect(explore.totals.explorationShare).toBeCloseTo(0.2, 2);
    expect(explore.totals.byStrategy.exploration?.selected).toBe(80);
    const exploit = await runWeeklySimulation({
      ...common,
      policy: buildPolicy({
        rates: { red: 0.1, yellow: 0, blue: 0 },
        randomRate: 0,
        exploration: { share: 0 },
      }),
    });
    expect(exploit.totals.explorationShare).toBe(0);
    expect(exploit.weeks).toHaveLength(10);
  });

  it('retrains only every n weeks when asked', async () => {
    let trainings = 0;
    await runWeeklySimulation({
      rows,
      policy: buildPolicy(),
      trainer: (labelled) => {
        trainings++;
        return trainBaselineScorer(labelled);
      },
      warmup: { until: '2020-03-16' },
      weeks: 8,
      retrainEvery: 4,
    });
    expect(trainings).toBe(2);
  });

  it('refuses a warm-up that leaves nothing to simulate', async () => {
    await expect(
      runWeeklySimulation({ rows, policy: buildPolicy(), trainer, warmup: { weeks: 99 } }),
    ).rejects.toThrow(/no weeks are left/);
  });

  const dataset = requireDataset();
  it.skipIf(!dataset.isAvailable)(
    `runs on the customs declarations dataset${dataset.skipReason}`,
    async () => {
      const records: Record<string, string>[] = parse(readFileSync(validFile, 'utf8'), {
        columns: true,
        bom: true,
      });
      const labelled = readLabelledDeclarations(records);
      const result = await runWeeklySimulation({
        rows: labelled,
        policy: buildPolicy(),
        trainer,
        warmup: { weeks: 6 },
        weeks: 4,
      });
      expect(result.weeks).toHaveLength(4);
      expect(result.totals.selected).toBeGreaterThan(0);
      expect(result.totals.dutyAtStake).toBeGreaterThan(0);
    },
  );
});
