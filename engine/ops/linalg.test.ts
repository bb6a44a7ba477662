/**
 * Forward values of matmul (all layouts, broadcast batch axes) against a naive product.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import type { Tensor } from '../core/tensor';
import { matmul, randomUniform } from './index';

/** Naive batched product of nested arrays: leading axes broadcast, the last two multiplied. */
function naive(a: Tensor, b: Tensor, transA: boolean, transB: boolean): number[] {
  const rank = Math.max(a.rank, b.rank);
  const batchShape = Array.from({ length: rank - 2 }, (_, i) => {
    const da = a.shape[i - (rank - a.rank)] ?? 1;
    const db = b.shape[i - (rank - b.rank)] ?? 1;
    return Math.max(da, db);
  });
  const A = a.dataSync();
  const B = b.dataSync();
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = transA ? ac : ar;
  const k = transA ? ar : ac;
  const n = transB ? br : bc;
  const out: number[] = [];
  const batches = batchShape.reduce((p, d) => p * d, 1);
  for (let t = 0; t < batches; t++) {
    // The batch multi-index, mapped into each operand (size-1 axes read index 0).
    const idx: number[] = [];
    let r = t;
    for (let d = batchShape.length - 1; d >= 0; d--) {
      idx[d] = r % batchShape[d];
      r = Math.floor(r / batchShape[d]);
    }
    const offset = (x: Tensor) => {
      const lead = x.rank - 2;
      let f = 0;
      for (let d = 0; d < lead; d++) f = f * x.shape[d] + (x.shape[d] === 1 ? 0 : idx[d + batchShape.length - lead]);
      return f;
    };
    const ao = offset(a) * ar * ac;
    const bo = offset(b) * br * bc;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ao + (transA ? p * ac + i : i * ac + p)] * B[bo + (transB ? j * bc + p : p * bc + j)];
      out.push(s);
    }
  }
  return out;
}

describe('matmul', () => {
  const rng = new Random(17);
  const u = (shape: number[]) => randomUniform(shape, rng, { low: -1, high: 1, dtype: 'float64' });
  const cases: [number[], number[], boolean, boolean, number[]][] = [
    [[3, 4], [4, 5], false, false, [3, 5]],
    [[4, 3], [4, 5], true, false, [3, 5]],
    [[3, 4], [5, 4], false, true, [3, 5]],
    [[4, 3], [5, 4], true, true, [3, 5]],
    [[2, 3, 4], [4, 5], false, false, [2, 3, 5]],
    [[4, 5], [2, 5, 3], false, false, [2, 4, 3]],
    [[2, 1, 3, 4], [3, 4, 2], false, false, [2, 3, 3, 2]],
    [[1, 3, 4], [2, 1, 5, 4], false, true, [2, 1, 3, 5]],
    [[3, 1, 4, 3], [1, 2, 4, 2], true, false, [3, 2, 3, 2]],
  ];
  for (const [as, bs, tA, tB, outShape] of cases) {
    it(`(${as})${tA ? 'ᵀ' : ''} · (${bs})${tB ? 'ᵀ' : ''} → (${outShape})`, () => {
      const a = u(as);
      const b = u(bs);
      const y = matmul(a, b, { transA: tA, transB: tB });
      expect(y.shape).toEqual(outShape);
      const expected = naive(a, b, tA, tB);
      const actual = y.dataSync();
      expect(actual.length).toBe(expected.length);
      expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 12));
    });
  }
});
