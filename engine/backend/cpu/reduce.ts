/**
 * CPU reductions over axes, argMax, and the numerically stable softmax / log-softmax.
 */
import { allocArray, type TypedArray } from '../../core/dtype';
import { sizeOf } from '../../core/shape';
import type { ReduceOp, TensorView } from '../backend';
import { permute } from './layout';
import { simdElementwise } from './wasm/kernels';

const arr = (v: TensorView) => v.storage as TypedArray;

/**
 * Reduces the given axes. The data is viewed as (outer, reduced, inner) when the reduced axes
 * are contiguous in the shape, which covers the common cases (batch sums, last-axis sums)
 * without a copy; otherwise the reduced axes are first permuted to the end.
 */
export function reduce(op: ReduceOp, x: TensorView, axes: readonly number[]): TypedArray {
  const shape = x.shape;
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  let src = arr(x);
  let outer: number;
  let r: number;
  let inner: number;
  if (axes.length === 0) {
    return src.slice();
  } else if (contiguous) {
    outer = sizeOf(shape.slice(0, axes[0]));
    r = sizeOf(axes.map((a) => shape[a]));
    inner = sizeOf(shape.slice(axes[axes.length - 1] + 1));
  } else {
    const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
    src = permute(x, [...kept, ...axes]);
    outer = sizeOf(kept.map((i) => shape[i]));
    r = sizeOf(axes.map((a) => shape[a]));
    inner = 1;
  }
  const out = allocArray(x.dtype, outer * inner);
  // Sums over leading axes (a bias's gradient) in float32: WebAssembly SIMD, same order and result.
  if (op === 'sum' && inner > 1 && src instanceof Float32Array && out instanceof Float32Array) {
    const simd = simdElementwise();
    if (simd && simd.sumRows(src, outer, r, inner, out)) return out;
  }
  const init = op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity;
  out.fill(init);
  if (inner === 1) {
    // Last-axis reductions: one running value per row.
    for (let o = 0; o < outer; o++) {
      const sb = o * r;
      let acc = init;
      if (op === 'sum') for (let k = 0; k < r; k++) acc += src[sb + k];
      else if (op === 'max') for (let k = 0; k < r; k++) acc = src[sb + k] > acc || Number.isNaN(src[sb + k]) ? src[sb + k] : acc;
      else for (let k = 0; k < r; k++) acc = src[sb + k] < acc || Number.isNaN(src[sb + k]) ? src[sb + k] : acc;
      out[o] = acc;
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let k = 0; k < r; k++) {
      const sb = (o * r + k) * inner;
      if (op === 'sum') {
        for (let i = 0; i < inner; i++) out[ob + i] += src[sb + i];
      } else if (op === 'max') {
        for (let i = 0; i < inner; i++) if (src[sb + i] > out[ob + i] || Number.isNaN(src[sb + i])) out[ob + i] = src[sb + i];
      } else {
        for (let i = 0; i < inner; i++) if (src[sb + i] < out[ob + i] || Number.isNaN(src[sb + i])) out[ob + i] = src[sb + i];
      }
    }
  }
  return out;
}

export function argMax(x: TensorView, axis: number): TypedArray {
  const shape = x.shape;
  const outer = sizeOf(shape.slice(0, axis));
  const r = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const src = arr(x);
  const out = allocArray(x.dtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = -Infinity;
      let bestK = 0;
      for (let k = 0; k < r; k++) {
        const v = src[(o * r + k) * inner + i];
        if (v > best) {
          best = v;
          bestK = k;
        }
      }
      out[o * inner + i] = bestK;
    }
  }
  return out;
}

function rows(x: TensorView): [number, number] {
  const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  return [n === 0 ? 0 : arr(x).length / n, n];
}

export function softmax(x: TensorView): TypedArray {
  const src = arr(x);
  const out = allocArray(x.dtype, src.length);
  const [m, n] = rows(x);
  for (let r = 0; r < m; r++) {
    const b = r * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (src[b + j] > max) max = src[b + j];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(src[b + j] - max);
      out[b + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < n; j++) out[b + j] *= inv;
  }
  return out;
}

export function logSoftmax(x: TensorView): TypedArray {
  const src = arr(x);
  const out = allocArray(x.dtype, src.length);
  const [m, n] = rows(x);
  for (let r = 0; r < m; r++) {
    const b = r * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (src[b + j] > max) max = src[b + j];
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(src[b + j] - max);
    // (x − max) − log Σ rather than x − (max + log Σ): the latter cancels two large numbers
    // and loses digits when |max| is large (e.g. [1000, 1000] gave −ln 2 to 13 digits only).
    const logSum = Math.log(sum);
    for (let j = 0; j < n; j++) out[b + j] = src[b + j] - max - logSum;
  }
  return out;
}
