/**
 * The base of every layer: named trainable parameters, a training/inference mode, an optional
 * weight-decay penalty, and `forward` over one or more input tensors.
 */
import type { Tensor } from '../core/tensor';
import { add } from '../ops';
import { NO_REGULARIZER, penalty, type Regularizer } from './regularizers';

/** A trainable tensor of a layer. Its identity is stable across updates (optimisers key state on it). */
export interface Parameter {
  /** 'kernel', 'bias', 'gamma', 'beta' … */
  readonly name: string;
  readonly value: Tensor;
  /** Whether weight decay applies (kernels yes, biases and BatchNorm's γ/β no). */
  readonly decay: boolean;
}

export abstract class Layer {
  /** The layer kind ('Dense', 'Conv2D' …). */
  abstract readonly kind: string;
  /** True while training (BatchNorm uses batch statistics, Dropout drops). */
  training = true;
  regularizer: Regularizer = NO_REGULARIZER;
  protected readonly params: Parameter[] = [];

  constructor(public name: string) {}

  abstract forward(...inputs: Tensor[]): Tensor;

  parameters(): readonly Parameter[] {
    return this.params;
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.params.reduce((n, p) => n + p.value.size, 0);
  }

  /** The layer's weight-decay term (λΣ|W| or λΣW² over its decayed parameters), or null. */
  regularizationLoss(): Tensor | null {
    let total: Tensor | null = null;
    for (const p of this.params) {
      if (!p.decay) continue;
      const term = penalty(this.regularizer, p.value);
      if (term) total = total ? add(total, term) : term;
    }
    return total;
  }

  protected addParameter(name: string, value: Tensor, decay: boolean): Tensor {
    value.requiresGrad = true;
    this.params.push({ name, value, decay });
    return value;
  }
}
