import { describe, expect, it } from 'vitest';
import type { Tensor } from '../core/tensor';
import { add, backward, div, mul, reshape, slice, square, tensor } from '../ops';
import { AdaGrad, Adam, Momentum, RMSProp, SGD, type Optimizer } from './optimizers';

/** The course's f(x, y) = x²/20 + y², whose gradient is (x/10, 2y). */
function f(p: Tensor): Tensor {
  const x = slice(p, [0], [1]);
  const y = slice(p, [1], [1]);
  return reshape(add(div(square(x), 20), square(y)), []);
}

function firstSteps(opt: Optimizer, n = 3): number[][] {
  const p = tensor([-7, 2], undefined, { dtype: 'float64' });
  p.requiresGrad = true;
  const param = { name: 'p', value: p, decay: false };
  const path: number[][] = [];
  for (let i = 0; i < n; i++) {
    backward(f(p));
    opt.step([param]);
    path.push([...p.dataSync()]);
  }
  return path;
}

// Expected values worked out by hand from the course's update rules, starting at (−7, 2) with
// ∂f/∂x = x/10 and ∂f/∂y = 2y. E.g. SGD step 1: x = −7 − 0.95·(−0.7) = −6.335, y = 2 − 0.95·4 = −1.8;
// Momentum step 2: v_x = 0.9·0.07 − 0.1·(−0.693) = 0.1323, x = −6.93 + 0.1323 = −6.7977.
const cases: [string, () => Optimizer, number[][]][] = [
  ['SGD η=0.95', () => new SGD(0.95), [[-6.335, -1.8], [-5.733175, 1.62], [-5.188523375, -1.458]]],
  ['Momentum η=0.1 α=0.9', () => new Momentum(0.1), [[-6.93, 1.6], [-6.7977, 0.92], [-6.610653, 0.124]]],
  ['AdaGrad η=1.5', () => new AdaGrad(1.5),
    [[-5.500000214286, 0.5000000375], [-4.573267968164, 0.136196583089], [-3.887842338971, 0.037314570497]]],
  ['RMSProp η=0.1 ρ=0.99', () => new RMSProp(0.1),
    [[-6.000001428569, 1.00000025], [-5.347326716178, 0.550987006118], [-4.842635119547, 0.309687583565]]],
  ['Adam η=0.3', () => new Adam(0.3),
    [[-6.700000004286, 1.70000000075], [-6.400414301717, 1.402245328605], [-6.101545880215, 1.108911479831]]],
];

describe('optimisers on f(x, y) = x²/20 + y² from (−7, 2)', () => {
  it.each(cases)('%s: first three updates match the hand-computed values', (_, make, expected) => {
    const path = firstSteps(make());
    path.forEach((point, i) => {
      expect(point[0]).toBeCloseTo(expected[i][0], 9);
      expect(point[1]).toBeCloseTo(expected[i][1], 9);
    });
  });

  it('Adam and AdaGrad move towards the minimum over many steps; SGD with a small rate too', () => {
    for (const opt of [new Adam(0.3), new AdaGrad(1.5), new SGD(0.1), new Momentum(0.1), new RMSProp(0.1)]) {
      const path = firstSteps(opt, 200);
      const [x, y] = path[path.length - 1];
      expect(x * x / 20 + y * y, opt.kind).toBeLessThan(0.5);
    }
  });

  it('clears gradients after a step and skips parameters without one', () => {
    const a = tensor([1], undefined, { dtype: 'float64' });
    const b = tensor([5], undefined, { dtype: 'float64' });
    a.requiresGrad = b.requiresGrad = true;
    backward(reshape(mul(a, 3), []));
    new SGD(0.1).step([{ name: 'a', value: a, decay: false }, { name: 'b', value: b, decay: false }]);
    expect(a.dataSync()[0]).toBeCloseTo(0.7, 12);
    expect(a.grad).toBeNull();
    expect(b.dataSync()[0]).toBe(5);
  });

  it('rejects a non-positive learning rate', () => {
    expect(() => new SGD(0)).toThrow(/learning rate/);
    expect(() => new Adam(-1)).toThrow(/learning rate/);
  });
});
