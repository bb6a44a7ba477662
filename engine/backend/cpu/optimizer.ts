/**
 * Fused optimiser updates for the CPU backend: one pass over the parameter, its gradient and its
 * state, in place, with no temporaries — the composed form (nn/optimizers.ts) allocates a dozen
 * tensors per parameter per step. Each rule evaluates the course's formula in the same order as
 * the composed ops, in float64 (float32 storage is rounded once per stored value), so float64
 * results equal the composed ones exactly. In float32, the rules that divide and take square roots
 * run as WebAssembly SIMD (wasm/updateKernel.ts), with the composed ops' float32 rounding. Tested
 * against the composed ops in optimizer.test.ts.
 */
import type { TypedArray } from '../../core/dtype';
import type { TensorView, UpdateRule, UpdateSettings } from '../backend';
import { simdUpdate } from './wasm/kernels';
import { WasmUpdate } from './wasm/updateKernel';

const arr = (v: TensorView) => v.storage as TypedArray;

export function optimizerUpdate(rule: UpdateRule, w: TensorView, g: TensorView, slots: readonly TensorView[], s: UpdateSettings): void {
  const W = arr(w);
  const G = arr(g);
  if (W instanceof Float32Array && WasmUpdate.handles(rule)) {
    const simd = simdUpdate();
    if (simd) return simd.run(rule, W, G as Float32Array, slots.map((t) => arr(t) as Float32Array), s);
  }
  const lr = s.learningRate;
  const n = W.length;
  switch (rule) {
    case 'sgd':
      for (let i = 0; i < n; i++) W[i] = W[i] - G[i] * lr;
      return;
    case 'momentum': {
      const V = arr(slots[0]);
      const alpha = s.momentum!;
      for (let i = 0; i < n; i++) {
        const v = V[i] * alpha - G[i] * lr;
        V[i] = v;
        W[i] = W[i] + V[i];
      }
      return;
    }
    case 'adagrad': {
      const H = arr(slots[0]);
      const eps = s.epsilon!;
      for (let i = 0; i < n; i++) {
        H[i] = H[i] + G[i] * G[i];
        W[i] = W[i] - (G[i] * lr) / (Math.sqrt(H[i]) + eps);
      }
      return;
    }
    case 'rmsprop': {
      const H = arr(slots[0]);
      const rho = s.decay!;
      const eps = s.epsilon!;
      for (let i = 0; i < n; i++) {
        H[i] = H[i] * rho + G[i] * G[i] * (1 - rho);
        W[i] = W[i] - (G[i] * lr) / (Math.sqrt(H[i]) + eps);
      }
      return;
    }
    case 'adam': {
      const M = arr(slots[0]);
      const V = arr(slots[1]);
      const b1 = s.beta1!;
      const b2 = s.beta2!;
      const eps = s.epsilon!;
      const c1 = 1 - b1 ** s.step;
      const c2 = 1 - b2 ** s.step;
      for (let i = 0; i < n; i++) {
        const gi = G[i];
        M[i] = M[i] * b1 + gi * (1 - b1);
        V[i] = V[i] * b2 + gi * gi * (1 - b2);
        W[i] = W[i] - ((M[i] / c1) * lr) / (Math.sqrt(V[i] / c2) + eps);
      }
      return;
    }
  }
}
