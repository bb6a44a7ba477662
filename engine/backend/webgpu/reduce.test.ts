/**
 * The WebGPU reductions, argMax, softmax and logSoftmax against the CPU backend's: every axis
 * subset of a rank-4 tensor, random shapes of rank 0 to 5, long rows (split into chunks), more
 * than 65,535 rows (2-D dispatch), NaN, ties, empty axes and large-magnitude inputs.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import { sizeOf } from '../../core/shape';
import type { ReduceOp } from '../backend';
import { reduceKernels } from './reduce';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';

const gpu = await testBackend();
/**
 * Kernels forced onto paths that real shapes reach only with huge tensors: a workgroup (or a
 * segment of 4 threads) per row, with few workgroups per dimension so that dispatches are 2-D.
 * (Software drivers run 65,536 workgroups with barriers far too slowly for a test.)
 */
const forced = gpu && [
  reduceKernels(gpu.runtime, { threadsPerRow: 256, maxGroups: 7 }),
  reduceKernels(gpu.runtime, { threadsPerRow: 4, maxGroups: 5 }),
  reduceKernels(gpu.runtime, { maxGroups: 3 }),
];

const OPS: readonly ReduceOp[] = ['sum', 'max', 'min'];

/** Every subset of 0 … rank−1, as sorted axis lists. */
const subsets = (rank: number) => Array.from({ length: 2 ** rank }, (_, m) => Array.from({ length: rank }, (_, i) => i).filter((i) => m & (1 << i)));

/** A random shape with extents in [lo, hi], halving its largest extent until it has at most `max` elements. */
function shapeOf(rng: Random, rank: number, lo = 1, hi = 6, max = 20_000): number[] {
  const shape = Array.from({ length: rank }, () => lo + Math.floor(rng.uniform() * (hi - lo + 1)));
  while (sizeOf(shape) > max) {
    const i = shape.indexOf(Math.max(...shape));
    shape[i] = Math.ceil(shape[i] / 2);
  }
  return shape;
}

/** Values with many ties: small integers. */
const integers = (n: number, seed: number, k = 5) => Float32Array.from(randomArray(n, seed, 0, k), Math.floor);

describe.skipIf(!gpu)('WebGPU reductions match the CPU', () => {
  const b = gpu!;

  /**
   * Runs the reduction on both backends. Sums may differ by rounding (the GPU adds in a
   * different order, in float32): allowed 2⁻²⁰·Σ|x| per output; max and min must agree exactly.
   */
  async function check(op: ReduceOp, x: Float32Array, shape: number[], axes: number[], kernels = b.kernels): Promise<void> {
    const want = cpu.kernels.reduce!(op, cpuView(x, shape), axes) as Float32Array;
    const got = await readGpu(b, kernels.reduce!(op, gpuView(b, x, shape), axes), want.length);
    const what = `${op} ${JSON.stringify(shape)} over ${JSON.stringify(axes)}`;
    if (op !== 'sum') return assertClose(got, want, 0, 0, what);
    const mag = cpu.kernels.reduce!('sum', cpuView(x.map(Math.abs), shape), axes) as Float32Array;
    for (let i = 0; i < want.length; i++) {
      if (!(Math.abs(got[i] - want[i]) <= 2 ** -20 * mag[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i]))) {
        throw new Error(`${what}: element ${i} is ${got[i]}, expected ${want[i]} (Σ|x| ${mag[i]})`);
      }
    }
  }

  it.each(OPS)('%s over every subset of the axes of a rank-4 tensor', async (op) => {
    const shape = [3, 5, 7, 11];
    const x = randomArray(sizeOf(shape), 1);
    for (const axes of subsets(4)) await check(op, x, shape, axes);
  });

  it.each(OPS)('%s over random axes of random shapes of rank 0 to 5', async (op) => {
    const rng = new Random(op.length);
    for (let rank = 0; rank <= 5; rank++) {
      for (let k = 0; k < 5; k++) {
        const shape = shapeOf(rng, rank, 1, rank >= 4 ? 6 : 40);
        const axes = subsets(rank)[Math.floor(rng.uniform() * 2 ** rank)];
        await check(op, randomArray(sizeOf(shape), 10 * rank + k), shape, axes);
      }
    }
  });

  it.each(OPS)('%s over long rows, many rows, and columns', async (op) => {
    // A bias gradient: 50,000 rows of 32 summed over the batch (permuted, then split into chunks).
    await check(op, randomArray(50_000 * 32, 2), [50_000, 32], [0]);
    // One row of 70,001 (split), a few rows of 70,001, 64 rows of 10.
    await check(op, randomArray(70_001, 3), [70_001], [0]);
    await check(op, randomArray(3 * 70_001, 4), [3, 70_001], [1]);
    await check(op, randomArray(640, 5), [64, 10], [1]);
    // More than 65,535 rows (a thread each).
    await check(op, randomArray(70_000 * 10, 6), [70_000, 10], [1]);
    // Contiguous middle axes: a thread per column; columns split in interleaved parts over passes.
    await check(op, randomArray(3 * 50 * 2000, 7), [3, 50, 2000], [1]);
    await check(op, randomArray(5000 * 3, 8), [5000, 3], [0]);
    await check(op, randomArray(2 * 3000 * 40, 9), [2, 3000, 40], [1]);
    // 2-D dispatches, forced, with workgroups past the last task.
    const x = randomArray(1000 * 50, 10);
    for (const k of forced!) {
      await check(op, x, [1000, 50], [1], k);
      await check(op, x, [20, 50, 50], [1], k);
      await check(op, x, [20, 50, 50], [0, 2], k);
    }
  });

  it('max and min propagate NaN wherever it is', async () => {
    const x = randomArray(4 * 70_001, 11);
    for (const i of [0, 70_001 + 5, 2 * 70_001 + 70_000, 3 * 70_001 + 40_000]) x[i] = NaN;
    for (const op of ['max', 'min'] as const) {
      await check(op, x, [4, 70_001], [1]);
      await check(op, x, [70_001, 4], [0]);
      await check(op, x, [4, 70_001], [0]);
      await check(op, x.subarray(0, 4 * 17 * 13), [4, 17, 13], [0, 2]);
      const got = await readGpu(b, b.kernels.reduce!(op, gpuView(b, x, [4, 70_001]), [1]), 4);
      expect(Array.from(got).every(Number.isNaN)).toBe(true);
    }
    // One NaN in an all-numbers row of the column kernel (first, middle, last of its column).
    const y = randomArray(3 * 50 * 2000, 12);
    y[7] = NaN;
    y[3 * 50 * 2000 - 1] = NaN;
    y[(25 * 2000) + 9] = NaN;
    for (const op of ['max', 'min'] as const) await check(op, y, [3, 50, 2000], [1]);
  });

  it('over an empty axis: 0, −∞, +∞ as on the CPU; extent-1 axes copy', async () => {
    for (const op of OPS) {
      await check(op, new Float32Array(0), [3, 0, 4], [1]);
      await check(op, new Float32Array(0), [0], [0]);
      await check(op, new Float32Array(0), [3, 0], [0]);
      await check(op, randomArray(12, 1), [3, 1, 4, 1], [1, 3]);
    }
  });

  it('repeated reductions on the same shapes create no new buffers', async () => {
    const x = randomArray(50 * 100 * 32, 13);
    const run = async () => {
      const xs = gpuView(b, x, [50, 100, 32]);
      const outs = [
        b.kernels.reduce!('sum', xs, [0, 1]), b.kernels.reduce!('max', xs, [0, 2]), b.kernels.reduce!('min', xs, [1, 2]),
        b.kernels.argMax!(xs, 1), b.kernels.softmax!(xs),
      ];
      await readGpu(b, outs[0], 32);
      b.free(xs.storage);
      for (const o of outs) b.free(o);
    };
    await run();
    const created = b.runtime.stats.created;
    for (let i = 0; i < 5; i++) await run();
    expect(b.runtime.stats.created).toBe(created);
  });
});

describe.skipIf(!gpu)('WebGPU argMax matches the CPU', () => {
  const b = gpu!;

  async function check(x: Float32Array, shape: number[], axis: number, kernels = b.kernels): Promise<void> {
    const want = cpu.kernels.argMax!(cpuView(x, shape), axis) as Float32Array;
    const got = await readGpu(b, kernels.argMax!(gpuView(b, x, shape), axis), want.length);
    assertClose(got, want, 0, 0, `argMax ${JSON.stringify(shape)} axis ${axis}`);
  }

  it('every axis of random shapes of rank 1 to 5, with ties', async () => {
    const rng = new Random(5);
    for (let rank = 1; rank <= 5; rank++) {
      for (let k = 0; k < 4; k++) {
        const shape = shapeOf(rng, rank, 1, rank >= 4 ? 6 : 40);
        const x = integers(sizeOf(shape), rank * 10 + k, 3);
        for (let axis = 0; axis < rank; axis++) await check(x, shape, axis);
      }
    }
  });

  it('long rows, many rows, columns, NaN and −∞', async () => {
    const long = integers(3 * 70_001, 1, 1000);
    await check(long, [3, 70_001], 1);
    await check(long, [70_001, 3], 0);
    const many = integers(70_000 * 10, 2, 4);
    await check(many, [70_000, 10], 1);
    await check(many, [7, 10, 10_000], 1); // a thread per column
    await check(many, [10, 70_000], 0); // few outputs: permuted to rows
    for (const k of forced!) {
      await check(many.subarray(0, 50_000), [1000, 50], 1, k);
      await check(many.subarray(0, 50_000), [1000, 50], 0, k);
    }
    // NaN never wins; a row of −∞ and NaN only gives 0.
    const x = new Float32Array([NaN, 1, 3, NaN, 3, -Infinity, -Infinity, NaN, NaN, -Infinity, 2, Infinity, 5, Infinity, NaN]);
    await check(x, [3, 5], 1);
    await check(x, [5, 3], 0);
    await check(new Float32Array(0), [3, 0], 1);
  });
});

describe.skipIf(!gpu)('WebGPU softmax and logSoftmax match the CPU', () => {
  const b = gpu!;

  /**
   * Within 2·10⁻⁶ relative (10⁻¹² absolute: the CPU's log(1 + tiny) in double precision is
   * itself only that close for a dominant element's log-softmax).
   */
  async function check(x: Float32Array, shape: number[], kernels = b.kernels): Promise<void> {
    for (const op of ['softmax', 'logSoftmax'] as const) {
      const want = cpu.kernels[op]!(cpuView(x, shape)) as Float32Array;
      const got = await readGpu(b, kernels[op]!(gpuView(b, x, shape)), want.length);
      assertClose(got, want, 2e-6, 1e-12, `${op} ${JSON.stringify(shape)}`);
    }
  }

  it('random shapes of rank 0 to 5', async () => {
    const rng = new Random(6);
    for (let rank = 0; rank <= 5; rank++) {
      for (let k = 0; k < 4; k++) {
        const shape = shapeOf(rng, rank, 1, rank >= 4 ? 6 : 300);
        if (rank > 0) shape[rank - 1] = [1, 7, 64, 65, 300][k % 5];
        await check(randomArray(sizeOf(shape), rank * 10 + k, -8, 8), shape);
      }
    }
    await check(new Float32Array(0), [3, 0]);
    await check(new Float32Array([5, -3]), [2, 1]);
  });

  it('long rows and many rows', async () => {
    await check(randomArray(2 * 70_001, 1, -10, 10), [2, 70_001]);
    const many = randomArray(70_000 * 10, 2, -10, 10);
    await check(many, [70_000, 10]);
    for (const k of forced!) await check(many.subarray(0, 50_000), [1000, 50], k);
  });

  it('stays finite on inputs of magnitude 1000', async () => {
    const x = new Float32Array([1000, 1001, 1002, -1000, -1001, -1000, -2000, 0, -1000, 0, 1000, 1000]);
    await check(x, [4, 3]);
    // A dominant element: log-softmax −log(1 + e⁻¹⁰) ≈ −4.54·10⁻⁵ to 2·10⁻⁶ relative, not 10⁻⁷ absolute.
    await check(new Float32Array([0, -10, 1000, 985, -1000, -1017.5]), [3, 2]);
    const big = randomArray(300 * 257, 3, -1000, 1000);
    await check(big, [300, 257]);
    for (const op of ['softmax', 'logSoftmax'] as const) {
      const got = await readGpu(b, b.kernels[op]!(gpuView(b, big, [300, 257])), big.length);
      expect(got.every(Number.isFinite)).toBe(true);
    }
  });

  it('a NaN, +∞ or a row of −∞ makes the row NaN, as on the CPU', async () => {
    const x = randomArray(4 * 600, 4);
    x[700] = NaN;
    x[1300] = Infinity;
    x.fill(-Infinity, 1800, 2400);
    x[5] = -Infinity;
    await check(x, [4, 600]);
    await check(x, [800, 3]);
    const want = cpu.kernels.softmax!(cpuView(x, [4, 600])) as Float32Array;
    expect([0, 600, 1200, 1800].map((i) => Number.isNaN(want[i]))).toEqual([false, true, true, true]);
  });
});
