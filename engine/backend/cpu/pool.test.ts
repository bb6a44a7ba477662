/**
 * The CPU pooling kernels against naive loops written straight from the definitions (NHWC), and
 * against the reference kernels, over random geometries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType, TypedArray } from '../../core/dtype';
import { Random } from '../../core/random';
import type { Pool2dGeometry, TensorView } from '../backend';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './pool';
import * as reference from './reference/conv';
import { WasmPool } from './wasm/poolKernel';

const RUNS = { numRuns: 25 };

const view = (data: TypedArray, shape: number[], dtype: DType = 'float64'): TensorView => ({ storage: data, shape, dtype });

function randomArray(rng: Random, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform() * 2 - 1);
}

/** |actual − expected| ≤ tol·(1 + |expected|) everywhere; a NaN is expected exactly where expected has one. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Number.isNaN(expected[i])
      ? Number.isNaN(actual[i])
      : Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]));
    if (!ok) expect.fail(`element ${i}: ${actual[i]} vs expected ${expected[i]}`);
  }
}

/** Pool geometries with padding smaller than the window, so no window is all padding. */
const poolGeometry = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  inH: fc.integer({ min: 1, max: 7 }),
  inW: fc.integer({ min: 1, max: 7 }),
  channels: fc.integer({ min: 1, max: 5 }),
  kH: fc.integer({ min: 1, max: 3 }),
  kW: fc.integer({ min: 1, max: 3 }),
  strideH: fc.integer({ min: 1, max: 3 }),
  strideW: fc.integer({ min: 1, max: 3 }),
  pads: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
  ties: fc.boolean(),
  seed: fc.integer(),
}).map((r) => {
  const [pt, pb, pl, pr] = r.pads.map((p, i) => Math.min(p, (i < 2 ? r.kH : r.kW) - 1));
  const outH = Math.floor((r.inH + pt + pb - r.kH) / r.strideH) + 1;
  const outW = Math.floor((r.inW + pl + pr - r.kW) / r.strideW) + 1;
  const g: Pool2dGeometry = {
    batch: r.batch, inH: r.inH, inW: r.inW, channels: r.channels, outH, outW, kH: r.kH, kW: r.kW,
    strideH: r.strideH, strideW: r.strideW, padTop: pt, padLeft: pl,
  };
  return { g, seed: r.seed, ties: r.ties };
}).filter(({ g }) => g.outH >= 1 && g.outW >= 1);

const pIn = (g: Pool2dGeometry, b: number, h: number, w: number, c: number) => ((b * g.inH + h) * g.inW + w) * g.channels + c;
const pOut = (g: Pool2dGeometry, b: number, h: number, w: number, c: number) => ((b * g.outH + h) * g.outW + w) * g.channels + c;

/** Calls fn(outIndex, inIndices) with each window's in-bounds cells in row-major order. */
function windows(g: Pool2dGeometry, fn: (o: number, cells: number[]) => void): void {
  for (let b = 0; b < g.batch; b++) for (let oh = 0; oh < g.outH; oh++) for (let ow = 0; ow < g.outW; ow++) {
    for (let c = 0; c < g.channels; c++) {
      const cells: number[] = [];
      for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) {
        const ih = oh * g.strideH - g.padTop + kh;
        const iw = ow * g.strideW - g.padLeft + kw;
        if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) cells.push(pIn(g, b, ih, iw, c));
      }
      fn(pOut(g, b, oh, ow, c), cells);
    }
  }
}

function poolData(g: Pool2dGeometry, seed: number, ties: boolean) {
  const rng = new Random(seed);
  const n = g.batch * g.inH * g.inW * g.channels;
  // With ties, values come from a small set, so windows often hold equal maxima; negative
  // values check that padding never wins a max.
  const x = Float64Array.from({ length: n }, () => (ties ? rng.int(3) - 3 : rng.uniform() * 2 - 1.5));
  const dy = randomArray(rng, g.batch * g.outH * g.outW * g.channels);
  return { x, dy, xv: view(x, [g.batch, g.inH, g.inW, g.channels]), dyv: view(dy, [g.batch, g.outH, g.outW, g.channels]) };
}

describe('cpu pooling', () => {
  it('maxPool2d is the largest in-bounds value of each window', () => {
    fc.assert(fc.property(poolGeometry, ({ g, seed, ties }) => {
      const { x, xv } = poolData(g, seed, ties);
      const expected = new Float64Array(g.batch * g.outH * g.outW * g.channels);
      windows(g, (o, cells) => {
        expected[o] = Math.max(...cells.map((i) => x[i]));
      });
      expectClose(maxPool2d(xv, g), expected);
    }), RUNS);
  });

  it('maxPool2dBackward sends each gradient to its window\'s first maximum', () => {
    fc.assert(fc.property(poolGeometry, ({ g, seed, ties }) => {
      const { x, dy, xv, dyv } = poolData(g, seed, ties);
      const expected = new Float64Array(x.length);
      windows(g, (o, cells) => {
        const m = Math.max(...cells.map((i) => x[i]));
        expected[cells.find((i) => x[i] === m)!] += dy[o];
      });
      expectClose(maxPool2dBackward(xv, dyv, g), expected);
    }), RUNS);
  });

  it('avgPool2d is the mean over in-bounds cells (padding not counted)', () => {
    fc.assert(fc.property(poolGeometry, ({ g, seed, ties }) => {
      const { x, xv } = poolData(g, seed, ties);
      const expected = new Float64Array(g.batch * g.outH * g.outW * g.channels);
      windows(g, (o, cells) => {
        expected[o] = cells.reduce((s, i) => s + x[i], 0) / cells.length;
      });
      expectClose(avgPool2d(xv, g), expected);
    }), RUNS);
  });

  it('avgPool2dBackward shares each gradient equally over its window', () => {
    fc.assert(fc.property(poolGeometry, ({ g, seed, ties }) => {
      const { x, dy, dyv } = poolData(g, seed, ties);
      const expected = new Float64Array(x.length);
      windows(g, (o, cells) => {
        for (const i of cells) expected[i] += dy[o] / cells.length;
      });
      expectClose(avgPool2dBackward(dyv, g), expected);
    }), RUNS);
  });

  it('a hand-computed example: 2×2 max and average pools of a 4×4 image', () => {
    const g: Pool2dGeometry = { batch: 1, inH: 4, inW: 4, channels: 1, outH: 2, outW: 2, kH: 2, kW: 2,
      strideH: 2, strideW: 2, padTop: 0, padLeft: 0 };
    const x = view(Float64Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    expect(Array.from(maxPool2d(x, g))).toEqual([5, 7, 13, 15]);
    expect(Array.from(avgPool2d(x, g))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });
});

/** Every pooling kernel, fast against reference, in float64 (exact) and float32 (same rounding). */
function expectLikeReference(g: Pool2dGeometry, x: Float64Array, dy: Float64Array): void {
  for (const dtype of ['float64', 'float32'] as const) {
    const cast = (a: Float64Array) => (dtype === 'float64' ? a : Float32Array.from(a));
    const xv = view(cast(x), [g.batch, g.inH, g.inW, g.channels], dtype);
    const dyv = view(cast(dy), [g.batch, g.outH, g.outW, g.channels], dtype);
    const out = maxPool2d(xv, g);
    expect(out).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
    expectClose(out, reference.maxPool2d(xv, g), 0);
    expectClose(maxPool2dBackward(xv, dyv, g), reference.maxPool2dBackward(xv, dyv, g), 0);
    expectClose(avgPool2d(xv, g), reference.avgPool2d(xv, g), 0);
    expectClose(avgPool2dBackward(dyv, g), reference.avgPool2dBackward(dyv, g), 0);
  }
}

describe('cpu pooling against the reference kernels', () => {
  it('on random geometries, with ties and with NaNs', () => {
    fc.assert(fc.property(poolGeometry, fc.boolean(), ({ g, seed, ties }, nans) => {
      const { x, dy } = poolData(g, seed, ties);
      // The fast kernels keep the reference's rule for NaN (a NaN wins a max only as its
      // window's first cell), so the two must agree element for element.
      if (nans) for (let i = 0; i < x.length; i += 3) x[i] = NaN;
      expectLikeReference(g, x, dy);
    }), RUNS);
  });

  it('windows entirely in the padding give 0, and many channels grow the scratch', () => {
    const g: Pool2dGeometry = { batch: 2, inH: 3, inW: 4, channels: 70, outH: 4, outW: 3, kH: 1, kW: 2,
      strideH: 1, strideW: 2, padTop: 1, padLeft: 1 };
    const { x, dy } = poolData(g, 11, false);
    expectLikeReference(g, x, dy);
    expect(Array.from(maxPool2d(view(x, [2, 3, 4, 70]), g).subarray(0, 3 * 70)).every((v) => v === 0)).toBe(true);
  });
});

describe('cpu max pooling in float32 SIMD (wasm/poolKernel.ts)', () => {
  // Unpadded windows over 4·k channels: the geometry the SIMD kernels take, here with windows
  // that overlap (stride < size, so backward adds to a cell more than once), that skip cells
  // (stride > size), and that leave a ragged edge unvisited.
  const simdGeometry = fc.record({
    batch: fc.integer({ min: 1, max: 3 }),
    inH: fc.integer({ min: 2, max: 9 }),
    inW: fc.integer({ min: 2, max: 9 }),
    groups: fc.integer({ min: 1, max: 5 }),
    kH: fc.integer({ min: 1, max: 3 }),
    kW: fc.integer({ min: 1, max: 3 }),
    strideH: fc.integer({ min: 1, max: 3 }),
    strideW: fc.integer({ min: 1, max: 3 }),
    ties: fc.boolean(),
    nans: fc.boolean(),
    seed: fc.integer(),
  }).map((r) => {
    const kH = Math.min(r.kH, r.inH);
    const kW = Math.min(r.kW, r.inW);
    const g: Pool2dGeometry = {
      batch: r.batch, inH: r.inH, inW: r.inW, channels: 4 * r.groups, kH, kW, strideH: r.strideH, strideW: r.strideW,
      outH: Math.floor((r.inH - kH) / r.strideH) + 1, outW: Math.floor((r.inW - kW) / r.strideW) + 1, padTop: 0, padLeft: 0,
    };
    return { g, seed: r.seed, ties: r.ties, nans: r.nans };
  });

  it('takes these geometries and matches the reference exactly, with ties, NaNs and overlapping windows', () => {
    fc.assert(fc.property(simdGeometry, ({ g, seed, ties, nans }) => {
      expect(WasmPool.handles(g)).toBe(true);
      const { x, dy } = poolData(g, seed, ties);
      if (nans) for (let i = 0; i < x.length; i += 5) x[i] = NaN;
      const xv = view(Float32Array.from(x), [g.batch, g.inH, g.inW, g.channels], 'float32');
      const dyv = view(Float32Array.from(dy), [g.batch, g.outH, g.outW, g.channels], 'float32');
      expectClose(maxPool2d(xv, g), reference.maxPool2d(xv, g), 0);
      expectClose(maxPool2dBackward(xv, dyv, g), reference.maxPool2dBackward(xv, dyv, g), 0);
    }), RUNS);
  });

  it('leaves padded windows and odd channel counts to the JS loop', () => {
    const base: Pool2dGeometry = { batch: 1, inH: 4, inW: 4, channels: 8, outH: 2, outW: 2, kH: 2, kW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0 };
    expect(WasmPool.handles(base)).toBe(true);
    expect(WasmPool.handles({ ...base, channels: 6 })).toBe(false);
    expect(WasmPool.handles({ ...base, padTop: 1, outH: 3 })).toBe(false);
    expect(WasmPool.handles({ ...base, outW: 3 })).toBe(false);
  });
});
