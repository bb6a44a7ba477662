/**
 * Matrix products: batched matmul with optional transposes, and NumPy's `dot`.
 */
import { record } from '../autograd/tape';
import { ShapeError } from '../core/errors';
import { broadcastShapes, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { common, kernel, wrap } from './kernel';
import { broadcastTo, reshape } from './layout';

export interface MatmulOptions {
  /** Use Aᵀ: A is stored (…, k, m). */
  transA?: boolean;
  /** Use Bᵀ: B is stored (…, n, k). */
  transB?: boolean;
}

/**
 * op(A) · op(B) over the last two axes, with leading (batch) axes broadcast NumPy-style.
 * Both operands need rank ≥ 2; use `dot` for vectors.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { transA = false, transB = false } = options;
  const { backend, dtype } = common('matmul', [a, b]);
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError('matmul', [a.shape, b.shape], 'both operands need at least 2 axes (use dot for vectors)');
  }
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, k] = transA ? [ac, ar] : [ar, ac];
  const [kb, n] = transB ? [bc, br] : [br, bc];
  if (k !== kb) {
    throw new ShapeError('matmul', [a.shape, b.shape], `inner dimensions differ: ${k} vs ${kb}`);
  }
  const batchShape = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = sizeOf(batchShape);
  // Operands whose batch axes only partly broadcast are materialised; the kernel handles 1 or all.
  const fit = (t: Tensor) => {
    const own = sizeOf(t.shape.slice(0, -2));
    return own === 1 || own === batch ? t : broadcastTo(t, [...batchShape, ...t.shape.slice(-2)]);
  };
  const fa = fit(a);
  const fb = fit(b);
  const g = {
    batch, m, n, k, transA, transB,
    batchA: sizeOf(fa.shape.slice(0, -2)), batchB: sizeOf(fb.shape.slice(0, -2)),
  };
  const out = wrap(kernel(backend, 'matmul')(fa, fb, g), [...batchShape, m, n], dtype, backend);
  return record(out, 'matmul', [fa, fb], { transA, transB });
}

/**
 * NumPy's dot for rank ≤ 2: vector·vector → scalar, matrix·vector → vector,
 * vector·matrix → vector, matrix·matrix → matrix.
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.rank > 2 || b.rank > 2 || a.rank === 0 || b.rank === 0) {
    throw new ShapeError('dot', [a.shape, b.shape], 'dot takes vectors and matrices; use matmul for batches');
  }
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
  if (a2.shape[1] !== b2.shape[0]) {
    throw new ShapeError('dot', [a.shape, b.shape], `inner dimensions differ: ${a2.shape[1]} vs ${b2.shape[0]}`);
  }
  const out = matmul(a2, b2);
  const shape = [...(a.rank === 2 ? [a.shape[0]] : []), ...(b.rank === 2 ? [b.shape[1]] : [])];
  return reshape(out, shape);
}
