/**
 * The last `capacity` values of a stream, kept sorted so that "the k-th largest recent value" is one array read.
 * Used to calibrate selection thresholds: selecting values at or above the (rate × n)-th largest of the recent
 * window selects about `rate` of the stream without seeing the whole batch. Insert and evict are a binary search
 * and a memmove, which for windows of a few thousand values costs microseconds.
 *
 * Values of -Infinity stand for "not eligible" (already selected, or kept out by AEO facilitation): they take a
 * place in the window, so the threshold is calibrated on the share of *all* declarations, not of the eligible ones.
 */
export class SlidingQuantile {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer');
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (Number.isNaN(value)) throw new Error('SlidingQuantile does not accept NaN');
    if (this.count === this.capacity) {
      const evicted = this.ring[this.next] ?? 0;
      const at = this.lowerBound(evicted);
      this.sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = value;
    this.count++;
  }

  /**
   * The smallest value that selects about `rate` of the window: the k-th largest with k = round(rate × n).
   * +Infinity when k is 0 (nothing to select) or the window is empty.
   */
  thresholdForRate(rate: number): number {
    const k = Math.round(rate * this.count);
    if (k <= 0 || this.count === 0) return Number.POSITIVE_INFINITY;
    return this.sorted[this.count - Math.min(k, this.count)] ?? Number.POSITIVE_INFINITY;
  }

  /** How many values `rate` selects: round(rate × n), at most n. */
  selectedCount(rate: number): number {
    return Math.min(Math.max(0, Math.round(rate * this.count)), this.count);
  }

  /** Where `value` stands in the window: how many values are strictly above it and how many equal it. */
  standing(value: number): { above: number; tied: number; size: number } {
    const upper = this.upperBound(value);
    return { above: this.count - upper, tied: upper - this.lowerBound(value), size: this.count };
  }

  /** Share of the window strictly above `value` (its rank from the top, as a fraction). */
  shareAbove(value: number): number {
    if (this.count === 0) return 0;
    return (this.count - this.upperBound(value)) / this.count;
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(value: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] ?? 0) <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Running share of true flags over the last `capacity` events. */
export class SlidingRate {
  private readonly ring: Uint8Array;
  private next = 0;
  private count = 0;
  private hits = 0;

  constructor(readonly capacity: number) {
    this.ring = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(flag: boolean): void {
    if (this.count === this.capacity) {
      this.hits -= this.ring[this.next] ?? 0;
      this.count--;
    }
    this.ring[this.next] = flag ? 1 : 0;
    this.hits += flag ? 1 : 0;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }

  rate(): number {
    return this.count === 0 ? 0 : this.hits / this.count;
  }

  /** True flags among the last `size` events. */
  get trueCount(): number {
    return this.hits;
  }
}
