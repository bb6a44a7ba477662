/**
 * The WebGPU pooling kernels against the CPU backend's on seeded random geometries: windows that
 * overlap (stride < size) and leave gaps (stride > size), padding, odd and SIMD-sized channel
 * counts, ties (values from a small integer set) and NaNs for max pooling. Max pooling and its
 * gradient must match exactly (same winners, same summation order); average pooling to float32
 * rounding (the CPU sums in float64).
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import type { Pool2dGeometry } from '../backend';
import { assertClose, cpu, cpuView, gpuView, readGpu, testBackend } from './testing';
import type { WebGpuBackend } from './WebGpuBackend';

const gpu = await testBackend();

/** A geometry as the CPU tests make them: padding below the window size, output sizes from the padded extent (≥ 1). */
function randomGeometry(rng: Random): Pool2dGeometry {
  for (;;) {
    const g = candidateGeometry(rng);
    if (g.outH >= 1 && g.outW >= 1) return g;
  }
}

function candidateGeometry(rng: Random): Pool2dGeometry {
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)];
  const kH = 1 + rng.int(3);
  const kW = 1 + rng.int(3);
  const inH = 1 + rng.int(9);
  const inW = 1 + rng.int(9);
  const [pt, pb, pl, pr] = [kH, kH, kW, kW].map((k) => Math.min(rng.int(2), k - 1));
  const strideH = 1 + rng.int(3);
  const strideW = 1 + rng.int(3);
  return {
    batch: 1 + rng.int(3), inH, inW, channels: pick([1, 3, 5, 16]), kH, kW, strideH, strideW, padTop: pt, padLeft: pl,
    outH: Math.floor((inH + pt + pb - kH) / strideH) + 1,
    outW: Math.floor((inW + pl + pr - kW) / strideW) + 1,
  };
}

const inShape = (g: Pool2dGeometry) => [g.batch, g.inH, g.inW, g.channels];
const outShape = (g: Pool2dGeometry) => [g.batch, g.outH, g.outW, g.channels];
const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs all four kernels on both backends and compares. */
async function compare(b: WebGpuBackend, g: Pool2dGeometry, x: Float32Array, dy: Float32Array, what: string): Promise<void> {
  const xs = inShape(g);
  const ys = outShape(g);
  const cx = cpuView(x, xs);
  const cdy = cpuView(dy, ys);
  const gx = gpuView(b, x, xs);
  const gdy = gpuView(b, dy, ys);
  const k = cpu.kernels;
  const results = [
    b.kernels.maxPool2d!(gx, g), b.kernels.maxPool2dBackward!(gx, gdy, g),
    b.kernels.avgPool2d!(gx, g), b.kernels.avgPool2dBackward!(gdy, g),
  ];
  const [max, maxBack, avg, avgBack] = await Promise.all(results.map((r, i) => readGpu(b, r, count(i % 2 ? xs : ys))));
  assertClose(max, k.maxPool2d!(cx, g) as Float32Array, 0, 0, `maxPool2d ${what}`);
  assertClose(maxBack, k.maxPool2dBackward!(cx, cdy, g) as Float32Array, 0, 0, `maxPool2dBackward ${what}`);
  assertClose(avg, k.avgPool2d!(cx, g) as Float32Array, 1e-6, 2e-6, `avgPool2d ${what}`);
  assertClose(avgBack, k.avgPool2dBackward!(cdy, g) as Float32Array, 1e-6, 2e-6, `avgPool2dBackward ${what}`);
  for (const s of [gx.storage, gdy.storage, ...results]) b.free(s);
}

function data(g: Pool2dGeometry, rng: Random, ties: boolean) {
  const x = Float32Array.from({ length: count(inShape(g)) }, () => (ties ? rng.int(3) - 3 : rng.uniform() * 2 - 1.5));
  const dy = Float32Array.from({ length: count(outShape(g)) }, () => rng.uniform() * 2 - 1);
  return { x, dy };
}

describe.skipIf(!gpu)('WebGPU pooling kernels match the CPU', () => {
  const b = gpu!;

  it.each([
    ['continuous values', false],
    ['ties (values from {-3, -2, -1})', true],
  ] as const)('on random geometries, %s', async (_, ties) => {
    const rng = new Random(ties ? 17 : 5);
    for (let run = 0; run < 60; run++) {
      const g = randomGeometry(rng);
      const { x, dy } = data(g, rng, ties);
      await compare(b, g, x, dy, `run ${run} ${JSON.stringify(g)}`);
    }
  });

  it('with NaNs (a NaN wins a max only as its window\'s first cell)', async () => {
    const rng = new Random(23);
    for (let run = 0; run < 30; run++) {
      const g = randomGeometry(rng);
      const { x, dy } = data(g, rng, run % 2 === 0);
      for (let i = run % 3; i < x.length; i += 3) x[i] = NaN;
      await compare(b, g, x, dy, `run ${run} ${JSON.stringify(g)}`);
    }
  });

  it('overlapping 3×3 windows at stride 1 route every tie to the CPU\'s cell', async () => {
    const g: Pool2dGeometry = { batch: 2, inH: 7, inW: 6, channels: 3, outH: 7, outW: 6, kH: 3, kW: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1 };
    const rng = new Random(3);
    const { x, dy } = data(g, rng, true);
    x.fill(-1, 0, 30);
    await compare(b, g, x, dy, 'stride 1');
  });

  it('windows entirely in the padding give 0 and route nothing', async () => {
    const g: Pool2dGeometry = { batch: 2, inH: 3, inW: 4, channels: 5, outH: 4, outW: 3, kH: 1, kW: 2, strideH: 1, strideW: 2, padTop: 1, padLeft: 1 };
    const { x, dy } = data(g, new Random(11), false);
    await compare(b, g, x, dy, 'padding-only windows');
    const out = await readGpu(b, b.kernels.maxPool2d!(gpuView(b, x, inShape(g)), g), count(outShape(g)));
    expect(Array.from(out.subarray(0, 3 * 5)).every((v) => v === 0)).toBe(true);
  });

  it('a larger image: 2×28×28×16, 2×2 at stride 2, and 3×3 at stride 2 with padding', async () => {
    const base = { batch: 2, inH: 28, inW: 28, channels: 16, padTop: 0, padLeft: 0 };
    const rng = new Random(9);
    for (const g of [
      { ...base, outH: 14, outW: 14, kH: 2, kW: 2, strideH: 2, strideW: 2 },
      { ...base, outH: 14, outW: 14, kH: 3, kW: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1 },
    ]) {
      const { x, dy } = data(g, rng, false);
      await compare(b, g, x, dy, JSON.stringify(g));
    }
  });

  it('the hand-computed 2×2 example', async () => {
    const g: Pool2dGeometry = { batch: 1, inH: 4, inW: 4, channels: 1, outH: 2, outW: 2, kH: 2, kW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0 };
    const x = gpuView(b, Float32Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    expect(Array.from(await readGpu(b, b.kernels.maxPool2d!(x, g), 4))).toEqual([5, 7, 13, 15]);
    expect(Array.from(await readGpu(b, b.kernels.avgPool2d!(x, g), 4))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });
});
