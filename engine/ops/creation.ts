/**
 * Making tensors: from numbers, nested arrays or typed arrays; filled; random (seeded).
 */
import type { Backend } from '../backend/backend';
import { getBackend } from '../backend/registry';
import { allocArray, DEFAULT_DTYPE, dtypeOf, type DType, type TypedArray } from '../core/dtype';
import { ArgumentError, DTypeError, ShapeError } from '../core/errors';
import type { Random } from '../core/random';
import { assertValidShape, sizeOf, type Shape } from '../core/shape';
import type { NestedArray, Tensor } from '../core/tensor';
import { kernel, wrap } from './kernel';

export interface CreateOptions {
  dtype?: DType;
  backend?: Backend | string;
}

function resolveBackend(b: Backend | string | undefined, dtype: DType): Backend {
  const backend = typeof b === 'object' ? b : getBackend(b);
  if (!backend.dtypes.includes(dtype)) {
    throw new DTypeError(`The '${backend.name}' backend cannot hold ${dtype} tensors (it holds ${backend.dtypes.join(', ')})`);
  }
  return backend;
}

/** Shape of a (possibly nested) number array; throws on ragged nesting. */
function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
    if (v === undefined) break;
  }
  return shape;
}

function flatten(values: NestedArray, shape: Shape, out: TypedArray): void {
  let i = 0;
  const walk = (v: NestedArray, axis: number, path: string) => {
    if (axis === shape.length) {
      if (typeof v !== 'number') throw new ArgumentError(`tensor: expected a number at ${path || 'the top'}, got ${Array.isArray(v) ? 'an array' : typeof v}`);
      out[i++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[axis]) {
      throw new ArgumentError(`tensor: ragged nested array at ${path || 'the top'}: expected ${shape[axis]} elements on axis ${axis}`);
    }
    v.forEach((x, j) => walk(x, axis + 1, `${path}[${j}]`));
  };
  walk(values, 0, '');
}

/**
 * A tensor from a number (scalar), a nested array (shape inferred) or a flat array/typed array
 * with an explicit shape. The data is copied.
 */
export function tensor(values: NestedArray | TypedArray, shape?: Shape, options: CreateOptions = {}): Tensor {
  const isTyped = ArrayBuffer.isView(values);
  const dtype = options.dtype ?? (isTyped ? dtypeOf(values as TypedArray) : DEFAULT_DTYPE);
  const backend = resolveBackend(options.backend, dtype);
  let data: TypedArray;
  let finalShape: Shape;
  if (isTyped || (shape && Array.isArray(values) && values.every((v) => typeof v === 'number'))) {
    const flat = values as ArrayLike<number>;
    finalShape = shape ?? [flat.length];
    assertValidShape(finalShape, 'tensor');
    if (sizeOf(finalShape) !== flat.length) {
      throw new ShapeError('tensor', [finalShape], `${flat.length} values do not fill the shape`);
    }
    data = allocArray(dtype, flat.length);
    data.set(flat);
  } else {
    const inferred = inferShape(values as NestedArray);
    data = allocArray(dtype, sizeOf(inferred));
    flatten(values as NestedArray, inferred, data);
    finalShape = shape ?? inferred;
    if (sizeOf(finalShape) !== data.length) {
      throw new ShapeError('tensor', [inferred, finalShape], 'the given shape does not match the data');
    }
  }
  return wrap(backend.upload(data), finalShape, dtype, backend);
}

export function scalar(value: number, options: CreateOptions = {}): Tensor {
  return tensor(value, [], options);
}

export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'full');
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  const backend = resolveBackend(options.backend, dtype);
  return wrap(kernel(backend, 'fill')(sizeOf(shape), dtype, value), shape, dtype, backend);
}

export const zeros = (shape: Shape, options: CreateOptions = {}) => full(shape, 0, options);
export const ones = (shape: Shape, options: CreateOptions = {}) => full(shape, 1, options);

export function fullLike(t: Tensor, value: number): Tensor {
  return full(t.shape, value, { dtype: t.dtype, backend: t.backend });
}
export const zerosLike = (t: Tensor) => fullLike(t, 0);
export const onesLike = (t: Tensor) => fullLike(t, 1);

/** Normal samples N(mean, std²) from a seeded generator. */
export function randomNormal(shape: Shape, rng: Random, options: CreateOptions & { mean?: number; std?: number } = {}): Tensor {
  const { mean = 0, std = 1 } = options;
  const data = allocArray(options.dtype ?? DEFAULT_DTYPE, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * rng.normal();
  return tensor(data, shape, options);
}

/** Uniform samples in [low, high) from a seeded generator. */
export function randomUniform(shape: Shape, rng: Random, options: CreateOptions & { low?: number; high?: number } = {}): Tensor {
  const { low = 0, high = 1 } = options;
  const data = allocArray(options.dtype ?? DEFAULT_DTYPE, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * rng.uniform();
  return tensor(data, shape, options);
}

/** Evenly spaced values in [start, stop), like NumPy's arange. */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new ArgumentError('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocArray(options.dtype ?? DEFAULT_DTYPE, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return tensor(data, [n], options);
}
