import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { histogram } from './histogram';

describe('histogram', () => {
  it('counts every finite value once and reports range, mean and std', () => {
    const h = histogram([1, 2, 2, 3, 3, 3, 4, NaN, Infinity], 4);
    expect([...h.bins]).toEqual([1, 2, 3, 1]);
    expect(h.count).toBe(7);
    expect(h.nonFinite).toBe(2);
    expect(h.min).toBe(1);
    expect(h.max).toBe(4);
    expect(h.mean).toBeCloseTo(18 / 7, 12);
    const variance = [1, 2, 2, 3, 3, 3, 4].reduce((s, v) => s + (v - 18 / 7) ** 2, 0) / 7;
    expect(h.std).toBeCloseTo(Math.sqrt(variance), 12);
  });

  it('a normal sample has a bell-shaped histogram; constant data lands in one bin', () => {
    const rng = new Random(1);
    const h = histogram(Float64Array.from({ length: 20000 }, () => rng.normal()), 21);
    // The peak sits where 0 falls, and the tails are thin.
    const zeroBin = Math.floor((0 - h.min) / ((h.max - h.min) / 21));
    const peak = h.bins.indexOf(Math.max(...h.bins));
    expect(Math.abs(peak - zeroBin)).toBeLessThanOrEqual(1);
    expect(h.bins[0]).toBeLessThan(h.bins[peak] / 20);
    expect(h.bins[20]).toBeLessThan(h.bins[peak] / 20);
    const c = histogram([5, 5, 5], 10);
    expect(c.bins.reduce((a, b) => a + b, 0)).toBe(3);
    expect(c.std).toBe(0);
    expect(histogram([], 5).count).toBe(0);
  });
});
