/**
 * The small amount of plumbing every op shares: finding a kernel on a backend (or failing with a
 * named error), wrapping kernel output in a Tensor, and checking that operands agree.
 */
import type { Backend, KernelName, Kernels, Storage } from '../backend/backend';
import type { DType } from '../core/dtype';
import { DeepWireError, DTypeError } from '../core/errors';
import type { Shape } from '../core/shape';
import { UnsupportedOpError } from '../core/errors';
import { Tensor } from '../core/tensor';

/** The kernel `name` of `backend`; throws UnsupportedOpError when the backend lacks it. */
export function kernel<K extends KernelName>(backend: Backend, name: K): Kernels[K] {
  const k = backend.kernels[name];
  if (!k) throw new UnsupportedOpError(backend.name, name);
  return k as Kernels[K];
}

export function wrap(storage: Storage, shape: Shape, dtype: DType, backend: Backend): Tensor {
  return new Tensor(storage, shape, dtype, backend);
}

/** Checks that all operands of `op` share one backend and one dtype, naming the mismatch. */
export function common(op: string, tensors: readonly Tensor[]): { backend: Backend; dtype: DType } {
  const { backend, dtype } = tensors[0];
  for (const t of tensors) {
    if (t.isDisposed) throw new DeepWireError(`${op}: an operand was disposed`);
    if (t.dtype !== dtype) {
      throw new DTypeError(`${op}: operands have different dtypes (${tensors.map((x) => x.dtype).join(' and ')}); cast one first`);
    }
    if (t.backend !== backend) {
      throw new DeepWireError(`${op}: operands live on different backends (${tensors.map((x) => x.backend.name).join(' and ')})`);
    }
  }
  return { backend, dtype };
}
