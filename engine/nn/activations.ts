/**
 * The activation functions of the course, as functions and as a layer.
 */
import type { Tensor } from '../core/tensor';
import { leakyRelu, relu, sigmoid, softmax, step, tanh } from '../ops';
import { Layer } from './Layer';

export type ActivationKind = 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'softmax' | 'identity';

export const ACTIVATION_KINDS: readonly ActivationKind[] = ['step', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'softmax', 'identity'];

/**
 * Activations whose gradient is zero wherever it exists. Backprop cannot change any weight
 * before them, so a net using them learns nothing unless trained by the perceptron rule.
 */
export const ZERO_GRADIENT_ACTIVATIONS: readonly ActivationKind[] = ['step'];

export function activate(kind: ActivationKind, x: Tensor, alpha = 0.01): Tensor {
  switch (kind) {
    case 'step':
      return step(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return tanh(x);
    case 'relu':
      return relu(x);
    case 'leakyRelu':
      return leakyRelu(x, alpha);
    case 'softmax':
      return softmax(x, -1);
    case 'identity':
      return x;
  }
}

export class Activation extends Layer {
  readonly kind = 'Activation';
  /** @param alpha LeakyReLU's slope for negative inputs. */
  constructor(readonly fn: ActivationKind, readonly alpha = 0.01, name: string = fn) {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return activate(this.fn, x, this.alpha);
  }
}
