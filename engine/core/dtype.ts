/**
 * Data types. `float32` is the default everywhere; `float64` exists on the CPU backend so that
 * gradients can be checked against numerical differences to ~1e-9.
 */

export type DType = 'float32' | 'float64';

export type TypedArray = Float32Array | Float64Array;

export const DEFAULT_DTYPE: DType = 'float32';

/** Allocates a zeroed typed array of `size` elements of `dtype`. */
export function allocArray(dtype: DType, size: number): TypedArray {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

/** The dtype a typed array holds. */
export function dtypeOf(array: TypedArray): DType {
  return array instanceof Float64Array ? 'float64' : 'float32';
}
