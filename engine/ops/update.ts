/**
 * The fused optimiser update as an op: one in-place pass over a parameter, its gradient and its
 * state (see Kernels.optimizerUpdate). Not differentiable and not recorded — it is what happens
 * after backward. Optimisers use it where the backend has the kernel and compose ops otherwise.
 */
import type { UpdateRule, UpdateSettings } from '../backend/backend';
import { ShapeError } from '../core/errors';
import { shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { common, kernel } from './kernel';

export type { UpdateRule, UpdateSettings } from '../backend/backend';

/** Rewrites `w` and `slots` in place from the gradient `g` by `rule`. */
export function updateInPlace(rule: UpdateRule, w: Tensor, g: Tensor, slots: readonly Tensor[], settings: UpdateSettings): void {
  const { backend } = common('updateInPlace', [w, g, ...slots]);
  for (const t of [g, ...slots]) {
    if (!shapesEqual(t.shape, w.shape)) throw new ShapeError('updateInPlace', [w.shape, t.shape], 'the gradient and the state must have the parameter\'s shape');
  }
  kernel(backend, 'optimizerUpdate')(rule, w, g, slots, settings);
}

/** True when `w`'s backend can run `updateInPlace`. */
export function canUpdateInPlace(w: Tensor): boolean {
  return w.backend.kernels.optimizerUpdate !== undefined;
}
