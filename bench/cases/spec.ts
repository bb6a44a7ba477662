/**
 * What every benchmark runner agrees on: the systems, the cases and their sizes, the job a
 * runner is given and the result it prints. The NumPy runner (bench/numpy/trainer.py) mirrors
 * these numbers by hand; `Job` carries everything that may differ between runs so that the
 * Python side needs no constants of its own beyond the model shapes.
 */

/**
 * The systems compared, by their command-line names. 'webgpu' is our engine on its WebGPU
 * backend (Dawn in Node), next to 'ours', the same engine on its CPU backend.
 */
export const SYSTEMS = ['ours', 'webgpu', 'jax', 'tfjs-wasm', 'tfjs-cpu', 'numpy'] as const;
export type System = (typeof SYSTEMS)[number];

/** Keys of the JSON lines (camelCase, as JSON consumers expect). */
export const JSON_KEY: Record<System, string> = {
  ours: 'ours', webgpu: 'webgpu', jax: 'jax', 'tfjs-wasm': 'tfjsWasm', 'tfjs-cpu': 'tfjsCpu', numpy: 'numpy',
};

/** The systems that run on the CPU: the matmul tables against a core's peak, and the thread counts, are theirs. */
export const CPU_SYSTEMS: readonly System[] = ['ours', 'jax', 'tfjs-wasm', 'tfjs-cpu', 'numpy'];

/** Systems whose kernels are WebAssembly SIMD, for which the wasm peak is the ceiling. */
export const WASM_SYSTEMS: readonly System[] = ['ours', 'jax', 'tfjs-wasm'];
/** The systems that split a matrix product over threads in Node (see the scaling notes for the others). */
export const THREADED_SYSTEMS: readonly System[] = ['ours', 'numpy'];

/** Names for the table. */
export const LABEL: Record<System, string> = {
  ours: 'DeepWire (ours)', webgpu: 'DeepWire WebGPU', jax: 'jax-js wasm', 'tfjs-wasm': 'TF.js wasm', 'tfjs-cpu': 'TF.js cpu', numpy: 'NumPy',
};

/** The cases a runner can be asked for; 'scaling' is the parent's: the MLP at 1 and at all threads. */
export const CASES = ['matmul', 'mlp', 'cnn', 'scaling'] as const;
export type CaseName = (typeof CASES)[number];
export type RunnerCase = Exclude<CaseName, 'scaling'>;

/** Square matmul size and the layouts backprop needs: y = x·W (NN), dx = dy·Wᵀ (NT), dW = xᵀ·dy (TN). */
export const MATMUL_N = 1024;
export const LAYOUTS = ['NN', 'NT', 'TN'] as const;
export type Layout = (typeof LAYOUTS)[number];
/**
 * The square sizes the GPU runner times, MATMUL_N first (its figures are the ones compared with
 * the CPU systems'): a GPU only fills up on the larger products.
 */
export const GPU_MATMUL_SIZES = [MATMUL_N, 2048, 4096] as const;

/**
 * Published FP32 peaks (TFLOP/s, the vendor's non-tensor-core figure at boost clock) by adapter
 * name, first match wins (so the more specific patterns come first). The GPU runner's matmul is
 * reported as a fraction of this; an adapter matching none says "peak unknown".
 */
export const GPU_FP32_PEAKS: readonly { readonly pattern: RegExp; readonly name: string; readonly tflops: number }[] = [
  { pattern: /H100.*PCIe/i, name: 'NVIDIA H100 PCIe', tflops: 51 },
  { pattern: /H100.*NVL/i, name: 'NVIDIA H100 NVL', tflops: 60 },
  { pattern: /H100/i, name: 'NVIDIA H100 SXM', tflops: 67 },
  { pattern: /H200.*NVL/i, name: 'NVIDIA H200 NVL', tflops: 60 },
  { pattern: /H200/i, name: 'NVIDIA H200 SXM', tflops: 67 },
  { pattern: /\bA100\b/i, name: 'NVIDIA A100', tflops: 19.5 },
  { pattern: /\bL40S\b/i, name: 'NVIDIA L40S', tflops: 91.6 },
  { pattern: /\bL4\b/i, name: 'NVIDIA L4', tflops: 30.3 },
  { pattern: /\bA10\b/i, name: 'NVIDIA A10', tflops: 31.2 },
  { pattern: /\bT4\b/i, name: 'NVIDIA T4', tflops: 8.1 },
  { pattern: /RTX 4090/i, name: 'NVIDIA GeForce RTX 4090', tflops: 82.6 },
  { pattern: /RTX 4080/i, name: 'NVIDIA GeForce RTX 4080', tflops: 48.7 },
  { pattern: /RTX 3090 Ti/i, name: 'NVIDIA GeForce RTX 3090 Ti', tflops: 40 },
  { pattern: /RTX 3090/i, name: 'NVIDIA GeForce RTX 3090', tflops: 35.6 },
  { pattern: /RTX 3080/i, name: 'NVIDIA GeForce RTX 3080', tflops: 29.8 },
];

/** The FP32 peak of the adapter named `adapter`, in GFLOP/s, and where it comes from (or why there is none). */
export function gpuPeak(adapter: string, software: boolean): { readonly gflops: number | null; readonly how: string } {
  if (software) return { gflops: null, how: 'a software adapter (a CPU emulating a GPU): the figures are CPU speed, not GPU speed' };
  const known = GPU_FP32_PEAKS.find((p) => p.pattern.test(adapter));
  return known
    ? { gflops: known.tflops * 1000, how: `${known.tflops} TFLOP/s, the published FP32 peak of the ${known.name}` }
    : { gflops: null, how: 'peak unknown (no entry for this adapter in GPU_FP32_PEAKS, bench/cases/spec.ts)' };
}

/** MLP 784-256-128-10, ReLU, softmax cross-entropy, Adam. */
export const MLP = { sizes: [784, 256, 128, 10], batch: 128 } as const;

/**
 * CNN on 28×28×1: conv 3×3×16 'valid' → ReLU → maxpool 2 → conv 3×3×32 'valid' → ReLU →
 * maxpool 2 (11→5, the odd row/column dropped) → flatten 800 → dense 10; softmax CE, Adam.
 */
export const CNN = { image: 28, filters: [16, 32], kernel: 3, flat: 5 * 5 * 32, classes: 10, batch: 64 } as const;

/** Adam as the course (and Kingma & Ba) write it. */
export const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** Samples in the full epoch the issue asks for, and in the --quick one. */
export const EPOCH_SAMPLES = { full: 60_000, quick: 2_048 } as const;
/**
 * Distinct synthetic samples built before timing and cycled through: the data pipeline is not
 * what is measured, and 60,000 × 784 floats per process would be 188 MB of setup for nothing.
 */
export const POOL_SAMPLES = 2_048;

/** Seeds of the synthetic streams (see synthetic.ts); weights use WEIGHT_SEED + layer index. */
export const SEED = { data: 1, matA: 7, matB: 8, weights: 100 } as const;

/** What the parent asks one runner process to do. Passed as JSON in argv[2]. */
export interface Job {
  readonly system: System;
  readonly case: RunnerCase;
  /** Threads to ask the library for (1, or all the machine's cores). */
  readonly threads: number;
  /** Samples in one epoch (the most a repetition times). */
  readonly epochSamples: number;
  /** Repetitions wanted; fewer when one would not fit the budget. */
  readonly reps: number;
  /** Fewest repetitions kept even when the budget is exceeded. */
  readonly minReps: number;
  /** Seconds of timed work this runner should aim for (warm-up not counted). */
  readonly budgetS: number;
}

/** Training figures of one runner. */
export interface TrainFigures {
  /** Median over repetitions. */
  readonly samplesPerSec: number;
  readonly minSamplesPerSec: number;
  readonly maxSamplesPerSec: number;
  /** Steps timed per repetition and in a whole epoch (fewer: extrapolated from a part). */
  readonly stepsPerRep: number;
  readonly epochSteps: number;
  readonly reps: number;
  /** Loss of the first step: same weights and batch everywhere, so it should agree closely. */
  readonly loss0: number;
  /** Loss of the last timed step, to show training went somewhere. */
  readonly lossLast: number;
}

/** Median GFLOP/s per layout of one size. */
export type LayoutFigures = Readonly<Record<Layout, number>>;

/** One size a runner timed (the GPU runner times several), or why it did not. */
export type MatmulSize =
  | { readonly n: number; readonly gflops: LayoutFigures; readonly skipped?: undefined }
  | { readonly n: number; readonly gflops: null; readonly skipped: string };

/**
 * Matmul figures: median GFLOP/s per layout at MATMUL_N (what every system is compared on), and,
 * from runners that time several sizes, each of them (MATMUL_N included).
 */
export type MatmulFigures = LayoutFigures & { readonly sizes?: readonly MatmulSize[] };

/** The line a runner prints: `RESULT_MARK` followed by this as JSON. */
export type RunnerResult =
  | {
      readonly ok: true;
      readonly system: System;
      readonly case: RunnerCase;
      readonly threads: number;
      readonly figures: TrainFigures | MatmulFigures;
      /** Library version and backend flags, shown in the header. */
      readonly info: Readonly<Record<string, string>>;
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      readonly system: System;
      readonly case: RunnerCase;
      readonly threads: number;
      /** Why there is no figure: 'n/a' for a known inability, 'error' for a failure. */
      readonly kind: 'n/a' | 'error';
      readonly reason: string;
      readonly info: Readonly<Record<string, string>>;
    };

/** Marks the one result line among whatever else a library prints on stdout. */
export const RESULT_MARK = '@@bench-result ';

/** Steps in an epoch of `samples` (full batches only, as a drop-last data loader gives). */
export function epochSteps(samples: number, batch: number): number {
  return Math.max(1, Math.floor(samples / batch));
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
