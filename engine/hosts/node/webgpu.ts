/// <reference types="@webgpu/types" />
/**
 * WebGPU in Node (the CLI, tests, benchmarks): Dawn through the optional `webgpu` npm package.
 * Returns a device and the adapter's name, or why there is none, as a catalogue message — the
 * package is missing, no adapter exists, or the adapter refused a device — so callers can say it
 * plainly and fall back to the CPU.
 *
 * On Linux without a GPU, Dawn can run on a software Vulkan driver (Chromium's SwiftShader):
 * start Node with LD_LIBRARY_PATH=/usr/lib/chromium
 * VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json and XDG_RUNTIME_DIR set (see
 * DEVELOPERS.md). The dynamic linker reads those at process start, so they cannot be set here.
 */
import { createWebGpuBackend, type WebGpuBackend } from '../../backend/webgpu/WebGpuBackend';
import { adapterName, isSoftwareAdapter } from '../../backend/webgpu/connect';
import { i18n } from '../../index';

export type NodeGpu =
  | {
    readonly ok: true; readonly device: GPUDevice; readonly adapterName: string; readonly release: () => void;
    /** A CPU emulating a GPU (SwiftShader, llvmpipe): correct, but slower than the CPU backend. */
    readonly software: boolean;
  }
  | { readonly ok: false; readonly key: i18n.MessageKey; readonly vars: i18n.MessageVars; readonly message: string };

interface WebGpuPackage {
  create(flags: string[]): GPU;
  /** GPUBufferUsage, GPUMapMode, … — the constants WebGPU code reads from the global scope. */
  globals: Record<string, unknown>;
}

const unavailable = (key: i18n.MessageKey, vars: i18n.MessageVars = {}): NodeGpu =>
  ({ ok: false, key, vars, message: i18n.translate('en', key, vars) });

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Dawn's instances (the objects `create` returns), kept reachable while their devices live: Dawn
 * frees everything when its instance is garbage-collected, and a device used after that crashes
 * the process (dawn-gpu/node-webgpu's README, "Lifetime"). A held instance keeps Node from
 * exiting, so each device's `release` lets go of it.
 */
const instances = new Set<GPU>();

/**
 * Asks Dawn for a high-performance adapter and a device on it. Call `release` when done with the
 * device (Node does not exit while one is held).
 */
export async function requestNodeGpu(): Promise<NodeGpu> {
  let pkg: WebGpuPackage;
  try {
    pkg = (await import('webgpu')) as unknown as WebGpuPackage;
  } catch {
    return unavailable('webgpu.unavailable.package');
  }
  Object.assign(globalThis, pkg.globals);
  let adapter: GPUAdapter | null;
  const instance = pkg.create([]);
  try {
    adapter = await instance.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return unavailable('webgpu.unavailable.adapter', { detail: reasonOf(e) });
  }
  if (!adapter) return unavailable('webgpu.unavailable.adapter', { detail: 'requestAdapter() returned null' });
  const name = adapterName(adapter.info);
  try {
    const device = await adapter.requestDevice({
      // Training wants the largest buffers the adapter allows, not WebGPU's portable minimums.
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    instances.add(instance);
    const release = () => {
      if (!instances.delete(instance)) return;
      device.destroy();
    };
    return { ok: true, device, adapterName: name, release, software: isSoftwareAdapter(adapter.info, name) };
  } catch (e) {
    return unavailable('webgpu.unavailable.device', { adapter: name, detail: reasonOf(e) });
  }
}

let nodeBackend: Promise<NodeWebGpuBackend> | null = null;

export type NodeWebGpuBackend =
  | { readonly ok: true; readonly backend: WebGpuBackend; readonly adapterName: string; readonly software: boolean; readonly release: () => void }
  | Extract<NodeGpu, { ok: false }>;

/** The WebGPU backend on this process's device (created once), or why there is none. */
export function nodeWebGpuBackend(): Promise<NodeWebGpuBackend> {
  return (nodeBackend ??= requestNodeGpu().then((gpu): NodeWebGpuBackend => {
    if (!gpu.ok) return gpu;
    const backend = createWebGpuBackend(gpu.device, gpu.adapterName);
    return {
      ok: true, backend, adapterName: gpu.adapterName, software: gpu.software, release: () => {
        nodeBackend = null;
        gpu.release();
      },
    };
  }));
}
