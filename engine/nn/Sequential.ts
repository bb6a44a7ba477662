/**
 * A stack of layers applied in order — the simplest model; wired graphs (DAGs with skip
 * connections) are compiled by engine/graph.
 */
import type { Tensor } from '../core/tensor';
import { add } from '../ops';
import type { Layer, Parameter } from './Layer';

export class Sequential {
  constructor(readonly layers: readonly Layer[]) {}

  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((l) => l.parameters());
  }

  parameterCount(): number {
    return this.layers.reduce((n, l) => n + l.parameterCount(), 0);
  }

  /** Sum of every layer's weight-decay term, or null when none applies. */
  regularizationLoss(): Tensor | null {
    let total: Tensor | null = null;
    for (const layer of this.layers) {
      const term = layer.regularizationLoss();
      if (term) total = total ? add(total, term) : term;
    }
    return total;
  }

  /** Training mode: BatchNorm uses batch statistics, Dropout drops units. */
  train(): this {
    for (const l of this.layers) l.training = true;
    return this;
  }

  /** Inference mode: BatchNorm uses running statistics, Dropout is the identity. */
  eval(): this {
    for (const l of this.layers) l.training = false;
    return this;
  }
}
