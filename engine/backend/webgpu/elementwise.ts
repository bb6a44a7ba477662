/**
 * WebGPU element-wise kernels: unary maps, binary ops with NumPy broadcasting (a fast path for
 * equal shapes), broadcastTo, fill and cast. Same formulas as the CPU kernels
 * (cpu/elementwise.ts), NaN passing through ReLU and step as there.
 */
import { DTypeError } from '../../core/errors';
import { broadcastStrides, shapesEqual, sizeOf, type Shape } from '../../core/shape';
import type { BinaryOp, Kernels, TensorView, UnaryOp } from '../backend';
import { grid, type GpuRuntime, type GpuStorage } from './runtime';
import { header, main1d, stridedOffsets } from './wgsl';

const UNARY: Record<UnaryOp, string> = {
  neg: '-x',
  abs: 'abs(x)',
  sign: 'sign(x)',
  exp: 'exp(x)',
  log: 'log(x)',
  sqrt: 'sqrt(x)',
  square: 'x * x',
  reciprocal: '1.0 / x',
  relu: 'select(0.0, x, x > 0.0 || x != x)',
  step: 'select(select(0.0, x, x != x), 1.0, x > 0.0)',
  // Stable on both sides, as on the CPU.
  sigmoid: 'select(exp(x) / (1.0 + exp(x)), 1.0 / (1.0 + exp(-x)), x >= 0.0)',
  // WGSL's tanh overflows to NaN for large |x| on some drivers; clamp first (tanh(±15) is ±1 in f32).
  tanh: 'tanh(clamp(x, -15.0, 15.0))',
};

const BINARY: Record<BinaryOp, string> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'a / b',
  pow: 'powf(a, b)',
  maximum: 'select(b, a, a > b || a != a)',
  minimum: 'select(b, a, a < b || a != a)',
  greater: 'select(0.0, 1.0, a > b)',
  greaterEqual: 'select(0.0, 1.0, a >= b)',
  equal: 'select(0.0, 1.0, a == b)',
};

/** pow with JavaScript's Math.pow meaning for negative bases and integer exponents (WGSL's pow is exp2(b·log2 a)). */
const POWF = /* wgsl */ `
fn powf(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (a >= 0.0) { return pow(a, b); }
  // A NaN built at run time: WGSL rejects NaN constants.
  if (b != floor(b)) { return bitcast<f32>(0x7fc00000u | (p[0] & 0u)); }
  let m = pow(-a, b);
  return select(m, -m, fract(b * 0.5) != 0.0);
}`;

export function elementwiseKernels(rt: GpuRuntime): Pick<Kernels, 'unary' | 'binary' | 'broadcastTo' | 'fill' | 'cast'> {
  const s = (v: TensorView) => v.storage as GpuStorage;

  function unary(op: UnaryOp, x: TensorView): GpuStorage {
    const n = sizeOf(x.shape);
    const out = rt.alloc(n * 4);
    if (n === 0) return out;
    const wgsl = header(['read', 'read_write']) + main1d(`let x = b1[i]; b2[i] = ${UNARY[op]};`);
    rt.dispatch(wgsl, [s(x), out], [n], grid(n));
    return out;
  }

  function binary(op: BinaryOp, a: TensorView, b: TensorView, outShape: Shape): GpuStorage {
    const n = sizeOf(outShape);
    const out = rt.alloc(n * 4);
    if (n === 0) return out;
    const extra = op === 'pow' ? POWF : '';
    if (shapesEqual(a.shape, outShape) && shapesEqual(b.shape, outShape)) {
      const wgsl = header(['read', 'read', 'read_write']) + extra + main1d(`let a = b1[i]; let b = b2[i]; b3[i] = ${BINARY[op]};`);
      rt.dispatch(wgsl, [s(a), s(b), out], [n], grid(n));
      return out;
    }
    const rank = outShape.length;
    const wgsl = header(['read', 'read', 'read_write']) + extra + main1d(
      `${stridedOffsets(rank, 2, 1)}\n  let a = b1[off0]; let b = b2[off1]; b3[i] = ${BINARY[op]};`);
    rt.dispatch(wgsl, [s(a), s(b), out], [n, ...outShape, ...broadcastStrides(a.shape, outShape), ...broadcastStrides(b.shape, outShape)], grid(n));
    return out;
  }

  function broadcastTo(x: TensorView, shape: Shape): GpuStorage {
    const n = sizeOf(shape);
    const out = rt.alloc(n * 4);
    if (n === 0) return out;
    const rank = shape.length;
    const wgsl = header(['read', 'read_write']) + main1d(`${stridedOffsets(rank, 1, 1)}\n  b2[i] = b1[off0];`);
    rt.dispatch(wgsl, [s(x), out], [n, ...shape, ...broadcastStrides(x.shape, shape)], grid(n));
    return out;
  }

  function fill(size: number, dtype: TensorView['dtype'], value: number): GpuStorage {
    if (dtype !== 'float32') throw new DTypeError(`The 'webgpu' backend holds float32 only, not ${dtype}`);
    const out = rt.alloc(size * 4);
    if (size === 0) return out;
    const wgsl = header(['read_write']) + main1d('b1[i] = pf(1u);');
    rt.dispatch(wgsl, [out], [size, { f32: value }], grid(size));
    return out;
  }

  function cast(x: TensorView, dtype: TensorView['dtype']): GpuStorage {
    if (dtype !== 'float32') throw new DTypeError(`The 'webgpu' backend holds float32 only, not ${dtype}; cast on the CPU backend`);
    const n = sizeOf(x.shape);
    const out = rt.alloc(n * 4);
    rt.copy(s(x), 0, out, 0, n * 4);
    return out;
  }

  return { unary, binary, broadcastTo, fill, cast };
}
