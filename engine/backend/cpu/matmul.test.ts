/**
 * The CPU matmul kernel against the definition, in all four transpose layouts, with odd sizes
 * and with shared or per-batch operands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import type { MatmulGeometry, TensorView } from '../backend';
import { matmul } from './matmul';

const SIZES = [1, 7, 33];

/** C[t,i,j] = Σ_p op(A)[i,p] · op(B)[p,j], reading A as (k, m) when transposed, B as (n, k). */
function naive(A: ArrayLike<number>, B: ArrayLike<number>, g: MatmulGeometry): Float64Array {
  const { batch, m, n, k, transA, transB } = g;
  const C = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ta = g.batchA === 1 ? 0 : t;
    const tb = g.batchB === 1 ? 0 : t;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[ta * m * k + p * m + i] : A[ta * m * k + i * k + p];
        const b = transB ? B[tb * k * n + j * k + p] : B[tb * k * n + p * n + j];
        s += a * b;
      }
      C[(t * m + i) * n + j] = s;
    }
  }
  return C;
}

function run(g: MatmulGeometry, seed: number, dtype: 'float32' | 'float64' = 'float64') {
  const rng = new Random(seed);
  const make = (len: number) => {
    const arr = dtype === 'float64' ? new Float64Array(len) : new Float32Array(len);
    for (let i = 0; i < len; i++) arr[i] = rng.uniform() < 0.15 ? 0 : rng.uniform() * 2 - 1;
    return arr;
  };
  const A = make(g.batchA * g.m * g.k);
  const B = make(g.batchB * g.k * g.n);
  const aShape = [g.batchA, ...(g.transA ? [g.k, g.m] : [g.m, g.k])];
  const bShape = [g.batchB, ...(g.transB ? [g.n, g.k] : [g.k, g.n])];
  const va: TensorView = { storage: A, shape: aShape, dtype };
  const vb: TensorView = { storage: B, shape: bShape, dtype };
  return { actual: matmul(va, vb, g), expected: naive(A, B, g) };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) {
      expect.fail(`element ${i}: ${actual[i]} vs expected ${expected[i]}`);
    }
  }
}

describe('cpu matmul', () => {
  for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
    const layout = `${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'}`;
    it(`${layout} for every m, n, k in {1, 7, 33}`, () => {
      let seed = 0;
      for (const m of SIZES) for (const n of SIZES) for (const k of SIZES) {
        const g: MatmulGeometry = { batch: 1, batchA: 1, batchB: 1, m, n, k, transA, transB };
        const { actual, expected } = run(g, seed++);
        expectClose(actual, expected, 1e-12);
      }
    });

    it(`${layout} batched, each operand per-batch or shared`, () => {
      for (const [batchA, batchB] of [[3, 3], [1, 3], [3, 1], [1, 1]]) {
        const g: MatmulGeometry = { batch: 3, batchA, batchB, m: 7, n: 5, k: 33, transA, transB };
        const { actual, expected } = run(g, batchA * 10 + batchB);
        expectClose(actual, expected, 1e-12);
      }
    });
  }

  it('matches the definition on random geometries', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(),
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }),
      fc.boolean(), fc.boolean(), fc.integer(),
      (batch, sharedA, sharedB, m, n, k, transA, transB, seed) => {
        const g: MatmulGeometry = { batch, batchA: sharedA ? 1 : batch, batchB: sharedB ? 1 : batch, m, n, k, transA, transB };
        const { actual, expected } = run(g, seed);
        expectClose(actual, expected, 1e-12);
      },
    ), { numRuns: 25 });
  });

  it('computes float32 in float32', () => {
    const g: MatmulGeometry = { batch: 2, batchA: 2, batchB: 1, m: 7, n: 33, k: 7, transA: true, transB: false };
    const { actual, expected } = run(g, 5, 'float32');
    expect(actual).toBeInstanceOf(Float32Array);
    expectClose(actual, expected, 1e-5);
  });

  it('a hand-computed 2×2 product', () => {
    const g: MatmulGeometry = { batch: 1, batchA: 1, batchB: 1, m: 2, n: 2, k: 2, transA: false, transB: false };
    const a: TensorView = { storage: new Float64Array([1, 2, 3, 4]), shape: [2, 2], dtype: 'float64' };
    const b: TensorView = { storage: new Float64Array([5, 6, 7, 8]), shape: [2, 2], dtype: 'float64' };
    expect(Array.from(matmul(a, b, g))).toEqual([19, 22, 43, 50]);
    expect(Array.from(matmul(a, b, { ...g, transA: true }))).toEqual([26, 30, 38, 44]);
    expect(Array.from(matmul(a, b, { ...g, transB: true }))).toEqual([17, 23, 39, 53]);
    expect(Array.from(matmul(a, b, { ...g, transA: true, transB: true }))).toEqual([23, 31, 34, 46]);
  });
});
