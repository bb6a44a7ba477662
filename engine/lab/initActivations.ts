/**
 * The course's weight-initialisation experiment: a net of `layers` fully connected layers of
 * `units` units (no biases, as in the course) fed `samples` inputs drawn from a standard normal,
 * and the histogram of each hidden layer's activations. With σ = 1 sigmoid units saturate at 0 and
 * 1 (vanishing gradients); with σ = 0.01 they all say ~0.5 (little expressive power); Xavier
 * (σ = 1/√n) keeps them spread; for ReLU, He (σ = √(2/n)) keeps the signal alive layer after layer.
 * Computed with the engine's own ops (seeded normal draws, matmul, the activations).
 */
import { ArgumentError } from '../core/errors';
import { Random } from '../core/random';
import { msg } from '../i18n/message';
import { matmul, noGrad, randomNormal, relu, scope, sigmoid, tanh } from '../ops';

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

/** Bounds on the experiment's size (it runs in the editor while the user waits). */
export const INIT_LIMITS = { layers: 20, units: 1000, samples: 100_000, bins: 200 } as const;

/** The weights' standard deviation of each preset for a layer of `fanIn` inputs (equal fans). */
export function presetStd(init: InitPresetName, fanIn: number): number {
  switch (init) {
    case 'normal1':
      return 1;
    case 'normal001':
      return 0.01;
    case 'xavierNormal':
      return Math.sqrt(1 / fanIn);
    case 'heNormal':
      return Math.sqrt(2 / fanIn);
  }
}

const SATURATION_MARGIN = 0.02;

function count(name: 'layers' | 'units' | 'samples' | 'bins', value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ArgumentError(msg('labError.init.count', { name: msg(`labError.init.name.${name}`), max, value: String(value) }));
  }
  return value;
}

/**
 * Runs the experiment: `samples` × `units` inputs from N(0, 1), then `layers` times
 * a ← activation(a · W) with W drawn from N(0, presetStd²), and each layer's activations summed
 * up. Seeded, so the same options give the same numbers. Throws `ArgumentError` for sizes outside
 * INIT_LIMITS or an unknown preset or activation.
 */
export function initActivations(options: InitExperimentOptions): LayerActivations[] {
  const layers = count('layers', options.layers ?? 5, INIT_LIMITS.layers);
  const units = count('units', options.units ?? 100, INIT_LIMITS.units);
  const samples = count('samples', options.samples ?? 1000, INIT_LIMITS.samples);
  const bins = count('bins', options.bins ?? 30, INIT_LIMITS.bins);
  if (!INIT_PRESETS.includes(options.init)) throw new ArgumentError(msg('labError.init.unknownInit', { init: String(options.init) }));
  if (!LAB_ACTIVATIONS.includes(options.activation)) throw new ArgumentError(msg('labError.init.unknownActivation', { activation: String(options.activation) }));
  const rng = new Random(options.seed ?? 1);
  const activate = { sigmoid, tanh, relu }[options.activation];
  const out: LayerActivations[] = [];
  noGrad(() => scope(() => {
    let a = randomNormal([samples, units], rng);
    for (let l = 1; l <= layers; l++) {
      const w = randomNormal([units, units], rng, { std: presetStd(options.init, units) });
      a = activate(matmul(a, w));
      out.push(summarize(l, a.dataSync() as Float32Array, options.activation, bins));
    }
  }));
  return out;
}

function summarize(layer: number, values: Float32Array, activation: LabActivation, bins: number): LayerActivations {
  const n = values.length;
  let sum = 0;
  let largest = 0;
  let saturated = 0;
  let zero = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v > largest) largest = v;
    if (activation === 'relu') {
      if (v === 0) zero++;
    } else if (activation === 'sigmoid' ? v <= SATURATION_MARGIN || v >= 1 - SATURATION_MARGIN : Math.abs(v) >= 1 - SATURATION_MARGIN) {
      saturated++;
    }
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i] - mean) ** 2;
  const [lo, hi] = activation === 'sigmoid' ? [0, 1] : activation === 'tanh' ? [-1, 1] : [0, Math.max(1, largest)];
  const counts = new Uint32Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < n; i++) {
    const b = Math.floor((values[i] - lo) / width);
    counts[Math.min(bins - 1, Math.max(0, b))]++;
  }
  return { layer, lo, hi, counts, mean, std: Math.sqrt(sq / n), saturated: saturated / n, zero: zero / n };
}
