/**
 * Histogram binning: each feature is cut into at most 255 value bins plus bin 0 for "missing", so the learner works
 * on a compact Uint8Array and split finding is a scan over bin totals instead of a sort of raw values.
 */

/** Bin 0 holds missing values (NaN); value bins are 1..MAX_BIN. */
export const MAX_BIN = 255;

/** Missing values are replaced by this at prediction time so that "x <= threshold" sends them with bin 0. */
export const MISSING_VALUE = Number.NEGATIVE_INFINITY;

/** Threshold of a split that sends only missing values left; finite so that it survives JSON. */
export const MISSING_ONLY_THRESHOLD = -Number.MAX_VALUE;

export interface BinMapper {
  features: number;
  isCategorical: Uint8Array;
  /** Bins in use per feature (including bin 0). */
  binCount: Uint16Array;
  /** Per numeric feature, the upper bound (inclusive) of each bin; `uppers[f][0]` is the missing-only threshold. */
  uppers: Float64Array[];
}

/**
 * Chooses bin bounds from the training matrix: distinct values get their own bin when there are few, else cuts at
 * quantiles of the distinct values weighted by their frequency. Categorical features use the category code as bin.
 */
export function fitBinMapper(
  values: Float64Array,
  rows: number,
  features: number,
  isCategorical: readonly boolean[],
  maxSample = 100_000,
): BinMapper {
  const binCount = new Uint16Array(features);
  const uppers: Float64Array[] = [];
  const step = Math.max(1, Math.floor(rows / maxSample));
  const sample = new Float64Array(Math.ceil(rows / step));
  for (let f = 0; f < features; f++) {
    if (isCategorical[f]) {
      let maxCode = 0;
      for (let r = 0; r < rows; r++) {
        const v = values[r * features + f] ?? Number.NaN;
        if (v === v && v > maxCode) maxCode = Math.min(MAX_BIN, Math.floor(v));
      }
      binCount[f] = maxCode + 1;
      uppers.push(new Float64Array(0));
      continue;
    }
    let size = 0;
    for (let r = 0; r < rows; r += step) {
      const v = values[r * features + f] ?? Number.NaN;
      if (v === v) sample[size++] = v;
    }
    const sorted = sample.subarray(0, size).slice().sort();
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < size; i++) {
      const v = sorted[i] ?? 0;
      if (distinct.length > 0 && distinct[distinct.length - 1] === v)
        counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
      else {
        distinct.push(v);
        counts.push(1);
      }
    }
    const bounds: number[] = [MISSING_ONLY_THRESHOLD];
    if (distinct.length <= MAX_BIN) {
      for (let i = 0; i < distinct.length - 1; i++)
        bounds.push(midpoint(distinct[i] ?? 0, distinct[i + 1] ?? 0));
    } else {
      // Equal-frequency cuts, never splitting one distinct value across bins.
      const perBin = size / MAX_BIN;
      let accumulated = 0;
      let nextCut = perBin;
      for (let i = 0; i < distinct.length - 1 && bounds.length < MAX_BIN; i++) {
        accumulated += counts[i] ?? 0;
        if (accumulated >= nextCut) {
          bounds.push(midpoint(distinct[i] ?? 0, distinct[i + 1] ?? 0));
          while (nextCut <= accumulated) nextCut += perBin;
        }
      }
    }
    bounds.push(Number.POSITIVE_INFINITY);
    binCount[f] = bounds.length;
    uppers.push(Float64Array.from(bounds));
  }
  return { features, isCategorical: Uint8Array.from(isCategorical, (c) => (c ? 1 : 0)), binCount, uppers };
}

/** Midpoint that stays strictly below `b` even when a and b are adjacent doubles. */
function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return mid < b ? mid : a;
}

/** Bins one value of feature `f`. */
export function findBin(mapper: BinMapper, f: number, value: number): number {
  if (value !== value) return 0;
  if (mapper.isCategorical[f]) return value < 0 ? 0 : Math.min(MAX_BIN, Math.floor(value));
  const upper = mapper.uppers[f];
  if (!upper) return 0;
  // First value bin whose upper bound is >= value (bin 0 is reserved for missing).
  let low = 1;
  let high = upper.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (value <= (upper[mid] ?? Number.POSITIVE_INFINITY)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Bins a row-major matrix into a row-major Uint8Array of the same shape. */
export function binMatrix(mapper: BinMapper, values: Float64Array, rows: number): Uint8Array {
  const features = mapper.features;
  const bins = new Uint8Array(rows * features);
  for (let r = 0; r < rows; r++) {
    const offset = r * features;
    for (let f = 0; f < features; f++)
      bins[offset + f] = findBin(mapper, f, values[offset + f] ?? Number.NaN);
  }
  return bins;
}

/** The raw-value threshold equivalent to "bin <= b" for a numeric feature. */
export function thresholdOfBin(mapper: BinMapper, f: number, bin: number): number {
  return mapper.uppers[f]?.[bin] ?? MISSING_ONLY_THRESHOLD;
}
