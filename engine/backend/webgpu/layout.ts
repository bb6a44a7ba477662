/**
 * WebGPU kernels that move data without arithmetic: permute, slice, pad, concat, oneHot. Same
 * meaning as the CPU kernels (cpu/layout.ts).
 *
 * permute, slice and concat are all one strided copy, out[obase + Σ c_d·os_d] = in[ibase +
 * Σ c_d·is_d] over a shape, whose axes are first merged where both sides are contiguous across
 * them (so a transpose of a 5-D tensor is often a 2-D or 3-D walk, and a contiguous block is a
 * plain buffer copy). pad has its own pass that writes the zeros and the source in one go.
 */
import { sizeOf, stridesOf, type Shape } from '../../core/shape';
import type { Kernels, TensorView } from '../backend';
import { grid, type GpuRuntime, type GpuStorage } from './runtime';
import { header, main1d, stridedOffsets } from './wgsl';

const s = (v: TensorView) => v.storage as GpuStorage;

/** One axis of a strided copy: its extent and the input and output strides. */
export interface Axis {
  size: number;
  is: number;
  os: number;
}

/** Drops extent-1 axes and merges neighbours that are contiguous on both sides (a copy of the same elements in the same order). */
function coalesce(axes: readonly Axis[]): Axis[] {
  const out: Axis[] = [];
  for (const a of axes) {
    if (a.size === 1) continue;
    const last = out[out.length - 1];
    if (last && last.is === a.is * a.size && last.os === a.os * a.size) {
      out[out.length - 1] = { size: last.size * a.size, is: a.is, os: a.os };
    } else out.push({ ...a });
  }
  return out;
}

/** The strided-copy kernel of one rank: params n, ibase, obase, shape[rank], is[rank], os[rank]. */
function copyKernel(rank: number): string {
  return header(['read', 'read_write']) + main1d(`${stridedOffsets(rank, 2, 3)}\n  b2[p[2] + off1] = b1[p[1] + off0];`);
}

/**
 * Copies the elements of `src` at ibase + Σ c_d·is_d into `dst` at obase + Σ c_d·os_d, for c
 * over the axes' extents. Contiguous runs become buffer copies.
 */
export function stridedCopy(rt: GpuRuntime, src: GpuStorage, ibase: number, dst: GpuStorage, obase: number, axes: readonly Axis[]): void {
  const n = sizeOf(axes.map((a) => a.size));
  if (n === 0) return;
  const walk = coalesce(axes);
  if (walk.length === 0 || (walk.length === 1 && walk[0].is === 1 && walk[0].os === 1)) {
    rt.copy(src, ibase * 4, dst, obase * 4, n * 4);
    return;
  }
  rt.dispatch(copyKernel(walk.length), [src, dst], [
    n, ibase, obase, ...walk.map((a) => a.size), ...walk.map((a) => a.is), ...walk.map((a) => a.os),
  ], grid(n));
}

/** A contiguous tensor of `shape` in `src`, permuted into new storage (also used by the reductions). */
export function permuteStorage(rt: GpuRuntime, src: GpuStorage, shape: Shape, perm: readonly number[]): GpuStorage {
  const n = sizeOf(shape);
  const out = rt.alloc(n * 4);
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const outStrides = stridesOf(outShape);
  stridedCopy(rt, src, 0, out, 0, perm.map((p, i) => ({ size: shape[p], is: inStrides[p], os: outStrides[i] })));
  return out;
}

/**
 * The padding kernel of one rank: params n, outShape[rank], before[rank], inShape[rank],
 * inStrides[rank]. A coordinate below `before` wraps around in u32 and so fails `< inShape`
 * like one past the end.
 */
function padKernel(rank: number): string {
  return header(['read', 'read_write']) + main1d(`
  var rem = i;
  var off = 0u;
  var inside = true;
  for (var dd = ${rank - 1}i; dd >= 0i; dd--) {
    let d = u32(dd);
    let s = p[1u + d];
    let c = rem % s - p[${1 + rank}u + d];
    rem = rem / s;
    inside = inside && c < p[${1 + 2 * rank}u + d];
    off += c * p[${1 + 3 * rank}u + d];
  }
  var v = 0.0;
  if (inside) { v = b1[off]; }
  b2[i] = v;`);
}

export function layoutKernels(rt: GpuRuntime): Pick<Kernels, 'permute' | 'slice' | 'pad' | 'concat' | 'oneHot'> {
  function permute(x: TensorView, perm: readonly number[]): GpuStorage {
    return permuteStorage(rt, s(x), x.shape, perm);
  }

  function slice(x: TensorView, begin: readonly number[], size: readonly number[]): GpuStorage {
    const strides = stridesOf(x.shape);
    const outStrides = stridesOf(size);
    const out = rt.alloc(sizeOf(size) * 4);
    const offset = begin.reduce((acc, b, i) => acc + b * strides[i], 0);
    stridedCopy(rt, s(x), offset, out, 0, size.map((d, i) => ({ size: d, is: strides[i], os: outStrides[i] })));
    return out;
  }

  function pad(x: TensorView, before: readonly number[], after: readonly number[]): GpuStorage {
    const outShape = x.shape.map((d, i) => d + before[i] + after[i]);
    const n = sizeOf(outShape);
    const out = rt.alloc(n * 4);
    if (n === 0) return out;
    // Merge an axis into the one before it when it has no padding: padding the outer axis by
    // whole inner rows is padding the merged axis by before·inner elements.
    const axes: { inSize: number; before: number; after: number }[] = [];
    x.shape.forEach((d, i) => {
      const last = axes[axes.length - 1];
      if (before[i] === 0 && after[i] === 0 && (d === 1 || last)) {
        if (last) axes[axes.length - 1] = { inSize: last.inSize * d, before: last.before * d, after: last.after * d };
        return;
      }
      axes.push({ inSize: d, before: before[i], after: after[i] });
    });
    if (axes.every((a) => a.before === 0 && a.after === 0)) {
      rt.copy(s(x), 0, out, 0, n * 4);
      return out;
    }
    const rank = axes.length;
    const inStrides = stridesOf(axes.map((a) => a.inSize));
    rt.dispatch(padKernel(rank), [s(x), out], [
      n, ...axes.map((a) => a.inSize + a.before + a.after), ...axes.map((a) => a.before),
      ...axes.map((a) => a.inSize), ...inStrides,
    ], grid(n));
    return out;
  }

  function concat(xs: readonly TensorView[], axis: number): GpuStorage {
    const shape = xs[0].shape;
    const total = xs.reduce((acc, x) => acc + x.shape[axis], 0);
    const outer = sizeOf(shape.slice(0, axis));
    const inner = sizeOf(shape.slice(axis + 1));
    const out = rt.alloc(outer * total * inner * 4);
    // Each input is an (outer, extent·inner) block of the (outer, total·inner) output.
    let start = 0;
    for (const x of xs) {
      const row = x.shape[axis] * inner;
      stridedCopy(rt, s(x), 0, out, start * inner, [{ size: outer, is: row, os: total * inner }, { size: row, is: 1, os: 1 }]);
      start += x.shape[axis];
    }
    return out;
  }

  function oneHot(indices: TensorView, depth: number): GpuStorage {
    const n = sizeOf(indices.shape) * depth;
    const out = rt.alloc(n * 4);
    if (n === 0) return out;
    // Integer-valued, in [0, depth) and equal to this column; NaN fails every comparison.
    const wgsl = header(['read', 'read_write']) + main1d(`
  let c = b1[i / p[1]];
  let k = i % p[1];
  let hit = c == floor(c) && c >= 0.0 && c < f32(p[1]) && u32(c) == k;
  b2[i] = select(0.0, 1.0, hit);`);
    rt.dispatch(wgsl, [s(indices), out], [n, depth], grid(n));
    return out;
  }

  return { permute, slice, pad, concat, oneHot };
}
