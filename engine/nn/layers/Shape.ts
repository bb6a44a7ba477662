/**
 * Flatten and Reshape: change how a sample's values are arranged, keeping the batch axis.
 */
import type { Tensor } from '../../core/tensor';
import { flatten, reshape } from '../../ops';
import { Layer } from '../Layer';

/** (batch, a, b, …) → (batch, a·b·…). */
export class Flatten extends Layer {
  readonly kind = 'Flatten';
  constructor(name = 'flatten') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return flatten(x);
  }
}

/** (batch, …) → (batch, ...targetShape); one target dimension may be -1. */
export class Reshape extends Layer {
  readonly kind = 'Reshape';
  constructor(readonly targetShape: readonly number[], name = 'reshape') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return reshape(x, [x.shape[0], ...this.targetShape]);
  }
}
