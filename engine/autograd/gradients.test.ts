/**
 * The gradient table checked against central differences in float64: one entry per name in
 * DIFFERENTIABLE_OPS (a missing entry fails the suite), each over several shapes, broadcasting
 * and scalar operands included. Inputs are drawn away from kinks (0 for relu/abs/step, ties for
 * max/min/maxPool, non-positive values for log/sqrt/pow) so that the numerical gradient is the
 * true one.
 */
import { describe, expect, it } from 'vitest';
import type { Shape } from '../core/shape';
import { Random } from '../core/random';
import { sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import * as ops from '../ops';
import { DIFFERENTIABLE_OPS, type DifferentiableOp } from '../ops';
import { gradCheck } from '../testing/gradcheck';

const TOLERANCE = 1e-6;
const rng = new Random(20240611);

function f64(values: ArrayLike<number>, shape: Shape): Tensor {
  return ops.tensor(Float64Array.from(values), shape, { dtype: 'float64' });
}

/** Uniform in [low, high). */
function uniform(shape: Shape, low = -1, high = 1): Tensor {
  return f64(Array.from({ length: sizeOf(shape) }, () => low + (high - low) * rng.uniform()), shape);
}

/** |x| in [minAbs, maxAbs) with a random sign: far from the kink at 0. */
function awayFromZero(shape: Shape, minAbs = 0.2, maxAbs = 1.5): Tensor {
  return f64(Array.from({ length: sizeOf(shape) }, () => (rng.uniform() < 0.5 ? -1 : 1) * (minAbs + (maxAbs - minAbs) * rng.uniform())), shape);
}

/** Distinct values at least `spacing` apart (shuffled), so max/min/maxPool have no ties. */
function distinct(shape: Shape, spacing = 0.1): Tensor {
  const n = sizeOf(shape);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  return f64(order.map((k) => (k - n / 2) * spacing + 0.3 * spacing * rng.uniform()), shape);
}

/**
 * Values on the grid 0.2·k + offset (k ∈ -5…4); two operands with offsets 0.05 and 0.15 are at
 * least 0.1 apart everywhere, whatever the broadcasting pairs up.
 */
function grid(shape: Shape, offset: number): Tensor {
  return f64(Array.from({ length: sizeOf(shape) }, () => 0.2 * (rng.int(10) - 5) + offset), shape);
}

interface Case {
  /** Shown in the test name. */
  readonly label: string;
  readonly fn: (...xs: Tensor[]) => Tensor;
  readonly inputs: () => Tensor[];
  /** Step of the central difference, where the default 1e-5 does not suit. */
  readonly h?: number;
}

const BROADCAST_PAIRS: readonly [Shape, Shape][] = [
  [[2, 3], [2, 3]],
  [[3, 1], [1, 4]],
  [[5], [2, 5]],
  [[2, 5], [5]],
  [[], [2, 3]],
  [[2, 3], []],
  [[2, 1, 4], [3, 1]],
  [[], []],
];
const UNARY_SHAPES: readonly Shape[] = [[], [5], [2, 3], [2, 3, 2]];

function unaryCases(fn: (x: Tensor) => Tensor, gen: (s: Shape) => Tensor): Case[] {
  return UNARY_SHAPES.map((s) => ({ label: `(${s.join(',')})`, fn, inputs: () => [gen(s)] }));
}

function binaryCases(fn: (a: Tensor, b: Tensor) => Tensor, genA: (s: Shape) => Tensor,
  genB: (s: Shape) => Tensor = genA): Case[] {
  return BROADCAST_PAIRS.map(([sa, sb]) => ({
    label: `(${sa.join(',')}) with (${sb.join(',')})`, fn, inputs: () => [genA(sa), genB(sb)],
  }));
}

function reduceCases(fn: (x: Tensor, axes?: number | number[], keepDims?: boolean) => Tensor,
  gen: (s: Shape) => Tensor): Case[] {
  const variants: [Shape, number | number[] | undefined, boolean][] = [
    [[2, 3, 4], undefined, false],
    [[2, 3, 4], 0, false],
    [[2, 3, 4], -1, true],
    [[2, 3, 4], [0, 2], false],
    [[2, 3, 4], [0, 2], true],
    [[2, 3, 4, 2], [1, 3], false],
    [[3, 4], [0, 1], true],
    [[5], 0, false],
  ];
  return variants.map(([s, axes, keep]) => ({
    label: `(${s.join(',')}) axes ${JSON.stringify(axes)} keepDims ${keep}`,
    fn: (x) => fn(x, axes, keep),
    inputs: () => [gen(s)],
  }));
}

function matmulCase(aShape: Shape, bShape: Shape, transA: boolean, transB: boolean): Case {
  return {
    label: `(${aShape.join(',')})${transA ? 'ᵀ' : ''} · (${bShape.join(',')})${transB ? 'ᵀ' : ''}`,
    fn: (a, b) => ops.matmul(a, b, { transA, transB }),
    inputs: () => [uniform(aShape), uniform(bShape)],
  };
}

const T = (...s: number[]) => s; // readable shapes in tables

/** Axis variants of softmax-like ops: the last axis, a leading one, a middle one, negative. */
function softmaxCases(fn: (x: Tensor, axis?: number) => Tensor): Case[] {
  const variants: [Shape, number][] = [[T(2, 5), -1], [T(3, 4), 0], [T(2, 3, 4), 1], [T(2, 3, 4), -3], [T(4), 0]];
  return variants.map(([s, axis]) => ({
    label: `(${s.join(',')}) axis ${axis}`, fn: (x) => fn(x, axis), inputs: () => [uniform(s, -2, 2)],
  }));
}

const cases: Record<DifferentiableOp, readonly Case[]> = {
  neg: unaryCases(ops.neg, (s) => uniform(s)),
  abs: unaryCases(ops.abs, (s) => awayFromZero(s)),
  sign: unaryCases(ops.sign, (s) => awayFromZero(s)),
  exp: unaryCases(ops.exp, (s) => uniform(s, -2, 2)),
  log: unaryCases(ops.log, (s) => uniform(s, 0.3, 3)),
  sqrt: unaryCases(ops.sqrt, (s) => uniform(s, 0.3, 3)),
  square: unaryCases(ops.square, (s) => uniform(s, -2, 2)),
  reciprocal: unaryCases(ops.reciprocal, (s) => awayFromZero(s, 0.4, 2)),
  relu: unaryCases(ops.relu, (s) => awayFromZero(s)),
  step: unaryCases(ops.step, (s) => awayFromZero(s)),
  sigmoid: unaryCases(ops.sigmoid, (s) => uniform(s, -4, 4)),
  tanh: unaryCases(ops.tanh, (s) => uniform(s, -2, 2)),

  add: binaryCases(ops.add, (s) => uniform(s)),
  sub: binaryCases(ops.sub, (s) => uniform(s)),
  mul: binaryCases(ops.mul, (s) => uniform(s, -2, 2)),
  div: binaryCases(ops.div, (s) => uniform(s, -2, 2), (s) => awayFromZero(s, 0.5, 2)),
  pow: [
    ...binaryCases(ops.pow, (s) => uniform(s, 0.5, 2), (s) => uniform(s, -2, 3)),
    // A constant exponent: only the base gets a gradient.
    ...unaryCases((x) => ops.pow(x, 3), (s) => uniform(s, -2, 2)),
    ...unaryCases((x) => ops.pow(x, 0.5), (s) => uniform(s, 0.3, 2)),
  ],
  maximum: [
    ...binaryCases(ops.maximum, (s) => grid(s, 0.05), (s) => grid(s, 0.15)),
    ...binaryCases(ops.maximum, (s) => grid(s, 0.15), (s) => grid(s, 0.05)),
  ],
  minimum: [
    ...binaryCases(ops.minimum, (s) => grid(s, 0.05), (s) => grid(s, 0.15)),
    ...binaryCases(ops.minimum, (s) => grid(s, 0.15), (s) => grid(s, 0.05)),
  ],
  // Comparisons have no gradient: both sides must be (and numerically are) zero off ties.
  greater: binaryCases(ops.greater, (s) => grid(s, 0.05), (s) => grid(s, 0.15)),
  greaterEqual: binaryCases(ops.greaterEqual, (s) => grid(s, 0.05), (s) => grid(s, 0.15)),
  equal: binaryCases(ops.equal, (s) => grid(s, 0.05), (s) => grid(s, 0.15)),

  sum: reduceCases(ops.sum, (s) => uniform(s)),
  max: reduceCases(ops.max, (s) => distinct(s)),
  min: reduceCases(ops.min, (s) => distinct(s)),

  matmul: [
    matmulCase(T(3, 4), T(4, 5), false, false),
    matmulCase(T(4, 3), T(4, 5), true, false),
    matmulCase(T(3, 4), T(5, 4), false, true),
    matmulCase(T(4, 3), T(5, 4), true, true),
    matmulCase(T(1, 1), T(1, 1), false, false),
    matmulCase(T(2, 3, 4), T(2, 4, 5), false, false),
    matmulCase(T(2, 4, 3), T(2, 5, 4), true, true),
    // Broadcast batch axes: one shared operand, a size-1 batch axis, and a partly broadcast pair.
    matmulCase(T(2, 3, 4), T(4, 5), false, false),
    matmulCase(T(3, 4), T(2, 5, 4), false, true),
    matmulCase(T(1, 3, 4), T(2, 4, 5), false, false),
    matmulCase(T(2, 1, 4, 3), T(3, 4, 2), true, false),
  ],

  reshape: [
    { label: '(2,3,4) → (4,6)', fn: (x) => ops.reshape(x, [4, 6]), inputs: () => [uniform(T(2, 3, 4))] },
    { label: '(6) → (2,-1)', fn: (x) => ops.reshape(x, [2, -1]), inputs: () => [uniform(T(6))] },
    { label: '() → (1,1)', fn: (x) => ops.reshape(x, [1, 1]), inputs: () => [uniform(T())] },
  ],
  broadcastTo: [
    { label: '(3,1) → (2,3,4)', fn: (x) => ops.broadcastTo(x, [2, 3, 4]), inputs: () => [uniform(T(3, 1))] },
    { label: '() → (2,2)', fn: (x) => ops.broadcastTo(x, [2, 2]), inputs: () => [uniform(T())] },
    { label: '(4) → (3,4)', fn: (x) => ops.broadcastTo(x, [3, 4]), inputs: () => [uniform(T(4))] },
    { label: '(2,1,3) → (2,4,3)', fn: (x) => ops.broadcastTo(x, [2, 4, 3]), inputs: () => [uniform(T(2, 1, 3))] },
  ],
  permute: [
    { label: '(2,3) [1,0]', fn: (x) => ops.permute(x, [1, 0]), inputs: () => [uniform(T(2, 3))] },
    { label: '(2,3,4) [2,0,1]', fn: (x) => ops.permute(x, [2, 0, 1]), inputs: () => [uniform(T(2, 3, 4))] },
    { label: '(2,3,4,2) [0,3,1,2]', fn: (x) => ops.permute(x, [0, 3, 1, 2]), inputs: () => [uniform(T(2, 3, 4, 2))] },
  ],
  slice: [
    { label: '(4,5) [1,2]+[2,-1]', fn: (x) => ops.slice(x, [1, 2], [2, -1]), inputs: () => [uniform(T(4, 5))] },
    { label: '(3,4,5) [1,0,2]+[2,3,2]', fn: (x) => ops.slice(x, [1, 0, 2], [2, 3, 2]), inputs: () => [uniform(T(3, 4, 5))] },
    { label: '(6) [5]', fn: (x) => ops.slice(x, [5]), inputs: () => [uniform(T(6))] },
  ],
  pad: [
    { label: '(2,3) [1,0]/[2,1]', fn: (x) => ops.pad(x, [1, 0], [2, 1]), inputs: () => [uniform(T(2, 3))] },
    { label: '(2,2,3) [0,1,2]/[1,0,1]', fn: (x) => ops.pad(x, [0, 1, 2], [1, 0, 1]), inputs: () => [uniform(T(2, 2, 3))] },
  ],
  concat: [
    { label: 'axis 0 of three', fn: (a, b, c) => ops.concat([a, b, c], 0), inputs: () => [uniform(T(1, 3)), uniform(T(2, 3)), uniform(T(3, 3))] },
    { label: 'axis 1 of (2,1,3),(2,2,3)', fn: (a, b) => ops.concat([a, b], 1), inputs: () => [uniform(T(2, 1, 3)), uniform(T(2, 2, 3))] },
    { label: 'axis -1', fn: (a, b) => ops.concat([a, b]), inputs: () => [uniform(T(2, 2)), uniform(T(2, 3))] },
    // The same tensor twice: both slices of the gradient must land on it.
    { label: 'x with itself', fn: (a) => ops.concat([a, a], 0), inputs: () => [uniform(T(2, 3))] },
  ],

  softmax: softmaxCases(ops.softmax),
  logSoftmax: softmaxCases(ops.logSoftmax),

  conv2d: [
    { label: '3×3 valid', fn: (x, w) => ops.conv2d(x, w), inputs: () => [uniform(T(2, 5, 5, 2)), uniform(T(3, 3, 2, 3))] },
    { label: '3×3 stride 2 same', fn: (x, w) => ops.conv2d(x, w, { strides: 2, padding: 'same' }), inputs: () => [uniform(T(2, 6, 5, 2)), uniform(T(3, 3, 2, 2))] },
    { label: '2×2 stride 2 same (odd input)', fn: (x, w) => ops.conv2d(x, w, { strides: 2, padding: 'same' }), inputs: () => [uniform(T(1, 5, 5, 3)), uniform(T(2, 2, 3, 2))] },
    { label: '3×3 dilation 2', fn: (x, w) => ops.conv2d(x, w, { dilation: 2 }), inputs: () => [uniform(T(1, 7, 6, 2)), uniform(T(3, 3, 2, 2))] },
    { label: '3×2 dilation 2 same', fn: (x, w) => ops.conv2d(x, w, { dilation: [2, 1], padding: 'same' }), inputs: () => [uniform(T(1, 5, 4, 1)), uniform(T(3, 2, 1, 2))] },
    { label: 'explicit padding, strides [2,1]', fn: (x, w) => ops.conv2d(x, w, { strides: [2, 1], padding: [1, 0, 2, 1] }), inputs: () => [uniform(T(1, 5, 4, 2)), uniform(T(3, 3, 2, 2))] },
    { label: '1×1', fn: (x, w) => ops.conv2d(x, w), inputs: () => [uniform(T(2, 3, 3, 3)), uniform(T(1, 1, 3, 4))] },
  ],
  maxPool2d: [
    { label: '2×2 stride 2', fn: (x) => ops.maxPool2d(x), inputs: () => [distinct(T(2, 4, 4, 2))] },
    { label: '3×3 stride 2 overlapping, same', fn: (x) => ops.maxPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }), inputs: () => [distinct(T(1, 5, 6, 2))] },
    { label: '2×2 stride 1 overlapping', fn: (x) => ops.maxPool2d(x, { poolSize: 2, strides: 1 }), inputs: () => [distinct(T(1, 4, 3, 2))] },
    { label: '3×3 stride 1, padding 1', fn: (x) => ops.maxPool2d(x, { poolSize: 3, strides: 1, padding: 1 }), inputs: () => [distinct(T(1, 4, 4, 1))] },
    { label: 'negative values with padding (pads never win)', fn: (x) => ops.maxPool2d(x, { poolSize: 2, strides: 2, padding: 'same' }), inputs: () => [ops.sub(distinct(T(1, 3, 3, 1)), 10)] },
  ],
  avgPool2d: [
    { label: '2×2 stride 2', fn: (x) => ops.avgPool2d(x), inputs: () => [uniform(T(2, 4, 4, 2))] },
    { label: '3×3 stride 2 overlapping, same', fn: (x) => ops.avgPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }), inputs: () => [uniform(T(1, 5, 6, 2))] },
    { label: '3×3 stride 1, padding 1', fn: (x) => ops.avgPool2d(x, { poolSize: 3, strides: 1, padding: 1 }), inputs: () => [uniform(T(1, 4, 4, 1))] },
    { label: '[2,3] strides [1,2]', fn: (x) => ops.avgPool2d(x, { poolSize: [2, 3], strides: [1, 2] }), inputs: () => [uniform(T(2, 3, 7, 1))] },
  ],

  // float64 → float64 is a no-op, so the rule is checked through a float32 round trip. On
  // multiples of 1/16 with a step of 1/16 every float32 value is exact; only the analytic
  // gradient rounds (to float32, ~6e-8 relative).
  cast: [1, 2].map((n) => ({
    label: `float64 → float32 → float64, ${n} elements squared`,
    fn: (x: Tensor) => ops.cast(ops.square(ops.cast(x, 'float32')), 'float64'),
    inputs: () => [f64(Array.from({ length: 3 * n }, () => (rng.int(48) - 24) / 16), [n, 3])],
    h: 1 / 16,
  })),
};

function check(c: Case): void {
  const result = gradCheck(c.fn, c.inputs(), c.h === undefined ? {} : { h: c.h });
  expect(result.maxRelativeError, result.report).toBeLessThan(TOLERANCE);
}

describe('gradient table', () => {
  it('has a gradient-check case for every differentiable op', () => {
    const missing = DIFFERENTIABLE_OPS.filter((op) => !(cases[op]?.length > 0));
    expect(missing).toEqual([]);
    // And no stale cases for ops that left the table.
    expect(Object.keys(cases).filter((k) => !(DIFFERENTIABLE_OPS as string[]).includes(k))).toEqual([]);
  });

  for (const op of DIFFERENTIABLE_OPS) {
    describe(op, () => {
      for (const c of cases[op] ?? []) it(c.label, () => check(c));
    });
  }
});

describe('gradients of composites', () => {
  const composites: Case[] = [
    { label: 'mean over all', fn: (x) => ops.mean(x), inputs: () => [uniform(T(3, 4))] },
    { label: 'mean axes [0,2] keepDims', fn: (x) => ops.mean(x, [0, 2], true), inputs: () => [uniform(T(2, 3, 4))] },
    { label: 'variance over axis 0', fn: (x) => ops.variance(x, 0), inputs: () => [uniform(T(5, 3))] },
    { label: 'variance over [1,2]', fn: (x) => ops.variance(x, [1, 2]), inputs: () => [uniform(T(2, 3, 4))] },
    { label: 'leakyRelu α 0.1', fn: (x) => ops.leakyRelu(x, 0.1), inputs: () => [awayFromZero(T(3, 4))] },
    { label: 'leakyRelu default α', fn: (x) => ops.leakyRelu(x), inputs: () => [awayFromZero(T(7))] },
    { label: 'dot vector·vector', fn: (a, b) => ops.dot(a, b), inputs: () => [uniform(T(4)), uniform(T(4))] },
    { label: 'dot matrix·vector', fn: (a, b) => ops.dot(a, b), inputs: () => [uniform(T(3, 4)), uniform(T(4))] },
    { label: 'dot vector·matrix', fn: (a, b) => ops.dot(a, b), inputs: () => [uniform(T(3)), uniform(T(3, 4))] },
    { label: 'dot matrix·matrix', fn: (a, b) => ops.dot(a, b), inputs: () => [uniform(T(2, 3)), uniform(T(3, 4))] },
    { label: 'transpose 2-D', fn: (x) => ops.transpose(x), inputs: () => [uniform(T(2, 3))] },
    { label: 'transpose 3-D reversed', fn: (x) => ops.transpose(x), inputs: () => [uniform(T(2, 3, 4))] },
    { label: 'sumTo (2,3,4) → (3,1)', fn: (x) => ops.sumTo(x, [3, 1]), inputs: () => [uniform(T(2, 3, 4))] },
    { label: 'sumTo (2,3) → ()', fn: (x) => ops.sumTo(x, []), inputs: () => [uniform(T(2, 3))] },
    { label: 'flatten', fn: (x) => ops.flatten(x), inputs: () => [uniform(T(2, 3, 2))] },
    { label: 'expandDims + squeeze', fn: (x) => ops.squeeze(ops.expandDims(x, 1)), inputs: () => [uniform(T(2, 3))] },
    { label: 'sumOfProduct', fn: (a, b) => ops.sumOfProduct(a, b, -1), inputs: () => [uniform(T(2, 3)), uniform(T(2, 3))] },
    {
      label: 'a small MLP: softmax cross-entropy of relu(xW₁ + b₁)W₂',
      fn: (x, w1, b1, w2) => ops.neg(ops.mean(ops.logSoftmax(ops.matmul(ops.relu(ops.add(ops.matmul(x, w1), b1)), w2)))),
      inputs: () => [uniform(T(4, 3)), uniform(T(3, 5)), uniform(T(5)), uniform(T(5, 2))],
    },
    {
      label: 'a tensor used twice: x·x + x',
      fn: (x) => ops.add(ops.mul(x, x), x),
      inputs: () => [uniform(T(3))],
    },
  ];
  for (const c of composites) it(c.label, () => check(c));

  it('cast through float32 keeps values to float32 precision', () => {
    const x = f64([0.1, -2.5, 1 / 3], [3]);
    const y = ops.cast(x, 'float32');
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual([0.1, -2.5, 1 / 3].map(Math.fround));
    const back = ops.cast(y, 'float64');
    expect(back.dtype).toBe('float64');
    expect(Array.from(back.dataSync())).toEqual([0.1, -2.5, 1 / 3].map(Math.fround));
    expect(ops.cast(x, 'float64')).toBe(x);
  });
});

describe('gradients at the edges of an op\'s domain', () => {
  const leaf = (values: number[]) => {
    const t = f64(values, [values.length]);
    t.requiresGrad = true;
    return t;
  };

  it('pow: the exponent\'s gradient is 0, not NaN, where the base is 0 (as in relu(x)ᵇ)', () => {
    const a = leaf([0, 2, 0]);
    const b = leaf([2, 3, 0.5]);
    ops.backward(ops.sum(ops.pow(a, b)));
    // ∂/∂b aᵇ = aᵇ ln a: 0 at a = 0, 8 ln 2 at (2, 3).
    expect(Array.from(b.grad!.dataSync())).toEqual([0, 8 * Math.log(2), 0]);
    // ∂/∂a aᵇ = b aᵇ⁻¹: 0 at (0, 2), 12 at (2, 3), +∞ at (0, ½).
    expect(Array.from(a.grad!.dataSync())).toEqual([0, 12, Infinity]);
  });

  it('relu, abs and step have zero (sub)gradient exactly at 0', () => {
    for (const f of [ops.relu, ops.abs, ops.step]) {
      const x = leaf([0]);
      ops.backward(ops.sum(f(x)));
      expect(x.grad === null ? 0 : x.grad.item()).toBe(0);
    }
  });

  it('maximum and minimum send a tie\'s gradient to the first operand', () => {
    const a = leaf([1, 2]);
    const b = leaf([1, 2]);
    ops.backward(ops.sum(ops.add(ops.maximum(a, b), ops.mul(ops.minimum(a, b), 10))));
    expect(Array.from(a.grad!.dataSync())).toEqual([11, 11]);
    expect(Array.from(b.grad!.dataSync())).toEqual([0, 0]);
  });

  it('max and min share a tie\'s gradient equally', () => {
    const x = leaf([3, 1, 3, 2]);
    ops.backward(ops.max(x));
    expect(Array.from(x.grad!.dataSync())).toEqual([0.5, 0, 0.5, 0]);
    const y = leaf([1, 1, 5]);
    ops.backward(ops.min(y));
    expect(Array.from(y.grad!.dataSync())).toEqual([0.5, 0.5, 0]);
  });

  it('maxPool2d sends a tie\'s gradient to the first maximum of the window', () => {
    const x = f64([4, 4, 1, 4], [1, 2, 2, 1]);
    x.requiresGrad = true;
    ops.backward(ops.sum(ops.maxPool2d(x)));
    expect(Array.from(x.grad!.dataSync())).toEqual([1, 0, 0, 0]);
  });
});
