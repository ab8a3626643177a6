import type { Declaration, LabelledDeclaration } from '../declaration';
import type { Scorer } from './weekly-simulation';

/**
 * A deliberately simple model for tests and quick simulations: smoothed fraud rates per importer, declarant,
 * seller, HS code levels, origin and office, added on the log-odds scale. It trains in milliseconds, so a
 * simulation's policy mechanics can be checked without the gradient-boosted model.
 */

type KeyOf = (d: Declaration) => string | undefined;

const keys: readonly KeyOf[] = [
  (d) => d.importer.id,
  (d) => d.declarant?.id,
  (d) => d.seller?.id,
  (d) => d.items[0]?.hsCode,
  (d) => d.items[0]?.hsCode.slice(0, 4),
  (d) => d.items[0]?.originCountry,
  (d) => d.office,
];

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function trainHead(
  rows: readonly LabelledDeclaration[],
  label: (r: LabelledDeclaration) => boolean,
  smoothing: number,
) {
  const positives = rows.filter(label).length;
  const prior = (positives + 1) / (rows.length + 2);
  const tables = keys.map((key) => {
    const counts = new Map<string, { n: number; pos: number }>();
    for (const row of rows) {
      const k = key(row.declaration);
      if (k === undefined) continue;
      const entry = counts.get(k) ?? { n: 0, pos: 0 };
      entry.n++;
      entry.pos += label(row) ? 1 : 0;
      counts.set(k, entry);
    }
    const table = new Map<string, number>();
    for (const [k, { n, pos }] of counts)
      table.set(k, logit((pos + smoothing * prior) / (n + smoothing)) - logit(prior));
    return table;
  });
  // Features are correlated (an importer mostly files one HS code), so damp their sum rather than trust it fully.
  const damping = 1 / Math.sqrt(keys.length);
  return (d: Declaration): number => {
    let z = logit(prior);
    keys.forEach((key, i) => {
      const k = key(d);
      z += k === undefined ? 0 : (tables[i]?.get(k) ?? 0) * damping;
    });
    return 1 / (1 + Math.exp(-z));
  };
}

export function trainBaselineScorer(rows: readonly LabelledDeclaration[], smoothing = 10): Scorer {
  const fraud = trainHead(rows, (r) => r.label.fraud, smoothing);
  const critical = trainHead(rows, (r) => r.label.critical, smoothing);
  return (declarations) => ({
    fraud: Float64Array.from(declarations, fraud),
    critical: Float64Array.from(declarations, critical),
  });
}
