/**
 * Looking into a model while and after it trains: predictions on raw inputs (a drawn digit, the
 * grid of a decision-boundary plot), a confusion matrix, and the raw pixels of samples for the
 * predictions panel. Everything runs in inference mode without recording gradients, and puts
 * the model back in training mode after.
 */
import type { Dataset } from '../data/Dataset';
import { featureSize } from '../data/Dataset';
import { applyNormalization, type NormalizationStats } from '../data/normalize';
import type { CompiledGraph } from '../graph/compile';
import { noGrad, scope, tensor } from '../ops';

const CHUNK = 512;

/** The model's predictions for `count` rows of already-normalised features: count × outputs values. */
export async function predictNormalized(compiled: CompiledGraph, x: Float32Array, featureShape: readonly number[], count: number): Promise<{ values: Float32Array; outputs: number }> {
  const size = featureShape.reduce((p, d) => p * d, 1);
  const { model, dtype, backend } = compiled;
  let values: Float32Array | null = null;
  let outputs = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    // Each chunk's tensors are freed as soon as its read has been queued.
    const read = noGrad(() => scope(() => {
      model.eval();
      try {
        const input = tensor(x.subarray(start * size, (start + n) * size), [n, ...featureShape], { dtype, backend });
        const pred = model.forward(input).prediction;
        outputs = pred.size / n;
        return pred.data();
      } finally {
        model.train();
      }
    }));
    values ??= new Float32Array(count * outputs);
    values.set(await read, start * outputs);
  }
  return { values: values ?? new Float32Array(0), outputs };
}

/** Predictions for raw inputs (as the user gives them): normalised with the run's statistics first. */
export function predictRaw(compiled: CompiledGraph, normalization: NormalizationStats | null, featureShape: readonly number[], raw: Float32Array, count: number): Promise<{ values: Float32Array; outputs: number }> {
  const x = normalization ? applyNormalization(raw, normalization) : raw;
  return predictNormalized(compiled, x, featureShape, count);
}

/** Per-class probabilities from predictions: one sigmoid output p becomes [1 − p, p]. */
export function classProbabilities(values: Float32Array, outputs: number, classes: number): Float32Array {
  if (outputs === classes) return values;
  const count = values.length / outputs;
  const out = new Float32Array(count * classes);
  if (outputs === 1 && classes === 2) {
    for (let i = 0; i < count; i++) {
      out[2 * i] = 1 - values[i];
      out[2 * i + 1] = values[i];
    }
    return out;
  }
  throw new RangeError(`the model has ${outputs} outputs for ${classes} classes`);
}

function argMaxRows(probs: Float32Array, classes: number): Uint8Array {
  const count = probs.length / classes;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** Gathers rows of the (normalised) features. */
function gather(dataset: Dataset, indices: ArrayLike<number>): Float32Array {
  const size = featureSize(dataset);
  const out = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) out.set(dataset.x.subarray(indices[i] * size, (indices[i] + 1) * size), i * size);
  return out;
}

/** Classification only: counts[true × classes + predicted] over `indices`. */
export async function confusionCounts(compiled: CompiledGraph, dataset: Dataset, indices: ArrayLike<number>, classes: number): Promise<Uint32Array> {
  const counts = new Uint32Array(classes * classes);
  if (dataset.task !== 'classification' || indices.length === 0) return counts;
  const { values, outputs } = await predictNormalized(compiled, gather(dataset, indices), dataset.featureShape, indices.length);
  const predicted = argMaxRows(classProbabilities(values, outputs, classes), classes);
  for (let i = 0; i < indices.length; i++) counts[dataset.y[indices[i]] * classes + predicted[i]]++;
  return counts;
}

/**
 * Class probabilities over a res × res grid spanning the ranges of a 2-D input space (raw
 * units), row-major with y decreasing down the rows (as a plot draws it).
 */
export async function boundaryGrid(
  compiled: CompiledGraph, normalization: NormalizationStats | null, xRange: readonly [number, number], yRange: readonly [number, number],
  resolution: number, classes: number,
): Promise<Float32Array> {
  const raw = gridPoints(xRange, yRange, resolution);
  const { values, outputs } = await predictRaw(compiled, normalization, [2], raw, resolution * resolution);
  return classProbabilities(values, outputs, classes);
}

/** The centres of a res × res grid over a 2-D range (raw units, x0 y0 x1 y1 …), rows from the top (largest y) down. */
function gridPoints(xRange: readonly [number, number], yRange: readonly [number, number], resolution: number): Float32Array {
  const raw = new Float32Array(resolution * resolution * 2);
  for (let r = 0; r < resolution; r++) {
    const y = yRange[1] - ((r + 0.5) / resolution) * (yRange[1] - yRange[0]);
    for (let c = 0; c < resolution; c++) {
      const i = (r * resolution + c) * 2;
      raw[i] = xRange[0] + ((c + 0.5) / resolution) * (xRange[1] - xRange[0]);
      raw[i + 1] = y;
    }
  }
  return raw;
}

/**
 * What one node of the model computes over the plane of a 2-D input (the hidden units of an XOR
 * net): its output at each point of the same grid as `boundaryGrid`, in inference mode. `values`
 * is unit-major: unit u's grid is values[u·res² …], row-major from the top.
 */
export async function layerOutputGrid(
  compiled: CompiledGraph, normalization: NormalizationStats | null, nodeId: string,
  xRange: readonly [number, number], yRange: readonly [number, number], resolution: number,
): Promise<{ units: number; values: Float32Array }> {
  const { model, dtype, backend } = compiled;
  if (!model.steps.some((s) => s.nodeId === nodeId)) throw new RangeError(`node '${nodeId}' is not a step of the model`);
  const raw = gridPoints(xRange, yRange, resolution);
  const x = normalization ? applyNormalization(raw, normalization) : raw;
  const cells = resolution * resolution;
  const read = noGrad(() => scope(() => {
    model.eval();
    try {
      const out = model.forward(tensor(x, [cells, 2], { dtype, backend })).outputs.get(nodeId)!;
      return { units: out.size / cells, data: out.data() };
    } finally {
      model.train();
    }
  }));
  const data = await read.data;
  const units = read.units;
  const values = new Float32Array(units * cells);
  for (let p = 0; p < cells; p++) for (let u = 0; u < units; u++) values[u * cells + p] = data[p * units + u];
  return { units, values };
}

/** The rows' features as they were before normalisation (for showing images). */
export function rawRows(dataset: Dataset, normalization: NormalizationStats | null, indices: ArrayLike<number>): Float32Array {
  const x = gather(dataset, indices);
  if (!normalization) return x;
  const size = featureSize(dataset);
  const groups = normalization.offset.length;
  for (let i = 0; i < x.length; i++) {
    const g = (i % size) % groups;
    x[i] = x[i] * normalization.scale[g] + normalization.offset[g];
  }
  return x;
}

/** Samples with their predicted class and its probability (classification only). */
export async function predictSamples(compiled: CompiledGraph, dataset: Dataset, indices: ArrayLike<number>, classes: number): Promise<{ predicted: Uint8Array; confidence: Float32Array }> {
  const { values, outputs } = await predictNormalized(compiled, gather(dataset, indices), dataset.featureShape, indices.length);
  const probs = classProbabilities(values, outputs, classes);
  const predicted = argMaxRows(probs, classes);
  const confidence = Float32Array.from(predicted, (p, i) => probs[i * classes + p]);
  return { predicted, confidence };
}

/** The plotted ranges of 2-D points: their extent, padded by a quarter of the span on each side. */
export function paddedRanges(xy: Float32Array): { xRange: [number, number]; yRange: [number, number] } {
  const range = (offset: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = offset; i < xy.length; i += 2) {
      if (xy[i] < lo) lo = xy[i];
      if (xy[i] > hi) hi = xy[i];
    }
    if (!Number.isFinite(lo)) return [-1, 1];
    const pad = Math.max(hi - lo, 1e-6) * 0.25;
    return [lo - pad, hi + pad];
  };
  return { xRange: range(0), yRange: range(1) };
}
