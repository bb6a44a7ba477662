/**
 * WebGPU kernels: maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function poolKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
