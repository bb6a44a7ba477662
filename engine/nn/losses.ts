/**
 * Loss functions. Each returns a scalar: the per-sample loss averaged over the batch, as the
 * course's mini-batch formula E = −(1/N) Σₙ Σₖ tₙₖ log yₙₖ does.
 *
 * - MSE follows the course's per-sample E = ½ Σₖ (yₖ − tₖ)² (note the ½ and the sum over
 *   outputs), averaged over the batch. PyTorch's MSELoss (mean over every element, no ½) differs
 *   by a factor of 2/outputs; exports account for it.
 * - Cross-entropy takes logits (fused log-softmax, stable for any input) or probabilities (a small
 *   δ = 1e-7 inside the log, as the course's code does). Targets are one-hot rows or class indices.
 * - Binary cross-entropy takes probabilities or logits, averaged over all elements.
 */
import { ShapeError } from '../core/errors';
import { shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { abs, add, div, exp, log, logSoftmax, mean, mul, neg, oneHot, reshape, square, sub, sum } from '../ops';

const DELTA = 1e-7;

function batchMean(perSampleSum: Tensor, batch: number): Tensor {
  return div(perSampleSum, batch);
}

/** ½ Σₖ (yₖ − tₖ)² per sample, averaged over the batch. */
export function meanSquaredError(pred: Tensor, target: Tensor): Tensor {
  if (!shapesEqual(pred.shape, target.shape)) {
    throw new ShapeError('MSE', [pred.shape, target.shape], 'prediction and target must have the same shape');
  }
  return batchMean(mul(sum(square(sub(pred, target))), 0.5), pred.shape[0] ?? 1);
}

/** One-hot targets of `pred`'s shape from one-hot rows or class indices. */
function oneHotTargets(pred: Tensor, target: Tensor, op: string): Tensor {
  const classes = pred.shape[pred.rank - 1];
  if (shapesEqual(pred.shape, target.shape)) return target;
  const indexShape = pred.shape.slice(0, -1);
  if (shapesEqual(target.shape, indexShape) || shapesEqual(target.shape, [...indexShape, 1])) {
    return oneHot(reshape(target, indexShape), classes);
  }
  throw new ShapeError(op, [pred.shape, target.shape], `targets must be one-hot ${JSON.stringify(pred.shape)} or class indices`);
}

export interface CrossEntropyOptions {
  /** The prediction is raw scores (softmax applied inside, fused and stable). Default true. */
  fromLogits?: boolean;
}

/** −(1/N) Σₙ Σₖ tₙₖ log yₙₖ with y = softmax(logits) or the given probabilities. */
export function crossEntropy(pred: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  if (pred.rank < 2 || pred.shape[pred.rank - 1] < 2) {
    throw new ShapeError('CrossEntropy', [pred.shape], 'needs at least 2 classes on the last axis; for one output use binary cross-entropy');
  }
  const t = oneHotTargets(pred, target, 'CrossEntropy');
  const logY = options.fromLogits === false ? log(add(pred, DELTA)) : logSoftmax(pred, -1);
  return batchMean(neg(sum(mul(t, logY))), pred.size / pred.shape[pred.rank - 1]);
}

export interface BinaryCrossEntropyOptions {
  /** The prediction is a raw score (sigmoid applied inside, stable). Default false. */
  fromLogits?: boolean;
}

/** −mean[t log y + (1 − t) log(1 − y)] over all elements. */
export function binaryCrossEntropy(pred: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  if (!shapesEqual(pred.shape, target.shape)) {
    throw new ShapeError('BinaryCrossEntropy', [pred.shape, target.shape], 'prediction and target must have the same shape');
  }
  if (options.fromLogits) {
    // max(x, 0) − x·t + log(1 + e^(−|x|)): never overflows. max(x, 0) is written (x + |x|)/2 so
    // that at x = 0 its gradient is ½ and the total is σ(0) − t, the true derivative (maximum's
    // tie rule would give 1 − t there, which a zero-initialised bias hits on its first step).
    const x = pred;
    return mean(add(sub(mul(add(x, abs(x)), 0.5), mul(x, target)), log(add(exp(neg(abs(x))), 1))));
  }
  const pos = mul(target, log(add(pred, DELTA)));
  const negTerm = mul(sub(1, target), log(add(sub(1, pred), DELTA)));
  return neg(mean(add(pos, negTerm)));
}

export type LossKind = 'mse' | 'crossEntropy' | 'binaryCrossEntropy';
