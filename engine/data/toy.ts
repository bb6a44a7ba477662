/**
 * The first, minimal shape of the toy sets (plain arrays plus counts), kept for the tests and
 * callers written against it. New code should use the `Dataset` builders in `synthetic.ts`
 * (`gateDataset`, `spiralsDataset`, …) or `loadBuiltinDataset`; these wrap them.
 */
import { gateDataset, spiralsDataset, type Gate } from './synthetic';

export type { Gate } from './synthetic';

export interface ToyData {
  /** Features, row-major (samples, 2). */
  x: Float32Array;
  /** Targets: 0/1 per row for gates (use as (samples, 1)), class indices (samples,) for spirals. */
  y: Float32Array;
  samples: number;
  features: number;
  classes: number;
}

/** The four rows of a two-input logic gate: inputs (0,0) (1,0) (0,1) (1,1) and the gate's output. */
export function logicGate(gate: Gate): ToyData {
  const d = gateDataset(gate);
  return { x: d.x, y: d.y, samples: d.samples, features: 2, classes: d.classes };
}

/**
 * Interleaved spirals: `classes` arms of `perClass` points each, radius 0→1, angle noise
 * σ=`noise`. Not linearly separable. See `spiralsDataset`.
 */
export function spirals(perClass: number, classes: number, noise: number, seed: number): ToyData {
  const d = spiralsDataset({ samples: perClass * classes, classes, noise, seed });
  return { x: d.x, y: d.y, samples: d.samples, features: 2, classes };
}
