/**
 * The CPU backend: typed arrays in the JavaScript heap, single-threaded TypeScript kernels
 * (matmul and convolutions on a packed, register-blocked GEMM). Holds float32 and float64 (the
 * latter for gradient checks).
 */
import type { TypedArray } from '../../core/dtype';
import { optimizerUpdate } from './optimizer';
import type { Backend, Kernels, Storage } from '../backend';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv';
import { binary, broadcastTo, unary } from './elementwise';
import { cast, concat, fill, oneHot, pad, permute, slice } from './layout';
import { matmul } from './matmul';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './pool';
import { argMax, logSoftmax, reduce, softmax } from './reduce';

const kernels: Kernels = {
  unary, binary, reduce, argMax, matmul, broadcastTo, permute, slice, pad, concat, softmax, logSoftmax,
  conv2d, conv2dBackpropInput, conv2dBackpropFilter, maxPool2d, maxPool2dBackward, avgPool2d,
  avgPool2dBackward, cast, fill, oneHot, optimizerUpdate,
};

export function createCpuBackend(): Backend {
  return {
    name: 'cpu',
    dtypes: ['float32', 'float64'],
    kernels,
    upload: (data: TypedArray): Storage => data.slice(),
    readSync: (storage: Storage): TypedArray => (storage as TypedArray).slice(),
    read: async (storage: Storage): Promise<TypedArray> => (storage as TypedArray).slice(),
    free: () => {},
  };
}
