/**
 * The CPU convolution and pooling kernels against naive loops written straight from the
 * definitions (NHWC input, HWIO filter), over random geometries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType, TypedArray } from '../../core/dtype';
import { Random } from '../../core/random';
import type { Conv2dGeometry, Pool2dGeometry, TensorView } from '../backend';
import { avgPool2d, avgPool2dBackward, conv2d, conv2dBackpropFilter, conv2dBackpropInput, maxPool2d, maxPool2dBackward } from './conv';

const RUNS = { numRuns: 25 };

const view = (data: TypedArray, shape: number[], dtype: DType = 'float64'): TensorView => ({ storage: data, shape, dtype });

function randomArray(rng: Random, n: number, zeros = false): Float64Array {
  // Some exact zeros exercise the kernels' skip-zero shortcuts.
  return Float64Array.from({ length: n }, () => (zeros && rng.uniform() < 0.2 ? 0 : rng.uniform() * 2 - 1));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol * (1 + Math.abs(expected[i]))) {
      expect.fail(`element ${i}: ${actual[i]} vs expected ${expected[i]}`);
    }
  }
}

/** A random geometry whose windows all fit (at least one output per axis). */
const convGeometry = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  inH: fc.integer({ min: 1, max: 7 }),
  inW: fc.integer({ min: 1, max: 7 }),
  inC: fc.integer({ min: 1, max: 3 }),
  outC: fc.integer({ min: 1, max: 3 }),
  kH: fc.integer({ min: 1, max: 3 }),
  kW: fc.integer({ min: 1, max: 3 }),
  strideH: fc.integer({ min: 1, max: 3 }),
  strideW: fc.integer({ min: 1, max: 3 }),
  dilationH: fc.integer({ min: 1, max: 2 }),
  dilationW: fc.integer({ min: 1, max: 2 }),
  padTop: fc.integer({ min: 0, max: 2 }),
  padBottom: fc.integer({ min: 0, max: 2 }),
  padLeft: fc.integer({ min: 0, max: 2 }),
  padRight: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer(),
}).map((r) => {
  const outH = Math.floor((r.inH + r.padTop + r.padBottom - ((r.kH - 1) * r.dilationH + 1)) / r.strideH) + 1;
  const outW = Math.floor((r.inW + r.padLeft + r.padRight - ((r.kW - 1) * r.dilationW + 1)) / r.strideW) + 1;
  const g: Conv2dGeometry = {
    batch: r.batch, inH: r.inH, inW: r.inW, inC: r.inC, outH, outW, outC: r.outC, kH: r.kH, kW: r.kW,
    strideH: r.strideH, strideW: r.strideW, padTop: r.padTop, padLeft: r.padLeft, dilationH: r.dilationH, dilationW: r.dilationW,
  };
  return { g, seed: r.seed };
}).filter(({ g }) => g.outH >= 1 && g.outW >= 1);

// x[b, h, w, c], w[kh, kw, ci, co], y[b, oh, ow, co]
const xAt = (g: Conv2dGeometry, b: number, h: number, w: number, c: number) => ((b * g.inH + h) * g.inW + w) * g.inC + c;
const wAt = (g: Conv2dGeometry, kh: number, kw: number, ci: number, co: number) => ((kh * g.kW + kw) * g.inC + ci) * g.outC + co;
const yAt = (g: Conv2dGeometry, b: number, h: number, w: number, c: number) => ((b * g.outH + h) * g.outW + w) * g.outC + c;

/** y[b,oh,ow,co] = Σ_{kh,kw,ci} x[b, oh·s − pad + kh·d, ow·s − pad + kw·d, ci] · w[kh,kw,ci,co] (out-of-range x = 0). */
function naiveConv(x: ArrayLike<number>, w: ArrayLike<number>, g: Conv2dGeometry): Float64Array {
  const y = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  for (let b = 0; b < g.batch; b++) for (let oh = 0; oh < g.outH; oh++) for (let ow = 0; ow < g.outW; ow++) {
    for (let co = 0; co < g.outC; co++) {
      let s = 0;
      for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) for (let ci = 0; ci < g.inC; ci++) {
        const ih = oh * g.strideH - g.padTop + kh * g.dilationH;
        const iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
        if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) s += x[xAt(g, b, ih, iw, ci)] * w[wAt(g, kh, kw, ci, co)];
      }
      y[yAt(g, b, oh, ow, co)] = s;
    }
  }
  return y;
}

/**
 * ∂L/∂x by the transposed formula: for each input pixel, the output pixels whose windows cover
 * it are those with oh = (ih + pad − kh·d) / s an integer in range.
 */
function naiveBackpropInput(dy: ArrayLike<number>, w: ArrayLike<number>, g: Conv2dGeometry): Float64Array {
  const dx = new Float64Array(g.batch * g.inH * g.inW * g.inC);
  for (let b = 0; b < g.batch; b++) for (let ih = 0; ih < g.inH; ih++) for (let iw = 0; iw < g.inW; iw++) {
    for (let ci = 0; ci < g.inC; ci++) {
      let s = 0;
      for (let kh = 0; kh < g.kH; kh++) {
        const th = ih + g.padTop - kh * g.dilationH;
        if (th % g.strideH !== 0 || th < 0 || th / g.strideH >= g.outH) continue;
        for (let kw = 0; kw < g.kW; kw++) {
          const tw = iw + g.padLeft - kw * g.dilationW;
          if (tw % g.strideW !== 0 || tw < 0 || tw / g.strideW >= g.outW) continue;
          for (let co = 0; co < g.outC; co++) s += dy[yAt(g, b, th / g.strideH, tw / g.strideW, co)] * w[wAt(g, kh, kw, ci, co)];
        }
      }
      dx[xAt(g, b, ih, iw, ci)] = s;
    }
  }
  return dx;
}

/** ∂L/∂w[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s − pad + kh·d, …, ci] · dy[b,oh,ow,co]. */
function naiveBackpropFilter(x: ArrayLike<number>, dy: ArrayLike<number>, g: Conv2dGeometry): Float64Array {
  const dw = new Float64Array(g.kH * g.kW * g.inC * g.outC);
  for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) for (let ci = 0; ci < g.inC; ci++) {
    for (let co = 0; co < g.outC; co++) {
      let s = 0;
      for (let b = 0; b < g.batch; b++) for (let oh = 0; oh < g.outH; oh++) for (let ow = 0; ow < g.outW; ow++) {
        const ih = oh * g.strideH - g.padTop + kh * g.dilationH;
        const iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
        if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) s += x[xAt(g, b, ih, iw, ci)] * dy[yAt(g, b, oh, ow, co)];
      }
      dw[wAt(g, kh, kw, ci, co)] = s;
    }
  }
  return dw;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

function convData(g: Conv2dGeometry, seed: number) {
  const rng = new Random(seed);
  const x = randomArray(rng, g.batch * g.inH * g.inW * g.inC, true);
  const w = randomArray(rng, g.kH * g.kW * g.inC * g.outC, true);
  const dy = randomArray(rng, g.batch * g.outH * g.outW * g.outC, true);
  const xv = view(x, [g.batch, g.inH, g.inW, g.inC]);
  const wv = view(w, [g.kH, g.kW, g.inC, g.outC]);
  const dyv = view(dy, [g.batch, g.outH, g.outW, g.outC]);
  return { x, w, dy, xv, wv, dyv };
}

describe('cpu conv2d', () => {
  it('forward matches the definition', () => {
    fc.assert(fc.property(convGeometry, ({ g, seed }) => {
      const { x, w, xv, wv } = convData(g, seed);
      expectClose(conv2d(xv, wv, g), naiveConv(x, w, g));
    }), RUNS);
  });

  it('backprop-input matches the transposed formula', () => {
    fc.assert(fc.property(convGeometry, ({ g, seed }) => {
      const { w, dy, wv, dyv } = convData(g, seed);
      expectClose(conv2dBackpropInput(dyv, wv, g), naiveBackpropInput(dy, w, g));
    }), RUNS);
  });

  it('backprop-filter matches the definition', () => {
    fc.assert(fc.property(convGeometry, ({ g, seed }) => {
      const { x, dy, xv, dyv } = convData(g, seed);
      expectClose(conv2dBackpropFilter(xv, dyv, g), naiveBackpropFilter(x, dy, g));
    }), RUNS);
  });

  it('backprops are the adjoints of the forward: ⟨conv(x, w), dy⟩ = ⟨x, dx⟩ = ⟨w, dw⟩', () => {
    fc.assert(fc.property(convGeometry, ({ g, seed }) => {
      const { x, w, dy, xv, wv, dyv } = convData(g, seed);
      const lhs = dot(conv2d(xv, wv, g), dy);
      expect(dot(x, conv2dBackpropInput(dyv, wv, g))).toBeCloseTo(lhs, 10);
      expect(dot(w, conv2dBackpropFilter(xv, dyv, g))).toBeCloseTo(lhs, 10);
    }), RUNS);
  });

  it('a hand-computed example: 3×3 input, 2×2 filter of ones, stride 1', () => {
    const g: Conv2dGeometry = { batch: 1, inH: 3, inW: 3, inC: 1, outH: 2, outW: 2, outC: 1, kH: 2, kW: 2,
      strideH: 1, strideW: 1, padTop: 0, padLeft: 0, dilationH: 1, dilationW: 1 };
    const y = conv2d(view(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 3, 3, 1]), view(new Float64Array(4).fill(1), [2, 2, 1, 1]), g);
    expect(Array.from(y)).toEqual([12, 16, 24, 28]);
  });

  it('keeps float32 in float32', () => {
    const g: Conv2dGeometry = { batch: 1, inH: 1, inW: 1, inC: 1, outH: 1, outW: 1, outC: 1, kH: 1, kW: 1,
      strideH: 1, strideW: 1, padTop: 0, padLeft: 0, dilationH: 1, dilationW: 1 };
    const one = view(new Float32Array([3]), [1, 1, 1, 1], 'float32');
    expect(conv2d(one, one, g)).toBeInstanceOf(Float32Array);
    expect(conv2dBackpropInput(one, one, g)).toBeInstanceOf(Float32Array);
    expect(conv2dBackpropFilter(one, one, g)).toBeInstanceOf(Float32Array);
  });
});

/** Pool geometries with padding smaller than the window, so no window is all padding. */
const poolGeometry = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  inH: fc.integer({ min: 1, max: 7 }),
  inW: fc.integer({ min: 1, max: 7 }),
  channels: fc.integer({ min: 1, max: 3 }),
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
