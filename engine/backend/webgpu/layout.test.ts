/**
 * The WebGPU data-movement kernels (permute, slice, pad, concat, oneHot) against the CPU
 * backend's, exactly, on random shapes of rank 0 to 5 with sizes that are not multiples of the
 * workgroup.
 */
import { describe, expect, it } from 'vitest';
import { sizeOf } from '../../core/shape';
import { Random } from '../../core/random';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';

const gpu = await testBackend();

/** A random shape of the given rank with extents in [lo, hi]. */
function shapeOf(rng: Random, rank: number, lo = 1, hi = 6): number[] {
  return Array.from({ length: rank }, () => lo + Math.floor(rng.uniform() * (hi - lo + 1)));
}

function shuffled(rng: Random, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe.skipIf(!gpu)('WebGPU layout kernels match the CPU', () => {
  const b = gpu!;

  it('permute: random shapes and permutations of rank 0 to 5', async () => {
    const rng = new Random(1);
    const cases: [number[], number[]][] = [[[300, 257], [1, 0]], [[70_001], [0]], [[2, 0, 3], [2, 0, 1]], [[], []]];
    for (let rank = 0; rank <= 5; rank++) {
      for (let k = 0; k < 6; k++) {
        const shape = shapeOf(rng, rank, 1, rank >= 4 ? 5 : 9);
        cases.push([shape, shuffled(rng, rank)]);
      }
    }
    for (const [shape, perm] of cases) {
      const n = sizeOf(shape);
      const x = randomArray(n, n + perm.length);
      const want = cpu.kernels.permute!(cpuView(x, shape), perm) as Float32Array;
      const got = await readGpu(b, b.kernels.permute!(gpuView(b, x, shape), perm), n);
      assertClose(got, want, 0, 0, `permute ${JSON.stringify([shape, perm])}`);
    }
  });

  it('slice: random blocks of rank 0 to 5', async () => {
    const rng = new Random(2);
    const cases: [number[], number[], number[]][] = [[[], [], []], [[400, 300], [3, 1], [390, 257]], [[5, 4], [2, 0], [0, 4]]];
    for (let rank = 1; rank <= 5; rank++) {
      for (let k = 0; k < 6; k++) {
        const shape = shapeOf(rng, rank, 1, 7);
        const begin = shape.map((d) => Math.floor(rng.uniform() * d));
        const size = shape.map((d, i) => Math.floor(rng.uniform() * (d - begin[i] + 1)) || 1);
        cases.push([shape, begin, size]);
      }
    }
    for (const [shape, begin, size] of cases) {
      const x = randomArray(sizeOf(shape), 7);
      const want = cpu.kernels.slice!(cpuView(x, shape), begin, size) as Float32Array;
      const got = await readGpu(b, b.kernels.slice!(gpuView(b, x, shape), begin, size), sizeOf(size));
      assertClose(got, want, 0, 0, `slice ${JSON.stringify([shape, begin, size])}`);
    }
  });

  it('pad: zero and non-zero widths before and after, rank 0 to 5', async () => {
    const rng = new Random(3);
    const cases: [number[], number[], number[]][] = [
      [[], [], []], [[3, 4], [0, 0], [0, 0]], [[3, 4], [1, 0], [0, 0]], [[3, 4], [0, 0], [0, 2]],
      [[2, 3, 4], [0, 0, 1], [0, 0, 0]], [[0, 3], [1, 1], [2, 0]], [[257, 3], [0, 2], [3, 0]],
    ];
    for (let rank = 1; rank <= 5; rank++) {
      for (let k = 0; k < 6; k++) {
        const shape = shapeOf(rng, rank, 1, 5);
        const width = () => (rng.uniform() < 0.5 ? 0 : 1 + Math.floor(rng.uniform() * 3));
        cases.push([shape, shape.map(width), shape.map(width)]);
      }
    }
    for (const [shape, before, after] of cases) {
      const x = randomArray(sizeOf(shape), 5, 1, 2); // no zeros, so padding is visible
      const want = cpu.kernels.pad!(cpuView(x, shape), before, after) as Float32Array;
      const got = await readGpu(b, b.kernels.pad!(gpuView(b, x, shape), before, after), want.length);
      assertClose(got, want, 0, 0, `pad ${JSON.stringify([shape, before, after])}`);
    }
  });

  it('concat of 1 and of 9 inputs along each axis, also with empty inputs', async () => {
    const rng = new Random(4);
    for (const shape of [[7], [3, 5], [2, 3, 4, 5], [2, 1, 3, 2, 3]]) {
      for (let axis = 0; axis < shape.length; axis++) {
        for (const count of [1, 2, 9]) {
          const shapes = Array.from({ length: count }, (_, k) => shape.map((d, i) => (i === axis ? (k === 3 ? 0 : 1 + Math.floor(rng.uniform() * 4)) : d)));
          const xs = shapes.map((sh, k) => randomArray(sizeOf(sh), 100 * k + axis));
          const want = cpu.kernels.concat!(xs.map((x, k) => cpuView(x, shapes[k])), axis) as Float32Array;
          const got = await readGpu(b, b.kernels.concat!(xs.map((x, k) => gpuView(b, x, shapes[k])), axis), want.length);
          assertClose(got, want, 0, 0, `concat ${JSON.stringify(shapes)} axis ${axis}`);
        }
      }
    }
    // Long rows: two (300, 257) blocks side by side.
    const a = randomArray(300 * 257, 1);
    const c = randomArray(300 * 250, 2);
    const want = cpu.kernels.concat!([cpuView(a, [300, 257]), cpuView(c, [300, 250])], 1) as Float32Array;
    const got = await readGpu(b, b.kernels.concat!([gpuView(b, a, [300, 257]), gpuView(b, c, [300, 250])], 1), want.length);
    assertClose(got, want, 0, 0, 'concat (300, 257) + (300, 250)');
  });

  it('oneHot: a zero row for out-of-range, fractional and NaN indices', async () => {
    const idx = new Float32Array([2, 0, 3, -1, 1.5, NaN, Infinity, -0, 1, 2.0000002, 1e9]);
    for (const [shape, depth] of [[[11], 3], [[11, 1], 4], [[11], 1], [[11], 0]] as const) {
      const want = cpu.kernels.oneHot!(cpuView(idx, shape), depth) as Float32Array;
      const got = await readGpu(b, b.kernels.oneHot!(gpuView(b, idx, shape), depth), want.length);
      assertClose(got, want, 0, 0, `oneHot depth ${depth}`);
    }
    const many = Float32Array.from(randomArray(1000, 9, -1, 11), Math.floor);
    const want = cpu.kernels.oneHot!(cpuView(many, [1000]), 10) as Float32Array;
    expect(want.some((v) => v === 1)).toBe(true);
    assertClose(await readGpu(b, b.kernels.oneHot!(gpuView(b, many, [1000]), 10), 10_000), want, 0, 0, 'oneHot 1000×10');
  });
});
