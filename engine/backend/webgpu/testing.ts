/**
 * Test support for the WebGPU kernels: one device per test process (Dawn through the `webgpu`
 * package; on machines without a GPU, SwiftShader as vitest.config.ts arranges), tensors moved
 * between the CPU and GPU backends, and a closeness check that names the worst element.
 */
import { createCpuBackend } from '../cpu/CpuBackend';
import type { TensorView } from '../backend';
import type { Shape } from '../../core/shape';
import { requestNodeGpu, type NodeGpu } from '../../hosts/node/webgpu';
import { createWebGpuBackend, type WebGpuBackend } from './WebGpuBackend';
import type { GpuStorage } from './runtime';

let gpu: Promise<NodeGpu> | null = null;
/** The test process's device, or why there is none. */
export function testGpu(): Promise<NodeGpu> {
  return (gpu ??= requestNodeGpu());
}

let backend: WebGpuBackend | null = null;
/** The WebGPU backend on the test device (null without one: tests then skip, printing why). */
export async function testBackend(): Promise<WebGpuBackend | null> {
  const g = await testGpu();
  if (!g.ok) {
    console.log(`webgpu tests skipped: ${g.message}`);
    return null;
  }
  return (backend ??= createWebGpuBackend(g.device, g.adapterName));
}

export const cpu = createCpuBackend();

/** A CPU operand. */
export const cpuView = (data: Float32Array, shape: Shape): TensorView => ({ storage: data, shape, dtype: 'float32' });

/** The same values as a GPU operand. */
export const gpuView = (b: WebGpuBackend, data: Float32Array, shape: Shape): TensorView =>
  ({ storage: b.upload(data), shape, dtype: 'float32' });

/** Reads a GPU kernel's result. */
export async function readGpu(b: WebGpuBackend, storage: unknown, size: number): Promise<Float32Array> {
  return (await b.read(storage as GpuStorage, 'float32', size)) as Float32Array;
}

/**
 * Throws unless |actual − expected| ≤ atol + rtol·|expected| everywhere (NaN only where NaN is
 * expected), naming the first bad index and values.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-6, what = ''): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(Math.abs(a - e) <= atol + rtol * Math.abs(e)) && a !== e) {
      throw new Error(`${what}: element ${i} is ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Uniform random values in [lo, hi) from a seeded generator (mulberry32). */
export function randomArray(size: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}
