/**
 * The built-in data sets by name: one declaration each (title, what it is, which parameters it
 * reads, the shape of its samples, how to build it). The Dataset node, the CLI and the trainer
 * all look sets up here. Sets whose data live outside the engine core (MNIST) are built from a
 * raw source the host injects through `DatasetSources`.
 */
import { msg } from '../i18n/message';
import { DatasetError, type Dataset, type DatasetTask } from './Dataset';
import type { FileRef } from './fileRef';
import type { ImageDecoder } from './files/images';
import type { ByteSource } from './files/source';
import { irisDataset } from './iris';
import { MNIST_SIDE, mnistDataset, type MnistLoader } from './mnist';
import { intParam, type BuiltinDatasetParams } from './params';
import { circlesDataset, gateDataset, MAX_SPIRAL_CLASSES, moonsDataset, spiralsDataset, type Gate } from './synthetic';

export type { BuiltinDatasetParams } from './params';

/** Raw data the host can provide for sets the core cannot read itself. */
export interface DatasetSources {
  /** Returns MNIST's per-digit pixel arrays (the Node host: `nodeDatasetSources`). */
  mnist?: MnistLoader;
  /**
   * The bytes of a user's data file ("From file" node), by reference: embedded in the project,
   * found on disk, or picked in this session. Throws DataFileMissingError when it has none.
   */
  files?: (ref: FileRef) => Promise<ByteSource>;
  /** Decodes PNG/JPEG for image folders; the pure-JS decoder when absent. */
  decodeImage?: ImageDecoder;
}

export const BUILTIN_DATASET_NAMES = ['and', 'or', 'xor', 'nand', 'spirals', 'moons', 'circles', 'iris', 'mnist'] as const;

export type BuiltinDatasetName = (typeof BUILTIN_DATASET_NAMES)[number];

/** What a set looks like before it is loaded: enough for shape inference and the inspector. */
export interface BuiltinDatasetInfo {
  readonly name: BuiltinDatasetName;
  readonly title: string;
  readonly description: string;
  /** The parameters this set reads; the others are ignored. */
  readonly params: readonly (keyof BuiltinDatasetParams)[];
  readonly task: DatasetTask;
  readonly featureShape: readonly number[];
  readonly classes: number;
  /** True when the data come from the host (`DatasetSources`), not from the engine itself. */
  readonly needsSource: boolean;
}

interface BuiltinSpec {
  title: string;
  description: string;
  params: readonly (keyof BuiltinDatasetParams)[];
  featureShape: readonly number[];
  classes: (params: BuiltinDatasetParams) => number;
  needsSource?: boolean;
  load: (params: BuiltinDatasetParams, sources: DatasetSources) => Dataset | Promise<Dataset>;
}

const gate = (name: Gate, title: string, description: string): BuiltinSpec => ({
  title,
  description,
  params: [],
  featureShape: [2],
  classes: () => 2,
  load: () => gateDataset(name),
});

const BUILTINS: Record<BuiltinDatasetName, BuiltinSpec> = {
  and: gate('and', 'AND gate', 'Truth table of AND: 4 points, linearly separable; a single perceptron learns it.'),
  or: gate('or', 'OR gate', 'Truth table of OR: 4 points, linearly separable; a single perceptron learns it.'),
  xor: gate('xor', 'XOR gate', 'Truth table of XOR: 4 points no line separates; a single perceptron cannot learn it, a 2-2-1 net can.'),
  nand: gate('nand', 'NAND gate', 'Truth table of NAND: 4 points, linearly separable.'),
  spirals: {
    title: 'Spirals',
    description: 'Interleaved 2-D spiral arms, one per class; needs a hidden layer.',
    params: ['samples', 'classes', 'noise', 'seed'],
    featureShape: [2],
    classes: (p) => intParam('spirals', 'classes', p.classes, 3, 2, MAX_SPIRAL_CLASSES),
    load: (p) => spiralsDataset(p),
  },
  moons: {
    title: 'Two moons',
    description: "Two interleaving half circles (scikit-learn's make_moons); not linearly separable.",
    params: ['samples', 'noise', 'seed'],
    featureShape: [2],
    classes: () => 2,
    load: (p) => moonsDataset(p),
  },
  circles: {
    title: 'Circles',
    description: "A circle inside a ring (scikit-learn's make_circles); separable by radius, not by a line.",
    params: ['samples', 'noise', 'factor', 'seed'],
    featureShape: [2],
    classes: () => 2,
    load: (p) => circlesDataset(p),
  },
  iris: {
    title: 'Iris',
    description: "Fisher's Iris flowers: 150 samples, 4 measurements, 3 species.",
    params: [],
    featureShape: [4],
    classes: () => 3,
    load: () => irisDataset(),
  },
  mnist: {
    title: 'MNIST digits',
    description: 'About 10,000 handwritten digits, 28×28 grey images, 10 classes; a fixed sixth held out for testing.',
    params: ['limit', 'seed'],
    featureShape: [MNIST_SIDE, MNIST_SIDE, 1],
    classes: () => 10,
    needsSource: true,
    load: async (p, sources) => {
      if (!sources.mnist) {
        throw new DatasetError(msg('dataError.builtin.noMnist'));
      }
      return mnistDataset(await sources.mnist(), { limit: p.limit, seed: p.seed });
    },
  },
};

/** Whether `name` is a built-in set. */
export function isBuiltinDatasetName(name: string): name is BuiltinDatasetName {
  return (BUILTIN_DATASET_NAMES as readonly string[]).includes(name);
}

function spec(name: string): BuiltinSpec {
  if (!isBuiltinDatasetName(name)) {
    throw new DatasetError(msg('dataError.builtin.unknown', { name: `'${name}'`, names: BUILTIN_DATASET_NAMES.join(', ') }));
  }
  return BUILTINS[name];
}

/**
 * Describes a built-in set without loading it (no data, no host source needed).
 *
 * @throws DatasetError for an unknown name or an out-of-range class count.
 */
export function describeBuiltinDataset(name: string, params: BuiltinDatasetParams = {}): BuiltinDatasetInfo {
  const s = spec(name);
  return {
    name: name as BuiltinDatasetName,
    title: s.title,
    description: s.description,
    params: s.params,
    task: 'classification',
    featureShape: s.featureShape,
    classes: s.classes(params),
    needsSource: s.needsSource ?? false,
  };
}

/**
 * Builds a built-in set. `params` holds size, noise, classes, seed, limit, factor; each set reads
 * the ones it declares (`describeBuiltinDataset(name).params`) and ignores the others.
 *
 * @throws DatasetError for an unknown name (listing the valid ones), a parameter out of range,
 *   or MNIST when the host provided no MNIST source.
 */
export async function loadBuiltinDataset(name: string, params: BuiltinDatasetParams = {}, sources: DatasetSources = {}): Promise<Dataset> {
  return spec(name).load(params, sources);
}
