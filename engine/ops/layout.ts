/**
 * Shape and layout ops: reshape (no copy), broadcastTo / sumTo, permute / transpose, slice, pad,
 * concat.
 */
import { record } from '../autograd/tape';
import { ArgumentError, ShapeError } from '../core/errors';
import { broadcastShapes, normalizeAxis, shapesEqual, sizeOf, type Shape } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { common, kernel, wrap } from './kernel';
import { sum } from './reduce';

/**
 * Same data, new shape; one dimension may be -1 (inferred). The element count must not change.
 * The result shares the input's memory (tensors are never mutated in place).
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  common('reshape', [x]);
  const inferred = shape.filter((d) => d === -1).length;
  if (inferred > 1) throw new ArgumentError(`reshape: at most one dimension may be -1, got [${shape.join(', ')}]`);
  let target = [...shape];
  if (inferred === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError('reshape', [x.shape, shape], `cannot infer the -1 dimension from ${x.size} elements`);
    }
    target = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sizeOf(target) !== x.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError('reshape', [x.shape, target], `cannot reshape ${x.size} elements into ${sizeOf(target)}`);
  }
  return record(wrap(x.storage, target, x.dtype, x.backend), 'reshape', [x]);
}

/** Keeps axis 0 (the batch) and flattens the rest: (N, a, b, …) → (N, a·b·…). */
export function flatten(x: Tensor): Tensor {
  if (x.rank < 1) throw new ShapeError('flatten', [x.shape], 'needs a batch axis');
  return reshape(x, [x.shape[0], sizeOf(x.shape.slice(1))]);
}

/** Repeats `x` along broadcast axes to `shape` (NumPy rules). */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const target = broadcastShapes('broadcastTo', x.shape, shape);
  if (!shapesEqual(target, shape)) {
    throw new ShapeError('broadcastTo', [x.shape, shape], 'cannot broadcast to a smaller shape');
  }
  if (shapesEqual(x.shape, shape)) return x;
  common('broadcastTo', [x]);
  return record(wrap(kernel(x.backend, 'broadcastTo')(x, shape), shape, x.dtype, x.backend), 'broadcastTo', [x]);
}

/** Sums a broadcast result back down to `shape` (the gradient of broadcasting). */
export function sumTo(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(x, axes, true), shape);
}

export function permute(x: Tensor, perm: readonly number[]): Tensor {
  common('permute', [x]);
  const axes = perm.map((p) => normalizeAxis(p, x.rank, 'permute'));
  if (axes.length !== x.rank || new Set(axes).size !== x.rank) {
    throw new ArgumentError(`permute: [${perm.join(', ')}] is not a permutation of the ${x.rank} axes`);
  }
  if (axes.every((p, i) => p === i)) return x;
  const shape = axes.map((p) => x.shape[p]);
  return record(wrap(kernel(x.backend, 'permute')(x, axes), shape, x.dtype, x.backend), 'permute', [x], { perm: axes });
}

/** Reverses the axes (the matrix transpose for 2-D), or permutes them as given. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  return permute(x, perm ?? x.shape.map((_, i) => x.rank - 1 - i));
}

/** The block starting at `begin` of extent `size` (-1: to the end of that axis). */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  common('slice', [x]);
  if (begin.length !== x.rank || (size && size.length !== x.rank)) {
    throw new ArgumentError(`slice: begin/size need ${x.rank} entries for shape [${x.shape.join(', ')}]`);
  }
  const extent = x.shape.map((d, i) => (size === undefined || size[i] === -1 ? d - begin[i] : size[i]));
  x.shape.forEach((d, i) => {
    if (begin[i] < 0 || extent[i] < 0 || begin[i] + extent[i] > d) {
      throw new ShapeError('slice', [x.shape], `block [${begin.join(', ')}] + [${extent.join(', ')}] falls outside on axis ${i}`);
    }
  });
  if (extent.every((e, i) => e === x.shape[i])) return x;
  return record(wrap(kernel(x.backend, 'slice')(x, begin, extent), extent, x.dtype, x.backend), 'slice', [x], { begin, size: extent });
}

/** Zero padding: `before[i]`/`after[i]` elements on axis i. */
export function pad(x: Tensor, before: readonly number[], after: readonly number[]): Tensor {
  common('pad', [x]);
  if (before.length !== x.rank || after.length !== x.rank || [...before, ...after].some((p) => p < 0 || !Number.isInteger(p))) {
    throw new ArgumentError(`pad: need ${x.rank} non-negative integers before and after`);
  }
  const shape = x.shape.map((d, i) => d + before[i] + after[i]);
  return record(wrap(kernel(x.backend, 'pad')(x, before, after), shape, x.dtype, x.backend), 'pad', [x], { before, after });
}

/** Joins tensors along `axis`; all other dimensions must match. */
export function concat(xs: readonly Tensor[], axis = -1): Tensor {
  if (xs.length === 0) throw new ArgumentError('concat: needs at least one tensor');
  const { backend, dtype } = common('concat', xs);
  const first = xs[0];
  const ax = normalizeAxis(axis, first.rank, 'concat');
  for (const x of xs) {
    if (x.rank !== first.rank || x.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new ShapeError('concat', [first.shape, x.shape], `shapes must match except on axis ${ax}`);
    }
  }
  if (xs.length === 1) return first;
  const shape = [...first.shape];
  shape[ax] = xs.reduce((acc, x) => acc + x.shape[ax], 0);
  return record(wrap(kernel(backend, 'concat')(xs, ax), shape, dtype, backend), 'concat', xs, { axis: ax });
}

/** Inserts a length-1 axis at `axis`. */
export function expandDims(x: Tensor, axis: number): Tensor {
  const ax = normalizeAxis(axis, x.rank + 1, 'expandDims');
  const shape = [...x.shape];
  shape.splice(ax, 0, 1);
  return reshape(x, shape);
}

/** Removes length-1 axes (all, or the given ones). */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  const drop = axes ? axes.map((a) => normalizeAxis(a, x.rank, 'squeeze')) : x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  for (const a of drop) if (x.shape[a] !== 1) throw new ShapeError('squeeze', [x.shape], `axis ${a} has length ${x.shape[a]}, not 1`);
  return reshape(x, x.shape.filter((_, i) => !drop.includes(i)));
}
