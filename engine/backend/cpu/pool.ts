/**
 * CPU max and average pooling (NHWC) with their backward passes: direct loops that visit each
 * output pixel's in-bounds window once and sweep the channel axis innermost (contiguous memory),
 * with no per-window arrays or callbacks. Padded cells never win a max and are not counted in an
 * average; a window with no in-bounds cell gives 0. Tested against reference/conv.ts. In float32,
 * max pooling with windows inside the input runs as WebAssembly SIMD (wasm/poolKernel.ts), with
 * the same results.
 */
import { allocArray, type TypedArray } from '../../core/dtype';
import type { Pool2dGeometry, TensorView } from '../backend';
import { simdPool } from './wasm/kernels';
import { WasmPool } from './wasm/poolKernel';

const arr = (v: TensorView) => v.storage as TypedArray;

/** Per-channel scratch, grown as needed: running sums or maxima, and the maxima's input indices. */
let running = new Float64Array(64);
let winners = new Int32Array(64);

function ensureChannels(channels: number): void {
  if (running.length < channels) {
    running = new Float64Array(channels);
    winners = new Int32Array(channels);
  }
}

/** The in-bounds kernel offsets [lo, hi) of a window starting at `start` on an axis of `size`. */
function span(start: number, k: number, size: number): { lo: number; hi: number } {
  return { lo: Math.max(0, -start), hi: Math.min(k, size - start) };
}

/**
 * Finds each output pixel's per-channel window maximum — the first largest value in row-major
 * window order, as in the reference (a NaN wins only as the first cell, since nothing compares
 * greater than it or it greater than anything) — then writes it (`forward`) or routes DY to it.
 * The time goes to mispredicted comparisons on noisy data, not to the loop itself.
 */
function maxWindows(g: Pool2dGeometry, X: TypedArray, mode: 'forward' | 'backward', out: TypedArray, DY: TypedArray | null): void {
  const { batch, inH, inW, channels: C, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  ensureChannels(C);
  const best = winners;
  const max = running;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const { lo: khLo, hi: khHi } = span(h0, kH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const { lo: kwLo, hi: kwHi } = span(w0, kW, inW);
        const o = ((b * outH + oh) * outW + ow) * C;
        if (khLo >= khHi || kwLo >= kwHi) {
          if (mode === 'forward') for (let c = 0; c < C; c++) out[o + c] = 0;
          continue;
        }
        const first = ((b * inH + h0 + khLo) * inW + w0 + kwLo) * C;
        for (let c = 0; c < C; c++) {
          best[c] = first + c;
          max[c] = X[first + c];
        }
        for (let kh = khLo; kh < khHi; kh++) {
          for (let kw = kh === khLo ? kwLo + 1 : kwLo; kw < kwHi; kw++) {
            const i = ((b * inH + h0 + kh) * inW + w0 + kw) * C;
            for (let c = 0; c < C; c++) {
              const v = X[i + c];
              if (v > max[c]) {
                max[c] = v;
                best[c] = i + c;
              }
            }
          }
        }
        if (mode === 'forward') for (let c = 0; c < C; c++) out[o + c] = max[c];
        else for (let c = 0; c < C; c++) out[best[c]] += DY![o + c];
      }
    }
  }
}

export function maxPool2d(x: TensorView, g: Pool2dGeometry): TypedArray {
  const out = allocArray(x.dtype, g.batch * g.outH * g.outW * g.channels);
  const X = arr(x);
  const simd = X instanceof Float32Array && WasmPool.handles(g) ? simdPool() : null;
  if (simd) simd.maxPool(g, X as Float32Array, out as Float32Array);
  else maxWindows(g, X, 'forward', out, null);
  return out;
}

export function maxPool2dBackward(x: TensorView, dy: TensorView, g: Pool2dGeometry): TypedArray {
  const X = arr(x);
  const dx = allocArray(x.dtype, X.length);
  const DY = arr(dy);
  const simd = X instanceof Float32Array && DY instanceof Float32Array && WasmPool.handles(g) ? simdPool() : null;
  if (simd) simd.maxPoolBackward(g, X as Float32Array, DY as Float32Array, dx as Float32Array);
  else maxWindows(g, X, 'backward', dx, DY);
  return dx;
}

/** Average pooling forward (`DY` null: out = window means of X) or backward (out += DY / count per cell). */
function avgWindows(g: Pool2dGeometry, X: TypedArray | null, out: TypedArray, DY: TypedArray | null): void {
  const { batch, inH, inW, channels: C, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = g;
  ensureChannels(C);
  const acc = running;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const { lo: khLo, hi: khHi } = span(h0, kH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const { lo: kwLo, hi: kwHi } = span(w0, kW, inW);
        const o = ((b * outH + oh) * outW + ow) * C;
        const count = Math.max(0, khHi - khLo) * Math.max(0, kwHi - kwLo);
        if (count === 0) {
          if (!DY) for (let c = 0; c < C; c++) out[o + c] = 0;
          continue;
        }
        if (DY) for (let c = 0; c < C; c++) acc[c] = DY[o + c] / count;
        else for (let c = 0; c < C; c++) acc[c] = 0;
        for (let kh = khLo; kh < khHi; kh++) {
          for (let kw = kwLo; kw < kwHi; kw++) {
            const i = ((b * inH + h0 + kh) * inW + w0 + kw) * C;
            if (DY) for (let c = 0; c < C; c++) out[i + c] += acc[c];
            else for (let c = 0; c < C; c++) acc[c] += X![i + c];
          }
        }
        if (!DY) for (let c = 0; c < C; c++) out[o + c] = acc[c] / count;
      }
    }
  }
}

export function avgPool2d(x: TensorView, g: Pool2dGeometry): TypedArray {
  const out = allocArray(x.dtype, g.batch * g.outH * g.outW * g.channels);
  avgWindows(g, arr(x), out, null);
  return out;
}

export function avgPool2dBackward(dy: TensorView, g: Pool2dGeometry): TypedArray {
  const dx = allocArray(dy.dtype, g.batch * g.inH * g.inW * g.channels);
  avgWindows(g, null, dx, arr(dy));
  return dx;
}
