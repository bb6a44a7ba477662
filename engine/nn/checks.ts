/**
 * Checks a model can learn with the chosen optimiser, with messages a learner understands.
 */
import { Activation, ZERO_GRADIENT_ACTIVATIONS } from './activations';
import type { Layer } from './Layer';
import type { Optimizer } from './optimizers';

export interface TrainabilityWarning {
  /** The layer the warning is about. */
  layer: string;
  message: string;
}

/**
 * Warns when a Step activation sits behind trainable layers and the optimiser is gradient-based:
 * Step's derivative is zero everywhere (and undefined at 0), so backprop sends no signal back
 * and those weights never change.
 */
export function trainabilityWarnings(layers: readonly Layer[], optimizer: Optimizer): TrainabilityWarning[] {
  if (optimizer.straightThroughStep) return [];
  const warnings: TrainabilityWarning[] = [];
  layers.forEach((layer, i) => {
    if (!(layer instanceof Activation) || !ZERO_GRADIENT_ACTIVATIONS.includes(layer.fn)) return;
    const before = layers.slice(0, i).filter((l) => l.parameterCount() > 0);
    if (before.length === 0) return;
    warnings.push({
      layer: layer.name,
      message: `The step function's gradient is zero everywhere, so backpropagation cannot train ` +
        `${before.map((l) => l.name).join(', ')}: nothing will learn. Use sigmoid, tanh or ReLU, ` +
        `or train a single-layer step network with the Perceptron optimiser.`,
    });
  });
  return warnings;
}
