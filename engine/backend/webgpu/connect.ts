/// <reference types="@webgpu/types" />
/**
 * Getting a WebGPU backend from a `GPU` object (the browser's or Electron's navigator.gpu):
 * a high-performance adapter, a device with the adapter's largest buffer limits, the backend on
 * it — or why there is none, in words for the user. Node has its own route (hosts/node/webgpu.ts)
 * because Dawn's instance must be kept alive there.
 */
import { createWebGpuBackend, type WebGpuBackend } from './WebGpuBackend';

export type WebGpuConnection =
  | { readonly ok: true; readonly backend: WebGpuBackend; readonly adapterName: string; readonly software: boolean }
  | { readonly ok: false; readonly reason: string };

/** GPUAdapter.info (older type definitions lack it). */
const infoOf = (adapter: GPUAdapter) => (adapter as { info?: GPUAdapterInfo }).info;

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A name a user would recognise ("NVIDIA GeForce RTX 4070", "SwiftShader Device (Subzero)"). */
export function adapterName(info: GPUAdapterInfo | undefined): string {
  if (info?.description) return info.description;
  // Browsers often withhold the description: vendor and architecture ("google swiftshader", "nvidia hopper").
  const parts = [info?.vendor, info?.architecture, info?.device].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : 'unknown adapter';
}

/** A CPU emulating a GPU (the spec's fallback adapter, or a known software rasteriser). */
export function isSoftwareAdapter(info: GPUAdapterInfo | undefined, name: string): boolean {
  const flagged = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
  return flagged || /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i.test(name);
}

export async function connectWebGpu(gpu: GPU | undefined): Promise<WebGpuConnection> {
  if (!gpu) return { ok: false, reason: 'this runtime has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `no GPU adapter: ${reasonOf(e)}` };
  }
  if (!adapter) return { ok: false, reason: 'no GPU adapter was found' };
  const name = adapterName(infoOf(adapter));
  try {
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    return { ok: true, backend: createWebGpuBackend(device, name), adapterName: name, software: isSoftwareAdapter(infoOf(adapter), name) };
  } catch (e) {
    return { ok: false, reason: `the adapter "${name}" refused a device: ${reasonOf(e)}` };
  }
}
