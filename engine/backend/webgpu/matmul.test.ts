/**
 * The WebGPU matmul (the tiled GEMM of gemm.ts) against the CPU backend's: all four transpose
 * layouts, sizes of 1, odd primes and either side of the tile sizes, broadcast batches, each of
 * the three tilings and the split-K path, more workgroups than one dispatch dimension holds, NaN
 * operands, and the buffer pool.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatmulGeometry } from '../backend';
import { BIG, HUGE, SMALL, TALL, WIDE, dispatchLimits, spread, tilingFor } from './gemm';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';

const gpu = await testBackend();

const LAYOUTS = [[false, false], [false, true], [true, false], [true, true]] as const;

/** Both operands' shapes for `g`: A is (k, m) when transposed, B is (n, k). */
const shapes = (g: MatmulGeometry) => ({
  a: [g.batchA, ...(g.transA ? [g.k, g.m] : [g.m, g.k])],
  b: [g.batchB, ...(g.transB ? [g.n, g.k] : [g.k, g.n])],
});

const geometry = (m: number, n: number, k: number, transA = false, transB = false, batch = 1, batchA = batch, batchB = batch): MatmulGeometry =>
  ({ batch, batchA, batchB, m, n, k, transA, transB });

describe('the GEMM dispatch geometry', () => {
  it('spreads workgroups over three dimensions of at most 65535', () => {
    expect(spread(12, 3, 4)).toEqual([3, 4, 1]);
    expect(spread(7 * 9 * 5, 7, 9)).toEqual([7, 9, 5]);
    for (const [total, x, y, max] of [[70_000, 1, 1, 65_535], [70_000, 1, 70_000, 65_535], [65_536 * 3, 65_536, 3, 65_535],
      [2 ** 32 - 1, 2 ** 16, 2 ** 16 - 1, 65_535], [70, 1, 1, 5], [10, 1, 10, 5], [30, 10, 1, 5]]) {
      const g = spread(total, x, y, max);
      expect(g.every((d) => d >= 1 && d <= max)).toBe(true);
      expect(g[0] * g[1] * g[2]).toBeGreaterThanOrEqual(total);
      expect(g[0] * g[1] * (g[2] - 1)).toBeLessThan(total);
    }
  });

  it('picks the tiles by the output size', () => {
    expect(tilingFor(1, 1000, 1)).toBe(WIDE);
    expect(tilingFor(1000, 3, 1)).toBe(TALL);
    expect(tilingFor(5, 5, 1)).toBe(SMALL);
    expect(tilingFor(200, 200, 1)).toBe(SMALL);
    expect(tilingFor(512, 512, 1)).toBe(BIG);
    expect(tilingFor(1024, 1024, 1)).toBe(HUGE);
    expect(tilingFor(129, 129, 16)).toBe(HUGE);
  });
});

describe.skipIf(!gpu)('WebGPU matmul matches the CPU', () => {
  const b = gpu!;

  /** Runs `g` on both backends with seeded operands; `edit` may change them first. */
  async function check(g: MatmulGeometry, seed: number, edit?: (A: Float32Array, B: Float32Array) => void): Promise<void> {
    const s = shapes(g);
    const A = randomArray(g.batchA * g.m * g.k, seed);
    const B = randomArray(g.batchB * g.k * g.n, seed + 1);
    edit?.(A, B);
    const want = cpu.kernels.matmul!(cpuView(A, s.a), cpuView(B, s.b), g) as Float32Array;
    const va = gpuView(b, A, s.a);
    const vb = gpuView(b, B, s.b);
    const out = b.kernels.matmul!(va, vb, g);
    const got = await readGpu(b, out, g.batch * g.m * g.n);
    for (const storage of [va.storage, vb.storage, out]) b.free(storage);
    // Float32 sums in another order: the error grows like √k times the terms (here |·| ≤ 1).
    assertClose(got, want, 1e-4, 2e-6 * Math.max(1, Math.sqrt(g.k)) * 4, JSON.stringify(g));
  }

  it.each(LAYOUTS)('transA %s, transB %s: sizes around the tiles', async (transA, transB) => {
    const sizes: [number, number, number][] = [
      [1, 1, 1], [1, 7, 1], [5, 1, 3], [1, 1, 300], [3, 5, 7], [13, 17, 19], [31, 33, 32],
      [63, 64, 65], [64, 65, 63], [65, 63, 64], [127, 129, 17], [129, 1, 127], [2, 131, 5],
    ];
    let seed = 1;
    for (const [m, n, k] of sizes) await check(geometry(m, n, k, transA, transB), seed++);
  });

  it.each(LAYOUTS)('transA %s, transB %s: batches, with A or B shared', async (transA, transB) => {
    await check(geometry(7, 9, 11, transA, transB, 3), 10);
    await check(geometry(33, 17, 20, transA, transB, 4, 1, 4), 11);
    await check(geometry(17, 33, 65, transA, transB, 3, 3, 1), 12);
    await check(geometry(1, 1, 1, transA, transB, 5, 5, 1), 13);
  });

  it('random geometries', async () => {
    const dims = fc.integer({ min: 1, max: 140 });
    await fc.assert(fc.asyncProperty(dims, dims, dims, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 3 }),
      fc.constantFrom('both', 'shared A', 'shared B'), fc.integer({ min: 1, max: 1000 }),
      async (m, n, k, transA, transB, batch, sharing, seed) => {
        const g = geometry(m, n, k, transA, transB, batch, sharing === 'shared A' ? 1 : batch, sharing === 'shared B' ? 1 : batch);
        await check(g, seed);
      }), { numRuns: 25 });
  });

  it('each tiling: 32 × 32, 64 × 64, 128 × 128, 256 × 4 and 4 × 256 tiles', async () => {
    expect(tilingFor(40, 40, 1)).toBe(SMALL);
    await check(geometry(40, 40, 33), 20);
    expect(tilingFor(400, 300, 1)).toBe(BIG);
    await check(geometry(400, 300, 23, false, true), 21);
    expect(tilingFor(129, 130, 16)).toBe(HUGE);
    await check(geometry(129, 130, 9, false, false, 16, 16, 1), 22);
    await check(geometry(129, 130, 9, true, true, 16, 1, 16), 23);
    expect(tilingFor(257, 7, 1)).toBe(TALL);
    await check(geometry(257, 7, 30, true, false), 24);
    expect(tilingFor(5, 300, 2)).toBe(WIDE);
    await check(geometry(5, 300, 31, false, true, 2), 25);
  });

  it('split-K: few output tiles and a long k', async () => {
    await check(geometry(20, 17, 3001), 30);
    await check(geometry(1, 1, 5000, true, true), 31);
    await check(geometry(64, 64, 1024, true, false), 32);
  });

  it('more workgroups than one dispatch dimension holds (the limit lowered to 5)', async () => {
    dispatchLimits.groups = 5;
    try {
      await check(geometry(1, 2, 3, false, false, 70, 70, 1), 40); // 70 along z
      await check(geometry(300, 9, 4), 41); // 10 tiles along y
      await check(geometry(7, 300, 4, false, false, 3, 1, 3), 42); // 10 along x, 3 along z
      await check(geometry(20, 20, 2000, true, false), 43); // split-K: 8 slices along z
    } finally {
      dispatchLimits.groups = 65_535;
    }
  });

  it('k = 0 gives zeros, an empty output nothing', async () => {
    await check(geometry(3, 4, 0), 50);
    await check(geometry(0, 4, 5), 51);
  });

  it('NaN operands spread to their row and column only', async () => {
    await check(geometry(9, 7, 5), 60, (A, B) => {
      A[2 * 5 + 3] = NaN;
      B[1 * 7 + 4] = NaN;
    });
    // In the split-K path too (the NaN sits in one slice).
    await check(geometry(3, 3, 2000), 61, (A) => {
      A[1 * 2000 + 1500] = NaN;
    });
  });

  it('keeps buffers in its pool: a repeated matmul stops creating them', async () => {
    const A = randomArray(50 * 3000, 70);
    const B = randomArray(3000 * 70, 71);
    const run = async (m: number, n: number, k: number) => {
      const va = gpuView(b, A.subarray(0, m * k), [m, k]);
      const vb = gpuView(b, B.subarray(0, k * n), [k, n]);
      const out = b.kernels.matmul!(va, vb, geometry(m, n, k));
      await readGpu(b, out, m * n);
      for (const storage of [va.storage, vb.storage, out]) b.free(storage);
    };
    for (const [m, n, k] of [[50, 70, 60], [10, 10, 3000]]) {
      await run(m, n, k);
      const created = b.runtime.stats.created;
      for (let i = 0; i < 5; i++) await run(m, n, k);
      expect(b.runtime.stats.created).toBe(created);
    }
  });
});
