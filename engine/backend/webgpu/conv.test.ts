/**
 * The WebGPU convolution kernels (implicit GEMMs, gemm.ts) against the CPU backend's: a table of
 * strides, symmetric and asymmetric paddings, dilations, 1 × 1 and 5 × 5 windows, odd channel
 * counts and batches of 1 and 3, random small geometries, products big enough for each tiling and
 * for the filter gradient's split-K, NaN inputs, and the buffer pool.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Conv2dGeometry } from '../backend';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';

const gpu = await testBackend();

interface Spec {
  batch: number; inH: number; inW: number; inC: number; outC: number; kH: number; kW: number;
  strideH?: number; strideW?: number; dilationH?: number; dilationW?: number;
  padTop?: number; padBottom?: number; padLeft?: number; padRight?: number;
}

/** The full geometry, the output size from the padded input and the dilated window (as the CPU tests compute it). */
function geometryOf(r: Spec): Conv2dGeometry {
  const [strideH, strideW, dilationH, dilationW] = [r.strideH ?? 1, r.strideW ?? 1, r.dilationH ?? 1, r.dilationW ?? 1];
  const [padTop, padBottom, padLeft, padRight] = [r.padTop ?? 0, r.padBottom ?? 0, r.padLeft ?? 0, r.padRight ?? 0];
  const outH = Math.floor((r.inH + padTop + padBottom - ((r.kH - 1) * dilationH + 1)) / strideH) + 1;
  const outW = Math.floor((r.inW + padLeft + padRight - ((r.kW - 1) * dilationW + 1)) / strideW) + 1;
  return {
    batch: r.batch, inH: r.inH, inW: r.inW, inC: r.inC, outH, outW, outC: r.outC, kH: r.kH, kW: r.kW,
    strideH, strideW, padTop, padLeft, dilationH, dilationW,
  };
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

describe.skipIf(!gpu)('WebGPU convolutions match the CPU', () => {
  const b = gpu!;

  /** All three kernels on both backends, with seeded operands that `edit` may change first. */
  async function check(g: Conv2dGeometry, seed: number, edit?: (x: Float32Array, w: Float32Array, dy: Float32Array) => void): Promise<void> {
    const xs = [g.batch, g.inH, g.inW, g.inC];
    const ws = [g.kH, g.kW, g.inC, g.outC];
    const ys = [g.batch, g.outH, g.outW, g.outC];
    const x = randomArray(size(xs), seed);
    const w = randomArray(size(ws), seed + 1);
    const dy = randomArray(size(ys), seed + 2);
    edit?.(x, w, dy);
    const [gx, gw, gdy] = [gpuView(b, x, xs), gpuView(b, w, ws), gpuView(b, dy, ys)];
    const y = b.kernels.conv2d!(gx, gw, g);
    const dx = b.kernels.conv2dBackpropInput!(gdy, gw, g);
    const dw = b.kernels.conv2dBackpropFilter!(gx, gdy, g);
    const what = JSON.stringify(g);
    // Float32 sums in another order: the error grows like √(terms summed) (here |·| ≤ 1).
    const atol = (terms: number) => 1e-5 * Math.max(1, Math.sqrt(terms));
    const taps = g.kH * g.kW;
    assertClose(await readGpu(b, y, size(ys)), cpu.kernels.conv2d!(cpuView(x, xs), cpuView(w, ws), g) as Float32Array,
      1e-4, atol(taps * g.inC), `conv2d ${what}`);
    assertClose(await readGpu(b, dx, size(xs)), cpu.kernels.conv2dBackpropInput!(cpuView(dy, ys), cpuView(w, ws), g) as Float32Array,
      1e-4, atol(taps * g.outC), `conv2dBackpropInput ${what}`);
    assertClose(await readGpu(b, dw, size(ws)), cpu.kernels.conv2dBackpropFilter!(cpuView(x, xs), cpuView(dy, ys), g) as Float32Array,
      1e-4, atol(g.batch * g.outH * g.outW), `conv2dBackpropFilter ${what}`);
    for (const s of [gx.storage, gw.storage, gdy.storage, y, dx, dw]) b.free(s);
  }

  const TABLE: [string, Spec][] = [
    ['3×3, stride 1, same padding', { batch: 1, inH: 6, inW: 7, inC: 3, outC: 5, kH: 3, kW: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 }],
    ['3×3, stride 1, no padding, batch 3', { batch: 3, inH: 8, inW: 5, inC: 1, outC: 1, kH: 3, kW: 3 }],
    ['3×3, stride 2, asymmetric padding', { batch: 3, inH: 9, inW: 8, inC: 5, outC: 3, kH: 3, kW: 3, strideH: 2, strideW: 2, padTop: 0, padBottom: 1, padLeft: 1, padRight: 0 }],
    ['3×2, strides 2 and 1, padding on one side', { batch: 1, inH: 7, inW: 6, inC: 3, outC: 7, kH: 3, kW: 2, strideH: 2, strideW: 1, padTop: 2, padBottom: 0, padLeft: 0, padRight: 1 }],
    ['1×1, stride 1 (pointwise)', { batch: 3, inH: 5, inW: 7, inC: 9, outC: 11, kH: 1, kW: 1 }],
    ['1×1, stride 2', { batch: 1, inH: 7, inW: 7, inC: 3, outC: 5, kH: 1, kW: 1, strideH: 2, strideW: 2 }],
    ['5×5, same padding', { batch: 1, inH: 9, inW: 8, inC: 3, outC: 5, kH: 5, kW: 5, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2 }],
    ['5×5, stride 2, asymmetric padding, batch 3', { batch: 3, inH: 11, inW: 10, inC: 7, outC: 3, kH: 5, kW: 5, strideH: 2, strideW: 2, padTop: 1, padBottom: 2, padLeft: 2, padRight: 1 }],
    ['3×3, dilation 2, padded', { batch: 3, inH: 9, inW: 9, inC: 3, outC: 5, kH: 3, kW: 3, dilationH: 2, dilationW: 2, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2 }],
    ['3×3, dilation 2, stride 2, unpadded', { batch: 1, inH: 12, inW: 11, inC: 5, outC: 7, kH: 3, kW: 3, dilationH: 2, dilationW: 2, strideH: 2, strideW: 2 }],
    ['5×5, dilations 2 and 1, padded on one side', { batch: 1, inH: 13, inW: 9, inC: 1, outC: 3, kH: 5, kW: 5, dilationH: 2, dilationW: 1, padTop: 3, padBottom: 0, padLeft: 0, padRight: 2 }],
    ['window as large as the padded input', { batch: 3, inH: 3, inW: 4, inC: 2, outC: 3, kH: 5, kW: 5, padTop: 1, padBottom: 1, padLeft: 1, padRight: 0 }],
    ['1 × 1 image, 3×3 window', { batch: 1, inH: 1, inW: 1, inC: 1, outC: 1, kH: 3, kW: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 }],
    ['stride larger than the window', { batch: 3, inH: 10, inW: 10, inC: 3, outC: 2, kH: 2, kW: 2, strideH: 3, strideW: 3 }],
  ];
  it.each(TABLE)('%s', async (_name, spec) => {
    await check(geometryOf(spec), 7);
  });

  it('random geometries', async () => {
    const arb = fc.record({
      batch: fc.integer({ min: 1, max: 3 }), inH: fc.integer({ min: 1, max: 9 }), inW: fc.integer({ min: 1, max: 9 }),
      inC: fc.integer({ min: 1, max: 7 }), outC: fc.integer({ min: 1, max: 7 }),
      kH: fc.integer({ min: 1, max: 5 }), kW: fc.integer({ min: 1, max: 5 }),
      strideH: fc.integer({ min: 1, max: 3 }), strideW: fc.integer({ min: 1, max: 3 }),
      dilationH: fc.integer({ min: 1, max: 2 }), dilationW: fc.integer({ min: 1, max: 2 }),
      padTop: fc.integer({ min: 0, max: 2 }), padBottom: fc.integer({ min: 0, max: 2 }),
      padLeft: fc.integer({ min: 0, max: 2 }), padRight: fc.integer({ min: 0, max: 2 }),
    }).map(geometryOf).filter((g) => g.outH >= 1 && g.outW >= 1);
    await fc.assert(fc.asyncProperty(arb, fc.integer({ min: 1, max: 1000 }), (g, seed) => check(g, seed)), { numRuns: 25 });
  });

  it('larger products: each tiling, the split-K filter gradient', async () => {
    // Forward 1200 × 65 (64 × 64 tiles), filter gradient 63 × 65 over k = 1200 (split along k).
    await check(geometryOf({ batch: 3, inH: 20, inW: 20, inC: 7, outC: 65, kH: 3, kW: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 }), 11);
    // Forward 4096 × 129 (128 × 128 tiles), input gradient 4096 × 3 over k = 1161 (256 × 4 tiles), filter gradient over k = 4096.
    await check(geometryOf({ batch: 1, inH: 64, inW: 64, inC: 3, outC: 129, kH: 3, kW: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 }), 12);
    // Forward 992 × 33 at stride 2 (32 × 32 tiles), its input gradient gathering across the stride.
    await check(geometryOf({ batch: 1, inH: 64, inW: 63, inC: 5, outC: 33, kH: 3, kW: 3, strideH: 2, strideW: 2, padTop: 0, padBottom: 1, padLeft: 0, padRight: 1 }), 13);
  });

  it('NaN in the input or the output gradient reaches the same elements as on the CPU', async () => {
    const g = geometryOf({ batch: 1, inH: 7, inW: 7, inC: 2, outC: 3, kH: 3, kW: 3, strideH: 2, strideW: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 });
    await check(g, 20, (x, _w, dy) => {
      x[(3 * 7 + 4) * 2 + 1] = NaN;
      dy[(1 * 4 + 2) * 3] = NaN;
    });
  });

  it('a NaN weight: the input gradient is NaN wherever the CPU\'s is, and may be in more places', async () => {
    // The gather also multiplies the weight by the zeros of taps that land between strides or in
    // the padding, which col2im never adds: 0 · NaN is NaN there too.
    const g = geometryOf({ batch: 1, inH: 7, inW: 7, inC: 2, outC: 3, kH: 3, kW: 3, strideH: 2, strideW: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 });
    const [xs, ws, ys] = [[1, 7, 7, 2], [3, 3, 2, 3], [1, g.outH, g.outW, 3]];
    const w = randomArray(size(ws), 40);
    w[((2 * 3 + 2) * 2 + 1) * 3 + 1] = NaN; // kh = kw = 2, ci = 1, co = 1
    const dy = randomArray(size(ys), 41);
    const want = cpu.kernels.conv2dBackpropInput!(cpuView(dy, ys), cpuView(w, ws), g) as Float32Array;
    const [gdy, gw] = [gpuView(b, dy, ys), gpuView(b, w, ws)];
    const out = b.kernels.conv2dBackpropInput!(gdy, gw, g);
    const got = await readGpu(b, out, size(xs));
    for (const s of [gdy.storage, gw.storage, out]) b.free(s);
    expect(want.some(Number.isNaN)).toBe(true);
    for (let i = 0; i < want.length; i++) {
      if (Number.isNaN(want[i])) expect(got[i]).toBeNaN();
      else if (!Number.isNaN(got[i])) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
    }
    // Channel 0 never meets the NaN weight: it matches everywhere.
    const channel0 = (a: Float32Array) => a.filter((_, i) => i % 2 === 0);
    assertClose(channel0(got), channel0(want), 1e-4, 1e-5, 'channel 0');
  });

  it('keeps buffers in its pool: repeated convolutions stop creating them', async () => {
    const g = geometryOf({ batch: 2, inH: 12, inW: 12, inC: 3, outC: 4, kH: 3, kW: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 });
    await check(g, 30);
    const created = b.runtime.stats.created;
    for (let i = 0; i < 3; i++) await check(g, 31 + i);
    expect(b.runtime.stats.created).toBe(created);
  });
});
