/**
 * WebGPU kernels: optimizerUpdate. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function optimizerKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
