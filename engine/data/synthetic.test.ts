import { describe, expect, it } from 'vitest';
import { classCounts, DatasetError, type ClassificationDataset } from './Dataset';
import { circlesDataset, gateDataset, moonsDataset, spiralsDataset } from './synthetic';
import { logicGate, spirals } from './toy';

/** Accuracy of a logistic regression fitted by full-batch gradient descent on the given features. */
function logisticAccuracy(d: ClassificationDataset, features: (x: number, y: number) => number[]): number {
  const rows = Array.from({ length: d.samples }, (_, i) => [...features(d.x[2 * i], d.x[2 * i + 1]), 1]);
  const w = new Array(rows[0].length).fill(0);
  for (let step = 0; step < 2000; step++) {
    const grad = new Array(w.length).fill(0);
    rows.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-r.reduce((s, v, j) => s + v * w[j], 0)));
      r.forEach((v, j) => (grad[j] += (p - d.y[i]) * v));
    });
    w.forEach((_, j) => (w[j] -= (0.5 * grad[j]) / rows.length));
  }
  const correct = rows.filter((r, i) => (r.reduce((s, v, j) => s + v * w[j], 0) > 0 ? 1 : 0) === d.y[i]).length;
  return correct / rows.length;
}

const linear = (x: number, y: number) => [x, y];
const radial = (x: number, y: number) => [x, y, x * x + y * y];

describe('logic gates', () => {
  it.each([
    ['and', [0, 0, 0, 1]],
    ['or', [0, 1, 1, 1]],
    ['xor', [0, 1, 1, 0]],
    ['nand', [1, 1, 1, 0]],
  ] as const)('%s is its truth table over (0,0) (1,0) (0,1) (1,1)', (gate, outputs) => {
    const d = gateDataset(gate);
    expect([...d.x]).toEqual([0, 0, 1, 0, 0, 1, 1, 1]);
    expect([...d.y]).toEqual(outputs);
    expect(d).toMatchObject({ samples: 4, featureShape: [2], task: 'classification', classes: 2 });
  });

  it('rejects an unknown gate by name', () => {
    expect(() => gateDataset('nor' as never)).toThrow(/unknown gate 'nor'; expected one of and, or, xor, nand/);
  });

  it('keeps the ToyData shape for older callers', () => {
    expect(logicGate('xor')).toMatchObject({ samples: 4, features: 2, classes: 2 });
    expect([...logicGate('xor').y]).toEqual([0, 1, 1, 0]);
    const s = spirals(10, 3, 0.1, 1);
    expect(s).toMatchObject({ samples: 30, features: 2, classes: 3 });
    expect(s.x).toHaveLength(60);
  });
});

describe('spirals', () => {
  it('has the asked size, balanced classes, and radii from 0 to 1', () => {
    const d = spiralsDataset({ samples: 301, classes: 3, noise: 0, seed: 1 });
    expect(d.samples).toBe(301);
    expect(d.x).toHaveLength(602);
    expect(classCounts(d)).toEqual([101, 100, 100]);
    const radii = Array.from({ length: d.samples }, (_, i) => Math.hypot(d.x[2 * i], d.x[2 * i + 1]));
    expect(Math.min(...radii)).toBeCloseTo(0, 6);
    expect(Math.max(...radii)).toBeCloseTo(1, 6);
  });

  it('puts arm c at angle 2πc/K where it starts growing', () => {
    const d = spiralsDataset({ samples: 40, classes: 4, noise: 0 });
    // The second point of arm 1 (row 11) sits at radius 1/9, angle π/2 + 4/9 (x = r sin t, y = r cos t).
    const t = Math.PI / 2 + 4 / 9;
    expect(d.x[22]).toBeCloseTo(Math.sin(t) / 9, 6);
    expect(d.x[23]).toBeCloseTo(Math.cos(t) / 9, 6);
  });

  it('same seed gives the same points, another seed other points', () => {
    const a = spiralsDataset({ seed: 5 });
    expect(spiralsDataset({ seed: 5 }).x).toEqual(a.x);
    expect(spiralsDataset({ seed: 6 }).x).not.toEqual(a.x);
  });

  it.each([
    [{ classes: 1 }, /classes must be an integer from 2 to 10, got 1/],
    [{ classes: 3, samples: 2 }, /samples must be an integer ≥ 3, got 2/],
    [{ noise: -0.1 }, /noise must be a number ≥ 0, got -0.1/],
    [{ seed: 1.5 }, /seed must be an integer, got 1.5/],
  ])('rejects %o', (params, message) => {
    expect(() => spiralsDataset(params)).toThrow(DatasetError);
    expect(() => spiralsDataset(params)).toThrow(message);
  });
});

describe('moons', () => {
  it('without noise lies exactly on the two half circles, half per class', () => {
    const d = moonsDataset({ samples: 101, noise: 0 });
    expect(classCounts(d)).toEqual([50, 51]);
    for (let i = 0; i < d.samples; i++) {
      const [x, y] = [d.x[2 * i], d.x[2 * i + 1]];
      if (d.y[i] === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
        expect(y).toBeGreaterThanOrEqual(-1e-6);
      } else {
        expect(Math.hypot(1 - x, 0.5 - y)).toBeCloseTo(1, 5);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-6);
      }
    }
    // Ends of the moons: outer from (1, 0) to (−1, 0), inner from (0, 0.5) to (2, 0.5).
    expect([d.x[0], d.x[1]]).toEqual([1, 0]);
    expect(d.x[2 * 49]).toBeCloseTo(-1, 6);
    expect([d.x[100], d.x[101]]).toEqual([0, 0.5]);
    expect(d.x[200]).toBeCloseTo(2, 6);
  });

  it('noise σ shows as the spread around the clean moons', () => {
    const clean = moonsDataset({ samples: 2000, noise: 0 });
    const noisy = moonsDataset({ samples: 2000, noise: 0.2, seed: 3 });
    let sq = 0;
    for (let i = 0; i < clean.x.length; i++) sq += (noisy.x[i] - clean.x[i]) ** 2;
    expect(Math.sqrt(sq / clean.x.length)).toBeCloseTo(0.2, 1);
  });

  it('is not linearly separable, but a line gets most of it', () => {
    const acc = logisticAccuracy(moonsDataset({ samples: 200, noise: 0.1, seed: 0 }), linear);
    expect(acc).toBeLessThan(0.95);
    expect(acc).toBeGreaterThan(0.75);
  });

  it('same seed gives the same points, another seed other points', () => {
    expect(moonsDataset({ seed: 1 }).x).toEqual(moonsDataset({ seed: 1 }).x);
    expect(moonsDataset({ seed: 1 }).x).not.toEqual(moonsDataset({ seed: 2 }).x);
  });
});

describe('circles', () => {
  it('has the inner circle at radius factor and the outer at 1', () => {
    const d = circlesDataset({ samples: 200, noise: 0, factor: 0.3 });
    expect(classCounts(d)).toEqual([100, 100]);
    for (let i = 0; i < d.samples; i++) {
      expect(Math.hypot(d.x[2 * i], d.x[2 * i + 1])).toBeCloseTo(d.y[i] === 1 ? 0.3 : 1, 5);
    }
  });

  it('with noise the mean radii stay near factor and 1', () => {
    const d = circlesDataset({ samples: 2000, noise: 0.05, factor: 0.5, seed: 9 });
    const mean = [0, 0];
    for (let i = 0; i < d.samples; i++) mean[d.y[i]] += Math.hypot(d.x[2 * i], d.x[2 * i + 1]) / 1000;
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(0.5, 1);
  });

  it('no line separates the circles; the squared radius does', () => {
    const d = circlesDataset({ samples: 200, noise: 0.05, factor: 0.5, seed: 0 });
    expect(logisticAccuracy(d, linear)).toBeLessThan(0.7);
    expect(logisticAccuracy(d, radial)).toBe(1);
  });

  it('rejects a factor outside (0, 1)', () => {
    expect(() => circlesDataset({ factor: 1 })).toThrow(/factor must be between 0 and 1 \(exclusive\), got 1/);
    expect(() => circlesDataset({ factor: 0 })).toThrow(/factor/);
  });

  it('same seed gives the same points, another seed other points', () => {
    expect(circlesDataset({ seed: 1 }).x).toEqual(circlesDataset({ seed: 1 }).x);
    expect(circlesDataset({ seed: 1 }).x).not.toEqual(circlesDataset({ seed: 2 }).x);
  });
});
