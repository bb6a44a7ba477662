/**
 * MNIST handwritten digits as a Dataset of 28×28×1 images (NHWC) and 10 classes.
 *
 * The engine core cannot read files (it runs in browsers too), so the pixels come from outside:
 * a host passes a `MnistLoader` that returns the raw per-digit arrays (the Node host reads them
 * from the `mnist` package; a browser host could fetch them). This module turns those arrays
 * into a Dataset with a FIXED test set: every sixth image of each digit, whatever the seed
 * or subset, so that test metrics of every run are measured on the same held-out digits.
 */
import { Random } from '../core/random';
import { defineDataset, DatasetError, type ClassificationDataset } from './Dataset';
import { intParam, seedParam } from './params';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Values per MNIST image (28 × 28 × 1). */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Share of each digit's rows held out as the fixed test set (every sixth image). */
export const MNIST_TEST_FRACTION = 1 / 6;
/** The test split is every `MNIST_TEST_STRIDE`-th image of each digit. */
const MNIST_TEST_STRIDE = 6;

/**
 * Raw MNIST as hosts deliver it: `digits[d]` holds every sample of digit `d` as consecutive
 * rows of 784 grey values in [0, 1] (row-major 28×28, 0 = background).
 */
export interface MnistRaw {
  readonly digits: readonly ArrayLike<number>[];
}

/** Fetches the raw digits; injected by the host (see `engine/hosts/node/mnist.ts`). */
export type MnistLoader = () => MnistRaw | Promise<MnistRaw>;

export interface MnistOptions {
  /**
   * Keep only this many training digits: a seeded subset of the training part, balanced over
   * the classes (for small-subset experiments such as overfitting 100 digits). The test set is
   * never reduced.
   */
  limit?: number;
  /** Seed of the subset choice; without `limit` the data do not depend on it. */
  seed?: number;
}

/** Number of rows of one digit held out for the test set: ⌊rows/6⌋. */
export function mnistTestRows(rows: number): number {
  return Math.floor(rows * MNIST_TEST_FRACTION);
}

/**
 * Checks what a host delivered: 10 digits, whole 784-value rows, at least 6 rows each (so each
 * digit has a test row), every value in [0, 1]. Returns the rows per digit.
 *
 * @throws DatasetError saying which digit is wrong and how.
 */
export function validateMnistRaw(raw: MnistRaw): number[] {
  const fail = (detail: string): never => {
    throw new DatasetError(`Dataset 'mnist': the MNIST data delivered by the host ${detail}`);
  };
  if (!raw || !Array.isArray(raw.digits)) fail('has no `digits` array');
  if (raw.digits.length !== 10) fail(`holds ${raw.digits.length} digits, not 10`);
  return raw.digits.map((values, d) => {
    if (!values || typeof values.length !== 'number') fail(`has no array for digit ${d}`);
    if (values.length % MNIST_PIXELS !== 0) fail(`has ${values.length} values for digit ${d}, not a whole number of ${MNIST_PIXELS}-pixel images`);
    const rows = values.length / MNIST_PIXELS;
    if (rows < 6) fail(`has only ${rows} images of digit ${d}; at least 6 are needed to hold one out for testing`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v >= 0 && v <= 1)) fail(`has pixel value ${v} in image ${Math.floor(i / MNIST_PIXELS)} of digit ${d}; values must lie in [0, 1]`);
    }
    return rows;
  });
}

/**
 * The MNIST Dataset: training digits first (grouped by digit), then the fixed test digits
 * (grouped by digit), whose rows `fixedTest` lists. With `limit`, only that many training
 * digits are kept, chosen by `seed`.
 *
 * @throws DatasetError on malformed raw data or a `limit` outside 1 … (training digits).
 */
export function mnistDataset(raw: MnistRaw, options: MnistOptions = {}): ClassificationDataset {
  const rowsPerDigit = validateMnistRaw(raw);
  const testPerDigit = rowsPerDigit.map(mnistTestRows);
  const trainPerDigit = rowsPerDigit.map((n, d) => n - testPerDigit[d]);
  const trainTotal = trainPerDigit.reduce((a, b) => a + b, 0);
  const testTotal = testPerDigit.reduce((a, b) => a + b, 0);

  // Training rows to keep, per digit, as row numbers within that digit's array.
  const seed = seedParam('mnist', options.seed);
  const limit = intParam('mnist', 'limit', options.limit, trainTotal, 1, trainTotal);
  // Every sixth image of each digit is held out for testing (a stratified, interleaved split:
  // the package's images are ordered, and a contiguous tail would differ from the rest).
  const isTestRow = (r: number) => r % MNIST_TEST_STRIDE === MNIST_TEST_STRIDE - 1;
  const trainRows = rowsPerDigit.map((n) => Array.from({ length: n }, (_, r) => r).filter((r) => !isTestRow(r)));
  const testRows = rowsPerDigit.map((n) => Array.from({ length: n }, (_, r) => r).filter(isTestRow));
  const kept = limit === trainTotal
    ? trainRows
    : balancedSubset(trainPerDigit, limit, new Random(seed).fork('mnist-subset')).map((picks, d) => picks.map((i) => trainRows[d][i]));

  const samples = limit + testTotal;
  const x = new Float32Array(samples * MNIST_PIXELS);
  const y = new Float32Array(samples);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    for (const r of kept[d]) {
      copyImage(raw.digits[d], r, x, row);
      y[row++] = d;
    }
  }
  const fixedTest = new Uint32Array(testTotal);
  for (let d = 0; d < 10; d++) {
    for (const r of testRows[d]) {
      copyImage(raw.digits[d], r, x, row);
      fixedTest[row - limit] = row;
      y[row++] = d;
    }
  }
  return defineDataset({
    name: limit === trainTotal ? 'mnist' : `mnist (${limit} training digits)`,
    task: 'classification',
    x,
    featureShape: [MNIST_SIDE, MNIST_SIDE, 1],
    samples,
    y,
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    fixedTest,
  });
}

/**
 * `limit` rows drawn without replacement, dealt round-robin over the digits (in a seeded order)
 * so the classes stay balanced within one sample; each digit's picks sorted by row.
 */
function balancedSubset(available: number[], limit: number, rng: Random): number[][] {
  const pools = available.map((n) => rng.shuffle(Array.from({ length: n }, (_, i) => i)));
  const order = rng.shuffle(pools.map((_, d) => d));
  const picked: number[][] = pools.map(() => []);
  let taken = 0;
  for (let round = 0; taken < limit; round++) {
    for (const d of order) {
      if (taken === limit) break;
      if (round < pools[d].length) {
        picked[d].push(pools[d][round]);
        taken++;
      }
    }
  }
  return picked.map((rows) => rows.sort((a, b) => a - b));
}

function copyImage(source: ArrayLike<number>, sourceRow: number, target: Float32Array, targetRow: number): void {
  const from = sourceRow * MNIST_PIXELS;
  const to = targetRow * MNIST_PIXELS;
  if (source instanceof Float32Array || source instanceof Float64Array) {
    target.set(source.subarray(from, from + MNIST_PIXELS), to);
  } else {
    for (let i = 0; i < MNIST_PIXELS; i++) target[to + i] = source[from + i];
  }
}
