/**
 * Errors a user can act on: each names the op, the shapes or dtypes involved, and (for a
 * missing kernel) the backend and kernel.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, KernelName } from '../backend/backend';
import { KERNEL_NAMES } from '../backend/backend';
import { createCpuBackend } from '../backend/cpu/CpuBackend';
import { ArgumentError, DTypeError, ShapeError, UnsupportedOpError, formatShape } from '../core/errors';
import {
  add, argMax, avgPool2d, avgPool2dBackward, broadcastTo, cast, concat, conv2d, conv2dBackpropFilter, conv2dBackpropInput,
  conv2dGeometry, dot, logSoftmax, matmul, maxPool2d, maxPool2dBackward, mul, neg, oneHot, pad, permute, pool2dGeometry,
  reshape, slice, softmax, sum, tensor, updateInPlace, zeros,
} from './index';

/** The CPU backend with one kernel taken out. */
function backendWithout(name: KernelName): Backend {
  const cpu = createCpuBackend();
  const kernels = { ...cpu.kernels };
  delete kernels[name];
  return { ...cpu, name: `cpu-without-${name}`, kernels };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('errors', () => {
  it('formats shapes the way the course does', () => {
    expect(formatShape([2, 3])).toBe('(2, 3)');
    expect(formatShape([4])).toBe('(4,)');
    expect(formatShape([])).toBe('()');
  });

  it('a broadcasting mismatch names both shapes', () => {
    const e = thrown(() => add(zeros([2, 3]), zeros([4])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.name).toBe('ShapeError');
    expect(e.message).toContain('(2, 3)');
    expect(e.message).toContain('(4,)');
    expect(e.message).toContain('add');
    expect((e as ShapeError).shapes).toEqual([[2, 3], [4]]);
  });

  it('a broadcasting mismatch in the middle axes is caught', () => {
    expect(() => mul(zeros([2, 3, 4]), zeros([2, 1, 5]))).toThrow(ShapeError);
    expect(() => add(zeros([3, 1]), zeros([2, 4]))).toThrow(/\(3, 1\).*\(2, 4\)/);
  });

  it('matmul with different inner dimensions names both shapes', () => {
    const e = thrown(() => matmul(zeros([2, 3]), zeros([4, 5])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('(2, 3)');
    expect(e.message).toContain('(4, 5)');
    // With a transpose the inner dimension is the other one.
    expect(() => matmul(zeros([2, 3]), zeros([5, 3]), { transB: true })).not.toThrow();
    expect(() => matmul(zeros([2, 3]), zeros([3, 5]), { transB: true })).toThrow(/\(2, 3\).*\(3, 5\)/);
    expect(() => matmul(zeros([3]), zeros([3, 2]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 4]))).toThrow(ShapeError);
  });

  it('dot with different inner dimensions names both shapes', () => {
    expect(() => dot(zeros([2, 3]), zeros([2]))).toThrow(/\(2, 3\).*\(2,\)/);
  });

  it('mixing float32 and float64 throws DTypeError', () => {
    const a = zeros([2]);
    const b = zeros([2], { dtype: 'float64' });
    const e = thrown(() => add(a, b));
    expect(e).toBeInstanceOf(DTypeError);
    expect(e.name).toBe('DTypeError');
    expect(e.message).toContain('float32');
    expect(e.message).toContain('float64');
    expect(() => matmul(zeros([2, 2]), zeros([2, 2], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => concat([a, b])).toThrow(DTypeError);
  });

  it('a backend lacking a kernel throws UnsupportedOpError naming the backend and the kernel', () => {
    const backend = backendWithout('binary');
    const x = tensor([1, 2, 3], undefined, { backend });
    expect(x.backend.name).toBe('cpu-without-binary');
    const e = thrown(() => add(x, x));
    expect(e).toBeInstanceOf(UnsupportedOpError);
    expect(e.name).toBe('UnsupportedOpError');
    expect(e.message).toContain("'cpu-without-binary'");
    expect(e.message).toContain("'binary'");
    expect((e as UnsupportedOpError).kernel).toBe('binary');
    // Ops that do not need the kernel still work on that backend.
    expect(Array.from(sum(x).dataSync())).toEqual([6]);
  });

  it('every kernel is reported when missing', () => {
    const t = (b: Backend, values: number[], shape?: number[]) => tensor(values, shape, { backend: b });
    const g = conv2dGeometry([1, 2, 2, 1], [1, 1, 1, 1]);
    const pg = pool2dGeometry('maxPool2d', [1, 2, 2, 1]);
    const calls: Record<KernelName, (b: Backend) => unknown> = {
      unary: (b) => neg(t(b, [1])),
      binary: (b) => add(t(b, [1]), 1),
      reduce: (b) => sum(t(b, [1])),
      argMax: (b) => argMax(t(b, [1, 2])),
      matmul: (b) => matmul(t(b, [1], [1, 1]), t(b, [1], [1, 1])),
      broadcastTo: (b) => broadcastTo(t(b, [1]), [2]),
      permute: (b) => permute(t(b, [1, 2], [1, 2]), [1, 0]),
      slice: (b) => slice(t(b, [1, 2]), [1]),
      pad: (b) => pad(t(b, [1]), [1], [0]),
      concat: (b) => concat([t(b, [1]), t(b, [2])]),
      softmax: (b) => softmax(t(b, [1])),
      logSoftmax: (b) => logSoftmax(t(b, [1])),
      conv2d: (b) => conv2d(t(b, [1], [1, 1, 1, 1]), t(b, [1], [1, 1, 1, 1])),
      conv2dBackpropInput: (b) => conv2dBackpropInput(t(b, [1, 2, 3, 4], [1, 2, 2, 1]), t(b, [1], [1, 1, 1, 1]), g),
      conv2dBackpropFilter: (b) => conv2dBackpropFilter(t(b, [1, 2, 3, 4], [1, 2, 2, 1]), t(b, [1, 2, 3, 4], [1, 2, 2, 1]), g),
      maxPool2d: (b) => maxPool2d(t(b, [1, 2, 3, 4], [1, 2, 2, 1])),
      maxPool2dBackward: (b) => maxPool2dBackward(t(b, [1, 2, 3, 4], [1, 2, 2, 1]), t(b, [1], [1, 1, 1, 1]), pg),
      avgPool2d: (b) => avgPool2d(t(b, [1, 2, 3, 4], [1, 2, 2, 1])),
      avgPool2dBackward: (b) => avgPool2dBackward(t(b, [1], [1, 1, 1, 1]), pg),
      cast: (b) => cast(t(b, [1]), 'float64'),
      fill: (b) => zeros([2], { backend: b }),
      oneHot: (b) => oneHot(t(b, [1]), 3),
      optimizerUpdate: (b) => updateInPlace('sgd', t(b, [1]), t(b, [1]), [], { learningRate: 0.1, step: 1 }),
    };
    for (const name of KERNEL_NAMES) {
      // The complete backend runs each call…
      expect(() => calls[name](createCpuBackend()), name).not.toThrow();
      // …and the one without the kernel names it.
      const backend = backendWithout(name);
      const e = thrown(() => calls[name](backend));
      expect(e, name).toBeInstanceOf(UnsupportedOpError);
      expect((e as UnsupportedOpError).kernel, name).toBe(name);
      expect(e.message, name).toContain(`'${backend.name}'`);
    }
  });

  it('reshape to a different element count throws, naming both shapes', () => {
    const x = zeros([3, 4]);
    const e = thrown(() => reshape(x, [5, 2]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('(3, 4)');
    expect(e.message).toContain('(5, 2)');
    expect(() => reshape(x, [-1, 5])).toThrow(ShapeError);
    expect(() => reshape(x, [-1, -1])).toThrow(ArgumentError);
    expect(() => reshape(x, [-2, -6])).toThrow(ShapeError);
    expect(() => reshape(x, [2.5, 4.8])).toThrow();
    expect(reshape(x, [2, -1, 3]).shape).toEqual([2, 2, 3]);
  });

  it('tensor() refuses data that does not fill the shape, and ragged arrays', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(ArgumentError);
    expect(() => tensor([[1, 2], [3, 4]], [3])).toThrow(ShapeError);
    expect(() => zeros([2, -1])).toThrow(ArgumentError);
    expect(() => zeros([1.5])).toThrow(ArgumentError);
  });

  it('out-of-range axes and blocks are reported', () => {
    expect(() => sum(zeros([2, 3]), 2)).toThrow(ArgumentError);
    expect(() => sum(zeros([2, 3]), -3)).toThrow(/axis -3 is out of range/);
    expect(() => slice(zeros([2, 3]), [1, 1], [2, 1])).toThrow(ShapeError);
    expect(() => permute(zeros([2, 3]), [0, 0])).toThrow(ArgumentError);
    expect(() => broadcastTo(zeros([2, 3]), [3])).toThrow(ShapeError);
    expect(() => concat([zeros([2, 3]), zeros([3, 3])], 1)).toThrow(/\(2, 3\).*\(3, 3\)/);
    expect(() => conv2d(zeros([1, 4, 4, 2]), zeros([3, 3, 3, 1]))).toThrow(ShapeError);
    expect(() => conv2d(zeros([1, 2, 2, 1]), zeros([3, 3, 1, 1]))).toThrow(ArgumentError);
  });
});
