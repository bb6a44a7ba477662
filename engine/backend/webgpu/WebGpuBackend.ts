/// <reference types="@webgpu/types" />
/**
 * The WebGPU backend: tensors in GPU storage buffers (float32), every primitive kernel a WGSL
 * compute shader recorded by the runtime (runtime.ts) and read back only when asked,
 * asynchronously. Works wherever a GPUDevice exists: the browser's navigator.gpu, Electron's
 * engine host, Dawn in Node (hosts/node/webgpu.ts).
 */
import type { DType, TypedArray } from '../../core/dtype';
import { DTypeError } from '../../core/errors';
import type { Backend, Kernels, Storage } from '../backend';
import { convKernels } from './conv';
import { elementwiseKernels } from './elementwise';
import { layoutKernels } from './layout';
import { matmulKernels } from './matmul';
import { optimizerKernels } from './optimizer';
import { poolKernels } from './pool';
import { reduceKernels } from './reduce';
import { GpuRuntime, GpuStorage } from './runtime';

/** Kernel groups, each from its own module; a module not yet present leaves its kernels out (UnsupportedOpError). */
export type KernelModule = (rt: GpuRuntime) => Partial<Kernels>;

const MODULES: KernelModule[] = [
  elementwiseKernels, layoutKernels, reduceKernels, matmulKernels, convKernels, poolKernels, optimizerKernels,
];

export interface WebGpuBackend extends Backend {
  readonly runtime: GpuRuntime;
  /** The adapter in words ("NVIDIA H100 …", "SwiftShader driver 5.0.0"). */
  readonly adapterName: string;
}

export function createWebGpuBackend(device: GPUDevice, adapterName: string, modules: readonly KernelModule[] = MODULES): WebGpuBackend {
  const runtime = new GpuRuntime(device, adapterName);
  const kernels: Partial<Kernels> = {};
  for (const m of modules) Object.assign(kernels, m(runtime));
  return {
    name: 'webgpu',
    dtypes: ['float32'],
    kernels,
    runtime,
    adapterName,
    upload(data: TypedArray): Storage {
      if (!(data instanceof Float32Array)) throw new DTypeError(`The 'webgpu' backend holds float32 only, not ${data.constructor.name}`);
      return runtime.upload(data);
    },
    async read(storage: Storage, dtype: DType, size: number): Promise<TypedArray> {
      if (dtype !== 'float32') throw new DTypeError(`The 'webgpu' backend holds float32 only, not ${dtype}`);
      return new Float32Array(await runtime.read(storage as GpuStorage, size * 4));
    },
    free(storage: Storage): void {
      runtime.release(storage as GpuStorage);
    },
  };
}
