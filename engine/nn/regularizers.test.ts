import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { backward, tensor } from '../ops';
import { Dense } from './layers/Dense';
import { penalty } from './regularizers';
import { Sequential } from './Sequential';

describe('weight decay', () => {
  const w = () => {
    const t = tensor([[1, -2], [3, -0.5]], undefined, { dtype: 'float64' });
    t.requiresGrad = true;
    return t;
  };

  it('L2 adds λΣW² with gradient 2λW; L1 adds λΣ|W| with gradient λ·sign(W)', () => {
    const a = w();
    const l2 = penalty({ kind: 'l2', lambda: 0.1 }, a)!;
    expect(l2.item()).toBeCloseTo(0.1 * (1 + 4 + 9 + 0.25), 12);
    backward(l2);
    expect(a.grad!.toNested()).toEqual([[0.2, -0.4], [0.6000000000000001, -0.1]].map((r) => r.map((v) => expect.closeTo(v, 12))));
    const b = w();
    const l1 = penalty({ kind: 'l1', lambda: 0.1 }, b)!;
    expect(l1.item()).toBeCloseTo(0.1 * (1 + 2 + 3 + 0.5), 12);
    backward(l1);
    expect(b.grad!.toNested()).toEqual([[0.1, -0.1], [0.1, -0.1]].map((r) => r.map((v) => expect.closeTo(v, 12))));
    expect(penalty({ kind: 'none' }, w())).toBeNull();
    expect(() => penalty({ kind: 'l2', lambda: -1 }, w())).toThrow(/λ/);
  });

  it('a model sums its layers\' penalties over kernels only, not biases', () => {
    const rng = new Random(0);
    const d1 = new Dense({ inFeatures: 3, units: 2, regularizer: { kind: 'l2', lambda: 0.5 } }, { rng, dtype: 'float64' });
    const d2 = new Dense({ inFeatures: 2, units: 1 }, { rng, dtype: 'float64' });
    d1.bias!.storage = tensor([100, 100], undefined, { dtype: 'float64' }).storage;
    const k = Array.from(d1.kernel.dataSync());
    const expected = 0.5 * k.reduce((s, v) => s + v * v, 0);
    expect(new Sequential([d1, d2]).regularizationLoss()!.item()).toBeCloseTo(expected, 12);
  });
});
