import { describe, expect, it } from 'vitest';
import { MAX_INIT_WORK, healthStat, histTicks, histogramBars, initWork, rowPeak } from './histogramBars';

const hist = (counts: number[]) => ({ lo: 0, hi: 1, counts });

describe('rowPeak', () => {
  it('is the largest bin of the row', () => {
    expect(rowPeak([hist([1, 5, 2]), hist([7, 0, 3])], false)).toBe(7);
  });
  it('leaves ReLU’s zero bin out of the scale', () => {
    expect(rowPeak([hist([900, 5, 2]), hist([800, 40, 3])], true)).toBe(40);
  });
  it('falls back to the zero bin when it holds everything', () => {
    expect(rowPeak([hist([1000, 0, 0]), hist([1000, 0, 0])], true)).toBe(1000);
  });
});

describe('histogramBars', () => {
  it('puts one bar per non-empty bin side by side, in proportion to the peak', () => {
    const bars = histogramBars([2, 0, 4, 1], 4, 10, 50, 0, 100);
    expect(bars.map((b) => b.x)).toEqual([10, 30, 40]);
    expect(bars.every((b) => b.width === 10)).toBe(true);
    expect(bars.map((b) => b.height)).toEqual([50, 100, 25]);
    expect(bars.map((b) => b.y)).toEqual([50, 0, 75]);
    expect(bars.some((b) => b.cut)).toBe(false);
  });
  it('clips a bar above the peak to the box and marks it cut', () => {
    const [first, second] = histogramBars([900, 30], 40, 0, 20, 10, 90);
    expect(first).toMatchObject({ height: 80, y: 10, cut: true });
    expect(second).toMatchObject({ height: 60, cut: false });
  });
  it('keeps a tiny count visible as one pixel', () => {
    expect(histogramBars([1, 100000], 100000, 0, 2, 0, 50)[0].height).toBe(1);
  });
  it('draws nothing for an empty histogram', () => {
    expect(histogramBars([0, 0], 0, 0, 10, 0, 10)).toEqual([]);
    expect(histogramBars([], 5, 0, 10, 0, 10)).toEqual([]);
  });
});

describe('statistics and limits', () => {
  it('judges ReLU by dead units and the others by saturation', () => {
    expect(healthStat('relu')).toBe('zero');
    expect(healthStat('sigmoid')).toBe('saturated');
    expect(healthStat('tanh')).toBe('saturated');
  });
  it('ticks the ends and the middle when there is room', () => {
    expect(histTicks(-1, 1, true)).toEqual([-1, 0, 1]);
    expect(histTicks(0, 3, false)).toEqual([0, 3]);
  });
  it('allows ten times the course’s setting and no more', () => {
    expect(initWork(5, 100, 1000)).toBe(5e7);
    expect(initWork(5, 100, 10000)).toBeLessThanOrEqual(MAX_INIT_WORK);
    expect(initWork(10, 300, 5000)).toBeGreaterThan(MAX_INIT_WORK);
  });
});
