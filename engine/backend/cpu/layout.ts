/**
 * CPU kernels that move data without arithmetic: permute, slice, pad, concat, cast, fill, oneHot.
 */
import { allocArray, type DType, type TypedArray } from '../../core/dtype';
import { sizeOf, stridesOf, type Shape } from '../../core/shape';
import type { TensorView } from '../backend';

const arr = (v: TensorView) => v.storage as TypedArray;

/**
 * Copies a strided view into a contiguous array: out[idx] = src[offset + Σ idx[d]·strides[d]]
 * for idx over `shape`. The shared walker behind permute, slice and pad.
 */
function gather(src: TypedArray, offset: number, strides: readonly number[], shape: Shape,
  out: TypedArray, outOffset: number, outStrides: readonly number[]): void {
  const rank = shape.length;
  if (sizeOf(shape) === 0) return;
  if (rank === 0) {
    out[outOffset] = src[offset];
    return;
  }
  const inner = shape[rank - 1];
  const is = strides[rank - 1];
  const os = outStrides[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let si = offset;
  let oi = outOffset;
  const outer = sizeOf(shape) / inner;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) out[oi + j * os] = src[si + j * is];
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      si += strides[d];
      oi += outStrides[d];
      if (idx[d] < shape[d]) break;
      si -= strides[d] * shape[d];
      oi -= outStrides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

export function permute(x: TensorView, perm: readonly number[]): TypedArray {
  const src = arr(x);
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]);
  const out = allocArray(x.dtype, src.length);
  gather(src, 0, perm.map((p) => inStrides[p]), outShape, out, 0, stridesOf(outShape));
  return out;
}

export function slice(x: TensorView, begin: readonly number[], size: readonly number[]): TypedArray {
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((acc, b, i) => acc + b * strides[i], 0);
  const out = allocArray(x.dtype, sizeOf(size));
  gather(arr(x), offset, strides, size, out, 0, stridesOf(size));
  return out;
}

export function pad(x: TensorView, before: readonly number[], after: readonly number[]): TypedArray {
  const outShape = x.shape.map((d, i) => d + before[i] + after[i]);
  const outStrides = stridesOf(outShape);
  const out = allocArray(x.dtype, sizeOf(outShape));
  const offset = before.reduce((acc, b, i) => acc + b * outStrides[i], 0);
  gather(arr(x), 0, stridesOf(x.shape), x.shape, out, offset, outStrides);
  return out;
}

export function concat(xs: readonly TensorView[], axis: number): TypedArray {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((acc, x) => acc + x.shape[axis], 0);
  const outStrides = stridesOf(shape);
  const out = allocArray(xs[0].dtype, sizeOf(shape));
  let start = 0;
  for (const x of xs) {
    gather(arr(x), 0, stridesOf(x.shape), x.shape, out, start * outStrides[axis], outStrides);
    start += x.shape[axis];
  }
  return out;
}

export function cast(x: TensorView, dtype: DType): TypedArray {
  const out = allocArray(dtype, arr(x).length);
  out.set(arr(x));
  return out;
}

export function fill(size: number, dtype: DType, value: number): TypedArray {
  const out = allocArray(dtype, size);
  if (value !== 0) out.fill(value);
  return out;
}

export function oneHot(indices: TensorView, depth: number): TypedArray {
  const src = arr(indices);
  const out = allocArray(indices.dtype, src.length * depth);
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (Number.isInteger(c) && c >= 0 && c < depth) out[i * depth + c] = 1;
  }
  return out;
}
