/**
 * CONTRACT STUB (helper H1 implements): the course's weight-initialisation experiment — a net of
 * `layers` Dense layers of `units` units (no biases, as in the course) fed `samples` inputs drawn
 * from a standard normal, and the histogram of each hidden layer's activations.
 */
export type InitPresetName = 'normal1' | 'normal001' | 'xavierNormal' | 'heNormal';
export const INIT_PRESETS: readonly InitPresetName[] = ['normal1', 'normal001', 'xavierNormal', 'heNormal'];
export type LabActivation = 'sigmoid' | 'tanh' | 'relu';
export const LAB_ACTIVATIONS: readonly LabActivation[] = ['sigmoid', 'tanh', 'relu'];

export interface InitExperimentOptions {
  init: InitPresetName;
  activation: LabActivation;
  /** Default 5. */
  layers?: number;
  /** Default 100. */
  units?: number;
  /** Default 1000. */
  samples?: number;
  /** Default 1. */
  seed?: number;
  /** Default 30. */
  bins?: number;
}

export interface LayerActivations {
  /** 1-based layer number. */
  readonly layer: number;
  /** Histogram over [lo, hi]: sigmoid [0, 1], tanh [−1, 1], ReLU [0, max(1, largest value)]. */
  readonly lo: number;
  readonly hi: number;
  readonly counts: Uint32Array;
  readonly mean: number;
  readonly std: number;
  /** Share of activations within 0.02 of the activation's limits (0/1 sigmoid, ±1 tanh). 0 for ReLU. */
  readonly saturated: number;
  /** Share of activations that are exactly 0 (ReLU's dead units); for sigmoid/tanh 0. */
  readonly zero: number;
}

export function initActivations(options: InitExperimentOptions): LayerActivations[] {
  void options;
  throw new Error('not implemented');
}
