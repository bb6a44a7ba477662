import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classAccuracy, classLabels, isWellFormed, overallAccuracy, rowNormalised, rowTotals, topMistakes } from './confusion';

/** Three classes, 100 test samples: rows are true classes, columns predictions. */
const cm = {
  classes: 3,
  counts: Uint32Array.from([
    40, 5, 5, // 50 of class 0: 40 right
    2, 28, 0, // 30 of class 1: 28 right
    0, 12, 8, // 20 of class 2: 8 right, 12 taken for class 1
  ]),
};

describe('confusion arithmetic', () => {
  it('sums each true class', () => {
    expect(rowTotals(cm)).toEqual([50, 30, 20]);
  });

  it('gives each cell as a share of its row', () => {
    const r = Array.from(rowNormalised(cm));
    const expected = [0.8, 0.1, 0.1, 2 / 30, 28 / 30, 0, 0, 0.6, 0.4];
    r.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('gives per-class accuracy (recall) and the overall accuracy', () => {
    const acc = classAccuracy(cm);
    expect(acc[0]).toBeCloseTo(0.8, 12);
    expect(acc[1]).toBeCloseTo(28 / 30, 12);
    expect(acc[2]).toBeCloseTo(0.4, 12);
    expect(overallAccuracy(cm)).toEqual({ accuracy: 0.76, correct: 76, total: 100 });
  });

  it('says "no samples" for an empty class rather than 0 %', () => {
    const c = { classes: 2, counts: Uint32Array.from([3, 1, 0, 0]) };
    expect(classAccuracy(c)).toEqual([0.75, null]);
    expect(Array.from(rowNormalised(c))).toEqual([0.75, 0.25, 0, 0]);
    expect(overallAccuracy({ classes: 2, counts: new Uint32Array(4) })).toBeNull();
  });

  it('lists the most frequent mistakes first', () => {
    expect(topMistakes(cm, 3)).toEqual([
      { actual: 2, predicted: 1, count: 12 },
      { actual: 0, predicted: 1, count: 5 },
      { actual: 0, predicted: 2, count: 5 },
    ]);
    expect(topMistakes({ classes: 2, counts: Uint32Array.from([5, 0, 0, 5]) }, 3)).toEqual([]);
  });

  it('holds for any matrix: rows of shares sum to one, overall accuracy is the class-size-weighted mean of recalls', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.nat(500), { minLength: k * k, maxLength: k * k }))),
      ([classes, counts]) => {
        const c = { classes, counts: Uint32Array.from(counts) };
        const totals = rowTotals(c);
        const shares = rowNormalised(c);
        for (let t = 0; t < classes; t++) {
          let s = 0;
          for (let p = 0; p < classes; p++) s += shares[t * classes + p];
          expect(s).toBeCloseTo(totals[t] === 0 ? 0 : 1, 9);
        }
        const overall = overallAccuracy(c);
        const all = totals.reduce((a, b) => a + b, 0);
        if (all === 0) expect(overall).toBeNull();
        else {
          const weighted = classAccuracy(c).reduce<number>((s, a, t) => s + (a ?? 0) * totals[t], 0) / all;
          expect(overall!.accuracy).toBeCloseTo(weighted, 9);
          expect(overall!.total).toBe(all);
        }
      }));
  });
});

describe('labels and shape', () => {
  it('uses class names where given, indices otherwise', () => {
    expect(classLabels(3, ['setosa', 'versicolor', 'virginica'])).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classLabels(3)).toEqual(['0', '1', '2']);
    expect(classLabels(3, ['cat', ' '])).toEqual(['cat', '1', '2']);
  });

  it('accepts only a full classes × classes matrix', () => {
    expect(isWellFormed(cm)).toBe(true);
    expect(isWellFormed({ classes: 3, counts: new Uint32Array(8) })).toBe(false);
    expect(isWellFormed({ classes: 0, counts: new Uint32Array(0) })).toBe(false);
  });
});
