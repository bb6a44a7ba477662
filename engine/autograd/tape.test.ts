/**
 * How the tape behaves around the gradient rules: accumulation, noGrad, fan-out, seeds, and
 * the step function's straight-through mode.
 */
import { describe, expect, it } from 'vitest';
import { GradientError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import {
  add, backward, isRecording, mul, noGrad, relu, square, step, sub, sum, tensor, withStraightThroughStep,
} from '../ops';

function param(values: number[], shape?: number[]): Tensor {
  const t = tensor(values, shape, { dtype: 'float64' });
  t.requiresGrad = true;
  return t;
}

const values = (t: Tensor | null) => Array.from(t!.dataSync());

describe('autograd tape', () => {
  it('accumulates gradients across two backward calls', () => {
    const x = param([1, 2, 3]);
    backward(sum(square(x)));
    expect(values(x.grad)).toEqual([2, 4, 6]);
    backward(sum(mul(x, 10)));
    expect(values(x.grad)).toEqual([12, 14, 16]);
  });

  it('records nothing under noGrad', () => {
    const x = param([1, 2]);
    const y = noGrad(() => {
      expect(isRecording()).toBe(false);
      return sum(mul(x, x));
    });
    expect(isRecording()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(() => backward(y)).toThrow(GradientError);
    expect(x.grad).toBeNull();
  });

  it('restores recording after noGrad throws', () => {
    expect(() => noGrad(() => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(isRecording()).toBe(true);
  });

  it('records outputs of tensors that require a gradient, and only those', () => {
    const x = param([1, 2]);
    const c = tensor([3, 4], undefined, { dtype: 'float64' });
    expect(add(x, c).requiresGrad).toBe(true);
    expect(add(x, c).node?.op).toBe('add');
    expect(add(c, c).requiresGrad).toBe(false);
    expect(add(c, c).node).toBeNull();
  });

  it('sums the gradient of a tensor used twice', () => {
    const x = param([3, -2]);
    // y = x·x + x → dy/dx = 2x + 1
    backward(sum(add(mul(x, x), x)));
    expect(values(x.grad)).toEqual([7, -3]);
  });

  it('sums gradients over a diamond (two paths that meet again)', () => {
    const x = param([2]);
    const a = mul(x, 3);
    const b = square(x);
    // z = (3x)·(x²) = 3x³ → 9x² = 36
    backward(sum(mul(a, b)));
    expect(values(x.grad)).toEqual([36]);
  });

  it('refuses backward on a non-scalar without a seed, and takes one with it', () => {
    const x = param([1, 2, 3]);
    const y = mul(x, x);
    expect(() => backward(y)).toThrow(GradientError);
    expect(() => backward(y)).toThrow(/3 elements/);
    expect(x.grad).toBeNull();
    backward(y, tensor([1, 0, -1], undefined, { dtype: 'float64' }));
    expect(values(x.grad)).toEqual([2, 0, -6]);
  });

  it('refuses backward on a tensor that needs no gradient', () => {
    const c = tensor([1], undefined, { dtype: 'float64' });
    expect(() => backward(sum(c))).toThrow(GradientError);
  });

  it('gives leaves that do not require a gradient none', () => {
    const x = param([1, 2]);
    const c = tensor([5, 6], undefined, { dtype: 'float64' });
    backward(sum(mul(x, c)));
    expect(values(x.grad)).toEqual([5, 6]);
    expect(c.grad).toBeNull();
  });

  it('backward on a scalar leaf gives it a gradient of one', () => {
    const x = param([4], []);
    backward(x);
    expect(values(x.grad)).toEqual([1]);
  });

  it('runs deep chains without overflowing the stack', () => {
    const x = param([1]);
    let y: Tensor = x;
    for (let i = 0; i < 20000; i++) y = add(y, 0);
    backward(sum(y));
    expect(values(x.grad)).toEqual([1]);
  });

  it('gives step a zero gradient', () => {
    const x = param([-1, 0.5, 2]);
    backward(sum(mul(step(x), 3)));
    expect(values(x.grad ?? tensor([0, 0, 0]))).toEqual([0, 0, 0]);
  });

  it('passes step\'s gradient straight through inside withStraightThroughStep', () => {
    const x = param([-1, 0.5, 2]);
    withStraightThroughStep(() => backward(sum(mul(step(x), 3))));
    expect(values(x.grad)).toEqual([3, 3, 3]);
  });

  it('straight-through is decided when the step runs, not when backward runs', () => {
    const x = param([-1, 2]);
    const y = withStraightThroughStep(() => sum(step(x)));
    backward(y);
    expect(values(x.grad)).toEqual([1, 1]);
    const z = param([-1, 2]);
    const w = sum(step(z));
    withStraightThroughStep(() => backward(w));
    expect(z.grad === null || values(z.grad).every((v) => v === 0)).toBe(true);
  });

  it('gives the perceptron rule: ∂E/∂w = (y − t)·x for y = step(x·w), E = ½Σ(y − t)²', () => {
    const x = tensor([1, -2, 0.5], undefined, { dtype: 'float64' });
    const w = param([0.3, 0.4, -0.1]);
    const target = 1;
    withStraightThroughStep(() => {
      const y = step(sum(mul(x, w))); // 0.3 − 0.8 − 0.05 < 0 → y = 0
      expect(y.item()).toBe(0);
      backward(mul(square(sub(y, target)), 0.5));
    });
    expect(values(w.grad)).toEqual([-1, 2, -0.5]);
  });

  it('relu passes the gradient where x > 0 only', () => {
    const x = param([-1, 2, -3, 4]);
    backward(sum(relu(x)));
    expect(values(x.grad)).toEqual([0, 1, 0, 1]);
  });
});
