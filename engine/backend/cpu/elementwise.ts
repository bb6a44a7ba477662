/**
 * CPU element-wise kernels: unary maps, binary ops with NumPy broadcasting, broadcastTo. In
 * float32 the hottest ones (ReLU, step, + − × ÷ on equal shapes or a repeated block) run as
 * WebAssembly SIMD (wasm/elementwiseKernel.ts), with the same results bit for bit.
 */
import { allocArray, type TypedArray } from '../../core/dtype';
import { broadcastStrides, sizeOf, type Shape } from '../../core/shape';
import type { BinaryOp, TensorView, UnaryOp } from '../backend';
import { WasmElementwise } from './wasm/elementwiseKernel';
import { simdElementwise } from './wasm/kernels';

/** Below this many elements the JS loop wins over streaming through the SIMD module. */
const SIMD_MIN = 64;

function simdFor(out: TypedArray): WasmElementwise | null {
  return out instanceof Float32Array && out.length >= SIMD_MIN ? simdElementwise() : null;
}

const arr = (v: TensorView) => v.storage as TypedArray;

type Fn1 = (x: number) => number;
type Fn2 = (a: number, b: number) => number;

const UNARY: Record<UnaryOp, Fn1> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  // NaN passes through (x !== x), so a diverging value is never hidden by an activation.
  relu: (x) => (x > 0 || x !== x ? x : 0),
  step: (x) => (x > 0 ? 1 : x !== x ? x : 0),
  // Written to avoid exp overflow for large |x|.
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  tanh: Math.tanh,
};

const BINARY: Record<BinaryOp, Fn2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // Either operand NaN gives NaN, as in NumPy.
  maximum: (a, b) => (a > b || a !== a ? a : b),
  minimum: (a, b) => (a < b || a !== a ? a : b),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
};

export function unary(op: UnaryOp, x: TensorView): TypedArray {
  const src = arr(x);
  const out = allocArray(x.dtype, src.length);
  const n = src.length;
  if (WasmElementwise.handlesUnary(op)) {
    const simd = simdFor(out);
    if (simd) {
      simd.unary(op, src as Float32Array, out as Float32Array);
      return out;
    }
  }
  switch (op) {
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = src[i] > 0 || src[i] !== src[i] ? src[i] : 0;
      break;
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -src[i];
      break;
    case 'square':
      for (let i = 0; i < n; i++) out[i] = src[i] * src[i];
      break;
    default: {
      const f = UNARY[op];
      for (let i = 0; i < n; i++) out[i] = f(src[i]);
    }
  }
  return out;
}

/** out[i] = a[i] ∘ b[i] over equal-length arrays, with the commonest ops unrolled from the switch. */
function sameShape(op: BinaryOp, a: TypedArray, b: TypedArray, out: TypedArray): void {
  const n = out.length;
  if (WasmElementwise.handlesBinary(op) && a instanceof Float32Array && b instanceof Float32Array) {
    const simd = simdFor(out);
    if (simd) return simd.binary(op, a, b, out as Float32Array);
  }
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
    default: {
      const f = BINARY[op];
      for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    }
  }
}

/** One contiguous run along the last axis, reading a and b with their own strides. */
function run(op: BinaryOp, a: TypedArray, ai: number, as: number, b: TypedArray, bi: number, bs: number,
  out: TypedArray, oi: number, n: number): void {
  switch (op) {
    case 'add':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * as] + b[bi + j * bs];
      return;
    case 'sub':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * as] - b[bi + j * bs];
      return;
    case 'mul':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * as] * b[bi + j * bs];
      return;
    case 'div':
      for (let j = 0; j < n; j++) out[oi + j] = a[ai + j * as] / b[bi + j * bs];
      return;
    default: {
      const f = BINARY[op];
      for (let j = 0; j < n; j++) out[oi + j] = f(a[ai + j * as], b[bi + j * bs]);
    }
  }
}

/**
 * True when `small` broadcast to `outShape` is itself repeated block after block: its shape,
 * right-aligned, is 1 on the leading axes and equal on the trailing ones (a bias [16] against
 * activations [B, H, W, 16], a scalar against anything).
 */
function repeatsAsBlock(small: Shape, outShape: Shape): boolean {
  const lead = outShape.length - small.length;
  let trailing = false;
  for (let d = 0; d < outShape.length; d++) {
    const s = d < lead ? 1 : small[d - lead];
    if (trailing && s !== outShape[d]) return false;
    if (s !== 1) {
      if (s !== outShape[d]) return false;
      trailing = true;
    }
  }
  return true;
}

/** out = big ∘ small (or small ∘ big when `swap`), `small` repeated over consecutive blocks of `big`. */
function blocks(op: BinaryOp, big: TypedArray, small: TypedArray, out: TypedArray, swap: boolean): void {
  const n = small.length;
  if (WasmElementwise.handlesBinary(op) && big instanceof Float32Array && small instanceof Float32Array) {
    const simd = simdFor(out);
    if (simd && simd.blocks(op, big, small, out as Float32Array, swap)) return;
  }
  const total = out.length;
  if (!swap && op === 'add') {
    for (let o = 0; o < total; o += n) for (let j = 0; j < n; j++) out[o + j] = big[o + j] + small[j];
  } else if (!swap && op === 'mul') {
    for (let o = 0; o < total; o += n) for (let j = 0; j < n; j++) out[o + j] = big[o + j] * small[j];
  } else if (!swap && op === 'sub') {
    for (let o = 0; o < total; o += n) for (let j = 0; j < n; j++) out[o + j] = big[o + j] - small[j];
  } else {
    const f = BINARY[op];
    for (let o = 0; o < total; o += n) {
      for (let j = 0; j < n; j++) out[o + j] = swap ? f(small[j], big[o + j]) : f(big[o + j], small[j]);
    }
  }
}

export function binary(op: BinaryOp, a: TensorView, b: TensorView, outShape: Shape): TypedArray {
  const out = allocArray(a.dtype, sizeOf(outShape));
  const av = arr(a);
  const bv = arr(b);
  if (av.length === out.length && bv.length === out.length) {
    sameShape(op, av, bv, out);
    return out;
  }
  // The common broadcasts — a bias over a batch, a scalar over a tensor — as flat block loops.
  if (out.length > 0 && av.length === out.length && bv.length > 0 && repeatsAsBlock(b.shape, outShape)) {
    blocks(op, av, bv, out, false);
    return out;
  }
  if (out.length > 0 && bv.length === out.length && av.length > 0 && repeatsAsBlock(a.shape, outShape)) {
    blocks(op, bv, av, out, true);
    return out;
  }
  const rank = outShape.length;
  if (rank === 0 || out.length === 0) {
    if (out.length) out[0] = BINARY[op](av[0], bv[0]);
    return out;
  }
  const sa = broadcastStrides(a.shape, outShape);
  const sb = broadcastStrides(b.shape, outShape);
  const inner = outShape[rank - 1];
  const outer = out.length / inner;
  const idx = new Array<number>(rank - 1).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < outer; o++) {
    run(op, av, ai, sa[rank - 1], bv, bi, sb[rank - 1], out, o * inner, inner);
    // Advance the multi-index over the outer axes (odometer), updating offsets incrementally.
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      ai += sa[d];
      bi += sb[d];
      if (idx[d] < outShape[d]) break;
      ai -= sa[d] * outShape[d];
      bi -= sb[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

export function broadcastTo(x: TensorView, shape: Shape): TypedArray {
  const out = allocArray(x.dtype, sizeOf(shape));
  const src = arr(x);
  const rank = shape.length;
  if (rank === 0 || out.length === 0) {
    if (out.length) out[0] = src[0];
    return out;
  }
  const s = broadcastStrides(x.shape, shape);
  const inner = shape[rank - 1];
  const is = s[rank - 1];
  const outer = out.length / inner;
  const idx = new Array<number>(rank - 1).fill(0);
  let xi = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    for (let j = 0; j < inner; j++) out[base + j] = src[xi + j * is];
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      xi += s[d];
      if (idx[d] < shape[d]) break;
      xi -= s[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}
