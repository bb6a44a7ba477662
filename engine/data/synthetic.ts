/**
 * Generated 2-D data sets for first experiments: the logic gates of the perceptron chapter,
 * interleaved spirals, and scikit-learn's two moons and concentric circles. All are seeded:
 * the same parameters and seed give the same points on every machine.
 *
 * Rows come grouped by class (class 0 first); splitting and batching shuffle them.
 */
import { Random } from '../core/random';
import { msg } from '../i18n/message';
import { DatasetError, defineDataset, type ClassificationDataset } from './Dataset';
import { intParam, numberParam, seedParam } from './params';

export type Gate = 'and' | 'or' | 'xor' | 'nand';

/** The four gates, in the order the palette lists them. */
export const GATES: readonly Gate[] = ['and', 'or', 'xor', 'nand'];

const GATE_OUTPUT: Record<Gate, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  nand: (a, b) => 1 - (a & b),
};

/** The most spiral arms a set may have. */
export const MAX_SPIRAL_CLASSES = 10;

/**
 * The truth table of a two-input logic gate: inputs (0,0) (1,0) (0,1) (1,1), target the gate's
 * output, as a binary classification with 2 classes (class 1 = output 1).
 */
export function gateDataset(gate: Gate): ClassificationDataset {
  const output = GATE_OUTPUT[gate];
  if (!output) throw new DatasetError(msg('dataError.builtin.unknownGate', { gate: `'${String(gate)}'`, gates: GATES.join(', ') }));
  const rows = [[0, 0], [1, 0], [0, 1], [1, 1]];
  return defineDataset({
    name: gate,
    task: 'classification',
    x: Float32Array.from(rows.flat()),
    featureShape: [2],
    samples: 4,
    y: Float32Array.from(rows.map(([a, b]) => output(a, b))),
    classes: 2,
    classNames: ['0', '1'],
  });
}

export interface SpiralsOptions {
  /** Total points (default 300), split as evenly as possible between the arms. */
  samples?: number;
  /** Number of arms = classes, 2 … 10 (default 3). */
  classes?: number;
  /** σ of the Gaussian noise on each point's angle, in radians (default 0.2). */
  noise?: number;
  seed?: number;
}

/**
 * Interleaved spirals (the CS231n construction): arm `c` starts at angle 2πc/K and sweeps
 * 4 radians while its radius grows from 0 to 1; each point's angle gets N(0, noise²) added.
 * Not linearly separable; a small ReLU net learns it.
 */
export function spiralsDataset(options: SpiralsOptions = {}): ClassificationDataset {
  const classes = intParam('spirals', 'classes', options.classes, 3, 2, MAX_SPIRAL_CLASSES);
  const samples = intParam('spirals', 'samples', options.samples, 300, classes);
  const noise = numberParam('spirals', 'noise', options.noise, 0.2, 0);
  const rng = new Random(seedParam('spirals', options.seed)).fork('spirals');
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  let k = 0;
  for (let c = 0; c < classes; c++) {
    const count = Math.floor(samples / classes) + (c < samples % classes ? 1 : 0);
    for (let i = 0; i < count; i++, k++) {
      const r = count === 1 ? 1 : i / (count - 1);
      const t = (2 * Math.PI * c) / classes + 4 * r + rng.normal() * noise;
      x[2 * k] = r * Math.sin(t);
      x[2 * k + 1] = r * Math.cos(t);
      y[k] = c;
    }
  }
  return defineDataset({ name: 'spirals', task: 'classification', x, featureShape: [2], samples, y, classes });
}

export interface MoonsOptions {
  /** Total points (default 200): ⌊n/2⌋ on the upper moon (class 0), the rest on the lower. */
  samples?: number;
  /** σ of the Gaussian noise added to each coordinate (default 0.1). */
  noise?: number;
  seed?: number;
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: the upper moon (class 0) is
 * (cos θ, sin θ), the lower (class 1) is (1 − cos θ, 0.5 − sin θ), θ evenly spaced over [0, π].
 */
export function moonsDataset(options: MoonsOptions = {}): ClassificationDataset {
  const samples = intParam('moons', 'samples', options.samples, 200, 2);
  const noise = numberParam('moons', 'noise', options.noise, 0.1, 0);
  const rng = new Random(seedParam('moons', options.seed)).fork('moons');
  const nOuter = Math.floor(samples / 2);
  const nInner = samples - nOuter;
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let k = 0; k < samples; k++) {
    const inner = k >= nOuter;
    const i = inner ? k - nOuter : k;
    const theta = linspace(0, Math.PI, inner ? nInner : nOuter, i, true);
    x[2 * k] = (inner ? 1 - Math.cos(theta) : Math.cos(theta)) + rng.normal() * noise;
    x[2 * k + 1] = (inner ? 0.5 - Math.sin(theta) : Math.sin(theta)) + rng.normal() * noise;
    y[k] = inner ? 1 : 0;
  }
  return defineDataset({ name: 'moons', task: 'classification', x, featureShape: [2], samples, y, classes: 2 });
}

export interface CirclesOptions {
  /** Total points (default 200): ⌊n/2⌋ on the outer circle (class 0), the rest on the inner. */
  samples?: number;
  /** σ of the Gaussian noise added to each coordinate (default 0.05). */
  noise?: number;
  /** Radius of the inner circle, the outer having radius 1; in (0, 1) (default 0.5). */
  factor?: number;
  seed?: number;
}

/**
 * Two concentric circles, as scikit-learn's `make_circles`: the outer (class 0) of radius 1,
 * the inner (class 1) of radius `factor`, points evenly spaced in angle. No line separates
 * them; the squared radius does.
 */
export function circlesDataset(options: CirclesOptions = {}): ClassificationDataset {
  const samples = intParam('circles', 'samples', options.samples, 200, 2);
  const noise = numberParam('circles', 'noise', options.noise, 0.05, 0);
  const factor = numberParam('circles', 'factor', options.factor, 0.5, 0, 1, true);
  const rng = new Random(seedParam('circles', options.seed)).fork('circles');
  const nOuter = Math.floor(samples / 2);
  const nInner = samples - nOuter;
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let k = 0; k < samples; k++) {
    const inner = k >= nOuter;
    const i = inner ? k - nOuter : k;
    const theta = linspace(0, 2 * Math.PI, inner ? nInner : nOuter, i, false);
    const r = inner ? factor : 1;
    x[2 * k] = r * Math.cos(theta) + rng.normal() * noise;
    x[2 * k + 1] = r * Math.sin(theta) + rng.normal() * noise;
    y[k] = inner ? 1 : 0;
  }
  return defineDataset({ name: 'circles', task: 'classification', x, featureShape: [2], samples, y, classes: 2 });
}

/** The `i`-th of `n` evenly spaced values from `start` to `stop` (NumPy's linspace). */
function linspace(start: number, stop: number, n: number, i: number, endpoint: boolean): number {
  const steps = endpoint ? n - 1 : n;
  return steps <= 0 ? start : start + ((stop - start) * i) / steps;
}
