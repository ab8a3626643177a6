/**
 * How well a ranking selects declarations for inspection: precision, recall, lift (precision ÷ base rate) and the
 * share of duty captured when the top k % are inspected, and AUC over the whole ranking.
 */
import { computeAuc } from './gbdt/auc';

/** Inspection shares reported everywhere (1 %, 2 %, 5 %, 10 % of declarations). */
export const INSPECTION_SHARES = [0.01, 0.02, 0.05, 0.1] as const;

export interface SelectionMetrics {
  /** Share of declarations inspected (0.05 = 5 %). */
  share: number;
  inspected: number;
  hits: number;
  precision: number;
  recall: number;
  /** Precision ÷ base rate: how many times better than random selection. */
  lift: number;
  /** Share of all recoverable duty (on fraudulent declarations) that the inspected ones hold. */
  dutyCaptured: number;
  dutyCapturedAmount: number;
}

export interface HeadEvaluation {
  rows: number;
  positives: number;
  baseRate: number;
  auc: number;
  atShare: SelectionMetrics[];
}

export interface Evaluation {
  rows: number;
  fraud: HeadEvaluation;
  critical: HeadEvaluation;
}

/**
 * Evaluates one ranking. `isPositive` marks the rows the head looks for; `duty` is the duty recoverable per row
 * (0 where nothing is recovered). Ties in score are broken by row order so that results are reproducible.
 */
export function evaluateRanking(
  scores: ArrayLike<number>,
  isPositive: ArrayLike<boolean>,
  duty: ArrayLike<number>,
  shares: readonly number[] = INSPECTION_SHARES,
): HeadEvaluation {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b,
  );
  let positives = 0;
  let totalDuty = 0;
  for (let i = 0; i < n; i++) {
    if (isPositive[i]) positives++;
    totalDuty += duty[i] ?? 0;
  }
  const baseRate = n > 0 ? positives / n : 0;
  const atShare = shares.map((share): SelectionMetrics => {
    const inspected = Math.min(n, Math.max(1, Math.round(n * share)));
    let hits = 0;
    let captured = 0;
    for (let k = 0; k < inspected; k++) {
      const row = order[k] ?? 0;
      if (isPositive[row]) hits++;
      captured += duty[row] ?? 0;
    }
    const precision = inspected > 0 ? hits / inspected : 0;
    return {
      share,
      inspected,
      hits,
      precision,
      recall: positives > 0 ? hits / positives : 0,
      lift: baseRate > 0 ? precision / baseRate : 0,
      dutyCaptured: totalDuty > 0 ? captured / totalDuty : 0,
      dutyCapturedAmount: captured,
    };
  });
  return { rows: n, positives, baseRate, auc: computeAuc(scores, isPositive), atShare };
}

export { computeAuc };
