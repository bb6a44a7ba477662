/**
 * Histograms of tensor values with summary statistics — what the distributions panel draws
 * (weights, activations and gradients over time).
 */
import type { TypedArray } from '../core/dtype';

export interface Histogram {
  /** Lower edge of the first bin and upper edge of the last (min and max of the values). */
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  /** Values counted; non-finite values are left out and counted in `nonFinite`. */
  readonly count: number;
  readonly nonFinite: number;
  /** Equal-width bin counts over [min, max]. */
  readonly bins: Uint32Array;
}

/** A fixed-bin histogram of `values` over their own range. */
export function histogram(values: TypedArray | readonly number[], binCount = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  const bins = new Uint32Array(binCount);
  if (count === 0) return { min: 0, max: 0, mean: 0, std: 0, count, nonFinite, bins };
  const mean = sum / count;
  let sq = 0;
  const width = (max - min) / binCount;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    sq += (v - mean) ** 2;
    const b = width > 0 ? Math.min(binCount - 1, Math.floor((v - min) / width)) : Math.floor(binCount / 2);
    bins[b]++;
  }
  return { min, max, mean, std: Math.sqrt(sq / count), count, nonFinite, bins };
}
