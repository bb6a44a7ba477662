/**
 * One gradient step on one mini-batch: forward, loss (+ weight decay), backward, update.
 */
import type { Tensor } from '../core/tensor';
import { add, backward, withStraightThroughStep } from '../ops';
import type { Optimizer } from './optimizers';
import type { Sequential } from './Sequential';

export type LossFn = (pred: Tensor, target: Tensor) => Tensor;

export interface StepResult {
  /** The data loss (without the penalty). */
  loss: number;
  /** The data loss plus the weight-decay penalty — the course's Cost. */
  cost: number;
  pred: Tensor;
}

export function trainStep(model: Sequential, lossFn: LossFn, optimizer: Optimizer, x: Tensor, y: Tensor): StepResult {
  const run = () => {
    model.train();
    const pred = model.forward(x);
    const loss = lossFn(pred, y);
    const penalty = model.regularizationLoss();
    const cost = penalty ? add(loss, penalty) : loss;
    backward(cost);
    optimizer.step(model.parameters());
    return { loss: loss.item(), cost: cost.item(), pred };
  };
  return optimizer.straightThroughStep ? withStraightThroughStep(run) : run();
}
