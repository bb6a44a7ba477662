/**
 * Weight decay as the course's cost formula states it:
 *   L1: Cost = Loss + λ Σ|W|      L2: Cost = Loss + λ Σ W²
 * The penalty is added once per batch to the batch-mean loss and covers a layer's weights
 * (kernels), not its biases. Note λ multiplies ΣW² itself (not ½ΣW²), so the L2 gradient is
 * 2λW; PyTorch's `weight_decay` equals 2λ.
 */
import { abs, mul, square, sum } from '../ops';
import type { Tensor } from '../core/tensor';
import { ArgumentError } from '../core/errors';

export type Regularizer = { kind: 'none' } | { kind: 'l1'; lambda: number } | { kind: 'l2'; lambda: number };

export const NO_REGULARIZER: Regularizer = { kind: 'none' };

/** λΣ|W| or λΣW² for one weight tensor; null when there is no penalty. */
export function penalty(reg: Regularizer, weights: Tensor): Tensor | null {
  if (reg.kind === 'none' || reg.lambda === 0) return null;
  if (!(reg.lambda > 0) || !Number.isFinite(reg.lambda)) {
    throw new ArgumentError(`${reg.kind.toUpperCase()} regularizer: λ must be a non-negative number, got ${reg.lambda}`);
  }
  return mul(sum(reg.kind === 'l1' ? abs(weights) : square(weights)), reg.lambda);
}
