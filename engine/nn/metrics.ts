/**
 * Accuracy for classification outputs: the arg-max class for several outputs, a 0.5 threshold
 * for one output (sigmoid probabilities or step units). Targets may be one-hot, class indices,
 * or 0/1 values.
 */
import { ShapeError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { argMax, equal, greater, mean, noGrad, reshape } from '../ops';

/** Fraction of samples classified correctly, in [0, 1]. */
export function accuracy(pred: Tensor, target: Tensor): number {
  return correctFraction(pred, target).item();
}

/** The fraction classified correctly as a one-element tensor (read it when convenient: GPU backends read asynchronously). */
export function correctFraction(pred: Tensor, target: Tensor): Tensor {
  return noGrad(() => {
    const classes = pred.shape[pred.rank - 1];
    const n = pred.size / classes;
    let predicted: Tensor;
    let expected: Tensor;
    if (classes === 1) {
      predicted = reshape(greater(pred, 0.5), [n]);
      expected = reshape(greater(target, 0.5), [n]);
    } else {
      predicted = argMax(pred, -1);
      expected = target.size === pred.size ? argMax(target, -1) : reshape(target, [n]);
    }
    if (expected.size !== n) throw new ShapeError('accuracy', [pred.shape, target.shape], 'targets do not match predictions');
    return mean(equal(reshape(predicted, [n]), expected));
  });
}
