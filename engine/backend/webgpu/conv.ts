/**
 * WebGPU kernels: conv2d, conv2dBackpropInput, conv2dBackpropFilter. (Being written.)
 */
import type { Kernels } from '../backend';
import type { GpuRuntime } from './runtime';

export function convKernels(_rt: GpuRuntime): Partial<Kernels> {
  return {};
}
