/**
 * Mini-batches: walks an index array (a split) in batches, optionally in a new seeded order each
 * epoch, gathers the rows of each batch into buffers allocated once, and hands them out as
 * tensors. Nothing the size of the whole set is copied per epoch. The order of epoch `e` depends
 * only on the seed and `e`, so a paused or restarted run sees the same batches again.
 */
import type { Tensor } from '../core/tensor';
import { type CreateOptions, tensor } from '../ops';
import { msg } from '../i18n/message';
import { DatasetError, featureSize, targetSize, type Dataset } from './Dataset';
import { Random } from '../core/random';

/**
 * How class targets are laid out: class indices of shape (batch,) for cross-entropy, a column
 * (batch, 1) for a single sigmoid/step output with MSE or binary cross-entropy, or one-hot rows
 * (batch, classes) for MSE on several outputs. Regression targets are always (batch, targetSize).
 */
export type TargetLayout = 'indices' | 'column' | 'oneHot';

export interface TensorLayoutOptions {
  /** Classification only; default 'indices'. */
  targets?: TargetLayout;
  /** dtype and backend of the tensors made (default: float32 on the current backend). */
  tensor?: CreateOptions;
}

export interface BatcherOptions extends TensorLayoutOptions {
  /** Rows per batch; the last batch of an epoch may hold fewer. */
  batchSize: number;
  /** Visit the rows in a new seeded order each epoch (default true); false keeps index order. */
  shuffle?: boolean;
  /** Seed of the per-epoch shuffles (default 0). */
  seed?: number;
}

export interface Batch {
  /** Features, shape (batch, ...featureShape). */
  readonly x: Tensor;
  /** Targets, shape (batch,) / (batch, 1) / (batch, classes) / (batch, targetSize); see TargetLayout. */
  readonly y: Tensor;
  /** The data set rows in this batch, in batch order (a copy, safe to keep). */
  readonly indices: Uint32Array;
  /** The gathered features as a view of the batcher's reusable buffer: valid until the next batch. */
  readonly xData: Float32Array;
  /** The gathered targets, likewise a view valid until the next batch. */
  readonly yData: Float32Array;
}

/**
 * Copies rows `indices[start … end)` of `source` (rows of `rowSize` values) one after another
 * into `out`, which must hold at least (end − start) × rowSize values.
 */
export function gatherRows(source: Float32Array, rowSize: number, indices: ArrayLike<number>, start: number, end: number, out: Float32Array): void {
  for (let k = start; k < end; k++) {
    const from = indices[k] * rowSize;
    out.set(source.subarray(from, from + rowSize), (k - start) * rowSize);
  }
}

/** Iterates mini-batches of one split of one data set; see the module comment. */
export class Batcher {
  /** Number of batches per epoch, the last one possibly partial. */
  readonly batchesPerEpoch: number;
  private readonly indices: Uint32Array;
  private readonly order: Uint32Array;
  private readonly xBuffer: Float32Array;
  private readonly yBuffer: Float32Array;
  private readonly featureSize: number;
  private readonly yWidth: number;
  private readonly batchSize: number;
  private readonly shuffle: boolean;
  private readonly seed: number;
  private readonly targets: TargetLayout | 'regression';
  private readonly createOptions: CreateOptions | undefined;

  constructor(
    readonly dataset: Dataset,
    indices: ArrayLike<number>,
    options: BatcherOptions,
  ) {
    const { batchSize, shuffle = true, seed = 0 } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DatasetError(msg('dataError.batch.size', { value: String(batchSize) }));
    }
    if (!Number.isSafeInteger(seed)) throw new DatasetError(msg('dataError.batch.seed', { value: String(seed) }));
    this.indices = checkedIndices(dataset, indices);
    this.order = new Uint32Array(this.indices.length);
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.targets = targetLayout(dataset, options.targets);
    this.featureSize = featureSize(dataset);
    this.yWidth = targetWidth(dataset, this.targets);
    const rows = Math.min(batchSize, this.indices.length);
    this.xBuffer = new Float32Array(rows * this.featureSize);
    this.yBuffer = new Float32Array(rows * this.yWidth);
    this.batchesPerEpoch = Math.ceil(this.indices.length / batchSize);
    this.createOptions = options.tensor;
  }

  /** Rows per epoch. */
  get size(): number {
    return this.indices.length;
  }

  /**
   * The order in which epoch `epoch` (0, 1, …) visits the rows: the indices as given, or a
   * shuffle of them seeded by (seed, epoch). Returns a new array.
   */
  epochOrder(epoch: number): Uint32Array {
    return this.fillOrder(epoch).slice();
  }

  /**
   * The batches of epoch `epoch`, every row exactly once, the last batch partial when the rows
   * do not divide evenly. Batches share the batcher's buffers, so iterate one epoch at a time.
   */
  *epoch(epoch: number): Generator<Batch, void, undefined> {
    const order = this.fillOrder(epoch);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, order.length);
      const rows = end - start;
      const xData = this.xBuffer.subarray(0, rows * this.featureSize);
      const yData = this.yBuffer.subarray(0, rows * this.yWidth);
      gatherRows(this.dataset.x, this.featureSize, order, start, end, xData);
      gatherTargets(this.dataset, this.targets, order, start, end, yData);
      yield {
        x: tensor(xData, [rows, ...this.dataset.featureShape], this.createOptions),
        y: tensor(yData, targetShape(this.dataset, this.targets, rows), this.createOptions),
        indices: order.slice(start, end),
        xData,
        yData,
      };
    }
  }

  private fillOrder(epoch: number): Uint32Array {
    if (!Number.isInteger(epoch) || epoch < 0) throw new DatasetError(`Batcher: epoch must be a non-negative integer, got ${epoch}`);
    this.order.set(this.indices);
    if (this.shuffle) new Random(this.seed).fork(`epoch ${epoch}`).shuffle(this.order);
    return this.order;
  }
}

/**
 * The rows `indices` of a data set as two tensors, in the given order (for evaluating a whole
 * split at once): x of shape (n, ...featureShape), y laid out as `options.targets` says.
 */
export function splitTensors(dataset: Dataset, indices: ArrayLike<number>, options: TensorLayoutOptions = {}): { x: Tensor; y: Tensor } {
  const rows = checkedIndices(dataset, indices);
  const layout = targetLayout(dataset, options.targets);
  const size = featureSize(dataset);
  const xData = new Float32Array(rows.length * size);
  const yData = new Float32Array(rows.length * targetWidth(dataset, layout));
  gatherRows(dataset.x, size, rows, 0, rows.length, xData);
  gatherTargets(dataset, layout, rows, 0, rows.length, yData);
  return {
    x: tensor(xData, [rows.length, ...dataset.featureShape], options.tensor),
    y: tensor(yData, targetShape(dataset, layout, rows.length), options.tensor),
  };
}

function checkedIndices(dataset: Dataset, indices: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= dataset.samples) {
      throw new DatasetError(`Dataset '${dataset.name}': row index ${r} (position ${i}) is outside 0…${dataset.samples - 1}`);
    }
    out[i] = r;
  }
  return out;
}

function targetLayout(dataset: Dataset, layout: TargetLayout | undefined): TargetLayout | 'regression' {
  if (dataset.task === 'regression') {
    if (layout !== undefined) throw new DatasetError(`Dataset '${dataset.name}': target layout '${layout}' applies to classification only; regression targets are (batch, ${dataset.targetSize})`);
    return 'regression';
  }
  if (layout === undefined) return 'indices';
  if (layout !== 'indices' && layout !== 'column' && layout !== 'oneHot') {
    throw new DatasetError(`Batcher: unknown target layout '${layout}'; expected 'indices', 'column' or 'oneHot'`);
  }
  return layout;
}

function targetWidth(dataset: Dataset, layout: TargetLayout | 'regression'): number {
  if (layout === 'oneHot' && dataset.task === 'classification') return dataset.classes;
  return targetSize(dataset);
}

function targetShape(dataset: Dataset, layout: TargetLayout | 'regression', rows: number): number[] {
  if (layout === 'indices') return [rows];
  return [rows, targetWidth(dataset, layout)];
}

function gatherTargets(dataset: Dataset, layout: TargetLayout | 'regression', order: ArrayLike<number>, start: number, end: number, out: Float32Array): void {
  if (layout === 'oneHot' && dataset.task === 'classification') {
    out.fill(0);
    for (let k = start; k < end; k++) out[(k - start) * dataset.classes + dataset.y[order[k]]] = 1;
    return;
  }
  gatherRows(dataset.y, targetSize(dataset), order, start, end, out);
}
