/** A share (0..1) as a percentage with the given decimals, in the UI language: 0.052 → "5.2 %". */
export function formatPercent(value: number | null | undefined, language: string, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A number with a fixed number of decimals (scores, AUC, PSI). */
export function formatDecimal(value: number | null | undefined, language: string, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A probability at a precision that tells small ones apart: 0.00042 → "0.00042", 0.1234 → "0.12". */
export function formatScore(value: number, language: string): string {
  if (value === 0 || value === 1) return String(value);
  return new Intl.NumberFormat(language, { maximumSignificantDigits: 2 }).format(value);
}

export type DriftVerdict = 'stable' | 'moderate' | 'significant';

/** The usual reading of the population stability index. */
export function driftVerdict(psi: number): DriftVerdict {
  if (psi < 0.1) return 'stable';
  if (psi <= 0.25) return 'moderate';
  return 'significant';
}
