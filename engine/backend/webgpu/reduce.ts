/**
 * WebGPU reductions (sum, max, min over any axes), argMax, and the numerically stable softmax /
 * log-softmax over the last axis. Same meaning as the CPU kernels (cpu/reduce.ts): max and min
 * propagate NaN, argMax ignores NaN and takes the first of equal maxima, reductions over no
 * elements give 0, −∞ (max) or +∞ (min).
 *
 * The work is cast as rows: the reduced axes are made innermost (free when they already are,
 * a permute otherwise) and each row is reduced by a segment of T threads of a 256-thread
 * workgroup (T from 1, a thread per row, to 256, a workgroup per row, by row length), lanes
 * striding over the row and then combining in a shared-memory tree. A few very long rows are
 * first split into chunks, each its own workgroup, whose partial results a second pass reduces.
 * When the reduced axes are contiguous but not innermost (outer, r, inner) and there are many
 * outputs, a thread per output walks its column instead, which needs no permute.
 */
import { sizeOf } from '../../core/shape';
import type { Kernels, ReduceOp, TensorView } from '../backend';
import { permuteStorage } from './layout';
import { grid, WORKGROUP, type GpuRuntime, type GpuStorage } from './runtime';
import { header, main1d } from './wgsl';

const s = (v: TensorView) => v.storage as GpuStorage;

/** Tuning; tests force `threadsPerRow` to reach paths (2-D dispatch of workgroup rows) that need huge tensors otherwise. */
export interface ReduceTuning {
  /** Threads per row (a power of two up to 256) instead of the choice by row length. */
  threadsPerRow?: number;
}

/** Outputs from which a contiguous (outer, r, inner) reduction walks columns rather than permuting. */
const COLUMN_MIN_OUTPUTS = 4096;
/** Rows at least this long may be split into chunks of about this many elements… */
const CHUNK = 2048;
/** …when fewer workgroups than this would reduce them otherwise. */
const SPLIT_TARGET = 1024;

/** NaN test on the bits: compilers may assume `x != x` false under fast-math. */
const IS_NAN = 'fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }';

/** combine(a, b) for each op, b the later element: the CPU's `b > a || isNaN(b) ? b : a`. */
const COMBINE: Record<ReduceOp, string> = {
  sum: 'fn combine(a: f32, b: f32) -> f32 { return a + b; }',
  max: `${IS_NAN}\nfn combine(a: f32, b: f32) -> f32 { return select(a, b, b > a || isNan(b)); }`,
  min: `${IS_NAN}\nfn combine(a: f32, b: f32) -> f32 { return select(a, b, b < a || isNan(b)); }`,
};

const IDENTITY: Record<ReduceOp, number> = { sum: 0, max: -Infinity, min: Infinity };

/** Threads per row: enough that each handles about 8 elements, a power of two up to 256. */
function threadsFor(length: number): number {
  let t = 1;
  while (t < WORKGROUP && t * 8 < length) t *= 2;
  return t;
}

/**
 * The shared start of the row kernels: T threads per row, 256 / T rows (tasks) per workgroup,
 * workgroups numbered across a 2-D dispatch. `task` is this segment's task, `lane` its
 * thread's place in it, `valid` whether the task exists (p[0] tasks in all).
 */
function rowMain(t: number, shared: string, body: string): string {
  return `
${shared}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let wg = wid.x + wid.y * nwg.x;
  let lane = lid % ${t}u;
  let task = wg * ${WORKGROUP / t}u + lid / ${t}u;
  let valid = task < p[0];
  ${body}
}`;
}

/**
 * WGSL that combines `acc` across the segment's lanes with `fn` (a shared-memory tree over
 * `sh`) and leaves the segment's result in `name` for every lane. Ends in uniform control flow
 * with a barrier, so `sh` may be reused after it.
 */
function segmentTree(t: number, acc: string, fn: string, name: string): string {
  if (t === 1) return `let ${name} = ${acc};`;
  return `
  sh[lid] = ${acc};
  workgroupBarrier();
  for (var st = ${t / 2}u; st > 0u; st = st >> 1u) {
    if (lane < st) { sh[lid] = ${fn}(sh[lid], sh[lid + st]); }
    workgroupBarrier();
  }
  let ${name} = sh[lid - lane];
  workgroupBarrier();`;
}

const SHARED_F32 = `var<workgroup> sh: array<f32, ${WORKGROUP}>;`;

/**
 * Row reduction: params tasks (rows·C), r (row length), L (chunk length), C (chunks per row),
 * identity. Task = row·C + chunk reduces elements [chunk·L, min(r, chunk·L + L)) of its row and
 * writes out[task].
 */
function rowReduceKernel(op: ReduceOp, t: number): string {
  return header(['read', 'read_write']) + COMBINE[op] + rowMain(t, SHARED_F32, `
  let row = task / p[3];
  let lo = min((task % p[3]) * p[2], p[1]);
  let hi = select(lo, min(lo + p[2], p[1]), valid);
  let base = row * p[1];
  var acc = pf(4u);
  for (var j = base + lo + lane; j < base + hi; j += ${t}u) { acc = combine(acc, b1[j]); }
  ${segmentTree(t, 'acc', 'combine', 'res')}
  if (valid && lane == 0u) { b2[task] = res; }`);
}

/** Column reduction of (outer, r, inner): params outer·inner, r, inner, identity; a thread per output. */
function columnReduceKernel(op: ReduceOp): string {
  return header(['read', 'read_write']) + COMBINE[op] + main1d(`
  let base = (i / p[2]) * p[1] * p[2] + i % p[2];
  var acc = pf(3u);
  for (var k = 0u; k < p[1]; k++) { acc = combine(acc, b1[base + k * p[2]]); }
  b2[i] = acc;`);
}

/** Row argMax: params rows, r, −∞. A lane keeps its first strict maximum; the tree prefers the larger value, then the smaller index. */
function rowArgMaxKernel(t: number): string {
  const NONE = '0xffffffffu';
  const tree = t === 1 ? 'let res = bk;' : `
  shv[lid] = bv;
  shk[lid] = bk;
  workgroupBarrier();
  for (var st = ${t / 2}u; st > 0u; st = st >> 1u) {
    if (lane < st) {
      let v = shv[lid + st];
      let k = shk[lid + st];
      if (v > shv[lid] || (v == shv[lid] && k < shk[lid])) { shv[lid] = v; shk[lid] = k; }
    }
    workgroupBarrier();
  }
  let res = shk[lid];`;
  return header(['read', 'read_write']) + rowMain(t,
    `var<workgroup> shv: array<f32, ${WORKGROUP}>;\nvar<workgroup> shk: array<u32, ${WORKGROUP}>;`, `
  let cnt = select(0u, p[1], valid);
  let base = task * p[1];
  var bv = pf(2u);
  var bk = ${NONE};
  for (var k = lane; k < cnt; k += ${t}u) {
    let v = b1[base + k];
    if (v > bv) { bv = v; bk = k; }
  }
  ${tree}
  // No element above −∞ (all −∞ or NaN): index 0, as on the CPU.
  if (valid && lane == 0u) { b2[task] = f32(select(res, 0u, res == ${NONE})); }`);
}

/** Column argMax of (outer, r, inner): params outer·inner, r, inner, −∞; the CPU's loop exactly. */
function columnArgMaxKernel(): string {
  return header(['read', 'read_write']) + main1d(`
  let base = (i / p[2]) * p[1] * p[2] + i % p[2];
  var bv = pf(3u);
  var bk = 0u;
  for (var k = 0u; k < p[1]; k++) {
    let v = b1[base + k * p[2]];
    if (v > bv) { bv = v; bk = k; }
  }
  b2[i] = f32(bk);`);
}

/**
 * Softmax or log-softmax of rows: params rows, n, −∞. The row max ignores NaN (as the CPU's
 * `x > max` does); a NaN then reaches the sum and the whole row is NaN, as there.
 */
function softmaxKernel(t: number, log: boolean): string {
  const write = log
    ? 'b2[base + k] = (b1[base + k] - m) - ls;'
    : 'b2[base + k] = exp(b1[base + k] - m) / total;';
  return header(['read', 'read_write']) + `
fn fmax(a: f32, b: f32) -> f32 { return select(a, b, b > a); }
fn fadd(a: f32, b: f32) -> f32 { return a + b; }` + rowMain(t, SHARED_F32, `
  let cnt = select(0u, p[1], valid);
  let base = task * p[1];
  var mx = pf(2u);
  for (var k = lane; k < cnt; k += ${t}u) { mx = fmax(mx, b1[base + k]); }
  ${segmentTree(t, 'mx', 'fmax', 'm')}
  var se = 0.0;
  for (var k = lane; k < cnt; k += ${t}u) { se += exp(b1[base + k] - m); }
  ${segmentTree(t, 'se', 'fadd', 'total')}
  ${log ? 'let ls = log(total);' : ''}
  for (var k = lane; k < cnt; k += ${t}u) { ${write} }`);
}

export function reduceKernels(rt: GpuRuntime, tuning: ReduceTuning = {}): Pick<Kernels, 'reduce' | 'argMax' | 'softmax' | 'logSoftmax'> {
  const threads = (length: number) => tuning.threadsPerRow ?? threadsFor(length);

  /** Reduces `rows` contiguous rows of length r of `src` into `out` (rows elements). */
  function reduceRows(op: ReduceOp, src: GpuStorage, rows: number, r: number, out: GpuStorage): void {
    const t = threads(r);
    let chunks = 1;
    if (t === WORKGROUP && r > 2 * CHUNK && rows < SPLIT_TARGET && tuning.threadsPerRow === undefined) {
      chunks = Math.min(Math.ceil(r / CHUNK), Math.floor(SPLIT_TARGET / rows));
    }
    if (chunks < 2) {
      rt.dispatch(rowReduceKernel(op, t), [src, out], [rows, r, r, 1, { f32: IDENTITY[op] }], grid(rows, WORKGROUP / t));
      return;
    }
    const len = Math.ceil(r / chunks);
    chunks = Math.ceil(r / len);
    const partial = rt.alloc(rows * chunks * 4);
    rt.dispatch(rowReduceKernel(op, t), [src, partial], [rows * chunks, r, len, chunks, { f32: IDENTITY[op] }], grid(rows * chunks, 1));
    reduceRows(op, partial, rows, chunks, out);
    rt.release(partial);
  }

  /**
   * Views x as (outer, r, inner) when `axes` are contiguous (after dropping extent-1 axes);
   * otherwise permutes the reduced axes to the end and returns that copy as (outer, r, 1).
   * `temp` is the copy to release after use.
   */
  function asRows(x: TensorView, axes: readonly number[], columnsOk: boolean): { src: GpuStorage; outer: number; r: number; inner: number; temp: GpuStorage | null } {
    const shape = x.shape;
    const reduced = (i: number) => axes.includes(i);
    const live = shape.map((_, i) => i).filter((i) => shape[i] !== 1);
    const red = live.filter(reduced);
    const r = sizeOf(axes.map((a) => shape[a]));
    const total = sizeOf(shape);
    const contiguous = red.every((a, k) => k === 0 || live.indexOf(a) === live.indexOf(red[k - 1]) + 1);
    if (contiguous) {
      const first = red.length === 0 ? shape.length : red[0];
      const last = red.length === 0 ? shape.length - 1 : red[red.length - 1];
      const outer = sizeOf(shape.slice(0, first).filter((_, i) => !reduced(i)));
      const inner = sizeOf(shape.slice(last + 1));
      if (inner === 1 || (columnsOk && outer * inner >= COLUMN_MIN_OUTPUTS)) return { src: s(x), outer, r, inner, temp: null };
    }
    const kept = shape.map((_, i) => i).filter((i) => !reduced(i));
    const temp = permuteStorage(rt, s(x), shape, [...kept, ...axes]);
    return { src: temp, outer: r === 0 ? 0 : total / r, r, inner: 1, temp };
  }

  function reduce(op: ReduceOp, x: TensorView, axes: readonly number[]): GpuStorage {
    const outSize = sizeOf(x.shape.filter((_, i) => !axes.includes(i)));
    const out = rt.alloc(outSize * 4);
    if (outSize === 0) return out;
    if (sizeOf(axes.map((a) => x.shape[a])) === 1) {
      // No axes, or only extent-1 ones: every output is its one element.
      rt.copy(s(x), 0, out, 0, outSize * 4);
      return out;
    }
    if (sizeOf(x.shape) === 0) {
      // Nothing to reduce: every output is the identity (rows of length 0).
      rt.dispatch(rowReduceKernel(op, 1), [s(x), out], [outSize, 0, 0, 1, { f32: IDENTITY[op] }], grid(outSize));
      return out;
    }
    const { src, outer, r, inner, temp } = asRows(x, axes, true);
    if (inner === 1) reduceRows(op, src, outer, r, out);
    else rt.dispatch(columnReduceKernel(op), [src, out], [outer * inner, r, inner, { f32: IDENTITY[op] }], grid(outer * inner));
    if (temp) rt.release(temp);
    return out;
  }

  function argMax(x: TensorView, axis: number): GpuStorage {
    const shape = x.shape;
    const outSize = sizeOf(shape.filter((_, i) => i !== axis));
    const out = rt.alloc(outSize * 4);
    if (outSize === 0) return out;
    if (shape[axis] === 0) {
      rt.dispatch(rowArgMaxKernel(1), [s(x), out], [outSize, 0, { f32: -Infinity }], grid(outSize));
      return out;
    }
    const { src, outer, r, inner, temp } = asRows(x, [axis], true);
    if (inner === 1) {
      const t = threads(r);
      rt.dispatch(rowArgMaxKernel(t), [src, out], [outer, r, { f32: -Infinity }], grid(outer, WORKGROUP / t));
    } else {
      rt.dispatch(columnArgMaxKernel(), [src, out], [outer * inner, r, inner, { f32: -Infinity }], grid(outer * inner));
    }
    if (temp) rt.release(temp);
    return out;
  }

  function softmaxRows(x: TensorView, log: boolean): GpuStorage {
    const size = sizeOf(x.shape);
    const out = rt.alloc(size * 4);
    if (size === 0) return out;
    const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
    const rows = size / n;
    const t = threads(n);
    rt.dispatch(softmaxKernel(t, log), [s(x), out], [rows, n, { f32: -Infinity }], grid(rows, WORKGROUP / t));
    return out;
  }

  return {
    reduce,
    argMax,
    softmax: (x) => softmaxRows(x, false),
    logSoftmax: (x) => softmaxRows(x, true),
  };
}
