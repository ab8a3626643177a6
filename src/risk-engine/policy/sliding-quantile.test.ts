import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawUniform, mulberry32 } from './seeded-random';
import { SlidingQuantile, SlidingRate } from './sliding-quantile';

describe('SlidingQuantile', () => {
  it('agrees with sorting the last n values', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(Number.NEGATIVE_INFINITY)),
          {
            maxLength: 200,
          },
        ),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, capacity, rate) => {
          const window = new SlidingQuantile(capacity);
          values.forEach((v) => window.push(v));
          const recent = values.slice(-capacity).sort((a, b) => a - b);
          const k = Math.round(rate * recent.length);
          const expected = k === 0 ? Number.POSITIVE_INFINITY : recent[recent.length - k];
          expect(window.size).toBe(recent.length);
          expect(window.thresholdForRate(rate)).toBe(expected);
        },
      ),
    );
  });

  it('reports the share of the window above a value', () => {
    const window = new SlidingQuantile(4);
    [1, 2, 3, 4, 5].forEach((v) => window.push(v));
    expect(window.shareAbove(3)).toBe(0.5);
    expect(window.shareAbove(0)).toBe(1);
  });

  it('counts the values above and equal to a value, and how many a rate selects', () => {
    const window = new SlidingQuantile(10);
    [0.9, 0.5, 0.5, 0.5, 0.5, 0.1].forEach((v) => window.push(v));
    expect(window.standing(0.5)).toEqual({ above: 1, tied: 4, size: 6 });
    expect(window.standing(0.7)).toEqual({ above: 1, tied: 0, size: 6 });
    expect(window.thresholdForRate(0.5)).toBe(0.5);
    expect(window.selectedCount(0.5)).toBe(3);
    expect(window.selectedCount(2)).toBe(6);
  });
});

describe('SlidingRate', () => {
  it('forgets flags older than its capacity', () => {
    const rate = new SlidingRate(4);
    [true, true, false, false, false, false].forEach((f) => rate.push(f));
    expect(rate.rate()).toBe(0);
    expect(rate.trueCount).toBe(0);
    rate.push(true);
    expect(rate.trueCount).toBe(1);
  });
});

describe('seeded randomness', () => {
  it('draws the same value for the same seed and parts, and different ones otherwise', () => {
    expect(drawUniform(1, 'D1', 'random')).toBe(drawUniform(1, 'D1', 'random'));
    expect(drawUniform(1, 'D1', 'random')).not.toBe(drawUniform(2, 'D1', 'random'));
    expect(drawUniform(1, 'D1', 'random')).not.toBe(drawUniform(1, 'D1', 'explore'));
  });

  it('spreads draws uniformly', () => {
    const draws = Array.from({ length: 20_000 }, (_, i) => drawUniform('s', String(i)));
    const below = draws.filter((d) => d < 0.1).length / draws.length;
    expect(below).toBeGreaterThan(0.09);
    expect(below).toBeLessThan(0.11);
    const stream = mulberry32(3);
    const mean = Array.from({ length: 20_000 }, stream).reduce((a, b) => a + b, 0) / 20_000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});
