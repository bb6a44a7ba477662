import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import type { Tensor } from '../../core/tensor';
import { mean, ones, randomNormal, square, tensor } from '../../ops';
import { gradCheckTensors } from '../../testing/gradcheck';
import { Activation } from '../activations';
import { BatchNorm } from './BatchNorm';
import { Conv2D } from './Conv2D';
import { Dense } from './Dense';
import { Dropout } from './Dropout';
import { Add, Concat } from './Merge';
import { AvgPool2D, MaxPool2D } from './Pooling';
import { Flatten, Reshape } from './Shape';

const f64 = (seed: number) => ({ rng: new Random(seed), dtype: 'float64' as const });
const randn = (shape: number[], seed: number) => randomNormal(shape, new Random(seed), { dtype: 'float64' });

/** Checks a layer's gradient with respect to its input and every parameter. */
function checkLayer(layer: { forward(x: Tensor): Tensor; parameters(): readonly { value: Tensor }[] }, input: Tensor) {
  const x = tensor(input.dataSync(), input.shape, { dtype: 'float64' });
  x.requiresGrad = true;
  return gradCheckTensors(() => layer.forward(x), [x, ...layer.parameters().map((p) => p.value)]);
}

describe('Dense', () => {
  it('computes x·W + b with W of shape (in, units) and a gradient that matches numerics', () => {
    const d = new Dense({ inFeatures: 3, units: 2 }, f64(1));
    expect(d.kernel.shape).toEqual([3, 2]);
    expect(d.parameterCount()).toBe(3 * 2 + 2);
    const x = randn([4, 3], 2);
    const y = d.forward(x);
    const [X, W] = [x.toNested() as number[][], d.kernel.toNested() as number[][]];
    expect((y.toNested() as number[][])[1][0]).toBeCloseTo(X[1][0] * W[0][0] + X[1][1] * W[1][0] + X[1][2] * W[2][0], 12);
    const r = checkLayer(d, x);
    expect(r.maxRelativeError, r.report).toBeLessThan(1e-6);
  });

  it('names the expected and actual shape and suggests Flatten for images', () => {
    const d = new Dense({ inFeatures: 784, units: 10 }, f64(1), 'hidden');
    expect(() => d.forward(ones([2, 28, 28, 1], { dtype: 'float64' }))).toThrow(/hidden: Dense expects \(batch, 784\) — add Flatten.*\(2, 28, 28, 1\)/);
  });
});

describe('Conv2D and pooling', () => {
  it('Conv2D "same" keeps height and width; gradients match numerics', () => {
    const c = new Conv2D({ inChannels: 2, filters: 3, kernelSize: 3, padding: 'same' }, f64(3));
    const x = randn([2, 5, 4, 2], 4);
    expect(c.forward(x).shape).toEqual([2, 5, 4, 3]);
    const r = checkLayer(c, x);
    expect(r.maxRelativeError, r.report).toBeLessThan(1e-6);
  });

  it('pools halve the image; MaxPool2D picks the largest, AvgPool2D the mean', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
    expect(new MaxPool2D({ poolSize: 2 }).forward(x).toNested()).toEqual([[[[6], [8]], [[14], [16]]]]);
    expect(new AvgPool2D({ poolSize: 2 }).forward(x).toNested()).toEqual([[[[3.5], [5.5]], [[11.5], [13.5]]]]);
  });

  it('Flatten and Reshape keep the batch axis', () => {
    const x = ones([3, 4, 5, 2]);
    expect(new Flatten().forward(x).shape).toEqual([3, 40]);
    expect(new Reshape([8, -1]).forward(x).shape).toEqual([3, 8, 5]);
  });
});

describe('BatchNorm', () => {
  it('training forward equals the course\'s four formulas, per feature', () => {
    const bn = new BatchNorm({ features: 2, epsilon: 1e-5 }, f64(0));
    const rows = [[1, 10], [2, 20], [4, 30], [9, 60]];
    const y = bn.forward(tensor(rows, undefined, { dtype: 'float64' })).toNested() as number[][];
    for (let f = 0; f < 2; f++) {
      const xs = rows.map((r) => r[f]);
      const m = xs.length;
      const mu = xs.reduce((a, b) => a + b) / m; // μ_B = 1/m Σ xᵢ
      const var2 = xs.reduce((a, b) => a + (b - mu) ** 2, 0) / m; // σ²_B = 1/m Σ (xᵢ − μ_B)²
      xs.forEach((x, i) => {
        const xHat = (x - mu) / Math.sqrt(var2 + 1e-5); // x̂ᵢ
        expect(y[i][f]).toBeCloseTo(1 * xHat + 0, 12); // yᵢ = γx̂ᵢ + β with γ=1, β=0
      });
    }
  });

  it('normalises 2-D feature maps per channel over batch and space', () => {
    const bn = new BatchNorm({ features: 3 }, f64(0));
    const y = bn.forward(randomNormal([4, 5, 5, 3], new Random(9), { dtype: 'float64', mean: 3, std: 2 }));
    const m = mean(y, [0, 1, 2]);
    const v = mean(square(y), [0, 1, 2]);
    expect(m.shape).toEqual([3]);
    for (const mu of m.dataSync()) expect(Math.abs(mu)).toBeLessThan(1e-9);
    for (const s2 of v.dataSync()) expect(s2).toBeCloseTo(1, 4);
  });

  it('inference uses running statistics, which converge to the data\'s mean and variance', () => {
    const bn = new BatchNorm({ features: 1, momentum: 0.9 }, f64(0));
    const rng = new Random(5);
    for (let i = 0; i < 100; i++) bn.forward(randomNormal([256, 1], rng, { dtype: 'float64', mean: 5, std: 3 }));
    expect(bn.runningMean.item()).toBeCloseTo(5, 0);
    expect(Math.sqrt(bn.runningVar.item())).toBeCloseTo(3, 0);
    bn.training = false;
    const y = bn.forward(tensor([[5], [8]], undefined, { dtype: 'float64' })).dataSync();
    expect(y[0]).toBeCloseTo(0, 0);
    expect(y[1]).toBeGreaterThan(0.8);
    expect(y[1]).toBeLessThan(1.2);
  });

  it('gradients with respect to input, γ and β match numerics', () => {
    const bn = new BatchNorm({ features: 3 }, f64(0));
    bn.gamma.storage = randn([3], 11).storage;
    const r = checkLayer(bn, randn([5, 3], 12));
    expect(r.maxRelativeError, r.report).toBeLessThan(1e-6);
  });
});

describe('Dropout', () => {
  it('keeps the expected activation (inverted scaling) and drops about `rate` of the units', () => {
    const d = new Dropout(0.3, { rng: new Random(1) });
    const y = Array.from(d.forward(ones([200, 500])).dataSync());
    const zeros = y.filter((v) => v === 0).length / y.length;
    const avg = y.reduce((a, b) => a + b, 0) / y.length;
    expect(zeros).toBeGreaterThan(0.29);
    expect(zeros).toBeLessThan(0.31);
    expect(avg).toBeGreaterThan(0.99);
    expect(avg).toBeLessThan(1.01);
    expect(y.filter((v) => v !== 0 && Math.abs(v - 1 / 0.7) > 1e-6).length).toBe(0);
  });

  it('is the identity at inference and reproducible with the same seed', () => {
    const x = ones([4, 8]);
    const d = new Dropout(0.5, { rng: new Random(2) });
    d.training = false;
    expect(d.forward(x)).toBe(x);
    const a = new Dropout(0.5, { rng: new Random(3) }).forward(x).dataSync();
    const b = new Dropout(0.5, { rng: new Random(3) }).forward(x).dataSync();
    expect([...a]).toEqual([...b]);
    expect(() => new Dropout(1, { rng: new Random(0) })).toThrow(/rate/);
  });
});

describe('Add, Concat, Activation', () => {
  it('Add sums branches; Concat joins features', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[10, 20]]);
    expect(new Add().forward(a, b).toNested()).toEqual([[11, 22]]);
    expect(new Concat().forward(a, b).toNested()).toEqual([[1, 2, 10, 20]]);
    expect(() => new Add().forward(a)).toThrow(/two inputs/);
  });

  it('activations give the course\'s values', () => {
    const x = tensor([-2, 0, 3]);
    const v = (fn: ConstructorParameters<typeof Activation>[0]) => [...new Activation(fn).forward(x).dataSync()];
    expect(v('step')).toEqual([0, 0, 1]);
    expect(v('relu')).toEqual([0, 0, 3]);
    expect(v('identity')).toEqual([-2, 0, 3]);
    expect(v('sigmoid')[1]).toBeCloseTo(0.5, 6);
    expect(v('tanh')[2]).toBeCloseTo(Math.tanh(3), 6);
    expect(v('leakyRelu')[0]).toBeCloseTo(-0.02, 6);
    const s = v('softmax');
    expect(s.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(s[2]).toBeGreaterThan(s[1]);
  });
});
