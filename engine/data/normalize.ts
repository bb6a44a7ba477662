/**
 * Input normalisation: standardise each feature to mean 0 / std 1, or rescale it to [0, 1].
 * Statistics come from the TRAINING rows only and are then applied to every row, so nothing of
 * the validation or test rows leaks into training. The statistics are returned as plain JSON
 * so they can be stored with the project and applied to new inputs (a drawn digit, the grid of
 * a decision-boundary plot) or exported (`(x − offset) / scale`, PyTorch's `Normalize(mean, std)`).
 */
import { msg } from '../i18n/message';
import { DatasetError, featureSize, type Dataset } from './Dataset';

export type NormalizationKind = 'none' | 'standardize' | 'minmax';

/** The normalisation kinds, as the inspector lists them. */
export const NORMALIZATION_KINDS: readonly NormalizationKind[] = ['none', 'standardize', 'minmax'];

/**
 * What one statistic covers: each value position of a sample ('feature', e.g. each of Iris's 4
 * measurements) or each channel of an image, pooled over its pixels ('channel', e.g. one
 * mean/std for MNIST's grey channel — per-pixel statistics would blow up the nearly-always-blank
 * border pixels).
 */
export type NormalizationScope = 'feature' | 'channel';

/** Everything needed to apply a fitted normalisation again: x′ = (x − offset[g]) / scale[g]. */
export interface NormalizationStats {
  readonly kind: NormalizationKind;
  readonly per: NormalizationScope;
  /** Shape of one sample the statistics were fitted on. */
  readonly featureShape: readonly number[];
  /** Per group: the mean (standardize), the minimum (minmax), or 0 (none). */
  readonly offset: readonly number[];
  /** Per group: the std (standardize), max − min (minmax), or 1 (none); 1 where that is 0. */
  readonly scale: readonly number[];
}

export interface NormalizeOptions {
  /** Default: 'channel' for images (featureShape of rank 3, NHWC), 'feature' otherwise. */
  per?: NormalizationScope;
}

/**
 * Fits normalisation statistics on the rows `trainIndices` of `dataset` (never on the others).
 * Standardisation uses the population std (as scikit-learn's StandardScaler). A group whose
 * std or range is 0 gets scale 1, so it is only shifted.
 *
 * @throws DatasetError on an unknown kind, no training rows, or an index out of range.
 */
export function fitNormalization(
  dataset: Dataset,
  kind: NormalizationKind,
  trainIndices: ArrayLike<number>,
  options: NormalizeOptions = {},
): NormalizationStats {
  if (!NORMALIZATION_KINDS.includes(kind)) {
    throw new DatasetError(msg('dataError.normalize.unknownKind', { kind: `'${kind}'`, kinds: NORMALIZATION_KINDS.join(', ') }));
  }
  const per = options.per ?? (dataset.featureShape.length >= 3 ? 'channel' : 'feature');
  if (per !== 'feature' && per !== 'channel') throw new DatasetError(msg('dataError.normalize.per', { per: `'${per}'` }));
  const size = featureSize(dataset);
  const groups = per === 'channel' ? dataset.featureShape[dataset.featureShape.length - 1] : size;
  const featureShape = [...dataset.featureShape];
  if (kind === 'none') return { kind, per, featureShape, offset: new Array(groups).fill(0), scale: new Array(groups).fill(1) };
  if (trainIndices.length === 0) {
    throw new DatasetError(msg('dataError.dataset', { name: `'${dataset.name}'`, detail: msg('dataError.normalize.emptyTraining', { kind: `'${kind}'` }) }));
  }

  const { x } = dataset;
  const count = new Float64Array(groups);
  const a = new Float64Array(groups).fill(kind === 'minmax' ? Infinity : 0); // sum or min
  const b = new Float64Array(groups).fill(kind === 'minmax' ? -Infinity : 0); // sum of squares or max
  // Shifting by the first training row before summing squares keeps the variance accurate for
  // features with a large mean (E[(x−k)²] − E[x−k]² cancels far less than E[x²] − E[x]²).
  const pivot = new Float64Array(groups);
  const first = rowOffset(dataset, trainIndices[0]);
  for (let j = 0; j < size; j++) pivot[j % groups] = x[first + j];
  for (let i = 0; i < trainIndices.length; i++) {
    const start = rowOffset(dataset, trainIndices[i]);
    for (let j = 0; j < size; j++) {
      const g = j % groups;
      const v = x[start + j];
      if (kind === 'minmax') {
        if (v < a[g]) a[g] = v;
        if (v > b[g]) b[g] = v;
      } else {
        const d = v - pivot[g];
        a[g] += d;
        b[g] += d * d;
        count[g]++;
      }
    }
  }
  const offset: number[] = [];
  const scale: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (kind === 'minmax') {
      offset.push(a[g]);
      scale.push(nonZero(b[g] - a[g]));
    } else {
      const meanShift = a[g] / count[g];
      offset.push(pivot[g] + meanShift);
      scale.push(nonZero(Math.sqrt(Math.max(0, b[g] / count[g] - meanShift * meanShift))));
    }
  }
  return { kind, per, featureShape, offset, scale };
}

/**
 * Applies fitted statistics to row-major samples of the fitted feature shape; writes into
 * `out` (may be `x` itself) or a new array.
 *
 * @throws DatasetError when `x` is not a whole number of samples or the statistics are malformed.
 */
export function applyNormalization(x: Float32Array, stats: NormalizationStats, out: Float32Array = new Float32Array(x.length)): Float32Array {
  const size = stats.featureShape.reduce((p, d) => p * d, 1);
  const groups = stats.offset.length;
  const expected = stats.per === 'channel' ? stats.featureShape[stats.featureShape.length - 1] : size;
  if (groups !== expected || stats.scale.length !== groups) {
    throw new DatasetError(msg('dataError.normalize.stats', {
      groups, scales: stats.scale.length, per: `'${stats.per}'`, shape: stats.featureShape.join(', '), expected,
    }));
  }
  if (x.length % size !== 0) throw new DatasetError(`Normalisation: ${x.length} values are not whole samples of shape [${stats.featureShape.join(', ')}]`);
  if (out.length !== x.length) throw new DatasetError(`Normalisation: output holds ${out.length} values for ${x.length} inputs`);
  for (let i = 0; i < x.length; i++) {
    const g = (i % size) % groups;
    out[i] = (x[i] - stats.offset[g]) / stats.scale[g];
  }
  return out;
}

/**
 * Fits statistics on `trainIndices` and returns a copy of the data set with every row (train,
 * validation and test alike) normalised by them, plus the statistics. With kind 'none' the data
 * set itself is returned.
 */
export function normalizeDataset<D extends Dataset>(
  dataset: D,
  kind: NormalizationKind,
  trainIndices: ArrayLike<number>,
  options: NormalizeOptions = {},
): { dataset: D; stats: NormalizationStats } {
  const stats = fitNormalization(dataset, kind, trainIndices, options);
  if (kind === 'none') return { dataset, stats };
  return { dataset: { ...dataset, x: applyNormalization(dataset.x, stats) }, stats };
}

function rowOffset(dataset: Dataset, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.samples) {
    throw new DatasetError(`Dataset '${dataset.name}': training index ${index} is outside 0…${dataset.samples - 1}`);
  }
  return index * featureSize(dataset);
}

function nonZero(v: number): number {
  return v > 1e-12 ? v : 1;
}
