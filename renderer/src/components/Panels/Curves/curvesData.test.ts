import { describe, expect, it } from 'vitest';
import type { project } from '../../../../../engine';
import {
  accuracyCurves, buildColumns, MAX_PLOTTED, sampleIndices, curvesKey, ema, latestAttributes, lossCurves, nearestDefined, plottable, runLabel, xMax,
  type LiveCurves, type OverlayCurves,
} from './curvesData';

const close = (got: (number | null)[], want: (number | null)[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => (w === null ? expect(got[i], `index ${i}`).toBeNull() : expect(got[i], `index ${i}`).toBeCloseTo(w, 10)));
};

describe('ema (TensorBoard smoothing)', () => {
  it('is the debiased weighted mean of the points so far', () => {
    // With w = 0.5 the third point weighs 1, the second 0.5, the first 0.25, normalised.
    close(ema([1, 2, 3], 0.5), [1, (1 * 0.5 + 2) / 1.5, (1 * 0.25 + 2 * 0.5 + 3) / 1.75]);
  });

  it('leaves the series as it is at 0 and a constant series constant at any weight', () => {
    close(ema([5, -1, 2], 0), [5, -1, 2]);
    close(ema([0.7, 0.7, 0.7, 0.7], 0.99), [0.7, 0.7, 0.7, 0.7]);
  });

  it('skips non-finite points without losing the average', () => {
    // [1, NaN, 3] smooths like [1, 3]: the NaN is a gap, not a reset.
    close(ema([1, Number.NaN, 3, Number.POSITIVE_INFINITY], 0.5), [1, null, (1 * 0.5 + 3) / 1.5, null]);
  });
});

describe('plottable', () => {
  it('drops non-finite values always and non-positive ones on a log axis', () => {
    expect(plottable(0.5, false)).toBe(0.5);
    expect(plottable(0, false)).toBe(0);
    expect(plottable(-1, false)).toBe(-1);
    expect(plottable(0, true)).toBeNull();
    expect(plottable(-1, true)).toBeNull();
    expect(plottable(Number.NaN, false)).toBeNull();
    expect(plottable(Number.POSITIVE_INFINITY, true)).toBeNull();
    expect(plottable(undefined, false)).toBeNull();
  });
});

const live: LiveCurves = {
  batchX: [0.5, 1, 1.5, 2],
  batchLoss: [4, 3, 2, 1],
  epochs: [
    { epoch: 1, loss: 3.5, accuracy: 0.5, valLoss: 3.6, valAccuracy: 0.45 },
    { epoch: 2, loss: 1.5, accuracy: 0.8, valLoss: 1.7, valAccuracy: 0.75 },
  ],
};
const past: OverlayCurves = { id: 'old', label: 'old run', epochs: [{ epoch: 1, loss: 5 }, { epoch: 2, loss: 4 }, { epoch: 3, loss: 2 }] };

describe('which curves a chart shows', () => {
  it('lists the live curves, then each overlay with only what it measured', () => {
    expect(lossCurves(live, true, [past])).toEqual([
      { run: -1, metric: 'batchRaw' }, { run: -1, metric: 'batchSmooth' }, { run: -1, metric: 'loss' },
      { run: -1, metric: 'valLoss' }, { run: 0, metric: 'loss' },
    ]);
    expect(accuracyCurves(null, false, [past])).toEqual([]);
    expect(accuracyCurves(live, false, [])).toEqual([{ run: -1, metric: 'accuracy' }, { run: -1, metric: 'valAccuracy' }]);
  });

  it('leaves out validation before any epoch when the run holds nothing out', () => {
    const fresh: LiveCurves = { batchX: [], batchLoss: [], epochs: [] };
    expect(curvesKey(lossCurves(fresh, false, []))).toBe('-1:batchRaw,-1:batchSmooth,-1:loss');
    expect(curvesKey(lossCurves(fresh, true, []))).toBe('-1:batchRaw,-1:batchSmooth,-1:loss,-1:valLoss');
  });
});

describe('buildColumns', () => {
  it('puts batches and epochs on one x column, an epoch sharing the row of its last batch', () => {
    const specs = lossCurves(live, true, [past]);
    const [x, raw, smooth, loss, valLoss, pastLoss] = buildColumns(specs, live, [past], { smoothing: 0, log: false });
    expect(x).toEqual([0.5, 1, 1.5, 2, 3]);
    expect(raw).toEqual([4, 3, 2, 1, null]);
    expect(smooth).toEqual([4, 3, 2, 1, null]); // smoothing 0
    expect(loss).toEqual([null, 3.5, null, 1.5, null]);
    expect(valLoss).toEqual([null, 3.6, null, 1.7, null]);
    expect(pastLoss).toEqual([null, 5, null, 4, 2]);
  });

  it('inserts an epoch between batches when no batch sits on it (thinned batches)', () => {
    const thinned: LiveCurves = { batchX: [0.5, 1.5, 2.5], batchLoss: [3, 2, 1], epochs: [{ epoch: 1, loss: 2.5 }, { epoch: 2, loss: 1.5 }] };
    const [x, raw, , loss] = buildColumns(lossCurves(thinned, false, []), thinned, [], { smoothing: 0.6, log: false });
    expect(x).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(raw).toEqual([3, null, 2, null, 1]);
    expect(loss).toEqual([null, 2.5, null, 1.5, null]);
  });

  it('smooths the batch losses with the given weight', () => {
    const [, , smooth] = buildColumns(lossCurves(live, false, []), live, [], { smoothing: 0.5, log: false });
    close(smooth, [4, 5 / 1.5, (4 * 0.25 + 3 * 0.5 + 2) / 1.75, (4 * 0.125 + 3 * 0.25 + 2 * 0.5 + 1) / 1.875]);
  });

  it('guards a log axis: zero, negative and NaN values become gaps', () => {
    const bad: LiveCurves = { batchX: [1, 2, 3], batchLoss: [0, -0.5, Number.NaN], epochs: [{ epoch: 1, loss: 0 }, { epoch: 2, loss: 0.25 }, { epoch: 3, loss: Number.NaN }] };
    const [x, raw, smooth, loss] = buildColumns(lossCurves(bad, false, []), bad, [], { smoothing: 0, log: true });
    expect(x).toEqual([1, 2, 3]);
    expect(raw).toEqual([null, null, null]);
    expect(smooth).toEqual([null, null, null]);
    expect(loss).toEqual([null, 0.25, null]);
    const [, rawLinear] = buildColumns(lossCurves(bad, false, []), bad, [], { smoothing: 0, log: false });
    expect(rawLinear).toEqual([0, -0.5, null]);
  });

  it('draws overlays alone when there is no live run, on their epochs only', () => {
    const specs = lossCurves(null, false, [past]);
    expect(buildColumns(specs, null, [past], { smoothing: 0.6, log: false })).toEqual([[1, 2, 3], [5, 4, 2]]);
  });

  it('builds 50,000 batch points with a few overlays', () => {
    const n = 50_000;
    const big: LiveCurves = {
      batchX: Array.from({ length: n }, (_, i) => (i + 1) / 1000),
      batchLoss: Array.from({ length: n }, (_, i) => 2 / (1 + i / 1000)),
      epochs: Array.from({ length: 50 }, (_, i) => ({ epoch: i + 1, loss: 2 / (1 + i), valLoss: 2.1 / (1 + i) })),
    };
    const overlays = Array.from({ length: 4 }, (_, k) => ({ ...past, id: `p${k}` }));
    const specs = lossCurves(big, true, overlays);
    const cols = buildColumns(specs, big, overlays, { smoothing: 0.6, log: true });
    // Drawn from an even sample: at most MAX_PLOTTED batch positions (the epochs fall on them).
    expect(cols[0].length).toBeLessThanOrEqual(MAX_PLOTTED + 50);
    expect(cols[0].length).toBeGreaterThan(MAX_PLOTTED - 10);
    expect(cols[0][0]).toBe(0.001);
    expect(cols[0].at(-1)).toBe(50); // the last batch is always drawn
    const row1 = cols[0].indexOf(1);
    expect(cols[3][row1]).toBe(2); // epoch 1's loss on the row of x = 1
    expect(sampleIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('nearestDefined', () => {
  const xs = [0, 1, 2, 3, 4, 10];
  const ys = [null, 5, null, null, 7, 8];
  it('finds the nearest row with a value, by x distance', () => {
    expect(nearestDefined(xs, ys, 1)).toBe(1);
    expect(nearestDefined(xs, ys, 0)).toBe(1);
    expect(nearestDefined(xs, ys, 2)).toBe(1); // tie-free: x 2 is 1 from x 1 and 2 from x 4
    expect(nearestDefined(xs, ys, 3)).toBe(4);
    expect(nearestDefined(xs, [null, null], 0)).toBeNull();
    expect(nearestDefined(xs, ys, 3, 0)).toBeNull();
  });
});

describe('labels and the latest line', () => {
  const record: project.RunRecord = {
    id: 'r1', startedAt: '2025-03-03T14:02:00.000Z', status: 'completed',
    settings: { optimizer: 'Momentum', learningRate: 0.001 }, epochs: [],
  };
  it('names a run by start time, optimizer and learning rate in the UI language', () => {
    const en = runLabel(record, 'en', (v) => `lr ${v}`);
    expect(en).toMatch(/^.+ · Momentum · lr 0\.001$/);
    expect(en).toContain('Mar');
    expect(runLabel(record, 'ko', (v) => `학습률 ${v}`)).toMatch(/^.*3월.* · 모멘텀 · 학습률 0\.001$/);
    expect(runLabel({ ...record, settings: {} }, 'en', (v) => v)).not.toContain('·');
    // A lab run is named by its label (and when it ran, to tell batches apart).
    expect(runLabel({ ...record, label: 'with BatchNorm' }, 'en', (v) => v)).toMatch(/^with BatchNorm · .*Mar/);
  });

  it('exposes the raw numbers of the latest epoch, leaving absent ones out', () => {
    expect(latestAttributes(undefined)).toEqual({});
    expect(latestAttributes({ epoch: 12, loss: 0.0312, accuracy: 0.984 })).toEqual({
      'data-epoch': '12', 'data-loss': '0.0312', 'data-accuracy': '0.984',
    });
    expect(latestAttributes(live.epochs[1])).toEqual({
      'data-epoch': '2', 'data-loss': '1.5', 'data-accuracy': '0.8', 'data-val-loss': '1.7', 'data-val-accuracy': '0.75',
    });
  });

  it('ends the x axis at the planned epochs or the furthest run', () => {
    expect(xMax(10, live, [past])).toBe(10);
    expect(xMax(0, live, [past])).toBe(3);
    expect(xMax(0, null, [])).toBe(1);
    // A long plan does not squash the curve: the axis runs half as far again as the data.
    expect(xMax(100_000, { ...live, batchX: [], epochs: Array.from({ length: 40 }, (_, i) => ({ epoch: i + 1, loss: 1 })) } as never, [])).toBe(60);
  });
});
