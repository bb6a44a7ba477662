/**
 * WebGPU kernels: matmul. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function matmulKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
