/**
 * The Tensor class itself: reading values back, copies, disposal, assignment; and the shape
 * helpers every op relies on.
 */
import { describe, expect, it } from 'vitest';
import { add, cast, oneHot, pad, permute, reshape, slice, sum, tensor, zeros } from '../ops';
import { ArgumentError, DeepWireError, ShapeError } from './errors';
import { broadcastShapes, broadcastStrides, normalizeAxes, normalizeAxis, reducedShape, sizeOf, stridesOf } from './shape';

describe('Tensor', () => {
  it('copies the data it is made from, and dataSync returns a copy', () => {
    const src = new Float32Array([1, 2, 3]);
    const t = tensor(src);
    src[0] = 99;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
    const read = t.dataSync();
    read[1] = 99;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
  });

  it('reads back asynchronously too', async () => {
    expect(Array.from(await tensor([[1, 2], [3, 4]]).data())).toEqual([1, 2, 3, 4]);
  });

  it('has a frozen shape', () => {
    const t = zeros([2, 3]);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it('item() needs exactly one element', () => {
    expect(tensor([[5]]).item()).toBe(5);
    expect(() => tensor([1, 2]).item()).toThrow(/\(2,\)/);
  });

  it('toNested() rebuilds nested arrays of any rank', () => {
    const t = tensor(Float32Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const nested = t.toNested() as number[][][];
    expect(nested[1][2][3]).toBe(23);
    expect(nested[0][1][2]).toBe(6);
    expect(zeros([2, 0]).toNested()).toEqual([[], []]);
  });

  it('describes itself with shape, dtype and backend', () => {
    expect(String(zeros([2, 3], { dtype: 'float64' }))).toBe('Tensor(shape=(2, 3), dtype=float64, backend=cpu)');
  });

  it('refuses to be read or used once disposed', () => {
    const make = () => {
      const t = tensor([[1, 2], [3, 4]]);
      t.dispose();
      return t;
    };
    expect(make().isDisposed).toBe(true);
    expect(() => make().dataSync()).toThrow(DeepWireError);
    expect(() => add(make(), 1)).toThrow(/disposed/);
    expect(() => sum(make())).toThrow(/disposed/);
    // Layout ops and conversions must refuse a disposed operand as well: on a GPU backend its
    // memory is gone.
    expect(() => reshape(make(), [4])).toThrow(/disposed/);
    expect(() => permute(make(), [1, 0])).toThrow(/disposed/);
    expect(() => slice(make(), [0, 0], [1, 1])).toThrow(/disposed/);
    expect(() => pad(make(), [0, 0], [1, 1])).toThrow(/disposed/);
    expect(() => cast(make(), 'float64')).toThrow(/disposed/);
    expect(() => oneHot(make(), 5)).toThrow(/disposed/);
  });

  it('assign() takes the value of a tensor of the same size and dtype', () => {
    const p = tensor([1, 2, 3]);
    const v = tensor([4, 5, 6]);
    p.assign(v);
    expect(Array.from(p.dataSync())).toEqual([4, 5, 6]);
    expect(v.isDisposed).toBe(true);
    expect(() => p.assign(tensor([1, 2]))).toThrow(DeepWireError);
    expect(() => p.assign(tensor([1, 2, 3], undefined, { dtype: 'float64' }))).toThrow(DeepWireError);
  });
});

describe('shape helpers', () => {
  it('sizes and strides', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(sizeOf([2, 0])).toBe(0);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([])).toEqual([]);
  });

  it('broadcasts like NumPy', () => {
    expect(broadcastShapes('t', [3], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes('t', [3, 1], [1, 4])).toEqual([3, 4]);
    expect(broadcastShapes('t', [], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes('t', [2, 1, 4], [3, 1])).toEqual([2, 3, 4]);
    expect(broadcastShapes('t', [0], [1])).toEqual([0]);
    expect(() => broadcastShapes('t', [2, 3], [4])).toThrow(ShapeError);
    expect(() => broadcastShapes('t', [0], [2])).toThrow(ShapeError);
  });

  it('gives broadcast axes stride 0', () => {
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([4], [3, 4])).toEqual([0, 1]);
    expect(broadcastStrides([1, 1], [1, 1])).toEqual([1, 1]);
  });

  it('normalises axes', () => {
    expect(normalizeAxis(-1, 3, 't')).toBe(2);
    expect(() => normalizeAxis(3, 3, 't')).toThrow(ArgumentError);
    expect(() => normalizeAxis(0.5, 3, 't')).toThrow(ArgumentError);
    expect(normalizeAxes(undefined, 3, 't')).toEqual([0, 1, 2]);
    expect(normalizeAxes([2, -3, 0], 3, 't')).toEqual([0, 2]);
    expect(normalizeAxes(-1, 2, 't')).toEqual([1]);
    expect(reducedShape([2, 3, 4], [0, 2], false)).toEqual([3]);
    expect(reducedShape([2, 3, 4], [0, 2], true)).toEqual([1, 3, 1]);
  });
});
