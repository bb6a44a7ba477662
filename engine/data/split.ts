/**
 * Train / validation / test splits as index arrays into one Dataset (no data is copied).
 * A split is drawn by a seeded shuffle, so the same seed gives the same split; a data set with
 * a fixed test set (MNIST) keeps that set as its test split and only carves validation from
 * the rest.
 */
import { Random } from '../core/random';
import { messageOfError, msg } from '../i18n/message';
import { DatasetError, type Dataset } from './Dataset';

export interface SplitOptions {
  /** Share of the samples for validation, 0 ≤ validation, validation + test < 1. */
  validation: number;
  /**
   * Share of the samples for testing, 0 ≤ test. Ignored (but still checked) for a data set with
   * a fixed test set, whose own test rows are used instead.
   */
  test: number;
  /** Seed of the shuffle that decides which rows go where. */
  seed: number;
}

/** Row indices of each split, each sorted ascending; together they cover every row once. */
export interface DatasetSplits {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
  readonly test: Uint32Array;
  /** True when `test` is the data set's fixed test set rather than carved by the seed. */
  readonly fixedTest: boolean;
}

/**
 * Checks split fractions: finite, each ≥ 0, and validation + test < 1 (something must be left
 * to train on).
 *
 * @throws DatasetError naming the offending fraction.
 */
export function validateSplitFractions(validation: number, test: number): void {
  for (const [name, value] of [['validation', validation], ['test', test]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
      throw new DatasetError(msg('dataError.split.fraction', { name: msg(`dataError.split.${name}`), value: String(value) }));
    }
  }
  if (validation + test >= 1) {
    throw new DatasetError(msg('dataError.split.sum', { validation, test, sum: +(validation + test).toFixed(6) }));
  }
}

/**
 * Splits `samples` rows into train, validation and test by a seeded shuffle. Sizes are
 * round(samples × validation) and round(samples × test); training gets the rest.
 *
 * @throws DatasetError on bad fractions, or when the rounding leaves no training row.
 */
export function splitIndices(samples: number, options: SplitOptions): DatasetSplits {
  validateSplitFractions(options.validation, options.test);
  if (!Number.isInteger(samples) || samples < 1) throw new DatasetError(msg('dataError.split.noSamples', { samples: String(samples) }));
  const order = shuffled(Uint32Array.from({ length: samples }, (_, i) => i), options.seed);
  const nTest = Math.round(samples * options.test);
  const nValidation = Math.round(samples * options.validation);
  assertTrainLeft(samples, nValidation, nTest, options);
  return {
    test: sorted(order.subarray(0, nTest)),
    validation: sorted(order.subarray(nTest, nTest + nValidation)),
    train: sorted(order.subarray(nTest + nValidation)),
    fixedTest: false,
  };
}

/**
 * Splits a data set. Without a fixed test set this is `splitIndices(dataset.samples, …)`.
 * With one (MNIST), `test` is exactly `dataset.fixedTest` whatever the seed, and validation
 * takes round(rest × validation) of the remaining rows, the rest being training rows.
 */
export function splitDataset(dataset: Dataset, options: SplitOptions): DatasetSplits {
  if (!dataset.fixedTest) {
    try {
      return splitIndices(dataset.samples, options);
    } catch (e) {
      if (e instanceof DatasetError) throw new DatasetError(msg('dataError.dataset', { name: `'${dataset.name}'`, detail: messageOfError(e) ?? e.message }));
      throw e;
    }
  }
  validateSplitFractions(options.validation, options.test);
  const isTest = new Uint8Array(dataset.samples);
  for (const i of dataset.fixedTest) isTest[i] = 1;
  const rest = new Uint32Array(dataset.samples - dataset.fixedTest.length);
  for (let i = 0, k = 0; i < dataset.samples; i++) if (!isTest[i]) rest[k++] = i;
  const order = shuffled(rest, options.seed);
  const nValidation = Math.round(rest.length * options.validation);
  assertTrainLeft(rest.length, nValidation, 0, options, dataset.name);
  return {
    test: dataset.fixedTest.slice(),
    validation: sorted(order.subarray(0, nValidation)),
    train: sorted(order.subarray(nValidation)),
    fixedTest: true,
  };
}

function assertTrainLeft(available: number, nValidation: number, nTest: number, options: SplitOptions, name?: string): void {
  if (available - nValidation - nTest >= 1) return;
  const detail = msg('dataError.split.noTraining', { available, validation: options.validation, test: options.test, nValidation, nTest });
  throw new DatasetError(name ? msg('dataError.dataset', { name: `'${name}'`, detail }) : detail);
}

function shuffled(indices: Uint32Array, seed: number): Uint32Array {
  if (!Number.isSafeInteger(seed)) throw new DatasetError(msg('dataError.split.seed', { value: String(seed) }));
  return new Random(seed).fork('split').shuffle(indices);
}

function sorted(indices: Uint32Array): Uint32Array {
  return indices.slice().sort();
}
