import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { train } from '../../../../../engine';
import { niceTicks, pickEvenly, rebin, ridgeLayout, ridgePoints, sharedRange, tickDigits, tickStep, xOf, type Hist } from './ridges';

const hist = (min: number, max: number, bins: number[]): Hist => ({ min, max, count: bins.reduce((a, b) => a + b, 0), bins: Uint32Array.from(bins) });
const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

describe('sharedRange', () => {
  it('spans the lowest min and highest max of the histograms that hold values', () => {
    expect(sharedRange([hist(-0.2, 0.1, [1, 1]), hist(-0.05, 0.4, [2]), { min: -9, max: 9, count: 0, bins: new Uint32Array(2) }]))
      .toEqual({ lo: -0.2, hi: 0.4 });
  });

  it('widens a single repeated value into an interval around it', () => {
    expect(sharedRange([hist(0, 0, [0, 5, 0])])).toEqual({ lo: -0.5, hi: 0.5 });
    const r = sharedRange([hist(1, 1, [3])])!;
    expect(r.lo).toBeCloseTo(0.9, 12);
    expect(r.hi).toBeCloseTo(1.1, 12);
  });

  it('is null when nothing holds values', () => {
    expect(sharedRange([])).toBeNull();
    expect(sharedRange([{ min: 0, max: 0, count: 0, bins: new Uint32Array(30) }])).toBeNull();
  });
});

describe('rebin', () => {
  it('leaves bins unchanged onto the same axis and bin count', () => {
    expect(Array.from(rebin(hist(-1, 1, [1, 2, 3, 4]), { lo: -1, hi: 1 }, 4))).toEqual([1, 2, 3, 4]);
  });

  it('splits a bin between the target bins it overlaps, in proportion to the overlap', () => {
    // One bin [0, 1] of 4 values onto [0, 2] in 4 bins of 0.5: half each into the first two.
    expect(Array.from(rebin(hist(0, 1, [4]), { lo: 0, hi: 2 }, 4))).toEqual([2, 2, 0, 0]);
    // [0.25, 0.75] straddles 0.5: a quarter of its width on each side of a bin edge at 0.5.
    expect(Array.from(rebin(hist(0.25, 0.75, [3]), { lo: 0, hi: 1 }, 2))).toEqual([1.5, 1.5]);
    // Bins of width 0.25 from 0.1: [0.1,0.35] gives 0.6 of itself to [0,0.3] and 0.4 to [0.3,0.6].
    const out = rebin(hist(0.1, 0.6, [10, 20]), { lo: 0, hi: 0.9 }, 3);
    expect(out[0]).toBeCloseTo(8, 10);
    expect(out[1]).toBeCloseTo(2 + 20, 10);
    expect(out[2]).toBeCloseTo(0, 10);
  });

  it('puts a histogram of one repeated value into the bin holding it', () => {
    expect(Array.from(rebin(hist(0.35, 0.35, [0, 7, 0]), { lo: 0, hi: 1 }, 10))).toEqual([0, 0, 0, 7, 0, 0, 0, 0, 0, 0]);
    // The axis's upper end belongs to the last bin.
    expect(rebin(hist(1, 1, [5]), { lo: 0, hi: 1 }, 4)[3]).toBe(5);
  });

  it('keeps every count: the total is the same on any axis that covers the histogram', () => {
    fc.assert(fc.property(
      fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
      fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-6, max: 50, noNaN: true }),
      fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }),
      fc.integer({ min: 1, max: 150 }),
      (bins, min, width, padLo, padHi, n) => {
        const h = hist(min, min + width, bins);
        const out = rebin(h, { lo: min - padLo, hi: min + width + padHi }, n);
        expect(sum(out)).toBeCloseTo(h.count, 6);
        for (const v of out) expect(v).toBeGreaterThanOrEqual(0);
      },
    ));
  });

  it('piles what lies outside the axis into the edge bins rather than losing it', () => {
    const out = rebin(hist(-2, 2, [1, 1, 1, 1]), { lo: 0, hi: 1 }, 2);
    expect(sum(out)).toBeCloseTo(4, 12);
    expect(out[0]).toBeGreaterThanOrEqual(2);
  });

  it('keeps the mean of real data close after moving it onto a finer shared axis', () => {
    const values = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 12.9898) * 0.3 + 0.1);
    const h = train.histogram(values, 30);
    const axis = { lo: -1, hi: 1 };
    const out = rebin(h, axis, 200);
    let m = 0;
    out.forEach((c, j) => (m += c * (axis.lo + ((j + 0.5) * (axis.hi - axis.lo)) / 200)));
    expect(m / h.count).toBeCloseTo(h.mean, 2);
  });
});

describe('niceTicks', () => {
  it('gives round values inside the range', () => {
    expect(niceTicks(0, 1, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.237, 0.251, 5)).toEqual([-0.2, -0.1, 0, 0.1, 0.2]);
    expect(niceTicks(-0.237, 0.251, 4)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(0.1, 0.3, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(niceTicks(120, 980, 5)).toEqual([200, 400, 600, 800]);
    expect(niceTicks(3, 3, 5)).toEqual([3]);
  });

  it('stays inside the range, ascending, at most maxTicks, on multiples of a 1-2-5 step, the finest that fits', () => {
    fc.assert(fc.property(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.integer({ min: 2, max: 12 }),
      (lo, span, maxTicks) => {
        const hi = lo + span;
        const ticks = niceTicks(lo, hi, maxTicks);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.length).toBeLessThanOrEqual(maxTicks);
        const step = tickStep(lo, hi, maxTicks);
        expect([1, 2, 5, 10]).toContain(Math.round(step / 10 ** Math.floor(Math.log10(step) + 1e-12)));
        // The next finer 1-2-5 step would not fit (a tick within a billionth of a step of the
        // range counts as inside: that is what keeps 0.3 / 0.1 = 2.9999999999999996 a tick).
        const mant = Math.round(step / 10 ** Math.floor(Math.log10(step) + 1e-12));
        const finer = mant === 1 ? step / 2 : mant === 2 ? step / 2 : (step * 2) / 5;
        expect(Math.floor(hi / finer + 1e-9) - Math.ceil(lo / finer - 1e-9) + 1).toBeGreaterThan(maxTicks);
        for (let i = 0; i < ticks.length; i++) {
          expect(ticks[i]).toBeGreaterThanOrEqual(lo - step * 1e-6);
          expect(ticks[i]).toBeLessThanOrEqual(hi + step * 1e-6);
          // Relative to the tick's size: 9056 on a 5e-6 step is 1.8e9 steps, past float's exactness.
          expect(Math.abs(ticks[i] / step - Math.round(ticks[i] / step))).toBeLessThan(1e-9 + 1e-12 * Math.abs(ticks[i] / step));
          if (i > 0) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step, 6);
        }
      },
    ));
  });

  it('names the fraction digits a step needs', () => {
    expect(tickDigits(0.2)).toBe(1);
    expect(tickDigits(0.05)).toBe(2);
    expect(tickDigits(1)).toBe(0);
    expect(tickDigits(500)).toBe(0);
  });
});

describe('ridge geometry', () => {
  it('stacks the oldest ridge at the top and the newest on the bottom, older ones fainter', () => {
    const l = ridgeLayout(5, 10, 110, 0.4, 0.2);
    expect(l.height).toBeCloseTo(40, 12);
    expect(l.baselines[0]).toBeCloseTo(50, 12);
    expect(l.baselines[4]).toBe(110);
    for (let i = 1; i < 5; i++) {
      expect(l.baselines[i]).toBeGreaterThan(l.baselines[i - 1]);
      expect(l.alphas[i]).toBeGreaterThan(l.alphas[i - 1]);
    }
    expect(l.alphas[0]).toBeCloseTo(0.2, 12);
    expect(l.alphas[4]).toBe(1);
    expect(ridgeLayout(1, 10, 110)).toEqual({ baselines: [110], height: 100, alphas: [1] });
  });

  it('outlines a ridge from baseline to baseline through the bin centres, the peak at full height', () => {
    const pts = Array.from(ridgePoints([1, 4, 2, 0], 0, 80, 100, 50));
    expect(pts).toEqual([0, 100, 10, 87.5, 30, 50, 50, 75, 70, 100, 80, 100]);
    // An empty histogram is a flat line, not a division by zero.
    expect(Array.from(ridgePoints([0, 0], 0, 10, 5, 3))).toEqual([0, 5, 2.5, 5, 7.5, 5, 10, 5]);
  });

  it('places values on the axis', () => {
    expect(xOf(0, { lo: -1, hi: 1 }, 10, 110)).toBe(60);
    expect(xOf(1, { lo: -1, hi: 1 }, 10, 110)).toBe(110);
  });
});

describe('pickEvenly', () => {
  it('spreads picks over the range, keeping the oldest and the newest', () => {
    expect(pickEvenly(10, 4)).toEqual([0, 3, 6, 9]);
    expect(pickEvenly(64, 2)).toEqual([0, 63]);
    expect(pickEvenly(3, 5)).toEqual([0, 1, 2]);
    expect(pickEvenly(7, 1)).toEqual([6]);
    expect(pickEvenly(0, 4)).toEqual([]);
  });

  it('is ascending without repeats', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), (n, max) => {
      const p = pickEvenly(n, max);
      expect(p.length).toBe(Math.min(n, max));
      expect(p[p.length - 1]).toBe(n - 1);
      for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThan(p[i - 1]);
    }));
  });
});
