/**
 * The WebGPU element-wise kernels against the CPU backend's, on random shapes with broadcasting
 * and sizes that are not multiples of the workgroup.
 */
import { describe, expect, it } from 'vitest';
import { BINARY_OPS, UNARY_OPS, type UnaryOp } from '../backend';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';
import { sizeOf } from '../../core/shape';

const gpu = await testBackend();

describe.skipIf(!gpu)('WebGPU element-wise kernels match the CPU', () => {
  const b = gpu!;
  const domain: Partial<Record<UnaryOp, [number, number]>> = { log: [0.01, 5], sqrt: [0, 5], reciprocal: [0.1, 3] };

  it.each(UNARY_OPS)('unary %s', async (op) => {
    for (const n of [1, 255, 257, 1000, 70_001]) {
      const [lo, hi] = domain[op] ?? [-4, 4];
      const x = randomArray(n, n + op.length, lo, hi);
      if (op === 'relu' || op === 'step' || op === 'sign') x[0] = 0;
      const want = cpu.kernels.unary!(op, cpuView(x, [n])) as Float32Array;
      const got = await readGpu(b, b.kernels.unary!(op, gpuView(b, x, [n])), n);
      assertClose(got, want, 2e-6, 1e-6, `${op} n=${n}`);
    }
  });

  it('sigmoid and tanh stay finite at large |x|', async () => {
    const x = new Float32Array([-1000, -90, 90, 1000]);
    for (const op of ['sigmoid', 'tanh'] as const) {
      const got = await readGpu(b, b.kernels.unary!(op, gpuView(b, x, [4])), 4);
      assertClose(got, cpu.kernels.unary!(op, cpuView(x, [4])) as Float32Array, 0, 1e-7, op);
    }
  });

  const shapes: [number[], number[], number[]][] = [
    [[7, 13], [7, 13], [7, 13]],
    [[64, 10], [10], [64, 10]],
    [[3, 1, 5], [4, 1], [3, 4, 5]],
    [[], [2, 3], [2, 3]],
    [[2, 3, 4, 5], [1, 3, 1, 5], [2, 3, 4, 5]],
    [[300, 257], [300, 1], [300, 257]],
  ];
  it.each(BINARY_OPS)('binary %s with broadcasting', async (op) => {
    for (const [sa, sb, so] of shapes) {
      const lo = op === 'pow' ? 0.1 : -3;
      const a = randomArray(sizeOf(sa), 11, lo, 3);
      const bb = op === 'pow' ? randomArray(sizeOf(sb), 12, -2, 2) : randomArray(sizeOf(sb), 12, -3, 3);
      if (op === 'div') bb.forEach((v, i) => (bb[i] = Math.abs(v) < 0.1 ? 0.5 : v));
      if (op === 'equal' || op === 'greaterEqual') bb.forEach((_, i) => i % 3 === 0 && (bb[i] = a[i % a.length]));
      const want = cpu.kernels.binary!(op, cpuView(a, sa), cpuView(bb, sb), so) as Float32Array;
      const got = await readGpu(b, b.kernels.binary!(op, gpuView(b, a, sa), gpuView(b, bb, sb), so), sizeOf(so));
      assertClose(got, want, 2e-6, 1e-6, `${op} ${JSON.stringify([sa, sb])}`);
    }
  });

  it('pow follows Math.pow for negative bases with integer exponents', async () => {
    const a = new Float32Array([-2, -2, -3, 0, 2, -2]);
    const e = new Float32Array([2, 3, 0, 0, 0.5, 0.5]);
    const got = await readGpu(b, b.kernels.binary!('pow', gpuView(b, a, [6]), gpuView(b, e, [6]), [6]), 6);
    assertClose(got, [4, -8, 1, 1, Math.SQRT2, NaN], 1e-6, 0, 'pow');
  });

  it('broadcastTo, fill and cast', async () => {
    const x = randomArray(15, 3);
    const want = cpu.kernels.broadcastTo!(cpuView(x, [3, 1, 5]), [2, 3, 4, 5]) as Float32Array;
    assertClose(await readGpu(b, b.kernels.broadcastTo!(gpuView(b, x, [3, 1, 5]), [2, 3, 4, 5]), 120), want, 0, 0, 'broadcastTo');
    assertClose(await readGpu(b, b.kernels.fill!(1001, 'float32', -2.5), 1001), new Float32Array(1001).fill(-2.5), 0, 0, 'fill');
    assertClose(await readGpu(b, b.kernels.cast!(gpuView(b, x, [15]), 'float32'), 15), x, 0, 0, 'cast');
    expect(() => b.kernels.cast!(gpuView(b, x, [15]), 'float64')).toThrow(/float32 only/);
  });

  it('keeps buffers in its pool: a repeated kernel stops creating them', async () => {
    const x = randomArray(4096, 5);
    const run = async () => {
      const xs = gpuView(b, x, [4096]);
      const y = b.kernels.unary!('relu', xs);
      await readGpu(b, y, 4096);
      b.free(xs.storage);
      b.free(y);
    };
    await run();
    const created = b.runtime.stats.created;
    for (let i = 0; i < 10; i++) await run();
    expect(b.runtime.stats.created).toBe(created);
  });
});
