import { describe, expect, it } from 'vitest';
import { DatasetError, defineDataset, type Dataset } from './Dataset';
import { applyNormalization, fitNormalization, normalizeDataset } from './normalize';

/**
 * Rows 0–9 are training rows: feature 0 = 0…9, feature 1 = 2…4 (alternating 2, 4);
 * rows 10–11 are test rows far outside that range (feature 0 = 100, feature 1 = 10).
 */
function shifted(): Dataset {
  const x: number[] = [];
  for (let i = 0; i < 10; i++) x.push(i, i % 2 ? 4 : 2);
  x.push(100, 10, 100, 10);
  return defineDataset({ name: 'shifted', task: 'regression', x: Float32Array.from(x), featureShape: [2], samples: 12, y: new Float32Array(12), targetSize: 1 });
}
const TRAIN = Array.from({ length: 10 }, (_, i) => i);

const column = (x: Float32Array, j: number, rows: number[]) => rows.map((r) => x[r * 2 + j]);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));

describe('normalisation', () => {
  it('standardize fits mean and std on the training rows only', () => {
    const { dataset, stats } = normalizeDataset(shifted(), 'standardize', TRAIN);
    expect(stats.offset).toEqual([4.5, 3]);
    expect(stats.scale[0]).toBeCloseTo(Math.sqrt(8.25), 10);
    expect(stats.scale[1]).toBeCloseTo(1, 10);
    for (const j of [0, 1]) {
      expect(mean(column(dataset.x, j, TRAIN))).toBeCloseTo(0, 6);
      expect(std(column(dataset.x, j, TRAIN))).toBeCloseTo(1, 5);
    }
    // Test rows use the training statistics: far from 0, not re-centred by their own values.
    expect(dataset.x[20]).toBeCloseTo((100 - 4.5) / Math.sqrt(8.25), 4);
    expect(dataset.x[21]).toBeCloseTo(7, 5);
  });

  it('minmax maps the training range to [0, 1] and test rows by the same map', () => {
    const { dataset, stats } = normalizeDataset(shifted(), 'minmax', TRAIN);
    expect(stats).toMatchObject({ kind: 'minmax', per: 'feature', offset: [0, 2], scale: [9, 2] });
    expect(Math.min(...dataset.x.subarray(0, 20))).toBe(0);
    expect(Math.max(...dataset.x.subarray(0, 20))).toBe(1);
    expect([...dataset.x.subarray(20, 22)].map((v) => +v.toFixed(5))).toEqual([+(100 / 9).toFixed(5), 4]);
  });

  it('fitting on other rows gives other statistics', () => {
    expect(fitNormalization(shifted(), 'standardize', [10, 11, 0]).offset[0]).toBeCloseTo(200 / 3, 5);
  });

  it("'none' leaves the data set as it is", () => {
    const d = shifted();
    const { dataset, stats } = normalizeDataset(d, 'none', TRAIN);
    expect(dataset).toBe(d);
    expect(stats).toMatchObject({ offset: [0, 0], scale: [1, 1] });
  });

  it('does not change the original data set', () => {
    const d = shifted();
    const before = d.x.slice();
    normalizeDataset(d, 'standardize', TRAIN);
    expect(d.x).toEqual(before);
  });

  it('a constant feature is shifted, not divided by zero', () => {
    const d = defineDataset({ name: 'c', task: 'regression', x: new Float32Array([3, 3, 3]), featureShape: [1], samples: 3, y: new Float32Array(3), targetSize: 1 });
    for (const kind of ['standardize', 'minmax'] as const) {
      const { dataset, stats } = normalizeDataset(d, kind, [0, 1, 2]);
      expect(stats.scale).toEqual([1]);
      expect([...dataset.x]).toEqual([0, 0, 0]);
    }
  });

  it('stays accurate for a feature with a large mean', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => 10000 + (i % 2 ? 0.5 : -0.5));
    const d = defineDataset({ name: 'big', task: 'regression', x, featureShape: [1], samples: 1000, y: new Float32Array(1000), targetSize: 1 });
    const stats = fitNormalization(d, 'standardize', Array.from({ length: 1000 }, (_, i) => i));
    expect(stats.offset[0]).toBeCloseTo(10000, 8);
    expect(stats.scale[0]).toBeCloseTo(0.5, 10);
  });

  it('images get one statistic per channel by default, per pixel on request', () => {
    // 2×2 images with 2 channels: channel 0 holds 0…3 per pixel, channel 1 is 10.
    const x = new Float32Array(16);
    for (let s = 0; s < 2; s++) for (let p = 0; p < 4; p++) x.set([p, 10], s * 8 + p * 2);
    const d = defineDataset({ name: 'img', task: 'classification', x, featureShape: [2, 2, 2], samples: 2, y: new Float32Array(2), classes: 1 });
    const perChannel = fitNormalization(d, 'minmax', [0, 1]);
    expect(perChannel).toMatchObject({ per: 'channel', offset: [0, 10], scale: [3, 1] });
    const perFeature = fitNormalization(d, 'minmax', [0, 1], { per: 'feature' });
    expect(perFeature.offset).toHaveLength(8);
    expect([...applyNormalization(x.subarray(0, 8), perChannel)]).toEqual([0, 0, 1 / 3, 0, 2 / 3, 0, 1, 0].map(Math.fround));
  });

  it('stats survive JSON and normalise new inputs the same way', () => {
    const { dataset, stats } = normalizeDataset(shifted(), 'standardize', TRAIN);
    const restored = JSON.parse(JSON.stringify(stats));
    expect(applyNormalization(shifted().x.subarray(6, 8), restored)).toEqual(dataset.x.subarray(6, 8));
  });

  it.each([
    [() => fitNormalization(shifted(), 'zscore' as never, TRAIN), /unknown kind 'zscore'; expected one of none, standardize, minmax/],
    [() => fitNormalization(shifted(), 'minmax', []), /cannot fit 'minmax' normalisation on an empty training split/],
    [() => fitNormalization(shifted(), 'minmax', [0, 12]), /training index 12 is outside 0…11/],
    [() => applyNormalization(new Float32Array(3), fitNormalization(shifted(), 'minmax', TRAIN)), /3 values are not whole samples of shape \[2\]/],
    [() => applyNormalization(new Float32Array(2), { kind: 'minmax', per: 'feature', featureShape: [2], offset: [0], scale: [1] }), /hold 1 offsets and 1 scales, but 'feature' normalisation of shape \[2\] needs 2/],
  ])('rejects misuse (%#)', (call, message) => {
    expect(call).toThrow(DatasetError);
    expect(call).toThrow(message);
  });
});
