/**
 * The WebGPU runtime's own rules: pool buckets, a clear error for a tensor larger than any buffer
 * the device allows, and a lost device turning every later call into an error that says so.
 */
import { describe, expect, it } from 'vitest';
import { requestNodeGpu } from '../../hosts/node/webgpu';
import { bucketBytes, GpuError, grid } from './runtime';
import { createWebGpuBackend } from './WebGpuBackend';
import { testBackend } from './testing';

describe('pool buckets and dispatch grids', () => {
  it('rounds sizes up to buckets that hold them, with little waste', () => {
    for (const bytes of [0, 1, 4, 255, 256, 257, 65_536, 65_537, 1_000_000, 123_456_789]) {
      const b = bucketBytes(bytes);
      expect(b).toBeGreaterThanOrEqual(Math.max(bytes, 4));
      expect(b % 4).toBe(0);
      if (bytes > 65_536) expect(b / bytes).toBeLessThan(1.07);
    }
  });

  it('splits a dispatch over two dimensions past 65,535 workgroups', () => {
    expect(grid(256 * 65_535)).toEqual([65_535, 1]);
    const [x, y] = grid(256 * 65_535 + 1);
    expect(x).toBe(65_535);
    expect(x * y * 256).toBeGreaterThanOrEqual(256 * 65_535 + 1);
  });
});

const gpu = await testBackend();

describe.skipIf(!gpu)('GPU failures are errors that name the cause', () => {
  it('a tensor larger than the largest buffer', () => {
    const b = gpu!;
    let error: unknown;
    try {
      b.runtime.alloc(b.runtime.maxBufferBytes + 4);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GpuError);
    expect((error as GpuError).reason).toBe('too-large');
    expect((error as GpuError).message).toMatch(/larger than the largest buffer the GPU .* allows .* continue on the CPU/);
  });

  it('a lost device: every later call throws, saying the run can continue on the CPU', async () => {
    const own = await requestNodeGpu();
    if (!own.ok) throw new Error(own.message);
    const b = createWebGpuBackend(own.device, own.adapterName);
    const x = b.upload(new Float32Array([1, 2, 3]));
    expect(Array.from(await b.read(x, 'float32', 3))).toEqual([1, 2, 3]);
    own.device.destroy();
    await expect.poll(() => b.runtime.error?.reason, { timeout: 10_000 }).toBe('lost');
    expect(() => b.kernels.unary!('relu', { storage: x, shape: [3], dtype: 'float32' })).toThrow(/was lost.*continue on the CPU/);
    await expect(b.read(x, 'float32', 3)).rejects.toThrow(GpuError);
    own.release();
  });
});
