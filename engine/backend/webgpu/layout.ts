/**
 * WebGPU kernels: permute, slice, pad, concat, oneHot. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function layoutKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
