import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { logicGate, spirals } from '../data/toy';
import { noGrad, tensor } from '../ops';
import { Activation } from './activations';
import { trainabilityWarnings } from './checks';
import { Dense } from './layers/Dense';
import { crossEntropy, meanSquaredError } from './losses';
import { accuracy } from './metrics';
import { Adam, Perceptron, SGD } from './optimizers';
import { Sequential } from './Sequential';
import { trainStep } from './trainStep';

function gateTensors(gate: Parameters<typeof logicGate>[0]) {
  const d = logicGate(gate);
  return { x: tensor(d.x, [4, 2]), y: tensor(d.y, [4, 1]) };
}

/** A single perceptron (Dense 2→1 + Step) trained online by the perceptron rule; accuracy per epoch. */
function trainPerceptron(gate: Parameters<typeof logicGate>[0], epochs: number): number[] {
  const rng = new Random(4);
  const model = new Sequential([
    new Dense({ inFeatures: 2, units: 1, init: { kind: 'normal', std: 0.5 } }, { rng }),
    new Activation('step'),
  ]);
  const opt = new Perceptron(0.1);
  const { x, y } = gateTensors(gate);
  const d = logicGate(gate);
  const history: number[] = [];
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < 4; i++) {
      trainStep(model, meanSquaredError, opt, tensor(d.x.slice(2 * i, 2 * i + 2), [1, 2]), tensor([d.y[i]], [1, 1]));
    }
    history.push(noGrad(() => accuracy(model.forward(x), y)));
  }
  return history;
}

describe('training small networks', () => {
  it('a single perceptron learns AND and OR to 100% by the perceptron rule', () => {
    for (const gate of ['and', 'or'] as const) {
      const history = trainPerceptron(gate, 50);
      expect(history[history.length - 1], gate).toBe(1);
    }
  });

  it('a single perceptron never reaches 100% on XOR (not linearly separable)', () => {
    const history = trainPerceptron('xor', 200);
    expect(Math.max(...history)).toBeLessThanOrEqual(0.75);
  });

  it('the perceptron rule is w ← w + η(t − y)x for one sample', () => {
    const dense = new Dense({ inFeatures: 2, units: 1, init: { kind: 'constant', value: -0.5 } }, { rng: new Random(0) });
    const model = new Sequential([dense, new Activation('step')]);
    // x = (1, 1), t = 1, y = step(−1 + 0) = 0  ⇒  w += 0.1·(1 − 0)·x, b += 0.1·(1 − 0)
    trainStep(model, meanSquaredError, new Perceptron(0.1), tensor([[1, 1]]), tensor([[1]]));
    expect([...dense.kernel.dataSync()].map((v) => +v.toFixed(6))).toEqual([-0.4, -0.4]);
    expect(dense.bias!.item()).toBeCloseTo(0.1, 6);
  });

  it('a 2-2-1 sigmoid MLP learns XOR to 100% accuracy', () => {
    // Plain gradient descent on the course's MSE from N(0, 1) weights. (2-2-1 nets have local
    // minima at 75%: about a third of seeds end there, which is the fixed seed's job to avoid.)
    const rng = new Random(0);
    const model = new Sequential([
      new Dense({ inFeatures: 2, units: 2, init: { kind: 'normal', std: 1 } }, { rng }),
      new Activation('sigmoid'),
      new Dense({ inFeatures: 2, units: 1, init: { kind: 'normal', std: 1 } }, { rng }),
      new Activation('sigmoid'),
    ]);
    const { x, y } = gateTensors('xor');
    const opt = new SGD(2);
    let first = 0;
    let last = Infinity;
    for (let i = 0; i < 3000; i++) {
      last = trainStep(model, meanSquaredError, opt, x, y).loss;
      if (i === 0) first = last;
    }
    expect(noGrad(() => accuracy(model.eval().forward(x), y))).toBe(1);
    expect(last).toBeLessThan(first / 10);
  });

  it('a softmax classifier with one hidden layer learns a 3-class spiral above 95%', () => {
    const data = spirals(100, 3, 0.2, 7);
    const x = tensor(data.x, [data.samples, 2]);
    const y = tensor(data.y, [data.samples]);
    const rng = new Random(2);
    const model = new Sequential([
      new Dense({ inFeatures: 2, units: 64, init: { kind: 'heNormal' } }, { rng }),
      new Activation('relu'),
      new Dense({ inFeatures: 64, units: 3, init: { kind: 'xavierNormal' } }, { rng }),
    ]);
    const opt = new Adam(0.02);
    const order = new Random(3);
    const idx = Array.from({ length: data.samples }, (_, i) => i);
    for (let epoch = 0; epoch < 120; epoch++) {
      order.shuffle(idx);
      for (let b = 0; b < idx.length; b += 50) {
        const rows = idx.slice(b, b + 50);
        const xb = tensor(rows.flatMap((r) => [data.x[2 * r], data.x[2 * r + 1]]), [rows.length, 2]);
        const yb = tensor(rows.map((r) => data.y[r]), [rows.length]);
        trainStep(model, crossEntropy, opt, xb, yb);
      }
    }
    const acc = noGrad(() => accuracy(model.forward(x), y));
    expect(acc).toBeGreaterThan(0.95);
  });

  it('a step network trained by backprop learns nothing, and the model says why', () => {
    const rng = new Random(5);
    const dense = new Dense({ inFeatures: 2, units: 1 }, { rng });
    const layers = [dense, new Activation('step', 0.01, 'step1')];
    const model = new Sequential(layers);
    const before = [...dense.kernel.dataSync()];
    const { x, y } = gateTensors('and');
    for (let i = 0; i < 20; i++) trainStep(model, meanSquaredError, new SGD(0.5), x, y);
    expect([...dense.kernel.dataSync()]).toEqual(before);
    const warnings = trainabilityWarnings(layers, new SGD(0.5));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/gradient is zero.*Perceptron/);
    expect(trainabilityWarnings(layers, new Perceptron(0.1))).toHaveLength(0);
  });

  it('same seed, same numbers', () => {
    const run = () => {
      const rng = new Random(42);
      const model = new Sequential([new Dense({ inFeatures: 2, units: 4 }, { rng }), new Activation('tanh'),
        new Dense({ inFeatures: 4, units: 1 }, { rng })]);
      const { x, y } = gateTensors('xor');
      const opt = new Adam(0.01);
      for (let i = 0; i < 10; i++) trainStep(model, meanSquaredError, opt, x, y);
      return [...model.forward(x).dataSync()];
    };
    expect(run()).toEqual(run());
  });
});
