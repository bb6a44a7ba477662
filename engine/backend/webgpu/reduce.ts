/**
 * WebGPU reductions (sum, max, min over any axes), argMax, and the numerically stable softmax /
 * log-softmax over the last axis. Same meaning as the CPU kernels (cpu/reduce.ts): max and min
 * propagate NaN, argMax ignores NaN and takes the first of equal maxima, reductions over no
 * elements give 0, −∞ (max) or +∞ (min).
 *
 * Reductions whose axes are innermost, argMax and softmax work on rows: each row is reduced by
 * a segment of T threads of a 256-thread workgroup (T from 1, a thread per row, for rows up to
 * 64 long, to 256, a workgroup per row), lanes striding over the row and then combining in a
 * shared-memory tree. A few very long rows are first split into chunks, each its own workgroup,
 * whose partial results a second pass reduces. Reductions over a contiguous block of middle
 * axes, (outer, r, inner), walk columns instead (a thread per output, or per interleaved part
 * of a column when there are few outputs, in passes), which needs no permute; any other axis
 * set is permuted to the end first. Workgroups past 65,535 in one dimension go to a 2-D
 * dispatch.
 */
import { sizeOf } from '../../core/shape';
import type { Kernels, ReduceOp, TensorView } from '../backend';
import { permuteStorage } from './layout';
import { WORKGROUP, type GpuRuntime, type GpuStorage } from './runtime';
import { header, main1d } from './wgsl';

const s = (v: TensorView) => v.storage as GpuStorage;

/**
 * Tuning, for tests: paths that real shapes reach only with huge tensors (a workgroup per row
 * over a 2-D dispatch) are reached on small ones by forcing them.
 */
export interface ReduceTuning {
  /** Threads per row (a power of two up to 256) instead of the choice by row length. */
  threadsPerRow?: number;
  /** Workgroups per dispatch dimension before the dispatch turns 2-D (WebGPU's limit, 65,535, by default). */
  maxGroups?: number;
}

/** Outputs from which argMax over a middle axis walks columns (a thread each) rather than permuting. */
const COLUMN_MIN_OUTPUTS = 4096;
/** Column reductions want about this many threads: fewer outputs split their columns. */
const COLUMN_THREADS = 65536;
/** Rows at least twice this long may be split into chunks of about this many elements… */
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

/**
 * Threads per row: one for rows up to 64 long (no barriers: cheapest for short rows, and
 * software drivers run barriers slowly), else enough that each handles about 16 elements, a
 * power of two up to 256.
 */
function threadsFor(length: number): number {
  if (length <= 64) return 1;
  let t = 1;
  while (t < WORKGROUP && t * 16 < length) t *= 2;
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
function segmentTree(t: number, acc: string, fn: string, name: string, sh = 'sh'): string {
  if (t === 1) return `let ${name} = ${acc};`;
  return `
  ${sh}[lid] = ${acc};
  workgroupBarrier();
  for (var st = ${t / 2}u; st > 0u; st = st >> 1u) {
    if (lane < st) { ${sh}[lid] = ${fn}(${sh}[lid], ${sh}[lid + st]); }
    workgroupBarrier();
  }
  let ${name} = ${sh}[lid - lane];
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

/**
 * Column reduction of (outer, r, inner) into (outer, C, inner): params outer·C·inner, r, inner,
 * C, identity. Thread (o, c, i) combines elements c, c + C, c + 2C … of column (o, i), so
 * neighbouring threads read neighbouring addresses; C = 1 is a thread per output.
 */
function columnReduceKernel(op: ReduceOp): string {
  return header(['read', 'read_write']) + COMBINE[op] + main1d(`
  let col = i % p[2];
  let q = i / p[2];
  let base = (q / p[3]) * p[1] * p[2] + col;
  var acc = pf(4u);
  for (var k = q % p[3]; k < p[1]; k += p[3]) { acc = combine(acc, b1[base + k * p[2]]); }
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
 * log(1 + u) for u ≥ 0, accurate to a few ulp also for small u, where log(1 + u) loses the
 * digits of u that 1 + u rounds away (WGSL promises log only to 2⁻²¹ absolute near 1): below 1
 * the series 2·atanh(z) = 2(z + z³/3 + z⁵/5 + …), z = u / (2 + u) ≤ 1/3, to z¹⁵.
 */
const LOG1P = /* wgsl */ `
fn log1p(u: f32) -> f32 {
  if (u >= 1.0) { return log(1.0 + u); }
  let z = u / (2.0 + u);
  let z2 = z * z;
  var s = 1.0 / 15.0;
  s = s * z2 + 1.0 / 13.0;
  s = s * z2 + 1.0 / 11.0;
  s = s * z2 + 1.0 / 9.0;
  s = s * z2 + 1.0 / 7.0;
  s = s * z2 + 1.0 / 5.0;
  s = s * z2 + 1.0 / 3.0;
  s = s * z2 + 1.0;
  return 2.0 * z * s;
}`;

/**
 * Softmax or log-softmax of rows: params rows, n, −∞, NaN.
 *
 * The sum Σ exp(x − max) is kept as 1 + u, u summed without the leading 1 (each lane holding
 * elements equal to the max counts all but one of them into u, and how many lanes held one
 * is summed alongside), so that log-softmax of a dominant element, −log(1 + u), keeps its
 * digits through log1p: within a few ulp of the CPU's double-precision result, not 10⁻⁷
 * absolute.
 *
 * On the CPU a NaN anywhere in a row, or a row max of ±∞ (∞ − ∞ inside the exponential),
 * makes the whole row NaN; WGSL's exp need not pass NaN on (drivers clamp its argument), so the
 * row max here propagates NaN and a row whose max is not finite is written as NaN outright.
 */
function softmaxKernel(t: number, log: boolean): string {
  const value = log ? '(b1[base + k] - m) - ls' : 'exp(b1[base + k] - m) / (1.0 + u)';
  return header(['read', 'read_write']) + COMBINE.max + LOG1P + `
fn add2(a: vec2f, b: vec2f) -> vec2f { return a + b; }` + rowMain(t, `${SHARED_F32}\nvar<workgroup> sh2: array<vec2f, ${WORKGROUP}>;`, `
  let cnt = select(0u, p[1], valid);
  let base = task * p[1];
  var mx = pf(2u);
  for (var k = lane; k < cnt; k += ${t}u) { mx = combine(mx, b1[base + k]); }
  ${segmentTree(t, 'mx', 'combine', 'm')}
  var ex = 0.0;
  var eq = 0u;
  for (var k = lane; k < cnt; k += ${t}u) {
    let d = b1[base + k] - m;
    if (d == 0.0) { eq += 1u; } else { ex += exp(d); }
  }
  ${segmentTree(t, 'vec2f(ex + f32(max(eq, 1u) - 1u), select(0.0, 1.0, eq > 0u))', 'add2', 'us', 'sh2')}
  let u = us.x + (us.y - 1.0);
  ${log ? 'let ls = log1p(u);' : ''}
  let finite = (bitcast<u32>(m) & 0x7f800000u) != 0x7f800000u;
  for (var k = lane; k < cnt; k += ${t}u) { b2[base + k] = select(pf(3u), ${value}, finite); }`);
}

export function reduceKernels(rt: GpuRuntime, tuning: ReduceTuning = {}): Pick<Kernels, 'reduce' | 'argMax' | 'softmax' | 'logSoftmax'> {
  const threads = (length: number) => tuning.threadsPerRow ?? threadsFor(length);
  const maxGroups = tuning.maxGroups ?? 65535;
  /** Dispatch size for `tasks` tasks, `perGroup` to a workgroup: 1-D while it fits, else 2-D. */
  const groups = (tasks: number, perGroup: number): [number, number] => {
    const n = Math.max(1, Math.ceil(tasks / perGroup));
    return n <= maxGroups ? [n, 1] : [maxGroups, Math.ceil(n / maxGroups)];
  };

  /** Reduces `rows` contiguous rows of length r of `src` into `out` (rows elements). */
  function reduceRows(op: ReduceOp, src: GpuStorage, rows: number, r: number, out: GpuStorage): void {
    const t = threads(r);
    let chunks = 1;
    if (t === WORKGROUP && r > 2 * CHUNK && rows < SPLIT_TARGET && tuning.threadsPerRow === undefined) {
      chunks = Math.min(Math.ceil(r / CHUNK), Math.floor(SPLIT_TARGET / rows));
    }
    if (chunks < 2) {
      rt.dispatch(rowReduceKernel(op, t), [src, out], [rows, r, r, 1, { f32: IDENTITY[op] }], groups(rows, WORKGROUP / t));
      return;
    }
    const len = Math.ceil(r / chunks);
    chunks = Math.ceil(r / len);
    const partial = rt.alloc(rows * chunks * 4);
    rt.dispatch(rowReduceKernel(op, t), [src, partial], [rows * chunks, r, len, chunks, { f32: IDENTITY[op] }], groups(rows * chunks, 1));
    reduceRows(op, partial, rows, chunks, out);
    rt.release(partial);
  }

  /**
   * Reduces the middle axis of (outer, r, inner) in `src` into `out`. Few outputs with long
   * columns go in passes, each splitting the columns into C interleaved parts (at least 32
   * elements each) to keep about COLUMN_THREADS threads busy: a bias gradient over a batch of
   * 50,000 takes three passes and no permute.
   */
  function reduceColumns(op: ReduceOp, src: GpuStorage, outer: number, r: number, inner: number, out: GpuStorage): void {
    const outputs = outer * inner;
    const parts = outputs >= COLUMN_THREADS / 4 || r <= 64 ? 1 : Math.min(Math.ceil(r / 32), Math.ceil(COLUMN_THREADS / outputs));
    const dst = parts === 1 ? out : rt.alloc(outputs * parts * 4);
    rt.dispatch(columnReduceKernel(op), [src, dst], [outputs * parts, r, inner, parts, { f32: IDENTITY[op] }], groups(outputs * parts, WORKGROUP));
    if (parts === 1) return;
    reduceColumns(op, dst, outer, parts, inner, out);
    rt.release(dst);
  }

  /**
   * Views x as (outer, r, inner) when `axes` are contiguous (after dropping extent-1 axes) and
   * either innermost or `columns` allows a middle block; otherwise permutes the reduced axes to
   * the end and returns that copy as (outer, r, 1), with `temp` the copy to release after use.
   */
  function asRows(x: TensorView, axes: readonly number[], columns: (outer: number, inner: number) => boolean): { src: GpuStorage; outer: number; r: number; inner: number; temp: GpuStorage | null } {
    const shape = x.shape;
    const reduced = (i: number) => axes.includes(i);
    const live = shape.map((_, i) => i).filter((i) => shape[i] !== 1);
    const red = live.filter(reduced);
    const r = sizeOf(axes.map((a) => shape[a]));
    const contiguous = red.every((a, k) => k === 0 || live.indexOf(a) === live.indexOf(red[k - 1]) + 1);
    if (contiguous && red.length > 0) {
      const outer = sizeOf(shape.slice(0, red[0]));
      const inner = sizeOf(shape.slice(red[red.length - 1] + 1));
      if (inner === 1 || columns(outer, inner)) return { src: s(x), outer, r, inner, temp: null };
    }
    const kept = shape.map((_, i) => i).filter((i) => !reduced(i));
    const temp = permuteStorage(rt, s(x), shape, [...kept, ...axes]);
    return { src: temp, outer: sizeOf(shape) / r, r, inner: 1, temp };
  }

  function reduce(op: ReduceOp, x: TensorView, axes: readonly number[]): GpuStorage {
    const outSize = sizeOf(x.shape.filter((_, i) => !axes.includes(i)));
    const out = rt.alloc(outSize * 4);
    if (outSize === 0) return out;
    const r = sizeOf(axes.map((a) => x.shape[a]));
    if (r === 1) {
      // No axes, or only extent-1 ones: every output is its one element.
      rt.copy(s(x), 0, out, 0, outSize * 4);
      return out;
    }
    if (r === 0) {
      // Nothing to reduce: every output is the identity (rows of length 0).
      rt.dispatch(rowReduceKernel(op, 1), [s(x), out], [outSize, 0, 0, 1, { f32: IDENTITY[op] }], groups(outSize, WORKGROUP));
      return out;
    }
    const { src, outer, inner, temp } = asRows(x, axes, () => true);
    if (inner === 1) reduceRows(op, src, outer, r, out);
    else reduceColumns(op, src, outer, r, inner, out);
    if (temp) rt.release(temp);
    return out;
  }

  function argMax(x: TensorView, axis: number): GpuStorage {
    const shape = x.shape;
    const outSize = sizeOf(shape.filter((_, i) => i !== axis));
    const out = rt.alloc(outSize * 4);
    if (outSize === 0) return out;
    if (shape[axis] <= 1) {
      // Every index is 0.
      rt.dispatch(rowArgMaxKernel(1), [s(x), out], [outSize, 0, { f32: -Infinity }], groups(outSize, WORKGROUP));
      return out;
    }
    const { src, outer, r, inner, temp } = asRows(x, [axis], (o, i) => o * i >= COLUMN_MIN_OUTPUTS);
    if (inner === 1) {
      const t = threads(r);
      rt.dispatch(rowArgMaxKernel(t), [src, out], [outer, r, { f32: -Infinity }], groups(outer, WORKGROUP / t));
    } else {
      rt.dispatch(columnArgMaxKernel(), [src, out], [outer * inner, r, inner, { f32: -Infinity }], groups(outer * inner, WORKGROUP));
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
    rt.dispatch(softmaxKernel(t, log), [s(x), out], [rows, n, { f32: -Infinity }, { f32: NaN }], groups(rows, WORKGROUP / t));
    return out;
  }

  return {
    reduce,
    argMax,
    softmax: (x) => softmaxRows(x, false),
    logSoftmax: (x) => softmaxRows(x, true),
  };
}
