import { describe, expect, it } from 'vitest';
import { classCounts, DatasetError, defineDataset, featureSize, targetSize, type Dataset } from './Dataset';

const points = (over: Partial<Record<string, unknown>> = {}): Dataset =>
  ({
    name: 'pts',
    task: 'classification',
    x: new Float32Array([0, 0, 1, 1, 2, 2]),
    featureShape: [2],
    samples: 3,
    y: new Float32Array([0, 1, 1]),
    classes: 2,
    ...over,
  }) as Dataset;

describe('Dataset', () => {
  it('accepts a consistent classification set and reports its sizes', () => {
    const d = defineDataset(points());
    expect(featureSize(d)).toBe(2);
    expect(targetSize(d)).toBe(1);
    expect(classCounts(d as Extract<Dataset, { task: 'classification' }>)).toEqual([1, 2]);
    expect(classCounts(d as Extract<Dataset, { task: 'classification' }>, [1, 2])).toEqual([0, 2]);
  });

  it('accepts a regression set with several targets per row', () => {
    const d = defineDataset({
      name: 'reg', task: 'regression', x: new Float32Array(12), featureShape: [2, 2, 1], samples: 3,
      y: new Float32Array(6), targetSize: 2,
    });
    expect(featureSize(d)).toBe(4);
    expect(targetSize(d)).toBe(2);
  });

  it.each([
    [{ x: new Float32Array(5) }, /x holds 5 values, but 3 samples of shape \[2\] need 6/],
    [{ y: new Float32Array([0, 1]) }, /y holds 2 labels for 3 samples/],
    [{ y: new Float32Array([0, 2, 1]) }, /sample 1 has label 2; labels must be class indices 0…1/],
    [{ y: new Float32Array([0, 0.5, 1]) }, /sample 1 has label 0.5/],
    [{ x: new Float32Array([0, 0, NaN, 1, 2, 2]) }, /non-finite value \(NaN\) in sample 1/],
    [{ featureShape: [0] }, /featureShape \[0\] must list positive integers/],
    [{ classNames: ['a'] }, /1 class names for 2 classes/],
    [{ fixedTest: new Uint32Array([1, 5]) }, /fixedTest names row 5, but there are only 3 samples/],
    [{ fixedTest: new Uint32Array([2, 1]) }, /sorted ascending/],
    [{ fixedTest: new Uint32Array([0, 1, 2]) }, /leaves none to train on/],
    [{ task: 'ranking' }, /unknown task 'ranking'/],
  ])('rejects %o with a message naming the problem', (over, message) => {
    expect(() => defineDataset(points(over))).toThrow(DatasetError);
    expect(() => defineDataset(points(over))).toThrow(message);
    expect(() => defineDataset(points(over))).toThrow(/^Dataset 'pts': /);
  });

  it('rejects regression targets of the wrong length', () => {
    expect(() =>
      defineDataset({ name: 'r', task: 'regression', x: new Float32Array(2), featureShape: [1], samples: 2, y: new Float32Array(3), targetSize: 2 }),
    ).toThrow(/y holds 3 values, but 2 samples with 2 targets need 4/);
  });
});
