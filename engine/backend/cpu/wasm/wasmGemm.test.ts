/**
 * The generated WebAssembly SIMD GEMM against the exact (float64) product, per element within
 * the classic float32 bound |C − C*| ≤ γ·k·ε·Σ|a||b| (ε = 2⁻²⁴, γ = 2 for slack), on random
 * shapes with odd sizes, every transpose layout, sub-matrices with strides and offsets,
 * accumulation, sizes crossing every packing block, and NaN propagation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../core/random';
import { gemmKernelModule, relaxedProbeModule } from './gemmKernel';
import { WasmGemm, type F32Operand } from './wasmGemm';

const EPS32 = 2 ** -24;

interface Case {
  m: number; n: number; k: number; transA: boolean; transB: boolean;
  /** Extra columns of storage beyond the operand (row strides larger than the matrix). */
  padA: number; padB: number; padC: number; offset: number; accumulate: boolean;
}

function check(gemm: WasmGemm, c: Case, seed: number): void {
  const { m, n, k, transA, transB, padA, padB, padC, offset, accumulate } = c;
  const rng = new Random(seed);
  const value = () => (rng.uniform() < 0.1 ? 0 : rng.uniform() * 2 - 1);
  const aRows = transA ? k : m, aCols = transA ? m : k;
  const bRows = transB ? n : k, bCols = transB ? k : n;
  const lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
  const A = Float32Array.from({ length: offset + aRows * lda }, value);
  const B = Float32Array.from({ length: offset + bRows * ldb }, value);
  const C = Float32Array.from({ length: offset + m * ldc }, value);
  const before = C.slice();
  const a: F32Operand = { data: A, offset, rowStride: lda, trans: transA };
  const b: F32Operand = { data: B, offset, rowStride: ldb, trans: transB };
  gemm.gemm(m, n, k, a, b, { data: C, offset, rowStride: ldc }, accumulate);
  const at = (x: Float32Array, ld: number, r: number, col: number) => x[offset + r * ld + col];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let exact = accumulate ? at(before, ldc, i, j) : 0;
      let magnitude = Math.abs(exact);
      for (let p = 0; p < k; p++) {
        const av = transA ? at(A, lda, p, i) : at(A, lda, i, p);
        const bv = transB ? at(B, ldb, j, p) : at(B, ldb, p, j);
        exact += av * bv;
        magnitude += Math.abs(av * bv);
      }
      const got = at(C, ldc, i, j);
      const bound = 2 * (k + 2) * EPS32 * magnitude + 1e-30;
      if (!(Math.abs(got - exact) <= bound)) {
        throw new Error(`C[${i},${j}] = ${got}, exact ${exact} (bound ${bound}) for ${JSON.stringify(c)}`);
      }
    }
    // Storage outside the output (padding columns) is untouched.
    for (let j = n; j < ldc && i < m; j++) expect(at(C, ldc, i, j)).toBe(at(before, ldc, i, j));
  }
  for (let q = 0; q < offset; q++) expect(C[q]).toBe(before[q]);
}

const simd = WasmGemm.create({ relaxed: false });

describe('WebAssembly SIMD GEMM', () => {
  it('is available in this runtime, and its modules validate', () => {
    expect(simd).not.toBeNull();
    expect(WebAssembly.validate(gemmKernelModule({ mr: 4, nr: 8 }, false, { minPages: 1 }))).toBe(true);
    expect(WebAssembly.validate(gemmKernelModule({ mr: 4, nr: 8 }, false, { minPages: 1, maxPages: 16, shared: true }))).toBe(true);
    // The relaxed-SIMD probe validates exactly where relaxed SIMD exists (Node 20: behind a flag).
    expect(typeof WebAssembly.validate(relaxedProbeModule())).toBe('boolean');
    expect(() => gemmKernelModule({ mr: 4, nr: 6 }, false, { minPages: 1 })).toThrow(/multiple of 4/);
  });

  it('matches the exact product on random shapes, layouts, strides and offsets', () => {
    fc.assert(fc.property(
      fc.record({
        m: fc.integer({ min: 1, max: 23 }), n: fc.integer({ min: 1, max: 23 }), k: fc.integer({ min: 0, max: 40 }),
        transA: fc.boolean(), transB: fc.boolean(), padA: fc.integer({ min: 0, max: 3 }), padB: fc.integer({ min: 0, max: 3 }),
        padC: fc.integer({ min: 0, max: 3 }), offset: fc.integer({ min: 0, max: 5 }), accumulate: fc.boolean(),
      }),
      fc.integer(),
      (c, seed) => check(simd!, c, seed),
    ), { numRuns: 150 });
  });

  it.each([[false, false], [false, true], [true, false], [true, true]])('crosses every packing block (m 250, n 1030, k 520), transA %s transB %s', (transA, transB) => {
    check(simd!, { m: 250, n: 1030, k: 520, transA, transB, padA: 1, padB: 0, padC: 2, offset: 3, accumulate: transA }, 11);
  });

  it('runs every micro-tile shape it can generate', () => {
    for (const shape of [{ mr: 1, nr: 4 }, { mr: 3, nr: 4 }, { mr: 6, nr: 8 }, { mr: 4, nr: 12 }]) {
      const g = WasmGemm.create({ shape, relaxed: false })!;
      check(g, { m: 13, n: 17, k: 300, transA: false, transB: true, padA: 0, padB: 0, padC: 0, offset: 0, accumulate: false }, 2);
    }
  });

  it('uses relaxed SIMD (fused multiply-add) where the runtime has it, with the same results', () => {
    const relaxed = WebAssembly.validate(relaxedProbeModule());
    const g = WasmGemm.create();
    expect(g?.relaxed).toBe(relaxed);
    if (relaxed) check(WasmGemm.create({ relaxed: true })!, { m: 37, n: 29, k: 301, transA: true, transB: false, padA: 0, padB: 1, padC: 0, offset: 0, accumulate: false }, 4);
  });

  it('propagates NaN and Infinity: 0·NaN is NaN, never skipped', () => {
    const m = 5, n = 9, k = 7;
    const A = new Float32Array(m * k);
    const B = new Float32Array(k * n).fill(1);
    A[2 * k + 3] = NaN;
    B[4 * n + 6] = Infinity; // row 4 of B against A's zero column 4: 0·∞ = NaN in column 6
    const C = new Float32Array(m * n);
    simd!.gemm(m, n, k, { data: A, offset: 0, rowStride: k, trans: false }, { data: B, offset: 0, rowStride: n, trans: false }, { data: C, offset: 0, rowStride: n }, false);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(Number.isNaN(C[i * n + j]), `C[${i},${j}]`).toBe(i === 2 || j === 6);
  });

  // C moves between the caller and module memory as one memcpy when both are dense (n a
  // multiple of the tile width, no row padding), element by element for narrow rows, and a
  // set() per row otherwise: each way in and out, with and without accumulation.
  it.each([
    ['dense rows', 1000, 16, 0], ['dense wide rows', 40, 64, 0], ['narrow padded rows', 300, 10, 2], ['wide padded rows', 30, 40, 1],
  ] as const)('moves C correctly: %s', (_, m, n, padC) => {
    for (const accumulate of [false, true]) {
      check(simd!, { m, n, k: 9, transA: false, transB: false, padA: 0, padB: 0, padC, offset: 5, accumulate }, m + n);
      check(simd!, { m, n, k: 0, transA: true, transB: false, padA: 0, padB: 0, padC, offset: 2, accumulate }, m);
    }
  });

  it('leaves no trace of an earlier, larger call', () => {
    check(simd!, { m: 64, n: 64, k: 64, transA: false, transB: false, padA: 0, padB: 0, padC: 0, offset: 0, accumulate: false }, 1);
    check(simd!, { m: 3, n: 5, k: 2, transA: false, transB: false, padA: 0, padB: 0, padC: 0, offset: 0, accumulate: false }, 2);
    check(simd!, { m: 3, n: 5, k: 0, transA: false, transB: false, padA: 0, padB: 0, padC: 0, offset: 0, accumulate: false }, 3);
  });
});
