/**
 * Conversions: dtype casts and one-hot encoding of class indices.
 */
import { record } from '../autograd/tape';
import type { DType } from '../core/dtype';
import { ArgumentError, DTypeError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { common, kernel, wrap } from './kernel';

/** The same values in another dtype (float64 → float32 rounds). */
export function cast(x: Tensor, dtype: DType): Tensor {
  common('cast', [x]);
  if (x.dtype === dtype) return x;
  if (!x.backend.dtypes.includes(dtype)) {
    throw new DTypeError(`cast: the '${x.backend.name}' backend cannot hold ${dtype} tensors`);
  }
  return record(wrap(kernel(x.backend, 'cast')(x, dtype), x.shape, dtype, x.backend), 'cast', [x]);
}

/** Class indices (…) → one-hot rows (…, depth). Indices outside [0, depth) give a zero row. */
export function oneHot(indices: Tensor, depth: number): Tensor {
  common('oneHot', [indices]);
  if (!Number.isInteger(depth) || depth < 1) throw new ArgumentError(`oneHot: depth must be a positive integer, got ${depth}`);
  return wrap(kernel(indices.backend, 'oneHot')(indices, depth), [...indices.shape, depth], indices.dtype, indices.backend);
}
