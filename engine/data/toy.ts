/**
 * Small built-in data sets for first experiments: the logic gates of the perceptron chapter and
 * the classic 2-D spirals. Returned as plain typed arrays so any backend can take them.
 */
import { ArgumentError } from '../core/errors';
import { Random } from '../core/random';

export interface ToyData {
  /** Features, row-major (samples, 2). */
  x: Float32Array;
  /** Targets: (samples, 1) 0/1 for gates, class indices (samples,) for spirals. */
  y: Float32Array;
  samples: number;
  features: number;
  classes: number;
}

export type Gate = 'and' | 'or' | 'xor' | 'nand';

const GATES: Record<Gate, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  nand: (a, b) => 1 - (a & b),
  xor: (a, b) => a ^ b,
};

/** The four rows of a two-input logic gate: inputs (0,0) (1,0) (0,1) (1,1) and the gate's output. */
export function logicGate(gate: Gate): ToyData {
  const rows = [[0, 0], [1, 0], [0, 1], [1, 1]];
  return {
    x: Float32Array.from(rows.flat()),
    y: Float32Array.from(rows.map(([a, b]) => GATES[gate](a, b))),
    samples: 4,
    features: 2,
    classes: 2,
  };
}

/**
 * Interleaved spirals: `classes` arms of `perClass` points each, radius 0→1, angle noise σ=`noise`
 * (the well-known CS231n construction). Not linearly separable.
 */
export function spirals(perClass: number, classes: number, noise: number, seed: number): ToyData {
  if (!(perClass > 0 && classes >= 2)) throw new ArgumentError(`spirals: need perClass > 0 and at least 2 classes`);
  const rng = new Random(seed);
  const n = perClass * classes;
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      const r = perClass === 1 ? 1 : i / (perClass - 1);
      const t = (c * 4 + (4 * i) / perClass) + rng.normal() * noise;
      x[2 * k] = r * Math.sin(t);
      x[2 * k + 1] = r * Math.cos(t);
      y[k] = c;
    }
  }
  return { x, y, samples: n, features: 2, classes };
}
