/**
 * Element-wise ops. Binary ops follow NumPy broadcasting; a plain number operand becomes a scalar
 * of the other operand's dtype.
 */
import { record, isStraightThroughStep } from '../autograd/tape';
import type { BinaryOp, UnaryOp } from '../backend/backend';
import { broadcastShapes } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { scalar } from './creation';
import { common, kernel, wrap } from './kernel';

export type TensorLike = Tensor | number;

function unaryOp(op: UnaryOp, x: Tensor, attrs: Record<string, unknown> = {}): Tensor {
  common(op, [x]);
  const out = wrap(kernel(x.backend, 'unary')(op, x), x.shape, x.dtype, x.backend);
  return record(out, op, [x], attrs);
}

function asTensor(v: TensorLike, like: Tensor): Tensor {
  return typeof v === 'number' ? scalar(v, { dtype: like.dtype, backend: like.backend }) : v;
}

function binaryOp(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const ta = typeof a === 'number' ? asTensor(a, b as Tensor) : a;
  const tb = asTensor(b, ta);
  const { backend, dtype } = common(op, [ta, tb]);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  const out = wrap(kernel(backend, 'binary')(op, ta, tb, shape), shape, dtype, backend);
  return record(out, op, [ta, tb]);
}

export const neg = (x: Tensor) => unaryOp('neg', x);
export const abs = (x: Tensor) => unaryOp('abs', x);
export const sign = (x: Tensor) => unaryOp('sign', x);
export const exp = (x: Tensor) => unaryOp('exp', x);
export const log = (x: Tensor) => unaryOp('log', x);
export const sqrt = (x: Tensor) => unaryOp('sqrt', x);
export const square = (x: Tensor) => unaryOp('square', x);
export const reciprocal = (x: Tensor) => unaryOp('reciprocal', x);
export const relu = (x: Tensor) => unaryOp('relu', x);
/**
 * The step function (1 where x > 0, else 0). Its derivative is zero everywhere it exists, so
 * backprop cannot train through it — except inside `withStraightThroughStep` (the perceptron rule).
 */
export const step = (x: Tensor) => unaryOp('step', x, { straightThrough: isStraightThroughStep() });
export const sigmoid = (x: Tensor) => unaryOp('sigmoid', x);
export const tanh = (x: Tensor) => unaryOp('tanh', x);

export const add = (a: TensorLike, b: TensorLike) => binaryOp('add', a, b);
export const sub = (a: TensorLike, b: TensorLike) => binaryOp('sub', a, b);
export const mul = (a: TensorLike, b: TensorLike) => binaryOp('mul', a, b);
export const div = (a: TensorLike, b: TensorLike) => binaryOp('div', a, b);
export const pow = (a: TensorLike, b: TensorLike) => binaryOp('pow', a, b);
export const maximum = (a: TensorLike, b: TensorLike) => binaryOp('maximum', a, b);
export const minimum = (a: TensorLike, b: TensorLike) => binaryOp('minimum', a, b);
/** 1 where a > b, else 0 (no gradient). */
export const greater = (a: TensorLike, b: TensorLike) => binaryOp('greater', a, b);
/** 1 where a ≥ b, else 0 (no gradient). */
export const greaterEqual = (a: TensorLike, b: TensorLike) => binaryOp('greaterEqual', a, b);
/** 1 where a = b, else 0 (no gradient). */
export const equal = (a: TensorLike, b: TensorLike) => binaryOp('equal', a, b);

/** Leaky ReLU: x for x > 0, αx otherwise (0 ≤ α < 1), composed as max(x, αx). */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  return maximum(x, mul(x, alpha));
}
