/**
 * The parameters a built-in data set takes (size, noise, classes, seed, subset) and the checks
 * that turn a bad value into a message naming the set, the parameter and the allowed range.
 */
import { msg, type Message } from '../i18n/message';
import { DatasetError } from './Dataset';

function outOfRange(set: string, param: string, range: Message, value: number): DatasetError {
  return new DatasetError(msg('dataError.dataset', { name: `'${set}'`, detail: msg('dataError.param.outOfRange', { param, range, value: String(value) }) }));
}

/**
 * Parameters of the built-in sets. Each set reads only the ones that apply to it (see
 * `BUILTIN_DATASETS[name].params`) and ignores the rest, so one form can serve every set.
 */
export interface BuiltinDatasetParams {
  /** Total number of samples of a generated set (spirals, moons, circles). */
  samples?: number;
  /** Standard deviation of the Gaussian noise of a generated set (≥ 0). */
  noise?: number;
  /** Number of classes (spirals). */
  classes?: number;
  /** Seed of the generator (generated sets) or of the subset choice (MNIST `limit`). */
  seed?: number;
  /** MNIST: keep only this many training digits (a seeded, class-balanced subset). */
  limit?: number;
  /** Circles: inner radius relative to the outer one, in (0, 1), as scikit-learn's `factor`. */
  factor?: number;
}

/** The seed used when none is given, so that an unseeded set is still reproducible. */
export const DEFAULT_SEED = 0;

/** An integer in [min, max], or the default when absent. */
export function intParam(set: string, param: string, value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw outOfRange(set, param, max === Number.MAX_SAFE_INTEGER ? msg('dataError.param.intAtLeast', { min }) : msg('dataError.param.intRange', { min, max }), value);
  }
  return value;
}

/** A finite number in [min, max] (or the open interval, when `open`), or the default when absent. */
export function numberParam(
  set: string,
  param: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Infinity,
  open = false,
): number {
  if (value === undefined) return fallback;
  const inside = open ? value > min && value < max : value >= min && value <= max;
  if (!Number.isFinite(value) || !inside) {
    const range = open
      ? msg('dataError.param.numberBetween', { min, max })
      : max === Infinity ? msg('dataError.param.numberAtLeast', { min }) : msg('dataError.param.numberRange', { min, max });
    throw outOfRange(set, param, range, value);
  }
  return value;
}

/** A seed: any integer (negative ones too), or `DEFAULT_SEED` when absent. */
export function seedParam(set: string, value: number | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  if (!Number.isSafeInteger(value)) throw new DatasetError(msg('dataError.dataset', { name: `'${set}'`, detail: msg('dataError.param.seed', { value: String(value) }) }));
  return value;
}
