/**
 * The CPU convolution kernels (im2col onto the packed GEMM) against naive loops written straight
 * from the definitions (NHWC input, HWIO filter) and against the reference kernels, over random
 * geometries, a table of stride/padding/dilation combinations, pointwise and multi-chunk cases,
 * both dtypes, and NaN inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType, TypedArray } from '../../core/dtype';
import { Random } from '../../core/random';
import type { Conv2dGeometry, TensorView } from '../backend';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv';
import * as reference from './reference/conv';

const RUNS = { numRuns: 25 };

const view = (data: TypedArray, shape: number[], dtype: DType = 'float64'): TensorView => ({ storage: data, shape, dtype });

function randomArray(rng: Random, n: number, zeros = false): Float64Array {
  // Exact zeros, as ReLU makes them: no kernel may treat them specially (0·NaN is NaN).
  return Float64Array.from({ length: n }, () => (zeros && rng.uniform() < 0.2 ? 0 : rng.uniform() * 2 - 1));
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

interface GeometrySpec {
  batch: number; inH: number; inW: number; inC: number; outC: number; kH: number; kW: number;
  strideH: number; strideW: number; dilationH: number; dilationW: number;
  padTop: number; padBottom: number; padLeft: number; padRight: number;
}

/** The full geometry, output size from the padded input and the dilated window. */
function geometryOf(r: GeometrySpec): Conv2dGeometry {
  const outH = Math.floor((r.inH + r.padTop + r.padBottom - ((r.kH - 1) * r.dilationH + 1)) / r.strideH) + 1;
  const outW = Math.floor((r.inW + r.padLeft + r.padRight - ((r.kW - 1) * r.dilationW + 1)) / r.strideW) + 1;
  return {
    batch: r.batch, inH: r.inH, inW: r.inW, inC: r.inC, outH, outW, outC: r.outC, kH: r.kH, kW: r.kW,
    strideH: r.strideH, strideW: r.strideW, padTop: r.padTop, padLeft: r.padLeft, dilationH: r.dilationH, dilationW: r.dilationW,
  };
}

/** A random geometry whose windows all fit (at least one output per axis). */
const convGeometry = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  inH: fc.integer({ min: 1, max: 7 }),
  inW: fc.integer({ min: 1, max: 7 }),
  inC: fc.integer({ min: 1, max: 5 }),
  outC: fc.integer({ min: 1, max: 6 }),
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
}).map((r) => ({ g: geometryOf(r), seed: r.seed })).filter(({ g }) => g.outH >= 1 && g.outW >= 1);

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

/** Float32 copies of convData's operands. */
function float32Data(d: ReturnType<typeof convData>) {
  const f = (v: TensorView) => view(Float32Array.from(v.storage as Float64Array), [...v.shape], 'float32');
  return { xv: f(d.xv), wv: f(d.wv), dyv: f(d.dyv) };
}

/**
 * Fast kernels against the reference ones in float64 (1e-12) and float32. The float32 reference
 * rounds after every term, so its error grows with the number of terms summed into an element:
 * the tolerance is 1e-5 per term.
 */
function expectLikeReference(g: Conv2dGeometry, seed: number): void {
  const d = convData(g, seed);
  expectClose(conv2d(d.xv, d.wv, g), reference.conv2d(d.xv, d.wv, g));
  expectClose(conv2dBackpropInput(d.dyv, d.wv, g), reference.conv2dBackpropInput(d.dyv, d.wv, g));
  expectClose(conv2dBackpropFilter(d.xv, d.dyv, g), reference.conv2dBackpropFilter(d.xv, d.dyv, g));
  const s = float32Data(d);
  const y = conv2d(s.xv, s.wv, g);
  expect(y).toBeInstanceOf(Float32Array);
  expectClose(y, reference.conv2d(s.xv, s.wv, g), 1e-5 * g.kH * g.kW * g.inC);
  expectClose(conv2dBackpropInput(s.dyv, s.wv, g), reference.conv2dBackpropInput(s.dyv, s.wv, g), 1e-5 * g.kH * g.kW * g.outC);
  expectClose(conv2dBackpropFilter(s.xv, s.dyv, g), reference.conv2dBackpropFilter(s.xv, s.dyv, g), 1e-5 * g.batch * g.outH * g.outW);
}

const spec = (over: Partial<GeometrySpec>): GeometrySpec => ({
  batch: 2, inH: 9, inW: 8, inC: 3, outC: 5, kH: 3, kW: 2, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1,
  padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, ...over,
});

describe('cpu conv2d against the reference kernels', () => {
  it('on random geometries, float64 and float32', () => {
    fc.assert(fc.property(convGeometry, ({ g, seed }) => expectLikeReference(g, seed)), RUNS);
  });

  it('for every stride 1–3 × padding none/symmetric/lopsided × dilation 1–2', () => {
    let seed = 0;
    for (const stride of [1, 2, 3]) {
      for (const [padTop, padBottom, padLeft, padRight] of [[0, 0, 0, 0], [1, 1, 1, 1], [2, 0, 0, 1]]) {
        for (const dilation of [1, 2]) {
          const g = geometryOf(spec({ strideH: stride, strideW: stride, padTop, padBottom, padLeft, padRight,
            dilationH: dilation, dilationW: dilation }));
          expectLikeReference(g, seed++);
        }
      }
    }
  });

  it('1×1 windows: stride 1 unpadded (input read in place), strided, and padded', () => {
    expectLikeReference(geometryOf(spec({ kH: 1, kW: 1, inC: 7, outC: 6 })), 1);
    expectLikeReference(geometryOf(spec({ kH: 1, kW: 1, strideH: 2, strideW: 3 })), 2);
    expectLikeReference(geometryOf(spec({ kH: 1, kW: 1, padTop: 1, padBottom: 1, padLeft: 1, padRight: 0 })), 3);
  });

  it('more output pixels than one column chunk holds (chunk boundary inside an image)', () => {
    // K = 3·3·16 = 144 columns; 2·62·62 = 7688 pixels exceed the 2²⁰-element column budget.
    expectLikeReference(geometryOf(spec({ batch: 2, inH: 64, inW: 64, inC: 16, outC: 2, kH: 3, kW: 3 })), 4);
  });

  it('propagates NaN: 0·NaN is NaN in the forward pass and in both gradients', () => {
    // Unpadded, so that every term of every sum is a product of two operand values (see below).
    const g = geometryOf(spec({ strideH: 2, dilationW: 2, outC: 6 }));
    const d = convData(g, 9);
    // One NaN against all-zero partners: every element whose sum contains it must be NaN, the rest 0.
    const zeros = (v: TensorView) => view(new Float64Array((v.storage as Float64Array).length), [...v.shape]);
    const cases: [string, () => TypedArray, () => Float64Array, Float64Array][] = [
      ['forward', () => conv2d(d.xv, zeros(d.wv), g), () => naiveConv(d.x, new Float64Array(d.w.length), g), d.x],
      ['backprop input', () => conv2dBackpropInput(d.dyv, zeros(d.wv), g), () => naiveBackpropInput(d.dy, new Float64Array(d.w.length), g), d.dy],
      ['backprop filter', () => conv2dBackpropFilter(zeros(d.xv), d.dyv, g), () => naiveBackpropFilter(new Float64Array(d.x.length), d.dy, g), d.dy],
    ];
    for (const [name, fast, naive, poisoned] of cases) {
      poisoned[Math.floor(poisoned.length / 2)] = NaN;
      const expected = naive();
      const nans = expected.filter(Number.isNaN).length;
      expect(nans, name).toBeGreaterThan(0);
      expect(nans, name).toBeLessThan(expected.length);
      expectClose(fast(), expected);
      poisoned[Math.floor(poisoned.length / 2)] = 0.5;
    }
  });

  it('treats padding as explicit zeros, so 0·NaN reaches windows whose tap lies in the padding', () => {
    // im2col materialises padded taps as zeros, as zero padding is defined; the reference loops
    // skip them instead. Both agree on finite values; with a NaN weight the fast kernel makes
    // every output NaN, not only those whose window puts the NaN tap over real input.
    const g = geometryOf(spec({ batch: 1, inH: 4, inW: 4, inC: 1, outC: 1, kH: 3, kW: 3,
      padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 }));
    const x = view(new Float64Array(16).fill(1), [1, 4, 4, 1]);
    const w = new Float64Array(9).fill(1);
    w[0] = NaN; // tap (0, 0): in the padding for the top row and the left column of outputs
    const y = conv2d(x, view(w, [3, 3, 1, 1]), g);
    expect(Array.from(y).every(Number.isNaN)).toBe(true);
    const ref = reference.conv2d(x, view(w, [3, 3, 1, 1]), g);
    expect(Array.from(ref).filter(Number.isNaN).length).toBe(9);
  });
});
