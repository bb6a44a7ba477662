/**
 * The optimisers exactly as the course writes them (W: a parameter, ∂L/∂W its gradient, η the
 * learning rate, ⊙ element-wise):
 *
 *   SGD        W ← W − η ∂L/∂W
 *   Momentum   v ← αv − η ∂L/∂W;  W ← W + v                          (α = 0.9)
 *   AdaGrad    h ← h + ∂L/∂W ⊙ ∂L/∂W;  W ← W − η ∂L/∂W / (√h + ε)
 *   RMSProp    h ← ρh + (1 − ρ) ∂L/∂W ⊙ ∂L/∂W;  W ← W − η ∂L/∂W / (√h + ε)   (ρ = 0.99)
 *   Adam       m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);
 *              W ← W − η m̂ / (√v̂ + ε)                              (β₁ 0.9, β₂ 0.999, ε 1e-8)
 *   Perceptron w ← w + η(t − y)x  for a single layer of step units
 *
 * ε (1e-7 for AdaGrad/RMSProp, as in the course's code) only guards against division by zero.
 * Updates run without recording gradients and replace each parameter's values in place: in one
 * fused pass where the backend has it (`updateInPlace`), else composed from ops (`update`), the
 * readable form of the same formula, which the fused kernels are tested against.
 */
import { ArgumentError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { add, canUpdateInPlace, div, mul, noGrad, sqrt, square, sub, updateInPlace, zerosLike, type UpdateRule, type UpdateSettings } from '../ops';
import type { Parameter } from './Layer';

export type OptimizerKind = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam' | 'perceptron';

export abstract class Optimizer {
  abstract readonly kind: OptimizerKind;
  /**
   * True for the perceptron rule: Step's gradient is then passed straight through, which turns
   * gradient descent on ½Σ(y − t)² into w ← w + η(t − y)x (see withStraightThroughStep).
   */
  readonly straightThroughStep: boolean = false;
  /** Number of updates applied so far. */
  iterations = 0;

  constructor(public learningRate: number) {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new ArgumentError(`learning rate must be a positive number, got ${learningRate}`);
    }
  }

  /** Applies one update to every parameter that has a gradient, then clears the gradients. */
  step(params: readonly Parameter[]): void {
    this.iterations++;
    noGrad(() => {
      for (const p of params) {
        const w = p.value;
        const g = w.grad;
        if (!g) continue;
        const fused = this.fused;
        if (fused && this.allowFused && canUpdateInPlace(w) && g.dtype === w.dtype && g.backend === w.backend) {
          updateInPlace(fused.rule, w, g, this.slots(w, fused.slots), { ...fused.settings(), step: this.iterations });
        } else {
          w.assign(this.update(w, g));
        }
        w.grad = null;
      }
    });
  }

  /** The same rule as one fused kernel: which rule, how many state slots, its constants. */
  protected readonly fused: { rule: UpdateRule; slots: number; settings: () => Omit<UpdateSettings, 'step'> } | null = null;
  /** False forces the composed ops (tests compare both). */
  allowFused = true;

  /** Clears gradients without updating (e.g. after an evaluation pass). */
  zeroGrad(params: readonly Parameter[]): void {
    for (const p of params) p.value.grad = null;
  }

  /** The new value of `w` given its gradient `g`. */
  protected abstract update(w: Tensor, g: Tensor): Tensor;

  /** Per-parameter state, created on first use. */
  private readonly state = new Map<Tensor, Tensor[]>();
  protected slots(w: Tensor, count: number): Tensor[] {
    let s = this.state.get(w);
    if (!s) {
      s = Array.from({ length: count }, () => zerosLike(w).keep());
      this.state.set(w, s);
    }
    return s;
  }
  protected setSlots(w: Tensor, values: Tensor[]): void {
    const previous = this.state.get(w) ?? [];
    for (const v of values) v.keep();
    for (const p of previous) if (!values.includes(p)) p.dispose();
    this.state.set(w, values);
  }
}

export class SGD extends Optimizer {
  readonly kind: OptimizerKind = 'sgd';
  protected override readonly fused = { rule: 'sgd' as const, slots: 0, settings: () => ({ learningRate: this.learningRate }) };
  protected update(w: Tensor, g: Tensor): Tensor {
    return sub(w, mul(g, this.learningRate));
  }
}

export class Momentum extends Optimizer {
  readonly kind = 'momentum';
  constructor(learningRate: number, public momentum = 0.9) {
    super(learningRate);
  }
  protected override readonly fused = { rule: 'momentum' as const, slots: 1, settings: () => ({ learningRate: this.learningRate, momentum: this.momentum }) };
  protected update(w: Tensor, g: Tensor): Tensor {
    const [v] = this.slots(w, 1);
    const next = sub(mul(v, this.momentum), mul(g, this.learningRate));
    this.setSlots(w, [next]);
    return add(w, next);
  }
}

export class AdaGrad extends Optimizer {
  readonly kind = 'adagrad';
  constructor(learningRate: number, public epsilon = 1e-7) {
    super(learningRate);
  }
  protected override readonly fused = { rule: 'adagrad' as const, slots: 1, settings: () => ({ learningRate: this.learningRate, epsilon: this.epsilon }) };
  protected update(w: Tensor, g: Tensor): Tensor {
    const [h] = this.slots(w, 1);
    const next = add(h, square(g));
    this.setSlots(w, [next]);
    return sub(w, div(mul(g, this.learningRate), add(sqrt(next), this.epsilon)));
  }
}

export class RMSProp extends Optimizer {
  readonly kind = 'rmsprop';
  constructor(learningRate: number, public decay = 0.99, public epsilon = 1e-7) {
    super(learningRate);
  }
  protected override readonly fused = { rule: 'rmsprop' as const, slots: 1, settings: () => ({ learningRate: this.learningRate, decay: this.decay, epsilon: this.epsilon }) };
  protected update(w: Tensor, g: Tensor): Tensor {
    const [h] = this.slots(w, 1);
    const next = add(mul(h, this.decay), mul(square(g), 1 - this.decay));
    this.setSlots(w, [next]);
    return sub(w, div(mul(g, this.learningRate), add(sqrt(next), this.epsilon)));
  }
}

export class Adam extends Optimizer {
  readonly kind = 'adam';
  constructor(learningRate = 0.001, public beta1 = 0.9, public beta2 = 0.999, public epsilon = 1e-8) {
    super(learningRate);
  }
  protected override readonly fused = {
    rule: 'adam' as const, slots: 2,
    settings: () => ({ learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon }),
  };
  protected update(w: Tensor, g: Tensor): Tensor {
    const [m, v] = this.slots(w, 2);
    const t = this.iterations;
    const m2 = add(mul(m, this.beta1), mul(g, 1 - this.beta1));
    const v2 = add(mul(v, this.beta2), mul(square(g), 1 - this.beta2));
    this.setSlots(w, [m2, v2]);
    const mHat = div(m2, 1 - this.beta1 ** t);
    const vHat = div(v2, 1 - this.beta2 ** t);
    return sub(w, div(mul(mHat, this.learningRate), add(sqrt(vHat), this.epsilon)));
  }
}

/**
 * Rosenblatt's perceptron rule, w ← w + η(t − y)x, for a single layer of step units trained with
 * the MSE loss. Implemented as plain gradient descent with Step's gradient passed straight
 * through; with batch size 1 it is the textbook online rule, with larger batches its average.
 */
export class Perceptron extends SGD {
  override readonly kind = 'perceptron';
  override readonly straightThroughStep = true;
}
