/**
 * The CPU matmul kernel against the definition and against the reference loops, in all four
 * transpose layouts, with odd sizes, shared or per-batch operands, sizes that cross the GEMM's
 * packing blocks, both dtypes, and NaN operands (0·NaN must stay NaN).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../core/dtype';
import { Random } from '../../core/random';
import type { MatmulGeometry, TensorView } from '../backend';
import { matmul } from './matmul';
import { setSimdEnabled } from './wasm/kernels';
import { matmul as referenceMatmul } from './reference/matmul';

const LAYOUTS = [[false, false], [true, false], [false, true], [true, true]] as const;
const layoutName = (transA: boolean, transB: boolean) => `${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'}`;

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

/** Random operands for `g` (15 % exact zeros), as views of `dtype`. */
function operands(g: MatmulGeometry, seed: number, dtype: DType = 'float64') {
  const rng = new Random(seed);
  const make = (len: number) => {
    const arr = dtype === 'float64' ? new Float64Array(len) : new Float32Array(len);
    for (let i = 0; i < len; i++) arr[i] = rng.uniform() < 0.15 ? 0 : rng.uniform() * 2 - 1;
    return arr;
  };
  const A = make(g.batchA * g.m * g.k);
  const B = make(g.batchB * g.k * g.n);
  const va: TensorView = { storage: A, shape: [g.batchA, ...(g.transA ? [g.k, g.m] : [g.m, g.k])], dtype };
  const vb: TensorView = { storage: B, shape: [g.batchB, ...(g.transB ? [g.n, g.k] : [g.k, g.n])], dtype };
  return { A, B, va, vb };
}

function run(g: MatmulGeometry, seed: number, dtype: DType = 'float64') {
  const { A, B, va, vb } = operands(g, seed, dtype);
  return { actual: matmul(va, vb, g), expected: naive(A, B, g), reference: referenceMatmul(va, vb, g) };
}

/** |actual − expected| ≤ tol·(1 + |expected|) everywhere; a NaN is expected exactly where expected has one. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Number.isNaN(expected[i])
      ? Number.isNaN(actual[i])
      : Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]));
    if (!ok) expect.fail(`element ${i}: ${actual[i]} vs expected ${expected[i]}`);
  }
}

const geometry = (m: number, n: number, k: number, transA: boolean, transB: boolean, batch = 1, batchA = 1,
  batchB = 1): MatmulGeometry => ({ batch, batchA, batchB, m, n, k, transA, transB });

describe('cpu matmul', () => {
  for (const [transA, transB] of LAYOUTS) {
    const layout = layoutName(transA, transB);

    it(`${layout} matches the reference for every m, n, k in {1, 3, 5, 7, 33, 65}, float64 and float32`, () => {
      const sizes = [1, 3, 5, 7, 33, 65];
      let seed = 0;
      for (const m of sizes) for (const n of sizes) for (const k of sizes) {
        const g = geometry(m, n, k, transA, transB);
        const r64 = run(g, seed++);
        expectClose(r64.actual, r64.reference, 1e-12);
        expectClose(r64.actual, r64.expected, 1e-12);
        const r32 = run(g, seed++, 'float32');
        expect(r32.actual).toBeInstanceOf(Float32Array);
        // The reference rounds to float32 after every step; the fast kernel sums in float64.
        expectClose(r32.actual, r32.reference, 1e-5 * k);
      }
    });

    it(`${layout} batched, each operand per-batch or shared`, () => {
      for (const [batchA, batchB] of [[3, 3], [1, 3], [3, 1], [1, 1]]) {
        for (const dtype of ['float64', 'float32'] as const) {
          const g = geometry(7, 5, 33, transA, transB, 3, batchA, batchB);
          const { actual, expected, reference } = run(g, batchA * 10 + batchB, dtype);
          expectClose(actual, reference, dtype === 'float64' ? 1e-12 : 1e-5 * g.k);
          expectClose(actual, expected, dtype === 'float64' ? 1e-12 : 1e-5 * g.k);
        }
      }
    });

    // Each operand is packed by its own transpose flag, so A·B and Aᵀ·Bᵀ cover every packing.
    if (transA === transB) {
      it(`${layout} across the GEMM's row, column and depth blocks (m 130, n 520, k 300)`, () => {
        const { actual, reference } = run(geometry(130, 520, 300, transA, transB), 7);
        expectClose(actual, reference, 1e-12);
      });
    }

    it(`${layout}: a NaN in A fills its output row, a NaN in B its output column, even against zeros`, () => {
      for (const dtype of ['float64', 'float32'] as const) {
        const g = geometry(9, 7, 6, transA, transB);
        const { A, B, va, vb } = operands(g, 3, dtype);
        const [i0, j0, p0] = [5, 6, 2];
        // op(A)[i0, p0] = NaN against a zero row p0 of op(B): every C[i0, j] is 0·NaN or more NaN.
        A[transA ? p0 * g.m + i0 : i0 * g.k + p0] = NaN;
        for (let j = 0; j < g.n; j++) B[transB ? j * g.k + p0 : p0 * g.n + j] = 0;
        let C = matmul(va, vb, g);
        for (let i = 0; i < g.m; i++) for (let j = 0; j < g.n; j++) expect(Number.isNaN(C[i * g.n + j])).toBe(i === i0);
        expectClose(C, referenceMatmul(va, vb, g), dtype === 'float64' ? 1e-12 : 1e-4);
        // op(B)[p0, j0] = NaN (A's NaN cleared) against a zero column p0 of op(A).
        A[transA ? p0 * g.m + i0 : i0 * g.k + p0] = 0;
        for (let i = 0; i < g.m; i++) A[transA ? p0 * g.m + i : i * g.k + p0] = 0;
        B[transB ? j0 * g.k + p0 : p0 * g.n + j0] = NaN;
        C = matmul(va, vb, g);
        for (let i = 0; i < g.m; i++) for (let j = 0; j < g.n; j++) expect(Number.isNaN(C[i * g.n + j])).toBe(j === j0);
      }
    });
  }

  it('matches the definition and the reference on random geometries', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(),
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }),
      fc.boolean(), fc.boolean(), fc.integer(),
      (batch, sharedA, sharedB, m, n, k, transA, transB, seed) => {
        const g = geometry(m, n, k, transA, transB, batch, sharedA ? 1 : batch, sharedB ? 1 : batch);
        const { actual, expected, reference } = run(g, seed);
        expectClose(actual, expected, 1e-12);
        expectClose(actual, reference, 1e-12);
      },
    ), { numRuns: 25 });
  });

  it('computes float32 in float32 storage; the JS path accumulates in float64 and rounds once', () => {
    const g = geometry(7, 33, 300, true, false, 2, 2, 1);
    setSimdEnabled(false);
    try {
      const { actual, expected } = run(g, 5, 'float32');
      expect(actual).toBeInstanceOf(Float32Array);
      // Within float32 rounding of the exact (float64) product of the float32 inputs: ~6e-8 relative.
      expectClose(actual, expected, 1e-7);
    } finally {
      setSimdEnabled(true);
    }
    // The SIMD path accumulates in float32: within k·ε of the exact product.
    const simd = run(g, 5, 'float32');
    expect(simd.actual).toBeInstanceOf(Float32Array);
    expectClose(simd.actual, simd.expected, 300 * 6e-8);
  });

  it('gives zeros for k = 0, whatever an earlier call left in the scratch memory', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const big = run(geometry(40, 40, 40, false, false), 1, dtype);
      expect(big.actual.some((v) => v !== 0)).toBe(true);
      const { actual } = run(geometry(5, 6, 0, false, false), 2, dtype);
      expect(Array.from(actual)).toEqual(new Array(30).fill(0));
    }
  });

  it('a hand-computed 2×2 product', () => {
    const g = geometry(2, 2, 2, false, false);
    const a: TensorView = { storage: new Float64Array([1, 2, 3, 4]), shape: [2, 2], dtype: 'float64' };
    const b: TensorView = { storage: new Float64Array([5, 6, 7, 8]), shape: [2, 2], dtype: 'float64' };
    expect(Array.from(matmul(a, b, g))).toEqual([19, 22, 43, 50]);
    expect(Array.from(matmul(a, b, { ...g, transA: true }))).toEqual([26, 30, 38, 44]);
    expect(Array.from(matmul(a, b, { ...g, transB: true }))).toEqual([17, 23, 39, 53]);
    expect(Array.from(matmul(a, b, { ...g, transA: true, transB: true }))).toEqual([23, 31, 34, 46]);
  });
});
