/**
 * Forward values of the reduction ops and their composites (mean, variance), argMax, and
 * softmax / log-softmax along any axis.
 */
import { describe, expect, it } from 'vitest';
import { argMax, arange, logSoftmax, max, mean, min, reshape, softmax, sum, sumOfProduct, tensor, variance } from './index';

const x234 = () => reshape(arange(24, undefined, 1, { dtype: 'float64' }), [2, 3, 4]); // x[i,j,k] = 12i + 4j + k

function expectClose(actual: unknown, expected: unknown, digits = 12): void {
  if (typeof expected === 'number') {
    expect(actual as number).toBeCloseTo(expected, digits);
    return;
  }
  expect((actual as unknown[]).length).toBe((expected as unknown[]).length);
  (expected as unknown[]).forEach((e, i) => expectClose((actual as unknown[])[i], e, digits));
}

describe('reductions', () => {
  it('sum over all, one, negative and several axes, with and without keepDims', () => {
    const x = x234();
    expect(sum(x).toNested()).toBe(276);
    expect(sum(x).shape).toEqual([]);
    expect(sum(x, 0).toNested()).toEqual([[12, 14, 16, 18], [20, 22, 24, 26], [28, 30, 32, 34]]);
    expect(sum(x, -1).toNested()).toEqual([[6, 22, 38], [54, 70, 86]]);
    expect(sum(x, [0, 2]).toNested()).toEqual([60, 92, 124]);
    expect(sum(x, [0, 2], true).shape).toEqual([1, 3, 1]);
    expect(sum(x, [2, 0, -1]).toNested()).toEqual([60, 92, 124]);
  });

  it('max and min over axes', () => {
    const x = tensor([[3, -1, 7], [2, 9, -4]]);
    expect(max(x).item()).toBe(9);
    expect(min(x).item()).toBe(-4);
    expect(max(x, 0).toNested()).toEqual([3, 9, 7]);
    expect(min(x, 1, true).toNested()).toEqual([[-1], [-4]]);
  });

  it('mean divides by the number of reduced elements', () => {
    const x = x234();
    expect(mean(x).item()).toBe(11.5);
    expect(mean(x, [0, 2]).toNested()).toEqual([7.5, 11.5, 15.5]);
    expect(mean(x, 1, true).toNested()).toEqual([[[4, 5, 6, 7]], [[16, 17, 18, 19]]]);
  });

  it('variance is the population variance (divides by n)', () => {
    const x = tensor([[1, 2, 3, 4], [2, 4, 6, 8]], undefined, { dtype: 'float64' });
    expectClose(variance(x, 1).toNested(), [1.25, 5]);
    expectClose(variance(x, 0).toNested(), [0.25, 1, 2.25, 4]);
    expectClose(variance(x).item(), 4.6875); // mean 3.75, mean of squares 18.75
    expect(variance(x, 1, true).shape).toEqual([2, 1]);
  });

  it('sumOfProduct is Σ a·b', () => {
    expect(sumOfProduct(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]]), 1).toNested()).toEqual([17, 53]);
  });

  it('argMax along an axis, first index on ties', () => {
    const x = tensor([[1, 5, 5], [7, 0, 7]]);
    expect(argMax(x).toNested()).toEqual([1, 0]);
    expect(argMax(x, 0).toNested()).toEqual([1, 0, 1]);
    expect(argMax(x234(), 1).shape).toEqual([2, 4]);
  });
});

describe('softmax along an axis', () => {
  /** Naive softmax of nested rows along `axis` of a (2, 3, 4) tensor. */
  function naive(x: number[][][], axis: number, log: boolean): number[][][] {
    return x.map((plane, i) => plane.map((row, j) => row.map((_, k) => {
      const at = (t: number) => (axis === 0 ? x[t][j][k] : axis === 1 ? x[i][t][k] : x[i][j][t]);
      const n = [2, 3, 4][axis];
      const denom = Array.from({ length: n }, (_u, t) => Math.exp(at(t))).reduce((a, b) => a + b, 0);
      return log ? x[i][j][k] - Math.log(denom) : Math.exp(x[i][j][k]) / denom;
    })));
  }

  for (const axis of [0, 1, 2, -1, -3]) {
    it(`softmax and logSoftmax along axis ${axis} of (2, 3, 4)`, () => {
      const x = reshape(tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i) * 3), [24], { dtype: 'float64' }), [2, 3, 4]);
      const nested = x.toNested() as number[][][];
      const a = (axis + 3) % 3;
      const y = softmax(x, axis);
      expect(y.shape).toEqual([2, 3, 4]);
      expectClose(y.toNested(), naive(nested, a, false));
      expect(sum(y, axis).dataSync().every((v) => Math.abs(v - 1) < 1e-12)).toBe(true);
      const ly = logSoftmax(x, axis);
      expect(ly.shape).toEqual([2, 3, 4]);
      expectClose(ly.toNested(), naive(nested, a, true));
    });
  }

  it('the course\'s softmax example: [0.3, 2.9, 4.0]', () => {
    const y = softmax(tensor([0.3, 2.9, 4.0], undefined, { dtype: 'float64' }));
    expectClose(y.toNested(), [0.01821127329554753, 0.24519181293507392, 0.7365969137693786]);
  });
});
