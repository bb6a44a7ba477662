/**
 * How every recorded op differentiates — the one table. Each rule receives the gradient of the
 * op's output and returns the gradient of each input (null where none flows), composed from
 * ordinary ops. Broadcast inputs get their gradient summed back to their own shape.
 */
import type { Conv2dGeometry, Pool2dGeometry } from '../backend/backend';
import type { Tensor } from '../core/tensor';
import { conv2dBackpropFilter, conv2dBackpropInput, avgPool2dBackward, maxPool2dBackward } from '../ops/conv';
import { cast } from '../ops/convert';
import { onesLike } from '../ops/creation';
import { add, div, equal, greaterEqual, log, mul, neg, pow, sign, square, step, sub } from '../ops/elementwise';
import { broadcastTo, pad, permute, reshape, slice, sumTo } from '../ops/layout';
import { matmul } from '../ops/linalg';
import { exp } from '../ops/elementwise';
import { sum } from '../ops/reduce';
import { installGradRules, runBackward, type GradRule } from './tape';

type Attrs = Readonly<Record<string, unknown>>;
const none = () => [null, null];

/** The keepDims-shaped view of a reduction's output gradient, broadcast back over the input. */
function expandReduced(dy: Tensor, x: Tensor, attrs: Attrs): Tensor {
  const axes = attrs.axes as number[];
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return broadcastTo(reshape(dy, kept), x.shape);
}

/** Gradient of max/min: shared equally among the elements that attained the extreme. */
const extremeRule: GradRule = (dy, [x], out, attrs) => {
  const axes = attrs.axes as number[];
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const mask = equal(x, reshape(out, kept));
  const count = sum(mask, axes, true);
  return [div(mul(mask, expandReduced(dy, x, attrs)), count)];
};

export const gradRules = {
  neg: (dy) => [neg(dy)],
  abs: (dy, [x]) => [mul(dy, sign(x))],
  sign: () => [null],
  exp: (dy, _, out) => [mul(dy, out)],
  log: (dy, [x]) => [div(dy, x)],
  sqrt: (dy, _, out) => [div(dy, mul(out, 2))],
  square: (dy, [x]) => [mul(dy, mul(x, 2))],
  reciprocal: (dy, _, out) => [neg(mul(dy, square(out)))],
  relu: (dy, [x]) => [mul(dy, step(x))],
  // Zero almost everywhere: nothing learns through a step by backprop (see withStraightThroughStep).
  step: (dy, _, __, attrs) => [attrs.straightThrough ? dy : null],
  sigmoid: (dy, _, out) => [mul(dy, mul(out, sub(1, out)))],
  tanh: (dy, _, out) => [mul(dy, sub(1, square(out)))],

  add: (dy, [a, b]) => [sumTo(dy, a.shape), sumTo(dy, b.shape)],
  sub: (dy, [a, b]) => [sumTo(dy, a.shape), sumTo(neg(dy), b.shape)],
  mul: (dy, [a, b]) => [sumTo(mul(dy, b), a.shape), sumTo(mul(dy, a), b.shape)],
  div: (dy, [a, b], out) => [sumTo(div(dy, b), a.shape), sumTo(neg(div(mul(dy, out), b)), b.shape)],
  pow: (dy, [a, b], out) => [
    sumTo(mul(dy, mul(b, pow(a, sub(b, 1)))), a.shape),
    // ∂(aᵇ)/∂b = aᵇ·ln a, which is 0 where a = 0 (and b > 0): log(0) = −∞ times 0 would give NaN,
    // e.g. for relu(x)ᵇ with a learnt exponent, so zero bases take log(1) = 0 instead.
    b.requiresGrad ? sumTo(mul(dy, mul(out, log(add(a, equal(a, 0))))), b.shape) : null,
  ],
  // Ties send the gradient to the first operand.
  maximum: (dy, [a, b]) => {
    const m = greaterEqual(a, b);
    return [sumTo(mul(dy, m), a.shape), sumTo(mul(dy, sub(1, m)), b.shape)];
  },
  minimum: (dy, [a, b]) => {
    const m = greaterEqual(b, a);
    return [sumTo(mul(dy, m), a.shape), sumTo(mul(dy, sub(1, m)), b.shape)];
  },
  greater: none,
  greaterEqual: none,
  equal: none,

  sum: (dy, [x], _, attrs) => [expandReduced(dy, x, attrs)],
  max: extremeRule,
  min: extremeRule,

  // Only the gradients someone needs are computed: a first layer's input (the data) needs none,
  // and its dX product would be as costly as the layer's forward pass.
  matmul: (dy, [a, b], _, attrs) => {
    const tA = attrs.transA as boolean;
    const tB = attrs.transB as boolean;
    const da = !a.requiresGrad ? null
      : !tA && !tB ? matmul(dy, b, { transB: true })
        : !tA && tB ? matmul(dy, b)
          : tA && !tB ? matmul(b, dy, { transB: true })
            : matmul(b, dy, { transA: true, transB: true });
    const db = !b.requiresGrad ? null
      : !tA && !tB ? matmul(a, dy, { transA: true })
        : !tA && tB ? matmul(dy, a, { transA: true })
          : tA && !tB ? matmul(a, dy)
            : matmul(dy, a, { transA: true, transB: true });
    return [da && sumTo(da, a.shape), db && sumTo(db, b.shape)];
  },

  reshape: (dy, [x]) => [reshape(dy, x.shape)],
  broadcastTo: (dy, [x]) => [sumTo(dy, x.shape)],
  permute: (dy, _, __, attrs) => {
    const perm = attrs.perm as number[];
    return [permute(dy, perm.map((_p, i) => perm.indexOf(i)))];
  },
  slice: (dy, [x], _, attrs) => {
    const begin = attrs.begin as number[];
    const size = attrs.size as number[];
    return [pad(dy, begin, x.shape.map((d, i) => d - begin[i] - size[i]))];
  },
  pad: (dy, [x], _, attrs) => [slice(dy, attrs.before as number[], x.shape)],
  concat: (dy, inputs, _, attrs) => {
    const axis = attrs.axis as number;
    let start = 0;
    return inputs.map((x) => {
      const begin = x.shape.map((_d, i) => (i === axis ? start : 0));
      start += x.shape[axis];
      return slice(dy, begin, x.shape);
    });
  },

  // dx = y ⊙ (dy − Σ dy⊙y)
  softmax: (dy, _, out) => [mul(out, sub(dy, sum(mul(dy, out), -1, true)))],
  // dx = dy − softmax(x) · Σ dy
  logSoftmax: (dy, _, out) => [sub(dy, mul(exp(out), sum(dy, -1, true)))],

  conv2d: (dy, [x, w], _, attrs) => {
    const g = attrs.g as Conv2dGeometry;
    return [x.requiresGrad ? conv2dBackpropInput(dy, w, g) : null, w.requiresGrad ? conv2dBackpropFilter(x, dy, g) : null];
  },
  maxPool2d: (dy, [x], _, attrs) => [maxPool2dBackward(x, dy, attrs.g as Pool2dGeometry)],
  avgPool2d: (dy, _, __, attrs) => [avgPool2dBackward(dy, attrs.g as Pool2dGeometry)],

  cast: (dy, [x]) => [cast(dy, x.dtype)],
} satisfies Record<string, GradRule>;

/** Names of every differentiable op; the gradient-check tests cover each one. */
export type DifferentiableOp = keyof typeof gradRules;
export const DIFFERENTIABLE_OPS = Object.keys(gradRules) as DifferentiableOp[];

installGradRules(gradRules);

/**
 * Backpropagates from `root` (a scalar loss, or any tensor with a `seed` gradient of its shape),
 * accumulating into `.grad` of every leaf that requires a gradient.
 */
export function backward(root: Tensor, seed?: Tensor): void {
  runBackward(root, seed, { add, onesLike });
}
