/**
 * Loads the data a compiled graph trains on: the Dataset node's set, split into train /
 * validation / test with the Training node's seed, normalised with training statistics.
 */
import { loadBuiltinDataset, type DatasetSources } from '../data/builtins';
import type { Dataset } from '../data/Dataset';
import { loadFileDataset } from '../data/fileDataset';
import { normalizeDataset, type NormalizationStats } from '../data/normalize';
import { splitDataset, type DatasetSplits } from '../data/split';
import type { CompiledGraph } from '../graph/compile';

/** Below this many samples (the logic gates) every sample trains and the "test" is the training set. */
export const SMALL_DATASET = 20;
/** Share held out for testing when the set has no fixed test split. */
export const TEST_FRACTION = 0.2;

export interface PreparedData {
  readonly dataset: Dataset;
  readonly splits: DatasetSplits;
  readonly normalization: NormalizationStats | null;
  /** True when the set is too small to hold samples out: test metrics are on the training set. */
  readonly testIsTrain: boolean;
}

export async function prepareData(compiled: CompiledGraph, sources: DatasetSources = {}): Promise<PreparedData> {
  const data = compiled.dataset;
  const raw = data.kind === 'DataFile'
    ? await loadFileDataset(data.params, sources)
    : await loadBuiltinDataset(data.params.source, {
      samples: data.params.samples, noise: data.params.noise, classes: data.params.classes, seed: data.params.seed,
      limit: data.params.limit || undefined, factor: data.params.factor,
    }, sources);
  const p = data.params;
  const small = raw.samples < SMALL_DATASET;
  const splits: DatasetSplits = small
    ? { train: Uint32Array.from({ length: raw.samples }, (_, i) => i), validation: new Uint32Array(0), test: new Uint32Array(0), fixedTest: false }
    : splitDataset(raw, { validation: compiled.training.validationSplit, test: TEST_FRACTION, seed: compiled.training.seed });
  if (p.normalize === 'none') return { dataset: raw, splits, normalization: null, testIsTrain: small };
  const { dataset, stats } = normalizeDataset(raw, p.normalize, splits.train);
  return { dataset, splits, normalization: stats, testIsTrain: small };
}
