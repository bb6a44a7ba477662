import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError, defineDataset, type Dataset } from './Dataset';
import { splitDataset, splitIndices, validateSplitFractions } from './split';

/** A fraction pair with v, t ≥ 0 and v + t < 1. */
const fractions = fc
  .tuple(fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([v, share]) => [v, (0.95 - v) * share] as const);

function isSorted(a: Uint32Array): boolean {
  return a.every((v, i) => i === 0 || v > a[i - 1]);
}

function points(n: number, fixedTest?: number[]): Dataset {
  return defineDataset({
    name: 'pts', task: 'classification', x: new Float32Array(n), featureShape: [1], samples: n,
    y: new Float32Array(n), classes: 1, ...(fixedTest ? { fixedTest: Uint32Array.from(fixedTest) } : {}),
  });
}

describe('splitIndices', () => {
  it('covers every row exactly once, with the rounded sizes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fractions, fc.integer(), (n, [v, t], seed) => {
        const nTest = Math.round(n * t);
        const nVal = Math.round(n * v);
        fc.pre(n - nTest - nVal >= 1);
        const s = splitIndices(n, { validation: v, test: t, seed });
        expect(s.test).toHaveLength(nTest);
        expect(s.validation).toHaveLength(nVal);
        expect(s.train).toHaveLength(n - nTest - nVal);
        const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(isSorted(s.train) && isSorted(s.validation) && isSorted(s.test)).toBe(true);
        expect(s.fixedTest).toBe(false);
      }),
    );
  });

  it('same seed, same split; another seed, another split', () => {
    const a = splitIndices(100, { validation: 0.2, test: 0.1, seed: 3 });
    expect(splitIndices(100, { validation: 0.2, test: 0.1, seed: 3 })).toEqual(a);
    expect(splitIndices(100, { validation: 0.2, test: 0.1, seed: 4 }).validation).not.toEqual(a.validation);
  });

  it.each([
    [-0.1, 0, /the validation fraction must be a number from 0 up to \(not including\) 1, got -0.1/],
    [0, 1, /the test fraction must be a number from 0 up to \(not including\) 1, got 1/],
    [NaN, 0, /validation fraction .* got NaN/],
    [0.6, 0.4, /validation \(0.6\) \+ test \(0.4\) = 1 leaves nothing to train on/],
    [0.5, 0.7, /must add up to less than 1/],
  ])('rejects validation %s, test %s', (v, t, message) => {
    expect(() => validateSplitFractions(v, t)).toThrow(DatasetError);
    expect(() => splitIndices(10, { validation: v, test: t, seed: 0 })).toThrow(message);
  });

  it('says so when rounding leaves no training row', () => {
    expect(() => splitIndices(4, { validation: 0.45, test: 0.45, seed: 0 })).toThrow(
      /4 samples with validation 0.45 and test 0.45 leave no training sample \(2 validation, 2 test\)/,
    );
  });
});

describe('splitDataset', () => {
  it('names the data set in its errors', () => {
    expect(() => splitDataset(points(4), { validation: 0.5, test: 0.5, seed: 0 })).toThrow(/^Dataset 'pts': Split: validation/);
  });

  it('uses a fixed test set whatever the seed, and carves validation from the rest (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n - 1 }))),
        fractions,
        fc.integer(),
        fc.integer(),
        ([n, test], [v, t], seed1, seed2) => {
          const fixed = [...test].sort((a, b) => a - b);
          const rest = n - fixed.length;
          fc.pre(rest - Math.round(rest * v) >= 1);
          const d = points(n, fixed);
          const a = splitDataset(d, { validation: v, test: t, seed: seed1 });
          const b = splitDataset(d, { validation: v, test: t, seed: seed2 });
          expect(a.fixedTest).toBe(true);
          expect([...a.test]).toEqual(fixed);
          expect(b.test).toEqual(a.test);
          expect(a.validation).toHaveLength(Math.round(rest * v));
          const fixedSet = new Set(fixed);
          for (const i of [...a.train, ...a.validation]) expect(fixedSet.has(i)).toBe(false);
          expect(new Set([...a.train, ...a.validation, ...a.test]).size).toBe(n);
          expect(a.train.length + a.validation.length + a.test.length).toBe(n);
        },
      ),
    );
  });
});
