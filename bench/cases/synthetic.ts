/**
 * The benchmark's synthetic data and initial weights, bit-identical in every runner.
 *
 * Each value is a hash of its flat index and a stream seed (Wellons' lowbias32), not the n-th
 * draw of a sequential generator, so NumPy computes the same numbers vectorised
 * (bench/numpy/trainer.py) and every system starts from the same weights on the same batch. The
 * first step's loss then agrees across systems to float32 rounding: a check that they all do the
 * same work, not only work of the same size.
 *
 * Inputs are uniform in [0, 1) like pixel intensities; a sample's label is ⌊10·x₀⌋, so the task
 * is learnable (a falling loss shows training works). Weights are He-uniform
 * (±√(6/fanIn)) for layers followed by ReLU and Glorot-uniform (±√(6/(fanIn+fanOut))) for the
 * output layer; biases are zero.
 */
import { CNN, MLP, SEED } from './spec';

/** 32-bit hash of (index, seed); the same arithmetic as `hash32` in trainer.py. */
export function hash32(index: number, seed: number): number {
  let x = (index + Math.imul(seed, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in [0, 1) with 24 bits, so exact in float32. */
export function uniform(index: number, seed: number): number {
  return (hash32(index, seed) >>> 8) / 16777216;
}

/** `size` uniforms of stream `seed`. */
export function uniforms(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = uniform(i, seed);
  return out;
}

/** Uniform in ±limit, computed in float64 and rounded once to float32 (as NumPy's astype does). */
export function uniformWeights(size: number, limit: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * uniform(i, seed) - 1) * limit;
  return out;
}

/** A pool of samples: x is (samples, features) row-major, y one-hot (samples, 10). */
export interface Pool {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly labels: Int32Array;
  readonly samples: number;
  readonly features: number;
}

/** `samples` synthetic samples of `features` values (784 for both the MLP and the 28×28×1 CNN). */
export function makePool(samples: number, features: number, classes = 10): Pool {
  const x = uniforms(samples * features, SEED.data);
  const y = new Float32Array(samples * classes);
  const labels = new Int32Array(samples);
  for (let n = 0; n < samples; n++) {
    labels[n] = Math.min(classes - 1, Math.floor(classes * x[n * features]));
    y[n * classes + labels[n]] = 1;
  }
  return { x, y, labels, samples, features };
}

/** One batch of the pool (views, no copies); batch b of a pool of `pool.samples / size` batches. */
export function batchOf(pool: Pool, b: number, size: number, classes = 10): { x: Float32Array; y: Float32Array } {
  const n = (b * size) % pool.samples;
  return {
    x: pool.x.subarray(n * pool.features, (n + size) * pool.features),
    y: pool.y.subarray(n * classes, (n + size) * classes),
  };
}

/** A layer's initial weights: kernel (flat, in the layout given by `shape`) and zero bias. */
export interface LayerInit {
  readonly shape: readonly number[];
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

function layer(shape: readonly number[], fanIn: number, fanOut: number, relu: boolean, index: number): LayerInit {
  const limit = relu ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, kernel: uniformWeights(size, limit, SEED.weights + index), bias: new Float32Array(fanOut) };
}

/** MLP weights: kernels (in, out). */
export function mlpInit(): LayerInit[] {
  const s = MLP.sizes;
  return [0, 1, 2].map((i) => layer([s[i], s[i + 1]], s[i], s[i + 1], i < 2, i));
}

/**
 * CNN weights: conv kernels HWIO (kh, kw, in, out), the dense kernel (800, 10) with rows in NHWC
 * flatten order (h, w, c). Runners with other layouts permute these once, before timing.
 */
export function cnnInit(): LayerInit[] {
  const k = CNN.kernel;
  const [f1, f2] = CNN.filters;
  return [
    layer([k, k, 1, f1], k * k, f1, true, 0),
    layer([k, k, f1, f2], k * k * f1, f2, true, 1),
    layer([CNN.flat, CNN.classes], CNN.flat, CNN.classes, false, 2),
  ];
}
