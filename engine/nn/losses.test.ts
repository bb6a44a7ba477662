import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { randomNormal, randomUniform, softmax, tensor } from '../ops';
import { gradCheck } from '../testing/gradcheck';
import { binaryCrossEntropy, crossEntropy, meanSquaredError } from './losses';

const f64 = { dtype: 'float64' as const };

describe('losses', () => {
  // The course's worked example: the true class is 2 and the net says 0.6 for it.
  const t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
  const y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];

  it('MSE is ½Σ(y − t)² per sample (the course\'s 0.0975 for its example), averaged over the batch', () => {
    expect(meanSquaredError(tensor([y], undefined, f64), tensor([t], undefined, f64)).item()).toBeCloseTo(0.0975, 12);
    const two = meanSquaredError(tensor([[1, 2], [3, 4]], undefined, f64), tensor([[0, 0], [0, 0]], undefined, f64));
    expect(two.item()).toBeCloseTo((0.5 * (1 + 4) + 0.5 * (9 + 16)) / 2, 12);
  });

  it('cross-entropy from probabilities gives the course\'s −log 0.6 ≈ 0.510825', () => {
    const e = crossEntropy(tensor([y], undefined, f64), tensor([t], undefined, f64), { fromLogits: false });
    expect(e.item()).toBeCloseTo(0.510825457, 6);
    // class indices instead of one-hot rows
    const e2 = crossEntropy(tensor([y], undefined, f64), tensor([2], undefined, f64), { fromLogits: false });
    expect(e2.item()).toBeCloseTo(0.510825457, 6);
  });

  it('cross-entropy from logits equals softmax + log and stays finite for huge logits', () => {
    const logits = tensor([[2, 1, 0.1], [0.5, 2.5, -1]], undefined, f64);
    const target = tensor([0, 1], undefined, f64);
    const fused = crossEntropy(logits, target).item();
    const twoStep = crossEntropy(softmax(logits), target, { fromLogits: false }).item();
    expect(fused).toBeCloseTo(twoStep, 6);
    const huge = crossEntropy(tensor([[1000, 0, -1000]]), tensor([2])).item();
    expect(huge).toBeCloseTo(2000, 0);
  });

  it('binary cross-entropy from probabilities and from logits agree', () => {
    const p = tensor([[0.9], [0.2], [0.6]], undefined, f64);
    const target = tensor([[1], [0], [1]], undefined, f64);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
    expect(binaryCrossEntropy(p, target).item()).toBeCloseTo(expected, 6);
    const logits = tensor([[Math.log(9)], [Math.log(0.25)], [Math.log(1.5)]], undefined, f64);
    expect(binaryCrossEntropy(logits, target, { fromLogits: true }).item()).toBeCloseTo(expected, 10);
    expect(Number.isFinite(binaryCrossEntropy(tensor([[-500]]), tensor([[1]]), { fromLogits: true }).item())).toBe(true);
  });

  it('every loss has a gradient that matches central differences', () => {
    const rng = new Random(3);
    const pred = randomNormal([4, 3], rng, f64);
    const probs = randomUniform([4, 3], rng, { ...f64, low: 0.1, high: 0.9 });
    const oneHot = tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]], undefined, f64);
    const bits = tensor([[1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1]], undefined, f64);
    const checks = [
      gradCheck((p) => meanSquaredError(p, oneHot), [pred]),
      gradCheck((p) => crossEntropy(p, oneHot), [pred]),
      gradCheck((p) => crossEntropy(p, oneHot, { fromLogits: false }), [probs]),
      gradCheck((p) => binaryCrossEntropy(p, bits), [probs]),
      gradCheck((p) => binaryCrossEntropy(p, bits, { fromLogits: true }), [pred]),
    ];
    for (const c of checks) expect(c.maxRelativeError, c.report).toBeLessThan(1e-6);
  });

  it('rejects mismatched shapes with both shapes in the message', () => {
    expect(() => meanSquaredError(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(/\(1, 2\) and \(1, 3\)/);
    expect(() => crossEntropy(tensor([[1]]), tensor([[1]]))).toThrow(/at least 2 classes/);
  });
});

describe('binary cross-entropy from logits at a zero logit', () => {
  it('has the gradient σ(0) − t = ±½ (per sample, before the mean)', async () => {
    const { backward } = await import('../ops');
    const x = tensor([0, 0], [2, 1], { dtype: 'float64' });
    x.requiresGrad = true;
    const t = tensor([0, 1], [2, 1], { dtype: 'float64' });
    backward(binaryCrossEntropy(x, t, { fromLogits: true }));
    expect([...x.grad!.dataSync()]).toEqual([0.25, -0.25]);
  });
});
