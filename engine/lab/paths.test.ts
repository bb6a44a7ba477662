import { describe, expect, it } from 'vitest';
import type { Tensor } from '../core/tensor';
import { getNodeDef } from '../graph/registry';
import { AdaGrad, Adam, Momentum, RMSProp, SGD, type Optimizer } from '../nn/optimizers';
import { add, backward, div, reshape, slice, square, tensor } from '../ops';
import { COURSE_FUNCTION, parseExpression } from './expression';
import {
  contourGrid, contourLevels, COURSE_PATH_SETTINGS, COURSE_START, optimizerPath, PATH_OPTIMIZERS, pathOptimizerFromNode,
  type PathOptimizerKind, type PathResult,
} from './paths';

const course = parseExpression(COURSE_FUNCTION);
const point = (r: PathResult, i: number): [number, number] => [r.points[2 * i], r.points[2 * i + 1]];

// The same numbers as engine/nn/optimizers.test.ts, worked out by hand from the course's update
// rules at the course's settings, starting at (−7, 2) with ∂f/∂x = x/10 and ∂f/∂y = 2y.
const HAND: Record<PathOptimizerKind, number[][]> = {
  sgd: [[-6.335, -1.8], [-5.733175, 1.62], [-5.188523375, -1.458]],
  momentum: [[-6.93, 1.6], [-6.7977, 0.92], [-6.610653, 0.124]],
  adagrad: [[-5.500000214286, 0.5000000375], [-4.573267968164, 0.136196583089], [-3.887842338971, 0.037314570497]],
  rmsprop: [[-6.000001428569, 1.00000025], [-5.347326716178, 0.550987006118], [-4.842635119547, 0.309687583565]],
  adam: [[-6.700000004286, 1.70000000075], [-6.400414301717, 1.402245328605], [-6.101545880215, 1.108911479831]],
};

/** The optimiser run directly, as engine/nn/optimizers.test.ts does: f written with square(). */
function directRun(opt: Optimizer, n: number): number[][] {
  const f = (p: Tensor) => reshape(add(div(square(slice(p, [0], [1])), 20), square(slice(p, [1], [1]))), []);
  const p = tensor([-7, 2], undefined, { dtype: 'float64' });
  p.requiresGrad = true;
  const param = { name: 'p', value: p, decay: false };
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    backward(f(p));
    opt.step([param]);
    out.push([...p.dataSync()]);
  }
  return out;
}

const DIRECT: Record<PathOptimizerKind, () => Optimizer> = {
  sgd: () => new SGD(0.95), momentum: () => new Momentum(0.1, 0.9), adagrad: () => new AdaGrad(1.5),
  rmsprop: () => new RMSProp(0.1, 0.99), adam: () => new Adam(0.3),
};

describe('optimizerPath on the course function', () => {
  it('uses the course settings: SGD 0.95, Momentum 0.1, AdaGrad 1.5, RMSProp 0.1, Adam 0.3 from (−7, 2)', () => {
    expect(PATH_OPTIMIZERS.map((k) => COURSE_PATH_SETTINGS[k].learningRate)).toEqual([0.95, 0.1, 1.5, 0.1, 0.3]);
    expect(COURSE_START).toEqual([-7, 2]);
  });

  it.each(PATH_OPTIMIZERS)('%s: the first three points are the hand-computed updates', (kind) => {
    const r = optimizerPath(course, COURSE_PATH_SETTINGS[kind], { start: COURSE_START, steps: 3 });
    expect(r.points.length).toBe(8);
    expect(point(r, 0)).toEqual([-7, 2]);
    HAND[kind].forEach(([x, y], i) => {
      expect(point(r, i + 1)[0]).toBeCloseTo(x, 9);
      expect(point(r, i + 1)[1]).toBeCloseTo(y, 9);
    });
    expect(r.values[1]).toBeCloseTo(HAND[kind][0][0] ** 2 / 20 + HAND[kind][0][1] ** 2, 9);
    expect(r.diverged).toBe(false);
  });

  it.each(PATH_OPTIMIZERS)('%s: all 30 of the course\'s steps equal a direct run of the optimiser class', (kind) => {
    const r = optimizerPath(course, COURSE_PATH_SETTINGS[kind], { start: COURSE_START, steps: 30 });
    const direct = directRun(DIRECT[kind](), 30);
    expect(r.values.length).toBe(31);
    direct.forEach(([x, y], i) => {
      expect(Math.abs(point(r, i + 1)[0] - x)).toBeLessThan(1e-12);
      expect(Math.abs(point(r, i + 1)[1] - y)).toBeLessThan(1e-12);
    });
  });

  it('reproduces the figure: after 30 steps every optimiser is closer to the minimum, Adam and AdaGrad much closer', () => {
    const end = (kind: PathOptimizerKind) => {
      const r = optimizerPath(course, COURSE_PATH_SETTINGS[kind], { start: COURSE_START, steps: 30 });
      return r.values[r.values.length - 1];
    };
    const start = 49 / 20 + 4;
    for (const kind of PATH_OPTIMIZERS) expect(end(kind), kind).toBeLessThan(start / 2);
    expect(end('adagrad')).toBeLessThan(0.1);
    expect(end('adam')).toBeLessThan(0.5);
  });
});

describe('optimizerPath on other functions', () => {
  it('a typed function gets its analytic gradient: x² + 2y², SGD η 0.1 from (1, 1)', () => {
    // ∇f = (2x, 4y): (1, 1) → (1 − 0.2, 1 − 0.4) = (0.8, 0.6) → (0.64, 0.36).
    const r = optimizerPath(parseExpression('x^2 + 2*y^2'), { kind: 'sgd', learningRate: 0.1 }, { start: [1, 1], steps: 2 });
    expect(point(r, 1)[0]).toBeCloseTo(0.8, 14);
    expect(point(r, 1)[1]).toBeCloseTo(0.6, 14);
    expect(point(r, 2)[0]).toBeCloseTo(0.64, 14);
    expect(point(r, 2)[1]).toBeCloseTo(0.36, 14);
    expect(r.values[2]).toBeCloseTo(0.64 ** 2 + 2 * 0.36 ** 2, 14);
  });

  it('sin/cos/tan paths step with central-difference gradients', () => {
    // ∇(sin x + y²) = (cos x, 2y).
    const r = optimizerPath(parseExpression('sin(x) + y^2'), { kind: 'sgd', learningRate: 0.1 }, { start: [1, 1], steps: 1 });
    expect(point(r, 1)[0]).toBeCloseTo(1 - 0.1 * Math.cos(1), 8);
    expect(point(r, 1)[1]).toBeCloseTo(0.8, 8);
  });

  it('stops a diverging path: SGD η 10 on y² multiplies y by −19 each step', () => {
    const r = optimizerPath(parseExpression('y^2'), { kind: 'sgd', learningRate: 10 }, { start: [0, 1], steps: 30 });
    expect(r.diverged).toBe(true);
    // 19⁴ = 130321 is within the bound, 19⁵ = 2476099 is past it: the path ends at that point.
    expect(r.values.length).toBe(6);
    expect(point(r, 4)[1]).toBeCloseTo(130321, 6);
    expect(point(r, 5)[1]).toBeCloseTo(-2476099, 4);
  });

  it('stops where the function has no value (log of a negative)', () => {
    const r = optimizerPath(parseExpression('log(x)'), { kind: 'sgd', learningRate: 2 }, { start: [1, 0], steps: 10 });
    // x: 1 → 1 − 2·1 = −1, where log is NaN.
    expect(r.diverged).toBe(true);
    expect(r.values.length).toBe(2);
    expect(Number.isNaN(r.values[1])).toBe(true);
  });

  it('takes no step for 0 steps and refuses a non-number', () => {
    expect(optimizerPath(course, COURSE_PATH_SETTINGS.sgd, { start: [1, 2], steps: 0 }).points).toEqual(new Float64Array([1, 2]));
    expect(() => optimizerPath(course, COURSE_PATH_SETTINGS.sgd, { start: [1, 2], steps: Number.NaN })).toThrow(/number of steps/);
    expect(() => optimizerPath(course, COURSE_PATH_SETTINGS.sgd, { start: [Number.NaN, 2], steps: 3 })).toThrow(/start point/);
  });
});

describe('pathOptimizerFromNode', () => {
  it('reads each optimiser node through its schema, defaults filled in', () => {
    expect(pathOptimizerFromNode({ kind: 'SGD', params: { learningRate: 0.5 } })).toEqual({ kind: 'sgd', learningRate: 0.5 });
    expect(pathOptimizerFromNode({ kind: 'Momentum', params: {} })).toEqual({ kind: 'momentum', learningRate: 0.01, momentum: 0.9 });
    expect(pathOptimizerFromNode({ kind: 'AdaGrad', params: { learningRate: 1.5 } })).toEqual({ kind: 'adagrad', learningRate: 1.5, epsilon: 1e-7 });
    expect(pathOptimizerFromNode({ kind: 'RMSProp', params: { decay: 0.9 } })).toEqual({ kind: 'rmsprop', learningRate: 0.001, decay: 0.9, epsilon: 1e-7 });
    expect(pathOptimizerFromNode({ kind: 'Adam', params: { learningRate: 0.3, beta1: 0.8 } }))
      .toEqual({ kind: 'adam', learningRate: 0.3, beta1: 0.8, beta2: 0.999, epsilon: 1e-8 });
  });

  it('gives null for other nodes and for settings the schema refuses', () => {
    expect(pathOptimizerFromNode({ kind: 'Dense', params: {} })).toBeNull();
    expect(pathOptimizerFromNode({ kind: 'Perceptron', params: {} })).toBeNull();
    expect(pathOptimizerFromNode({ kind: 'Adam', params: { learningRate: -1 } })).toBeNull();
  });

  it('steps exactly as the optimiser the node itself builds', () => {
    const node = { kind: 'RMSProp', params: { learningRate: 0.2, decay: 0.9, epsilon: 1e-6 } };
    const built = getNodeDef('RMSProp')!.build!({ params: node.params } as never) as { optimizer: Optimizer };
    const r = optimizerPath(course, pathOptimizerFromNode(node)!, { start: COURSE_START, steps: 10 });
    directRun(built.optimizer, 10).forEach(([x, y], i) => {
      expect(Math.abs(point(r, i + 1)[0] - x)).toBeLessThan(1e-12);
      expect(Math.abs(point(r, i + 1)[1] - y)).toBeLessThan(1e-12);
    });
  });
});

describe('contourGrid', () => {
  it('samples f on the grid, row 0 at the bottom, corners included', () => {
    const g = contourGrid(course, [-10, 10], [-5, 5], 81, 41);
    expect([g.nx, g.ny]).toEqual([81, 41]);
    expect(g.values[0]).toBe(100 / 20 + 25); // (−10, −5)
    expect(g.values[40]).toBe(25); // (0, −5)
    expect(g.values[20 * 81 + 40]).toBe(0); // the minimum at the centre
    expect(g.values[40 * 81 + 80]).toBe(30); // (10, 5)
  });

  it('draws the course function\'s ellipses evenly spaced near the minimum', () => {
    const g = contourGrid(course, [-10, 10], [-5, 5], 201, 101);
    expect(g.levels.length).toBeGreaterThanOrEqual(12);
    expect(g.levels.length).toBeLessThanOrEqual(20);
    for (let i = 1; i < g.levels.length; i++) expect(g.levels[i]).toBeGreaterThan(g.levels[i - 1]);
    expect(g.levels[0]).toBeGreaterThan(0);
    expect(g.levels[g.levels.length - 1]).toBeLessThan(30);
    // While an ellipse fits in the plot (f ≤ 5) its size √f should grow by equal steps.
    const radii = g.levels.filter((l) => l <= 5).map(Math.sqrt);
    expect(radii.length).toBeGreaterThanOrEqual(6);
    const steps = radii.slice(1).map((r, i) => r - radii[i]);
    for (const s of steps) expect(Math.abs(s / steps[0] - 1)).toBeLessThan(0.15);
  });

  it('spreads levels over where the values lie when they span decades', () => {
    const g = contourGrid(parseExpression('exp(x) + y^2'), [-10, 10], [-3, 3], 101, 31);
    const sorted = Array.from(g.values).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    // Levels linear or quadratic in [min, max] (max ≈ 22035) would put one or none below the median (≈ 4).
    expect(g.levels.filter((l) => l < median).length).toBeGreaterThanOrEqual(6);
  });

  it('leaves out values that are not finite, and has no levels for a constant', () => {
    const g = contourGrid(parseExpression('log(x) + y'), [-1, 1], [-1, 1], 21, 21);
    expect(Number.isNaN(g.values[0])).toBe(true);
    expect(g.levels.length).toBeGreaterThan(5);
    expect(g.levels.every(Number.isFinite)).toBe(true);
    expect(contourGrid(parseExpression('2'), [0, 1], [0, 1], 5, 5).levels).toEqual([]);
    // A plateau gives one level, not one per quantile that falls on it.
    expect(contourLevels([0, 0, 0, 0, 1, 1, 1, 1])).toEqual([1]);
  });
});
