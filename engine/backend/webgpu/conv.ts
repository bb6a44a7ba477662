/**
 * WebGPU 2-D convolution (NHWC input, HWIO filter) and its two backward passes, each one tiled
 * GEMM (gemm.ts) whose loaders index the tensors in place: no column buffer is ever written.
 * With X the column matrix (output pixels × K, K = kH·kW·inC, padding taps reading 0) and W the
 * filter viewed as (K, outC):
 *
 *   forward          y  = X · W                 M = batch·outH·outW, N = outC, K = kH·kW·inC
 *   backprop filter  dW = Xᵀ · dy               M = kH·kW·inC, N = outC, K = batch·outH·outW
 *   backprop input   dX = gather of dy · Wᵀ     M = batch·inH·inW, N = inC, K = kH·kW·outC
 *
 * The input gradient is gathered rather than scattered (no atomics): dx[b, ih, iw, ci] sums
 * dy[b, oh, ow, co] · w[kh, kw, ci, co] over the taps with ih + padTop − kh·dilationH = oh·strideH
 * (and likewise across), other taps reading 0. Unlike the CPU's col2im, such a zero still meets
 * its weight, so a NaN or ±∞ weight makes NaN of gradients the CPU keeps finite.
 *
 * The filter gradient has few output tiles and a K of every pixel in the batch: the GEMM splits it
 * along K (gemm.ts) so it still spreads over the GPU.
 */
import type { Conv2dGeometry, Kernels, TensorView } from '../backend';
import { PARAMS_AT, runGemm, type GemmShader } from './gemm';
import type { GpuRuntime, GpuStorage } from './runtime';

const PARAMS = ['inH', 'inW', 'inC', 'outH', 'outW', 'outC', 'kW', 'strideH', 'strideW', 'padTop', 'padLeft', 'dilationH', 'dilationW'];

/** WGSL reading parameter `name`. */
const q = (name: string) => `p[${PARAMS_AT + PARAMS.indexOf(name)}u]`;

const paramValues = (g: Conv2dGeometry) =>
  [g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW];

/**
 * The im2col indexing, split so the GEMM keeps each half out of the loop it does not vary in
 * (gemm.ts, Operand): a pixel (b, oh, ow) gives (b·inH, oh·strideH − padTop, ow·strideW − padLeft),
 * a tap (kh, kw, ci) gives (kh·dilationH, kw·dilationW, ci), and `window` adds them. A negative
 * position wraps around to a huge u32 (and back, once a tap is added), so one comparison per axis
 * finds both edges of the image.
 */
const WINDOW = /* wgsl */ `
fn pixelOf(pixel: u32) -> vec3u {
  let outH = ${q('outH')}; let outW = ${q('outW')};
  let ow = pixel % outW; let r = pixel / outW;
  return vec3u((r / outH) * ${q('inH')}, (r % outH) * ${q('strideH')} - ${q('padTop')}, ow * ${q('strideW')} - ${q('padLeft')});
}
fn tapOf(tap: u32) -> vec3u {
  let inC = ${q('inC')}; let kW = ${q('kW')};
  let t = tap / inC;
  return vec3u((t / kW) * ${q('dilationH')}, (t % kW) * ${q('dilationW')}, tap % inC);
}
fn window(pixel: vec3u, tap: vec3u) -> f32 {
  let inH = ${q('inH')}; let inW = ${q('inW')};
  let ih = pixel.y + tap.x; let iw = pixel.z + tap.y;
  if (ih >= inH || iw >= inW) { return 0.0; }
  return b1[((pixel.x + ih) * inW + iw) * ${q('inC')} + tap.z];
}`;

/** y = X · W: A's rows are output pixels, its k the taps; B is the filter as (K, outC). */
const FORWARD: GemmShader = {
  inputs: ['read', 'read'],
  params: PARAMS,
  extra: WINDOW,
  a: { outer: ['vec3u', 'return pixelOf(row);'], inner: ['vec3u', 'return tapOf(k);'], load: 'return window(row, k);', along: 'k' },
  b: { load: 'return b2[k * outC + col];', along: 'outer' },
};

/** dW = Xᵀ · dy: A's rows are the taps, its k the output pixels of the whole batch. */
const BACKPROP_FILTER: GemmShader = {
  inputs: ['read', 'read'],
  params: PARAMS,
  extra: WINDOW,
  a: { outer: ['vec3u', 'return tapOf(row);'], inner: ['vec3u', 'return pixelOf(k);'], load: 'return window(k, row);', along: 'outer' },
  b: { load: 'return b2[k * outC + col];', along: 'outer' },
};

/**
 * dX: A's rows are input pixels (b, ih, iw), held as (b·outH, ih + padTop, iw + padLeft), its k
 * the taps (kh, kw, co), held as (kh·dilationH, kw·dilationW, co); A reads dy (b1) at the output
 * pixel whose window puts the tap on the input pixel, 0 where none does. B is the filter (b2) at
 * (kh, kw, ci = col, co). Stride 1 is its own shader, without the divisions.
 */
function backpropInput(unitStride: boolean): GemmShader {
  const [oh, ow, exact] = unitStride
    ? ['th', 'tw', '']
    : ['th / strideH', 'tw / strideW', 'oh * strideH != th || ow * strideW != tw || '];
  return {
    inputs: ['read', 'read'],
    params: PARAMS,
    a: {
      outer: ['vec3u', `
  let iw = row % inW; let r = row / inW;
  return vec3u((r / inH) * outH, r % inH + padTop, iw + padLeft);`],
      inner: ['vec3u', `
  let t = k / outC;
  return vec3u((t / kW) * dilationH, (t % kW) * dilationW, k % outC);`],
      load: `
  if (row.y < k.x || row.z < k.y) { return 0.0; }
  let th = row.y - k.x; let tw = row.z - k.y;
  let oh = ${oh}; let ow = ${ow};
  if (${exact}oh >= outH || ow >= outW) { return 0.0; }
  return b1[((row.x + oh) * outW + ow) * outC + k.z];`,
      along: 'k',
    },
    b: {
      inner: ['vec2u', 'return vec2u(k / outC, k % outC);'],
      load: 'return b2[(k.x * inC + col) * outC + k.y];',
      along: 'k',
    },
  };
}

const BACKPROP_INPUT = [backpropInput(false), backpropInput(true)];

export function convKernels(rt: GpuRuntime): Pick<Kernels, 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter'> {
  const s = (v: TensorView) => v.storage as GpuStorage;

  function conv2d(x: TensorView, w: TensorView, g: Conv2dGeometry): GpuStorage {
    return runGemm(rt, FORWARD, [s(x), s(w)],
      { m: g.batch * g.outH * g.outW, n: g.outC, k: g.kH * g.kW * g.inC, batch: 1, params: paramValues(g) });
  }

  function conv2dBackpropInput(dy: TensorView, w: TensorView, g: Conv2dGeometry): GpuStorage {
    return runGemm(rt, BACKPROP_INPUT[+(g.strideH === 1 && g.strideW === 1)], [s(dy), s(w)],
      { m: g.batch * g.inH * g.inW, n: g.inC, k: g.kH * g.kW * g.outC, batch: 1, params: paramValues(g) });
  }

  function conv2dBackpropFilter(x: TensorView, dy: TensorView, g: Conv2dGeometry): GpuStorage {
    return runGemm(rt, BACKPROP_FILTER, [s(x), s(dy)],
      { m: g.kH * g.kW * g.inC, n: g.outC, k: g.batch * g.outH * g.outW, batch: 1, params: paramValues(g) });
  }

  return { conv2d, conv2dBackpropInput, conv2dBackpropFilter };
}
