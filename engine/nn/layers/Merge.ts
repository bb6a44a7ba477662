/**
 * Layers that join branches (skip connections): Add (element-wise sum) and Concat.
 */
import { ArgumentError } from '../../core/errors';
import type { Tensor } from '../../core/tensor';
import { add, concat } from '../../ops';
import { Layer } from '../Layer';

export class Add extends Layer {
  readonly kind = 'Add';
  constructor(name = 'add') {
    super(name);
  }
  forward(...inputs: Tensor[]): Tensor {
    if (inputs.length < 2) throw new ArgumentError(`${this.name}: Add needs at least two inputs, got ${inputs.length}`);
    return inputs.reduce((acc, x) => add(acc, x));
  }
}

export class Concat extends Layer {
  readonly kind = 'Concat';
  constructor(readonly axis = -1, name = 'concat') {
    super(name);
  }
  forward(...inputs: Tensor[]): Tensor {
    if (inputs.length < 2) throw new ArgumentError(`${this.name}: Concat needs at least two inputs, got ${inputs.length}`);
    return concat(inputs, this.axis);
  }
}
