/**
 * The CPU element-wise kernels: every unary and binary op against its definition, binary ops
 * under NumPy broadcasting on random shapes (the strided odometer path) and on equal shapes
 * (the fast path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import { BINARY_OPS, UNARY_OPS, type BinaryOp, type TensorView, type UnaryOp } from '../backend';
import { binary, unary } from './elementwise';
import { setSimdEnabled } from './wasm/kernels';
import { indices, sizeOf } from '../../testing/indices';

const f64 = (values: ArrayLike<number>, shape: number[]): TensorView => ({ storage: Float64Array.from(values), shape, dtype: 'float64' });

const UNARY_DEF: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  abs: (x) => (x < 0 ? -x : x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: (x) => Math.E ** x,
  log: (x) => Math.log(x),
  sqrt: (x) => x ** 0.5,
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  relu: (x) => Math.max(x, 0),
  step: (x) => (x > 0 ? 1 : 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: (x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1),
};

const BINARY_DEF: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
  greater: (a, b) => Number(a > b),
  greaterEqual: (a, b) => Number(a >= b),
  equal: (a, b) => Number(a === b),
};

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-13): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(a === e || Math.abs(a - e) <= tol * (1 + Math.abs(e)))) {
      expect.fail(`element ${i}: ${a} vs expected ${e}`);
    }
  }
}

/** Reads x (of `shape`) at an index of the broadcast shape, NumPy-style. */
function at(x: ArrayLike<number>, shape: readonly number[], outIdx: readonly number[]): number {
  const lead = outIdx.length - shape.length;
  let f = 0;
  for (let d = 0; d < shape.length; d++) f = f * shape[d] + (shape[d] === 1 ? 0 : outIdx[d + lead]);
  return x[f];
}

describe('cpu unary', () => {
  const xs = [-3, -1.5, -0.25, 0, 0.25, 1, 2.5, 40, -40];
  for (const op of UNARY_OPS) {
    it(op, () => {
      const actual = unary(op, f64(xs, [xs.length]));
      expectClose(actual, xs.map(UNARY_DEF[op]), 1e-12);
    });
  }

  it('sigmoid does not overflow for large |x|', () => {
    const y = unary('sigmoid', f64([-1000, 1000, -745, 745], [4]));
    expect(Array.from(y)).toEqual([0, 1, expect.any(Number), 1]);
    expect(y.every(Number.isFinite)).toBe(true);
  });

  it('keeps float32 in float32 and rounds like Math.fround', () => {
    const y = unary('exp', { storage: Float32Array.from([1]), shape: [1], dtype: 'float32' });
    expect(y).toBeInstanceOf(Float32Array);
    expect(y[0]).toBe(Math.fround(Math.E));
  });
});

describe('cpu binary', () => {
  const broadcastPair = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 }).chain((out) => fc.record({
    out: fc.constant(out),
    leadA: fc.integer({ min: 0, max: out.length }),
    leadB: fc.integer({ min: 0, max: out.length }),
    onesA: fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    onesB: fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    seed: fc.integer(),
  }));

  for (const op of BINARY_OPS) {
    it(`${op} under broadcasting on random shapes`, () => {
      fc.assert(fc.property(broadcastPair, ({ out, leadA, leadB, onesA, onesB, seed }) => {
        const aShape = out.slice(leadA).map((d, i) => (onesA[i] ? 1 : d));
        const bShape = out.slice(leadB).map((d, i) => (onesB[i] ? 1 : d));
        // The true output shape: an axis both operands have as 1 stays 1.
        const outShape = out.map((_, i) => {
          const da = i < leadA ? 1 : aShape[i - leadA];
          const db = i < leadB ? 1 : bShape[i - leadB];
          return Math.max(da, db);
        });
        const rng = new Random(seed);
        // Small integers make equal/greaterEqual ties common; positive bases keep pow real.
        const gen = (n: number) => Array.from({ length: n }, () => (op === 'pow' ? 0.5 + rng.int(4) / 2 : rng.int(5) - 2));
        const a = gen(sizeOf(aShape));
        const b = gen(sizeOf(bShape));
        const expected = [...indices(outShape)].map((idx) => BINARY_DEF[op](at(a, aShape, idx), at(b, bShape, idx)));
        expectClose(binary(op, f64(a, aShape), f64(b, bShape), outShape), expected);
      }), { numRuns: 25 });
    });

    it(`${op} on equal shapes`, () => {
      const a = [1, -2, 3, 0.5, 2, 2];
      const b = [2, 2, -1, 0.5, 3, -2];
      const expected = a.map((v, i) => BINARY_DEF[op](v, b[i]));
      expectClose(binary(op, f64(a, [2, 3]), f64(b, [2, 3]), [2, 3]), expected);
    });
  }

  it('broadcasts (3,) with (2, 3) and (3, 1) with (1, 4)', () => {
    expect(Array.from(binary('add', f64([1, 2, 3], [3]), f64([10, 20, 30, 40, 50, 60], [2, 3]), [2, 3])))
      .toEqual([11, 22, 33, 41, 52, 63]);
    expect(Array.from(binary('mul', f64([1, 2, 3], [3, 1]), f64([1, 10, 100, 1000], [1, 4]), [3, 4])))
      .toEqual([1, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000]);
    expect(Array.from(binary('sub', f64([5], []), f64([1, 2], [2]), [2]))).toEqual([4, 3]);
    expect(Array.from(binary('sub', f64([5], []), f64([2], []), []))).toEqual([3]);
  });

  it('repeats a bias or a scalar over blocks, on either side, for every op', () => {
    const big = [1, -2, 3, 0.5, 2, 2, 4, -1, 0.25, 3, 1, 2];
    const cases: [number[], number[]][] = [[[2, -1, 0.5], [3]], [[2, -1, 0.5], [1, 1, 3]], [[1.5, -2, 3, 0.5, 1, 2], [2, 3]], [[-3], []], [[2], [1, 1]]];
    for (const op of BINARY_OPS) {
      for (const [small, shape] of cases) {
        const outShape = [2, 2, 3];
        const expectedBS = [...indices(outShape)].map((idx) => BINARY_DEF[op](at(big, outShape, idx), at(small, shape, idx)));
        const expectedSB = [...indices(outShape)].map((idx) => BINARY_DEF[op](at(small, shape, idx), at(big, outShape, idx)));
        expectClose(binary(op, f64(big, outShape), f64(small, shape), outShape), expectedBS);
        expectClose(binary(op, f64(small, shape), f64(big, outShape), outShape), expectedSB);
      }
    }
  });

  it('broadcasts when sizes agree but shapes do not', () => {
    // (2, 1) against (1, 2): both have 2 elements, the output has 4.
    expect(Array.from(binary('add', f64([1, 2], [2, 1]), f64([10, 20], [1, 2]), [2, 2]))).toEqual([11, 21, 12, 22]);
    // (1, 3) against (3, 1)
    expect(Array.from(binary('sub', f64([1, 2, 3], [1, 3]), f64([10, 20, 30], [3, 1]), [3, 3])))
      .toEqual([-9, -8, -7, -19, -18, -17, -29, -28, -27]);
  });
});

describe('cpu float32 SIMD element-wise kernels (wasm/elementwiseKernel.ts)', () => {
  const f32 = (values: ArrayLike<number>, shape: number[]): TensorView => ({ storage: Float32Array.from(values), shape, dtype: 'float32' });
  /** Random float32 values with the awkward ones mixed in: ±0, NaN, ±Infinity, tiny and huge. */
  const awkward = (n: number, rng: Random) => Array.from({ length: n }, (_, i) => {
    const special = [0, -0, NaN, Infinity, -Infinity, 1e-40, -3e38][i % 97];
    return special !== undefined && i % 13 === 0 ? special : rng.normal() * 10 ** Math.floor(rng.uniform() * 6 - 3);
  });
  /** Flush-to-zero: the SIMD kernels write no subnormals (and so no −0 either). */
  const ftz = (values: number[]) => values.map((v) => (Math.abs(v) < 2 ** -126 ? 0 : v));
  /** Runs `f` with the SIMD kernels on and off; both results, as arrays, the JS one flushed to zero. */
  const both = (f: () => Float32Array, simdRuns = true) => {
    const simd = f();
    setSimdEnabled(false);
    try {
      const js = Array.from(f());
      return { simd: Array.from(simd), js: simdRuns ? ftz(js) : js };
    } finally {
      setSimdEnabled(true);
    }
  };
  // Sizes around the 4-lane tail, the 64-element threshold and the 8192-element chunk.
  const SIZES = [1, 3, 63, 64, 67, 8191, 8192, 8193, 20_001];

  it.each(['relu', 'step'] as const)('%s equals the JS kernel bit for bit, subnormals flushed to zero (NaN kept)', (op) => {
    const rng = new Random(7);
    for (const n of SIZES) {
      const values = awkward(n, rng);
      const x = f32(values, [n]);
      const { simd, js } = both(() => unary(op, x) as Float32Array);
      expect(simd).toEqual(js);
      expect(simd.every((v, i) => Object.is(v, ftz([UNARY_DEF[op](Math.fround(values[i]))])[0]) || (Number.isNaN(values[i]) && Number.isNaN(v)))).toBe(true);
    }
  });

  it.each(['add', 'sub', 'mul', 'div'] as const)('%s on equal shapes and over repeated blocks equals the JS kernel bit for bit, subnormals flushed to zero', (op) => {
    const rng = new Random(8);
    for (const n of SIZES) {
      const a = f32(awkward(n, rng), [n]);
      const b = f32(awkward(n, rng), [n]);
      const same = both(() => binary(op, a, b, [n]) as Float32Array);
      expect(same.simd).toEqual(same.js);
    }
    // A bias of 16, 24, 3 or 9000 channels (more than a chunk: left to JS) over a batch, either side.
    for (const channels of [16, 24, 3, 9000]) {
      const rows = channels === 9000 ? 2 : 700;
      const big = f32(awkward(rows * channels, rng), [rows, channels]);
      const small = f32(awkward(channels, rng), [channels]);
      const simdRuns = channels <= 8192;
      const right = both(() => binary(op, big, small, [rows, channels]) as Float32Array, simdRuns);
      expect(right.simd).toEqual(right.js);
      const left = both(() => binary(op, small, big, [rows, channels]) as Float32Array, simdRuns);
      expect(left.simd).toEqual(left.js);
      if (simdRuns) expect(left.simd.slice(0, channels)).toEqual(ftz(Array.from(small.storage as Float32Array).map((s, j) => Math.fround(BINARY_DEF[op](s, (big.storage as Float32Array)[j])))));
    }
  });

  it('writes no subnormal: a product or ReLU below 2⁻¹²⁶ becomes 0, NaN stays NaN', () => {
    const n = 256;
    const tiny = f32(new Array(n).fill(1e-20), [n]);
    expect(Array.from(binary('mul', tiny, tiny, [n]) as Float32Array).every((v) => Object.is(v, 0))).toBe(true);
    const mixed = f32(Array.from({ length: n }, (_, i) => [1e-40, -1e-40, 3, NaN][i % 4]), [n]);
    expect(Array.from(unary('relu', mixed) as Float32Array).slice(0, 4)).toEqual([0, 0, 3, NaN]);
    // Without SIMD the JS loop keeps the subnormal: the flush is the kernel's, not the data's.
    setSimdEnabled(false);
    expect((binary('mul', tiny, tiny, [n]) as Float32Array)[0]).toBeGreaterThan(0);
    setSimdEnabled(true);
  });
});
