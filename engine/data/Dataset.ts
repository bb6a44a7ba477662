/**
 * The Dataset: samples as one row-major Float32Array, the shape of one sample, and targets for
 * either classification (class indices) or regression (target rows). Every built-in set and
 * every user import ends as one of these; splits, normalisation and batching read nothing else.
 */
import { DeepWireError } from '../core/errors';
import { msg, type Message } from '../i18n/message';

/** A data set that cannot be built or used as asked; the message names the set and the field. */
export class DatasetError extends DeepWireError {}

interface DatasetBase {
  /** Shown to the user and used in error messages ('xor', 'mnist', 'my.csv'). */
  readonly name: string;
  /** Features, row-major: `samples × featureSize` values (images in NHWC order). */
  readonly x: Float32Array;
  /** Shape of one sample: `[2]` for points, `[4]` for Iris, `[28, 28, 1]` for MNIST (H, W, C). */
  readonly featureShape: readonly number[];
  /** Number of samples (rows of `x` and of `y`). */
  readonly samples: number;
  /**
   * Rows that form a fixed, published test set (MNIST's held-out digits). When present,
   * splitting uses exactly these rows as the test split, whatever the seed, so test metrics of
   * different runs are comparable. Sorted ascending, no duplicates.
   */
  readonly fixedTest?: Uint32Array;
}

/** Class labels: `y[i]` is the class index (0 … classes−1) of sample `i`, stored as a float. */
export interface ClassificationDataset extends DatasetBase {
  readonly task: 'classification';
  /** Class indices, one per sample. */
  readonly y: Float32Array;
  /** Number of classes (2 for the logic gates: a binary classification). */
  readonly classes: number;
  /** Human names of the classes ('setosa' …), `classes` of them, when the set has them. */
  readonly classNames?: readonly string[];
}

/** Real-valued targets: `y` holds `samples × targetSize` values, row-major. */
export interface RegressionDataset extends DatasetBase {
  readonly task: 'regression';
  readonly y: Float32Array;
  /** Values per target row. */
  readonly targetSize: number;
}

export type Dataset = ClassificationDataset | RegressionDataset;

export type DatasetTask = Dataset['task'];

/** Values per sample: the product of `featureShape`. */
export function featureSize(dataset: Pick<Dataset, 'featureShape'>): number {
  let n = 1;
  for (const d of dataset.featureShape) n *= d;
  return n;
}

/** Values per target row: 1 (a class index) for classification, `targetSize` for regression. */
export function targetSize(dataset: Dataset): number {
  return dataset.task === 'classification' ? 1 : dataset.targetSize;
}

/** How many samples of each class a classification set holds (index = class). */
export function classCounts(dataset: ClassificationDataset, indices?: ArrayLike<number>): number[] {
  const counts = new Array<number>(dataset.classes).fill(0);
  const n = indices ? indices.length : dataset.samples;
  for (let i = 0; i < n; i++) counts[dataset.y[indices ? indices[i] : i]]++;
  return counts;
}

/**
 * Checks a data set's fields against each other and returns it unchanged. Every builder calls
 * this, so a wrong size, a class index out of range or a NaN is reported where the data is made,
 * not as a shape error deep inside training.
 *
 * @throws DatasetError naming the set and what is inconsistent.
 */
export function defineDataset<D extends Dataset>(dataset: D): D {
  const { name } = dataset;
  // Checks a builder must pass are English only; values a person's file can hold get a message.
  const fail = (detail: string | Message): never => {
    throw new DatasetError(typeof detail === 'string' ? `Dataset '${name}': ${detail}` : msg('dataError.dataset', { name: `'${name}'`, detail }));
  };
  if (!dataset.featureShape.length || !dataset.featureShape.every((d) => Number.isInteger(d) && d > 0)) {
    fail(`featureShape [${dataset.featureShape.join(', ')}] must list positive integers`);
  }
  if (!Number.isInteger(dataset.samples) || dataset.samples < 0) fail(`samples must be a non-negative integer, got ${dataset.samples}`);
  const size = featureSize(dataset);
  if (dataset.x.length !== dataset.samples * size) {
    fail(`x holds ${dataset.x.length} values, but ${dataset.samples} samples of shape [${dataset.featureShape.join(', ')}] need ${dataset.samples * size}`);
  }
  const badX = firstNonFinite(dataset.x);
  if (badX >= 0) fail(msg('dataError.dataset.xNonFinite', { value: String(dataset.x[badX]), sample: Math.floor(badX / size) }));

  if (dataset.task === 'classification') {
    if (!Number.isInteger(dataset.classes) || dataset.classes < 1) fail(`classes must be a positive integer, got ${dataset.classes}`);
    if (dataset.y.length !== dataset.samples) fail(`y holds ${dataset.y.length} labels for ${dataset.samples} samples`);
    for (let i = 0; i < dataset.y.length; i++) {
      const c = dataset.y[i];
      if (!Number.isInteger(c) || c < 0 || c >= dataset.classes) {
        fail(`sample ${i} has label ${c}; labels must be class indices 0…${dataset.classes - 1}`);
      }
    }
    if (dataset.classNames && dataset.classNames.length !== dataset.classes) {
      fail(`${dataset.classNames.length} class names for ${dataset.classes} classes`);
    }
  } else if (dataset.task === 'regression') {
    if (!Number.isInteger(dataset.targetSize) || dataset.targetSize < 1) fail(`targetSize must be a positive integer, got ${dataset.targetSize}`);
    if (dataset.y.length !== dataset.samples * dataset.targetSize) {
      fail(`y holds ${dataset.y.length} values, but ${dataset.samples} samples with ${dataset.targetSize} targets need ${dataset.samples * dataset.targetSize}`);
    }
    const badY = firstNonFinite(dataset.y);
    if (badY >= 0) fail(msg('dataError.dataset.yNonFinite', { value: String(dataset.y[badY]), sample: Math.floor(badY / dataset.targetSize) }));
  } else {
    fail(`unknown task '${(dataset as { task: unknown }).task}'; expected 'classification' or 'regression'`);
  }

  if (dataset.fixedTest) {
    const t = dataset.fixedTest;
    for (let i = 0; i < t.length; i++) {
      if (t[i] >= dataset.samples) fail(`fixedTest names row ${t[i]}, but there are only ${dataset.samples} samples`);
      if (i > 0 && t[i] <= t[i - 1]) fail('fixedTest must be sorted ascending without duplicates');
    }
    if (t.length === dataset.samples) fail('fixedTest holds every sample, which leaves none to train on');
  }
  return dataset;
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
