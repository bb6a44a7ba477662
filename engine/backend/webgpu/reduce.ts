/**
 * WebGPU kernels: reduce, argMax, softmax, logSoftmax. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function reduceKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
