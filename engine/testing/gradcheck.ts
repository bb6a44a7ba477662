/**
 * Gradient checking: compares backprop gradients with central-difference numerical gradients
 * in float64. Used by the op tests, the layer tests and (later) the `gradcheck` command.
 */
import type { TypedArray } from '../core/dtype';
import { formatShape } from '../core/errors';
import { Tensor } from '../core/tensor';
import { backward, noGrad, sum, mul, tensor } from '../ops';

export interface GradCheckResult {
  /** Per input: ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, tiny). */
  readonly relativeErrors: readonly number[];
  readonly maxRelativeError: number;
  /** A readable per-input report, e.g. for a failing test. */
  readonly report: string;
}

export interface GradCheckOptions {
  /** Step of the central difference (default 1e-5). */
  h?: number;
  /** Seed of the fixed random projection that makes a non-scalar output scalar (default 7). */
  seed?: number;
  /**
   * Check at most this many elements per tensor (a seeded sample; default all). Numerical
   * gradients cost two forward passes per element, which is why nobody trains with them.
   */
  sample?: number;
}

/** ‖a − b‖₂ / max(‖a‖₂ + ‖b‖₂, 1e-12): scale-free and well-defined when both are ~0. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(na) + Math.sqrt(nb), 1e-12);
}

/**
 * Checks the gradient of `fn()` with respect to `targets`: tensors that require a gradient
 * (a model's parameters, say), which `fn` reads. Each target is perturbed in place and restored.
 * A non-scalar output is reduced to Σ out ⊙ R for a fixed pseudo-random R, so every output
 * element matters.
 */
export function gradCheckTensors(fn: () => Tensor, targets: readonly Tensor[], options: GradCheckOptions = {}): GradCheckResult {
  const h = options.h ?? 1e-5;
  for (const x of targets) {
    if (x.dtype !== 'float64') throw new Error(`gradCheck needs float64 tensors; got ${x.dtype} ${formatShape(x.shape)}`);
    if (!x.requiresGrad) throw new Error(`gradCheck: a target ${formatShape(x.shape)} does not require a gradient`);
  }
  const probe = noGrad(fn);
  let state = options.seed ?? 7;
  const weights = new Float64Array(probe.size).map(() => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 0.5 + state / 4294967296; // in [0.5, 1.5): never cancels to zero
  });
  const r = tensor(weights, probe.shape, { dtype: 'float64', backend: probe.backend });
  const objective = () => sum(mul(fn(), r));

  const savedGrads = targets.map((t) => t.grad);
  targets.forEach((t) => (t.grad = null));
  backward(objective());
  const analytic = targets.map((t) => (t.grad ? t.grad.dataSync() : new Float64Array(t.size)));
  targets.forEach((t, i) => (t.grad = savedGrads[i]));

  const picks = targets.map((t) => sampleIndices(t.size, options.sample, state));
  const numeric = targets.map((t, which) => {
    const original = t.storage;
    const base = t.dataSync() as TypedArray;
    const grad = new Float64Array(picks[which].length);
    try {
      picks[which].forEach((i, j) => {
        const at = (delta: number) => {
          const values = base.slice();
          values[i] += delta;
          t.storage = t.backend.upload(values);
          return noGrad(objective).item();
        };
        grad[j] = (at(h) - at(-h)) / (2 * h);
      });
    } finally {
      t.storage = original;
    }
    return grad;
  });
  const analyticPicked = analytic.map((a, i) => picks[i].map((j) => a[j]));

  const relativeErrors = analyticPicked.map((a, i) => relativeError(a, numeric[i]));
  const report = relativeErrors
    .map((e, i) => `input ${i} ${formatShape(targets[i].shape)}: relative error ${e.toExponential(2)}`)
    .join('\n');
  return { relativeErrors, maxRelativeError: Math.max(0, ...relativeErrors), report };
}

/** All indices below `size`, or a seeded sample of `count` of them. */
function sampleIndices(size: number, count: number | undefined, seed: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (count === undefined || count >= size) return all;
  let state = seed ^ 0x5bd1e995;
  for (let i = size - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}

/**
 * Checks `fn`'s gradient with respect to each of `inputs` (float64 tensors, left untouched).
 */
export function gradCheck(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradCheckOptions = {}): GradCheckResult {
  const leaves = inputs.map((x) => {
    if (x.dtype !== 'float64') throw new Error(`gradCheck needs float64 inputs; got ${x.dtype} ${formatShape(x.shape)}`);
    const leaf = tensor(x.dataSync(), x.shape, { dtype: 'float64', backend: x.backend });
    leaf.requiresGrad = true;
    return leaf;
  });
  return gradCheckTensors(() => fn(...leaves), leaves, options);
}
