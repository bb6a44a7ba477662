/**
 * Reductions (sum, max, min over axes, with keepDims), their composites (mean, variance),
 * argMax, and softmax / log-softmax along an axis.
 */
import { record } from '../autograd/tape';
import type { ReduceOp } from '../backend/backend';
import { normalizeAxes, normalizeAxis, reducedShape, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { div, mul, square, sub } from './elementwise';
import { common, kernel, wrap } from './kernel';
import { permute } from './layout';

type Axes = number | readonly number[] | undefined;

function reduceOp(op: ReduceOp, x: Tensor, axes: Axes, keepDims: boolean): Tensor {
  common(op, [x]);
  const ax = normalizeAxes(axes, x.rank, op);
  const shape = reducedShape(x.shape, ax, keepDims);
  const out = wrap(kernel(x.backend, 'reduce')(op, x, ax), shape, x.dtype, x.backend);
  return record(out, op, [x], { axes: ax, keepDims });
}

/** Sum over `axes` (all when omitted). */
export const sum = (x: Tensor, axes?: Axes, keepDims = false) => reduceOp('sum', x, axes, keepDims);
/** Largest element over `axes` (all when omitted). */
export const max = (x: Tensor, axes?: Axes, keepDims = false) => reduceOp('max', x, axes, keepDims);
/** Smallest element over `axes` (all when omitted). */
export const min = (x: Tensor, axes?: Axes, keepDims = false) => reduceOp('min', x, axes, keepDims);

/** Arithmetic mean over `axes` (all when omitted). */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const ax = normalizeAxes(axes, x.rank, 'mean');
  const count = sizeOf(ax.map((a) => x.shape[a]));
  return div(sum(x, ax, keepDims), count);
}

/** Population variance (divides by n, as the course's batch-norm formula does). */
export function variance(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const ax = normalizeAxes(axes, x.rank, 'variance');
  const centred = sub(x, mean(x, ax, true));
  return mean(square(centred), ax, keepDims);
}

/** Index of the largest element along `axis`, as float values (no gradient). */
export function argMax(x: Tensor, axis = -1): Tensor {
  common('argMax', [x]);
  const ax = normalizeAxis(axis, x.rank, 'argMax');
  return wrap(kernel(x.backend, 'argMax')(x, ax), reducedShape(x.shape, [ax], false), x.dtype, x.backend);
}

function lastAxisOp(op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor {
  common(op, [x]);
  const ax = normalizeAxis(axis, x.rank, op);
  if (ax !== x.rank - 1) {
    // Move the axis last, apply, move it back: two permutes, differentiated like any others.
    const perm = x.shape.map((_, i) => i).filter((i) => i !== ax).concat(ax);
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return permute(lastAxisOp(op, permute(x, perm), -1), inverse);
  }
  return record(wrap(kernel(x.backend, op)(x), x.shape, x.dtype, x.backend), op, [x]);
}

/** softmax(x)_k = exp(x_k) / Σ_i exp(x_i) along `axis`, computed with the maximum subtracted. */
export const softmax = (x: Tensor, axis = -1) => lastAxisOp('softmax', x, axis);
/** log(softmax(x)) along `axis`, via log-sum-exp (no overflow, no log(0)). */
export const logSoftmax = (x: Tensor, axis = -1) => lastAxisOp('logSoftmax', x, axis);

/** Σ a·b over `axes` — a small helper used by gradient rules and losses. */
export function sumOfProduct(a: Tensor, b: Tensor, axes?: Axes, keepDims = false): Tensor {
  return sum(mul(a, b), axes, keepDims);
}
