/**
 * The perceptron-and-XOR lesson without React: its runs (the course's single perceptron on AND,
 * OR and XOR; the two-layer net on XOR), the verdict a card states, which node is the hidden
 * layer, and a hidden unit's output over the plane as pixels. Pure, so it is tested directly.
 */
import { graph as g, lab } from '../../../../../../engine';
import { EXAMPLES } from '../../../../../../assets/examples/definitions';
import type { LabRun, LabRunSpec } from '../../../../lab/runner';
import { NEUTRAL, TWO_CLASS_COLORS, type Rgb } from '../../Boundary/boundaryImage';

export const PERCEPTRON_DATASETS = ['and', 'or', 'xor'] as const;
export type PerceptronDataset = (typeof PERCEPTRON_DATASETS)[number];

/** Cells per side of the live boundary grids and of the hidden features. */
export const BOUNDARY_RESOLUTION = 40;
export const FEATURE_RESOLUTION = 32;

const example = (name: string): g.Graph => {
  const found = EXAMPLES.find((e) => e.name === name);
  if (!found) throw new Error(`The example '${name}' is missing from assets/examples/definitions.ts.`);
  return found.graph;
};

type Label = (dataset: PerceptronDataset) => string;

/** The single perceptron (the perceptron-and example: one Dense unit, a step, the perceptron rule) on each data set. */
export function perceptronSpecs(batch: string, label: Label): LabRunSpec[] {
  const base = example('perceptron-and');
  return PERCEPTRON_DATASETS.map((source) => ({
    graph: lab.withDataset(base, { source }),
    label: label(source),
    lab: { experiment: 'perceptron', batch },
    options: { boundaryResolution: BOUNDARY_RESOLUTION },
  }));
}

/** The two-layer net on XOR (the xor-mlp example: 4 tanh hidden units). */
export function xorSpec(batch: string, label: string): LabRunSpec {
  return { graph: example('xor-mlp'), label, lab: { experiment: 'perceptron', batch }, options: { boundaryResolution: BOUNDARY_RESOLUTION } };
}

/**
 * The node whose output is the hidden layer's features: the first activation fed by a Dense
 * layer that is not the output's softmax; null when the net has none.
 */
export function hiddenActivationId(graph: g.Graph): string | null {
  const kind = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const e of graph.edges) {
    const target = kind.get(e.target);
    if (kind.get(e.source) === 'Dense' && target && target !== 'Softmax' && g.getNodeDef(target)?.category === 'Activation') return e.target;
  }
  return null;
}

/**
 * The accuracy a card shows: the test evaluation once the run is done (the final weights on all
 * four points), else the last epoch's training accuracy; null before either.
 */
export function runAccuracy(r: LabRun | undefined): number | null {
  if (!r) return null;
  if (r.run.test?.accuracy !== undefined) return r.run.test.accuracy;
  const last = r.run.epochs[r.run.epochs.length - 1];
  return last?.accuracy ?? null;
}

export type Verdict = 'idle' | 'pending' | 'learned' | 'xor' | 'notYet' | 'failed';

/**
 * What a card says: learned when every point is right; once training ended without that, XOR is
 * the perceptron's known limit (no line separates it), AND or OR just needed more epochs.
 */
export function perceptronVerdict(dataset: PerceptronDataset, r: LabRun | undefined): Verdict {
  if (!r) return 'idle';
  if (r.run.status === 'failed') return 'failed';
  const acc = runAccuracy(r);
  if (acc !== null && acc >= 1) return 'learned';
  const ended = r.run.status === 'completed' || r.run.status === 'stopped';
  if (!ended) return 'pending';
  return dataset === 'xor' ? 'xor' : 'notYet';
}

/** How a unit's values map to colour: symmetric about 0 when they go negative (tanh), else 0 … max (ReLU, sigmoid). */
export function featureScale(values: ArrayLike<number>, offset: number, count: number): { lo: number; hi: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < offset + count; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return { lo: -1, hi: 1 };
  if (min < 0) {
    const m = Math.max(Math.abs(min), Math.abs(max), 1e-6);
    return { lo: -m, hi: m };
  }
  return { lo: 0, hi: Math.max(max, 1e-6) };
}

/**
 * One hidden unit's output over the plane as RGBA pixels (resolution², rows top to bottom as the
 * engine sends them): orange at the low end of its scale, blue at the high end, near-white midway.
 */
export function featurePixels(values: ArrayLike<number>, unit: number, resolution: number): Uint8ClampedArray<ArrayBuffer> {
  const cells = resolution * resolution;
  const offset = unit * cells;
  if (values.length < offset + cells) throw new Error(`Feature values too short: ${values.length} for unit ${unit} of ${resolution}×${resolution}.`);
  const { lo, hi } = featureScale(values, offset, cells);
  const [low, high]: readonly Rgb[] = TWO_CLASS_COLORS;
  const out = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const v = values[offset + i];
    // s in [−1, 1]: −1 at lo, 0 midway, 1 at hi.
    const s = Number.isFinite(v) ? Math.max(-1, Math.min(1, ((v - lo) / (hi - lo)) * 2 - 1)) : 0;
    const end = s < 0 ? low : high;
    const w = Math.abs(s);
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(NEUTRAL[c] + (end[c] - NEUTRAL[c]) * w);
    out[i * 4 + 3] = 255;
  }
  return out;
}
