/**
 * The fused optimiser update on WebGPU: one dispatch per parameter, a thread per element,
 * rewriting the parameter and its state in place (Kernels.optimizerUpdate). The formulas are
 * nn/optimizers.ts's, evaluated in the order of the composed ops in float32 with the scalar
 * constants rounded to float32 as the composed ops store them — as the CPU's float32 kernels do
 * (cpu/optimizer.ts, cpu/wasm/updateKernel.ts). Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ are
 * computed on the host in float64 from `settings.step` and passed rounded.
 *
 * Unlike the CPU's SIMD kernel this one does not flush tiny gradients and decaying state to zero
 * (a CPU speed measure against subnormal arithmetic; GPUs may flush subnormals themselves): the
 * two differ only in values far below what moves a float32 weight.
 *
 * Bindings: b1 = w (read_write), b2 = g (read), b3, b4 = the slots (read_write).
 * Parameters: n, then the rule's constants as f32.
 */
import { ArgumentError } from '../../core/errors';
import { sizeOf } from '../../core/shape';
import type { Kernels, TensorView, UpdateRule, UpdateSettings } from '../backend';
import { grid, type GpuRuntime, type GpuStorage, type Params } from './runtime';
import { header, main1d, type Access } from './wgsl';

interface Rule {
  /** Number of state slots. */
  readonly slots: number;
  /** The constants after n (p[1], p[2], …). */
  readonly constants: (s: UpdateSettings) => number[];
  /** WGSL with the element's index `i`. */
  readonly body: string;
}

/** w − (g·lr) / (√h + ε), the AdaGrad/RMSProp step, with lr = p[1], ε = p[2]. */
const SQRT_STEP = 'b1[i] = b1[i] - (g * pf(1u)) / (sqrt(h) + pf(2u));';

const RULES: Record<UpdateRule, Rule> = {
  sgd: {
    slots: 0,
    constants: (s) => [s.learningRate],
    body: 'b1[i] = b1[i] - b2[i] * pf(1u);',
  },
  momentum: {
    slots: 1,
    // lr, α
    constants: (s) => [s.learningRate, s.momentum!],
    body: 'let v = b3[i] * pf(2u) - b2[i] * pf(1u); b3[i] = v; b1[i] = b1[i] + v;',
  },
  adagrad: {
    slots: 1,
    // lr, ε
    constants: (s) => [s.learningRate, s.epsilon!],
    body: `let g = b2[i]; let h = b3[i] + g * g; b3[i] = h; ${SQRT_STEP}`,
  },
  rmsprop: {
    slots: 1,
    // lr, ε, ρ, 1 − ρ
    constants: (s) => [s.learningRate, s.epsilon!, s.decay!, 1 - s.decay!],
    body: `let g = b2[i]; let h = b3[i] * pf(3u) + (g * g) * pf(4u); b3[i] = h; ${SQRT_STEP}`,
  },
  adam: {
    slots: 2,
    // lr, ε, β₁, 1 − β₁, β₂, 1 − β₂, 1 − β₁ᵗ, 1 − β₂ᵗ
    constants: (s) => [s.learningRate, s.epsilon!, s.beta1!, 1 - s.beta1!, s.beta2!, 1 - s.beta2!,
      1 - s.beta1! ** s.step, 1 - s.beta2! ** s.step],
    body: `let g = b2[i];
  let m = b3[i] * pf(3u) + g * pf(4u);
  let v = b4[i] * pf(5u) + (g * g) * pf(6u);
  b3[i] = m;
  b4[i] = v;
  b1[i] = b1[i] - ((m / pf(7u)) * pf(1u)) / (sqrt(v / pf(8u)) + pf(2u));`,
  },
};

/** Each rule's shader, built once. */
const SHADERS = Object.fromEntries(Object.entries(RULES).map(([name, r]) => {
  const access: Access[] = ['read_write', 'read', ...new Array<Access>(r.slots).fill('read_write')];
  return [name, header(access) + main1d(r.body)];
})) as Record<UpdateRule, string>;

export function optimizerKernels(rt: GpuRuntime): Pick<Kernels, 'optimizerUpdate'> {
  const s = (v: TensorView) => v.storage as GpuStorage;

  function optimizerUpdate(rule: UpdateRule, w: TensorView, g: TensorView, slots: readonly TensorView[], settings: UpdateSettings): void {
    const r = RULES[rule];
    if (slots.length !== r.slots) throw new ArgumentError(`optimizerUpdate '${rule}' takes ${r.slots} state slots, got ${slots.length}`);
    const n = sizeOf(w.shape);
    if (n === 0) return;
    const params: Params = [n, ...r.constants(settings).map((f32) => ({ f32 }))];
    rt.dispatch(SHADERS[rule], [s(w), s(g), ...slots.map(s)], params, grid(n));
  }

  return { optimizerUpdate };
}
