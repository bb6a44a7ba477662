/**
 * CPU 2-D convolution (NHWC input, HWIO filter) and its two backward passes, lowered onto the
 * packed GEMM (gemm.ts) through im2col (im2col.ts). With X the column matrix (pixels × K,
 * K = kH·kW·inC) and W the filter viewed as (K, outC):
 *
 *   forward          y  = X · W
 *   backprop filter  dW = Xᵀ · dy
 *   backprop input   dX = dy · Wᵀ, scattered back onto the image by col2im
 *
 * The output pixels are processed a bounded number of rows at a time, so the column buffer never
 * exceeds COL_BUDGET elements whatever the batch. float32 runs on the WebAssembly SIMD GEMM where
 * the runtime has it (no widening to float64), float64 on the JS GEMM. Tested against
 * reference/conv.ts.
 */
import type { TypedArray } from '../../core/dtype';
import type { Conv2dGeometry, TensorView } from '../backend';
import { gemm } from './gemm';
import { col2im, im2col } from './im2col';
import { simdGemm, type Gemm32 } from './wasm/kernels';
import { Workspace, Workspace32, asFloat64, output } from './workspace';

/** Largest column buffer, in elements (8 MB of float64). */
const COL_BUDGET = 1 << 20;

const wsX = new Workspace();
const wsW = new Workspace();
const wsDy = new Workspace();
const wsOut = new Workspace();
const wsCols = new Workspace();
const wsCols32 = new Workspace32();

/** The float32 SIMD GEMM when both operands are float32 and it is available. */
const simdFor = (...views: TensorView[]): Gemm32 | null => (views.every((v) => v.dtype === 'float32') ? simdGemm() : null);

const arr = (v: TensorView) => v.storage as TypedArray;

/** How the convolution's pixels are cut into chunks for the column buffer. */
function plan(g: Conv2dGeometry) {
  const K = g.kH * g.kW * g.inC;
  const pixels = g.batch * g.outH * g.outW;
  // A 1×1, stride-1, unpadded window reads each pixel's channels in place: the input already is
  // the column matrix, and needs neither copying nor chunking.
  const pointwise = K === g.inC && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0
    && g.outH === g.inH && g.outW === g.inW;
  const chunk = pointwise ? Math.max(pixels, 1) : Math.max(1, Math.floor(COL_BUDGET / Math.max(K, 1)));
  return { K, pixels, pointwise, chunk };
}

/** Rows [r0, r0 + rows) of the column matrix: the input itself when pointwise, else im2col's copy. */
function columns(g: Conv2dGeometry, pointwise: boolean, K: number, r0: number, rows: number, X: Float64Array) {
  if (pointwise) return { data: X, offset: r0 * K };
  const cols = wsCols.get(rows * K);
  im2col(g, r0, rows, X, cols);
  return { data: cols, offset: 0 };
}

export function conv2d(x: TensorView, w: TensorView, g: Conv2dGeometry): TypedArray {
  const simd = simdFor(x, w);
  if (simd) return conv2d32(simd, arr(x) as Float32Array, arr(w) as Float32Array, g);
  const X = asFloat64(arr(x), wsX);
  const W = asFloat64(arr(w), wsW);
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const y = output(x.dtype, pixels * outC, wsOut, false);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    const cols = columns(g, pointwise, K, r0, rows, X);
    gemm(rows, outC, K, { ...cols, rowStride: K, trans: false }, { data: W, offset: 0, rowStride: outC, trans: false },
      { data: y.data, offset: r0 * outC, rowStride: outC }, false);
  }
  return y.finish();
}

export function conv2dBackpropInput(dy: TensorView, w: TensorView, g: Conv2dGeometry): TypedArray {
  const simd = simdFor(dy, w);
  if (simd) return conv2dBackpropInput32(simd, arr(dy) as Float32Array, arr(w) as Float32Array, g);
  const DY = asFloat64(arr(dy), wsDy);
  const W = asFloat64(arr(w), wsW);
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const dx = output(dy.dtype, g.batch * g.inH * g.inW * g.inC, wsOut, true);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    // Pointwise, the column gradient is the input gradient itself; otherwise it lands in a
    // scratch and col2im adds each tap back onto the pixel it came from.
    const dcols = pointwise ? dx.data : wsCols.get(rows * K);
    const offset = pointwise ? r0 * K : 0;
    gemm(rows, K, outC, { data: DY, offset: r0 * outC, rowStride: outC, trans: false },
      { data: W, offset: 0, rowStride: outC, trans: true }, { data: dcols, offset, rowStride: K }, false);
    if (!pointwise) col2im(g, r0, rows, dcols, dx.data);
  }
  return dx.finish();
}

export function conv2dBackpropFilter(x: TensorView, dy: TensorView, g: Conv2dGeometry): TypedArray {
  const simd = simdFor(x, dy);
  if (simd) return conv2dBackpropFilter32(simd, arr(x) as Float32Array, arr(dy) as Float32Array, g);
  const X = asFloat64(arr(x), wsX);
  const DY = asFloat64(arr(dy), wsDy);
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const dw = output(x.dtype, K * outC, wsOut, true);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    const cols = columns(g, pointwise, K, r0, rows, X);
    gemm(K, outC, rows, { ...cols, rowStride: K, trans: true }, { data: DY, offset: r0 * outC, rowStride: outC, trans: false },
      { data: dw.data, offset: 0, rowStride: outC }, r0 > 0);
  }
  return dw.finish();
}

// --- float32 on the SIMD GEMM: the same lowering, with float32 columns and no widening --------

function columns32(g: Conv2dGeometry, pointwise: boolean, K: number, r0: number, rows: number, X: Float32Array) {
  if (pointwise) return { data: X, offset: r0 * K };
  const cols = wsCols32.get(rows * K);
  im2col(g, r0, rows, X, cols);
  return { data: cols, offset: 0 };
}

function conv2d32(simd: Gemm32, X: Float32Array, W: Float32Array, g: Conv2dGeometry): Float32Array {
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const y = new Float32Array(pixels * outC);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    const cols = columns32(g, pointwise, K, r0, rows, X);
    simd.gemm(rows, outC, K, { ...cols, rowStride: K, trans: false }, { data: W, offset: 0, rowStride: outC, trans: false },
      { data: y, offset: r0 * outC, rowStride: outC }, false);
  }
  return y;
}

function conv2dBackpropInput32(simd: Gemm32, DY: Float32Array, W: Float32Array, g: Conv2dGeometry): Float32Array {
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const dx = new Float32Array(g.batch * g.inH * g.inW * g.inC);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    const dcols = pointwise ? dx : wsCols32.get(rows * K);
    const offset = pointwise ? r0 * K : 0;
    simd.gemm(rows, K, outC, { data: DY, offset: r0 * outC, rowStride: outC, trans: false },
      { data: W, offset: 0, rowStride: outC, trans: true }, { data: dcols, offset, rowStride: K }, false);
    if (!pointwise) col2im(g, r0, rows, dcols, dx);
  }
  return dx;
}

function conv2dBackpropFilter32(simd: Gemm32, X: Float32Array, DY: Float32Array, g: Conv2dGeometry): Float32Array {
  const { K, pixels, pointwise, chunk } = plan(g);
  const { outC } = g;
  const dw = new Float32Array(K * outC);
  for (let r0 = 0; r0 < pixels; r0 += chunk) {
    const rows = Math.min(chunk, pixels - r0);
    const cols = columns32(g, pointwise, K, r0, rows, X);
    simd.gemm(K, outC, rows, { ...cols, rowStride: K, trans: true }, { data: DY, offset: r0 * outC, rowStride: outC, trans: false },
      { data: dw, offset: 0, rowStride: outC }, r0 > 0);
  }
  return dw;
}
