/**
 * The CPU reductions, argMax and softmax kernels against naive loops over every multi-index,
 * on random shapes and arbitrary (also non-contiguous) axis sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TypedArray } from '../../core/dtype';
import { Random } from '../../core/random';
import type { ReduceOp, TensorView } from '../backend';
import { argMax, logSoftmax, reduce, softmax } from './reduce';
import { setSimdEnabled } from './wasm/kernels';
import { flatIndex, indices, sizeOf } from '../../testing/indices';

const RUNS = { numRuns: 25 };

const f64 = (values: number[], shape: number[]): TensorView => ({ storage: Float64Array.from(values), shape, dtype: 'float64' });

function naiveReduce(op: ReduceOp, x: ArrayLike<number>, shape: number[], axes: number[]): Float64Array {
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const out = new Float64Array(sizeOf(outShape)).fill(op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity);
  for (const idx of indices(shape)) {
    const o = flatIndex(outShape, idx.filter((_, i) => !axes.includes(i)));
    const v = x[flatIndex(shape, idx)];
    out[o] = op === 'sum' ? out[o] + v : op === 'max' ? Math.max(out[o], v) : Math.min(out[o], v);
  }
  return out;
}

const shapeAndAxes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    axes: fc.subarray(shape.map((_, i) => i)),
    seed: fc.integer(),
  }));

function data(shape: number[], seed: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: sizeOf(shape) }, () => Math.round((rng.uniform() * 20 - 10) * 8) / 8);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) {
      expect.fail(`element ${i}: ${actual[i]} vs expected ${expected[i]}`);
    }
  }
}

describe('cpu reduce', () => {
  for (const op of ['sum', 'max', 'min'] as const) {
    it(`${op} over random axis sets of random shapes`, () => {
      fc.assert(fc.property(shapeAndAxes, ({ shape, axes, seed }) => {
        const x = data(shape, seed);
        expectClose(reduce(op, f64(x, shape), axes), naiveReduce(op, x, shape, axes));
      }), RUNS);
    });

    it(`${op} over axes [0, 2] and [1, 3] of a 4-D tensor (non-contiguous)`, () => {
      const shape = [2, 3, 4, 5];
      const x = data(shape, 1);
      expectClose(reduce(op, f64(x, shape), [0, 2]), naiveReduce(op, x, shape, [0, 2]));
      expectClose(reduce(op, f64(x, shape), [1, 3]), naiveReduce(op, x, shape, [1, 3]));
      expectClose(reduce(op, f64(x, shape), [0, 1, 3]), naiveReduce(op, x, shape, [0, 1, 3]));
    });
  }

  it('a hand-computed example', () => {
    const x = f64([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(Array.from(reduce('sum', x, [0]))).toEqual([5, 7, 9]);
    expect(Array.from(reduce('sum', x, [1]))).toEqual([6, 15]);
    expect(Array.from(reduce('max', x, [0, 1]))).toEqual([6]);
    expect(Array.from(reduce('min', x, [1]))).toEqual([1, 4]);
    expect(Array.from(reduce('sum', x, []))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('propagates NaN through max and min', () => {
    const x = f64([1, NaN, 3, 4, 5, 6], [2, 3]);
    expect(Array.from(reduce('max', x, [1])).map(Number.isNaN)).toEqual([true, false]);
    expect(Array.from(reduce('min', x, [0])).map(Number.isNaN)).toEqual([false, true, false]);
  });

  it('reduces all-negative data to its true maximum, not 0', () => {
    const x = f64([-5, -3, -4, -9], [2, 2]);
    expect(Array.from(reduce('max', x, [0]))).toEqual([-4, -3]);
    expect(Array.from(reduce('max', x, [1]))).toEqual([-3, -4]);
  });
});

describe('cpu argMax', () => {
  it('matches a naive scan (first index on ties) on random shapes and axes', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer(),
      (shape, axisSeed, seed) => {
        const axis = axisSeed % shape.length;
        const rng = new Random(seed);
        const x = Array.from({ length: sizeOf(shape) }, () => rng.int(4) - 6); // small set: many ties, all negative
        const outShape = shape.filter((_, i) => i !== axis);
        const expected = new Float64Array(sizeOf(outShape));
        const best = new Float64Array(expected.length).fill(-Infinity);
        for (const idx of indices(shape)) {
          const o = flatIndex(outShape, idx.filter((_, i) => i !== axis));
          const v = x[flatIndex(shape, idx)];
          if (v > best[o]) {
            best[o] = v;
            expected[o] = idx[axis];
          }
        }
        expect(Array.from(argMax(f64(x, shape), axis))).toEqual(Array.from(expected));
      },
    ), RUNS);
  });

  it('a hand-computed example', () => {
    const x = f64([1, 9, 3, 7, 2, 9], [2, 3]);
    expect(Array.from(argMax(x, 1))).toEqual([1, 2]);
    expect(Array.from(argMax(x, 0))).toEqual([1, 0, 1]);
  });
});

describe('cpu softmax', () => {
  const rowSums = (y: TypedArray, n: number) => Array.from({ length: y.length / n }, (_, r) => Array.from(y.slice(r * n, (r + 1) * n)).reduce((a, b) => a + b, 0));

  it('is stable on large inputs: [1000, 1001, 1002]', () => {
    const y = softmax(f64([1000, 1001, 1002], [3]));
    expect(y.every(Number.isFinite)).toBe(true);
    expect(rowSums(y, 3)[0]).toBeCloseTo(1, 14);
    // Same as softmax([0, 1, 2]) = e^k / (1 + e + e²).
    const z = 1 + Math.E + Math.E ** 2;
    expectClose(y, [1 / z, Math.E / z, Math.E ** 2 / z], 1e-14);
    const f32 = softmax({ storage: new Float32Array([1000, 1001, 1002]), shape: [3], dtype: 'float32' });
    expect(f32).toBeInstanceOf(Float32Array);
    expect(f32.every(Number.isFinite)).toBe(true);
    expectClose(f32, [1 / z, Math.E / z, Math.E ** 2 / z], 1e-6);
  });

  it('is stable on very negative inputs', () => {
    const y = softmax(f64([-1000, -1001, -1000, -2000], [2, 2]));
    expect(y.every(Number.isFinite)).toBe(true);
    expectClose(rowSums(y, 2), [1, 1], 1e-14);
    expectClose(y, [1 / (1 + Math.exp(-1)), Math.exp(-1) / (1 + Math.exp(-1)), 1, 0], 1e-14);
  });

  it('matches exp(x)/Σexp(x) per row of the last axis on moderate inputs', () => {
    const rng = new Random(3);
    const shape = [2, 3, 5];
    const x = Array.from({ length: 30 }, () => rng.uniform() * 6 - 3);
    const expected = x.map((v, i) => {
      const row = Math.floor(i / 5) * 5;
      return Math.exp(v) / x.slice(row, row + 5).reduce((s, u) => s + Math.exp(u), 0);
    });
    expectClose(softmax(f64(x, shape)), expected, 1e-14);
    expectClose(logSoftmax(f64(x, shape)), expected.map(Math.log), 1e-13);
  });

  it('logSoftmax of [-1000, 0] is [-1000, 0] without -Infinity or NaN', () => {
    const y = logSoftmax(f64([-1000, 0], [2]));
    expect(y.every(Number.isFinite)).toBe(true);
    expectClose(y, [-1000, 0], 1e-14);
    const f32 = logSoftmax({ storage: new Float32Array([-1000, 0]), shape: [2], dtype: 'float32' });
    expect(Array.from(f32)).toEqual([-1000, 0]);
    // And large positive inputs: log-sum-exp must not overflow.
    expectClose(logSoftmax(f64([1000, 1000], [2])), [-Math.LN2, -Math.LN2], 1e-14);
  });

  it('softmax of a scalar and of a length-1 axis is 1; logSoftmax is 0', () => {
    expect(Array.from(softmax(f64([5], [])))).toEqual([1]);
    expect(Array.from(softmax(f64([5, -3], [2, 1])))).toEqual([1, 1]);
    expect(Array.from(logSoftmax(f64([5, -3], [2, 1])))).toEqual([0, 0]);
  });
});

describe('cpu float32 sums over leading axes in SIMD (wasm/elementwiseKernel.ts sumRows)', () => {
  it('equal the JS loop bit for bit, across chunk boundaries and with NaN and infinities', () => {
    const rng = new Random(21);
    // [outer, reduced, inner]: a bias over a batch, several outer blocks, rows crossing the
    // 8192-element chunk, rows as long as a chunk, and a width the kernel leaves to JS.
    const cases = [[1, 700, 16], [3, 50, 24], [2, 9000, 8], [1, 5, 4096], [1, 3, 8192], [1, 40, 6]];
    for (const [outer, r, inner] of cases) {
      const values = Float32Array.from({ length: outer * r * inner }, (_, i) =>
        i % 997 === 5 ? NaN : i % 1009 === 7 ? Infinity : rng.normal() * 10 ** Math.floor(rng.uniform() * 4 - 2));
      const x: TensorView = { storage: values, shape: [outer, r, inner], dtype: 'float32' };
      const simd = Array.from(reduce('sum', x, [1]));
      setSimdEnabled(false);
      const js = Array.from(reduce('sum', x, [1]));
      setSimdEnabled(true);
      expect(simd).toEqual(js);
      // And the JS loop is the sum it should be (float64 here; float32 rounding allowed).
      for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i += Math.max(1, inner >> 3)) {
        let exact = 0;
        let size = 0;
        for (let k = 0; k < r; k++) {
          exact += values[(o * r + k) * inner + i];
          size += Math.abs(values[(o * r + k) * inner + i]);
        }
        const got = js[o * inner + i];
        if (Number.isNaN(exact)) expect(got).toBeNaN();
        else if (!Number.isFinite(exact)) expect(got).toBe(exact);
        else expect(Math.abs(got - exact)).toBeLessThanOrEqual(size * r * 2 ** -23 + 1e-30);
      }
    }
  });
});
