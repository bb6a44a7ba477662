import { describe, expect, it } from 'vitest';
import { classCounts, DatasetError } from './Dataset';
import { MNIST_PIXELS, mnistDataset, mnistTestRows, validateMnistRaw, type MnistRaw } from './mnist';
import { splitDataset } from './split';

/** Fake MNIST: digit d has 12 + d images; image r of digit d has every pixel = (100d + r) / 1000. */
function fakeRaw(asArrays = false): MnistRaw {
  return {
    digits: Array.from({ length: 10 }, (_, d) => {
      const data = new Float32Array((12 + d) * MNIST_PIXELS);
      for (let r = 0; r < 12 + d; r++) data.fill((100 * d + r) / 1000, r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS);
      return asArrays ? Array.from(data) : data;
    }),
  };
}

/** The (digit, image) a row of the data set came from, decoded from its pixel value. */
const origin = (x: Float32Array, row: number) => Math.round(x[row * MNIST_PIXELS] * 1000);
const origins = (x: Float32Array, rows: ArrayLike<number>) => Array.from(rows, (r) => origin(x, r));

describe('MNIST from raw per-digit arrays', () => {
  const total = Array.from({ length: 10 }, (_, d) => 12 + d).reduce((a, b) => a + b, 0); // 165
  const testTotal = Array.from({ length: 10 }, (_, d) => mnistTestRows(12 + d)).reduce((a, b) => a + b, 0);

  it('is 28×28×1 images with 10 named classes and every digit present', () => {
    const d = mnistDataset(fakeRaw());
    expect(d).toMatchObject({ name: 'mnist', featureShape: [28, 28, 1], classes: 10, samples: total, task: 'classification' });
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classCounts(d)).toEqual(Array.from({ length: 10 }, (_, k) => 12 + k));
    // Labels match the digit each image came from.
    for (let r = 0; r < d.samples; r++) expect(Math.floor(origin(d.x, r) / 100)).toBe(d.y[r]);
  });

  it('holds out every sixth image of each digit as the fixed test set', () => {
    const d = mnistDataset(fakeRaw());
    expect(testTotal).toBe(24); // ⌊12/6⌋ … ⌊21/6⌋ = six 2s and four 3s
    expect(d.fixedTest).toHaveLength(testTotal);
    const expected: number[] = [];
    for (let k = 0; k < 10; k++) {
      const n = 12 + k;
      for (let r = 5; r < n; r += 6) expected.push(100 * k + r);
      expect(expected.filter((o) => Math.floor(o / 100) === k)).toHaveLength(mnistTestRows(n));
    }
    expect(origins(d.x, d.fixedTest!)).toEqual(expected);
  });

  it('reads plain number arrays like typed arrays', () => {
    expect(mnistDataset(fakeRaw(true)).x).toEqual(mnistDataset(fakeRaw()).x);
  });

  it('limit keeps a seeded, class-balanced subset of the training digits only', () => {
    const full = mnistDataset(fakeRaw());
    const trainOrigins = new Set(origins(full.x, splitDataset(full, { validation: 0, test: 0, seed: 0 }).train));
    const a = mnistDataset(fakeRaw(), { limit: 25, seed: 1 });
    expect(a.samples).toBe(25 + testTotal);
    expect(a.name).toBe('mnist (25 training digits)');
    const trainRows = Array.from({ length: 25 }, (_, i) => i);
    const counts = classCounts(a, trainRows);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(25);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const o of origins(a.x, trainRows)) expect(trainOrigins.has(o)).toBe(true);
    // The test set is whole and the same digits as without a limit.
    expect(origins(a.x, a.fixedTest!)).toEqual(origins(full.x, full.fixedTest!));

    const again = mnistDataset(fakeRaw(), { limit: 25, seed: 1 });
    const other = mnistDataset(fakeRaw(), { limit: 25, seed: 2 });
    expect(again.x).toEqual(a.x);
    expect(origins(other.x, trainRows)).not.toEqual(origins(a.x, trainRows));
  });

  it('does not depend on the seed without a limit', () => {
    expect(mnistDataset(fakeRaw(), { seed: 1 }).x).toEqual(mnistDataset(fakeRaw(), { seed: 2 }).x);
  });

  it('rejects a limit outside 1 … training digits', () => {
    expect(() => mnistDataset(fakeRaw(), { limit: 0 })).toThrow(/limit must be an integer from 1 to 141, got 0/);
    expect(() => mnistDataset(fakeRaw(), { limit: 142 })).toThrow(/limit must be an integer from 1 to 141, got 142/);
  });

  it.each([
    [{ digits: fakeRaw().digits.slice(0, 9) }, /holds 9 digits, not 10/],
    [{ digits: fakeRaw().digits.map((a, d) => (d === 3 ? (a as Float32Array).subarray(1) : a)) }, /values for digit 3, not a whole number of 784-pixel images/],
    [{ digits: fakeRaw().digits.map((a, d) => (d === 4 ? (a as Float32Array).subarray(0, 5 * MNIST_PIXELS) : a)) }, /only 5 images of digit 4/],
    [{ digits: fakeRaw().digits.map((a, d) => (d === 7 ? Float32Array.from(a, (v, i) => (i === MNIST_PIXELS * 2 + 5 ? 255 : v)) : a)) }, /pixel value 255 in image 2 of digit 7; values must lie in \[0, 1\]/],
    [{ digits: fakeRaw().digits.map((a, d) => (d === 0 ? Float32Array.from(a, (v, i) => (i === 0 ? NaN : v)) : a)) }, /pixel value NaN/],
    [{} as MnistRaw, /has no `digits` array/],
  ])('rejects malformed raw data (%#)', (raw, message) => {
    expect(() => validateMnistRaw(raw as MnistRaw)).toThrow(DatasetError);
    expect(() => mnistDataset(raw as MnistRaw)).toThrow(message);
  });
});
