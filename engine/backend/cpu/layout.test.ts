/**
 * The CPU data-movement kernels (permute, slice, pad, concat, broadcastTo, cast, fill, oneHot)
 * against naive per-element index arithmetic on random 1-D to 4-D shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TensorView } from '../../backend/backend';
import { broadcastTo } from './elementwise';
import { cast, concat, fill, oneHot, pad, permute, slice } from './layout';
import { flatIndex, indices, sizeOf } from '../../testing/indices';

const RUNS = { numRuns: 25 };

/** A tensor whose element at flat index i is i + 1 (no zeros, so padding is visible). */
function iota(shape: number[]): TensorView {
  return { storage: Float64Array.from({ length: sizeOf(shape) }, (_, i) => i + 1), shape, dtype: 'float64' };
}

const shapeArb = (minRank = 3, maxRank = 4) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: minRank, maxLength: maxRank });

describe('cpu permute', () => {
  it('out[idx] = x[idx permuted back] for random shapes and permutations', () => {
    fc.assert(fc.property(shapeArb().chain((shape) => fc.record({
      shape: fc.constant(shape),
      perm: fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length }),
    })), ({ shape, perm }) => {
      const x = iota(shape);
      const outShape = perm.map((p) => shape[p]);
      const expected = new Float64Array(x.storage as Float64Array);
      for (const idx of indices(outShape)) {
        const src = new Array<number>(shape.length);
        perm.forEach((p, i) => { src[p] = idx[i]; });
        expected[flatIndex(outShape, idx)] = (x.storage as Float64Array)[flatIndex(shape, src)];
      }
      expect(Array.from(permute(x, perm))).toEqual(Array.from(expected));
    }), RUNS);
  });

  it('transposes a 2×3 matrix', () => {
    expect(Array.from(permute(iota([2, 3]), [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('cpu slice', () => {
  it('out[idx] = x[begin + idx] for random blocks of 3-D and 4-D tensors', () => {
    fc.assert(fc.property(shapeArb().chain((shape) => fc.tuple(
      fc.constant(shape),
      fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: d - b }))))),
    )), ([shape, blocks]) => {
      const begin = blocks.map(([b]) => b);
      const size = blocks.map(([, s]) => s);
      const x = iota(shape);
      const expected = [...indices(size)].map((idx) => (x.storage as Float64Array)[flatIndex(shape, idx.map((v, i) => v + begin[i]))]);
      expect(Array.from(slice(x, begin, size))).toEqual(expected);
    }), RUNS);
  });

  it('a hand-computed 3-D block', () => {
    // x[i][j][k] = 12i + 4j + k + 1, block from [1, 1, 2] of extent [1, 2, 2]
    expect(Array.from(slice(iota([2, 3, 4]), [1, 1, 2], [1, 2, 2]))).toEqual([19, 20, 23, 24]);
  });
});

describe('cpu pad', () => {
  it('out[before + idx] = x[idx], zeros elsewhere, for random shapes and widths', () => {
    fc.assert(fc.property(shapeArb().chain((shape) => fc.tuple(
      fc.constant(shape),
      fc.array(fc.nat(2), { minLength: shape.length, maxLength: shape.length }),
      fc.array(fc.nat(2), { minLength: shape.length, maxLength: shape.length }),
    )), ([shape, before, after]) => {
      const x = iota(shape);
      const outShape = shape.map((d, i) => d + before[i] + after[i]);
      const expected = [...indices(outShape)].map((idx) => {
        const src = idx.map((v, i) => v - before[i]);
        return src.every((v, i) => v >= 0 && v < shape[i]) ? (x.storage as Float64Array)[flatIndex(shape, src)] : 0;
      });
      expect(Array.from(pad(x, before, after))).toEqual(expected);
    }), RUNS);
  });

  it('pads a 2×2 matrix by one on every side', () => {
    expect(Array.from(pad(iota([2, 2]), [1, 1], [1, 1]))).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);
  });
});

describe('cpu concat', () => {
  it('joins random 1-D to 4-D tensors along a random axis', () => {
    fc.assert(fc.property(shapeArb().chain((shape) => fc.record({
      shape: fc.constant(shape),
      axis: fc.integer({ min: 0, max: shape.length - 1 }),
      extents: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
    })), ({ shape, axis, extents }) => {
      let offset = 0;
      const xs = extents.map((e) => {
        const s = shape.map((d, i) => (i === axis ? e : d));
        const data = Float64Array.from({ length: sizeOf(s) }, (_, i) => offset + i + 1);
        offset += 1000;
        return { storage: data, shape: s, dtype: 'float64' as const };
      });
      const outShape = shape.map((d, i) => (i === axis ? extents.reduce((a, b) => a + b, 0) : d));
      const expected = [...indices(outShape)].map((idx) => {
        let k = idx[axis];
        let which = 0;
        while (k >= xs[which].shape[axis]) k -= xs[which++].shape[axis];
        const src = idx.map((v, i) => (i === axis ? k : v));
        return xs[which].storage[flatIndex(xs[which].shape, src)];
      });
      expect(Array.from(concat(xs, axis))).toEqual(expected);
    }), RUNS);
  });

  it('joins two 2×2 matrices along each axis', () => {
    const a = iota([2, 2]);
    const b: TensorView = { storage: Float64Array.from([5, 6, 7, 8]), shape: [2, 2], dtype: 'float64' };
    expect(Array.from(concat([a, b], 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(concat([a, b], 1))).toEqual([1, 2, 5, 6, 3, 4, 7, 8]);
  });
});

describe('cpu broadcastTo', () => {
  it('out[idx] = x[idx with broadcast axes at 0] for random broadcasts', () => {
    fc.assert(fc.property(shapeArb().chain((outShape) => fc.record({
      outShape: fc.constant(outShape),
      lead: fc.integer({ min: 0, max: outShape.length }),
      ones: fc.array(fc.boolean(), { minLength: outShape.length, maxLength: outShape.length }),
    })), ({ outShape, lead, ones }) => {
      const shape = outShape.slice(lead).map((d, i) => (ones[i] ? 1 : d));
      const x = iota(shape);
      const expected = [...indices(outShape)].map((idx) => {
        const src = idx.slice(lead).map((v, i) => (shape[i] === 1 ? 0 : v));
        return (x.storage as Float64Array)[flatIndex(shape, src)];
      });
      expect(Array.from(broadcastTo(x, outShape))).toEqual(expected);
    }), RUNS);
  });

  it('broadcasts a scalar and a column', () => {
    expect(Array.from(broadcastTo(iota([]), [2, 2]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(broadcastTo(iota([2, 1]), [2, 3]))).toEqual([1, 1, 1, 2, 2, 2]);
    expect(Array.from(broadcastTo(iota([3]), [2, 3]))).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('cpu cast, fill, oneHot', () => {
  it('casts float64 to float32 with rounding and back exactly', () => {
    const x: TensorView = { storage: Float64Array.from([0.1, 1e-50, 3]), shape: [3], dtype: 'float64' };
    const y = cast(x, 'float32');
    expect(y).toBeInstanceOf(Float32Array);
    expect(Array.from(y)).toEqual([Math.fround(0.1), 0, 3]);
    const z = cast({ storage: y, shape: [3], dtype: 'float32' }, 'float64');
    expect(z).toBeInstanceOf(Float64Array);
    expect(Array.from(z)).toEqual([Math.fround(0.1), 0, 3]);
  });

  it('fills', () => {
    expect(Array.from(fill(3, 'float32', 2.5))).toEqual([2.5, 2.5, 2.5]);
    expect(fill(2, 'float64', 0)).toBeInstanceOf(Float64Array);
    expect(Array.from(fill(2, 'float64', 0))).toEqual([0, 0]);
  });

  it('one-hot encodes, with a zero row for out-of-range or fractional indices', () => {
    const idx: TensorView = { storage: Float32Array.from([2, 0, 3, -1, 1.5]), shape: [5], dtype: 'float32' };
    expect(Array.from(oneHot(idx, 3))).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
