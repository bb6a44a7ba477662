/**
 * Making tensors: filled, ranges, seeded random, one-hot; and element-wise composites.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import {
  arange, equal, full, greater, greaterEqual, leakyRelu, maximum, minimum, oneHot, ones, onesLike, randomNormal,
  randomUniform, sub, tensor, zerosLike,
} from './index';

describe('creation', () => {
  it('full, ones, zerosLike, onesLike', () => {
    expect(full([2, 2], 3.5).toNested()).toEqual([[3.5, 3.5], [3.5, 3.5]]);
    expect(ones([3], { dtype: 'float64' }).dtype).toBe('float64');
    const t = tensor([[1, 2]], undefined, { dtype: 'float64' });
    expect(zerosLike(t).toNested()).toEqual([[0, 0]]);
    expect(onesLike(t).dtype).toBe('float64');
  });

  it('arange like NumPy', () => {
    expect(arange(4).toNested()).toEqual([0, 1, 2, 3]);
    expect(arange(2, 5).toNested()).toEqual([2, 3, 4]);
    expect(arange(0, 1, 0.25).toNested()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(5, 0, -2).toNested()).toEqual([5, 3, 1]);
    expect(arange(3, 1).shape).toEqual([0]);
    expect(() => arange(0, 1, 0)).toThrow();
  });

  it('random tensors are reproducible for a seed and follow their parameters', () => {
    const a = Array.from(randomNormal([1000], new Random(1), { mean: 5, std: 2, dtype: 'float64' }).dataSync());
    const b = randomNormal([1000], new Random(1), { mean: 5, std: 2, dtype: 'float64' }).dataSync();
    expect(a).toEqual(Array.from(b));
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
    expect(Math.abs(m - 5)).toBeLessThan(0.2);
    expect(Math.abs(sd - 2)).toBeLessThan(0.15);
    const c = randomUniform([2, 500], new Random(2), { low: -3, high: -1 });
    expect(c.dtype).toBe('float32');
    expect(c.shape).toEqual([2, 500]);
    expect(c.dataSync().every((v) => v >= -3 && v <= -1)).toBe(true);
    expect(Array.from(randomNormal([5], new Random(3)).dataSync())).not.toEqual(Array.from(randomNormal([5], new Random(4)).dataSync()));
  });

  it('oneHot', () => {
    expect(oneHot(tensor([2, 0]), 3).toNested()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(oneHot(tensor([[1], [5]]), 2).shape).toEqual([2, 1, 2]);
    expect(() => oneHot(tensor([1]), 0)).toThrow();
  });
});

describe('element-wise composites and comparisons', () => {
  it('leakyRelu is x for x > 0, αx otherwise', () => {
    const x = tensor([-2, -0.5, 0, 3], undefined, { dtype: 'float64' });
    expect(leakyRelu(x, 0.1).toNested()).toEqual([-0.2, -0.05, 0, 3]);
    expect(leakyRelu(x).toNested()).toEqual([-0.02, -0.005, 0, 3]);
  });

  it('comparisons give 1/0 and broadcast', () => {
    const a = tensor([[1, 2, 3]]);
    const b = tensor([[2], [3]]);
    expect(greater(a, b).toNested()).toEqual([[0, 0, 1], [0, 0, 0]]);
    expect(greaterEqual(a, b).toNested()).toEqual([[0, 1, 1], [0, 0, 1]]);
    expect(equal(a, 2).toNested()).toEqual([[0, 1, 0]]);
    expect(maximum(a, b).toNested()).toEqual([[2, 2, 3], [3, 3, 3]]);
    expect(minimum(a, b).toNested()).toEqual([[1, 2, 2], [1, 2, 3]]);
  });

  it('a number on the left of a non-commutative op', () => {
    expect(sub(10, tensor([1, 2])).toNested()).toEqual([9, 8]);
  });
});
