/**
 * Forward values of the layout ops: reshape, flatten, broadcastTo, sumTo, permute/transpose,
 * slice, pad, concat, expandDims, squeeze.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../core/errors';
import {
  arange, broadcastTo, concat, expandDims, flatten, pad, permute, reshape, slice, squeeze, sumTo, tensor, transpose,
} from './index';

const x234 = () => reshape(arange(24), [2, 3, 4]); // x[i,j,k] = 12i + 4j + k

describe('layout ops', () => {
  it('reshape keeps row-major order and infers -1', () => {
    expect(reshape(arange(6), [3, 2]).toNested()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(reshape(arange(6), [-1]).shape).toEqual([6]);
    expect(reshape(tensor([7]), []).toNested()).toBe(7);
  });

  it('flatten keeps the batch axis', () => {
    expect(flatten(x234()).shape).toEqual([2, 12]);
    expect((flatten(x234()).toNested() as number[][])[1][11]).toBe(23);
  });

  it('broadcastTo repeats along new and size-1 axes', () => {
    expect(broadcastTo(tensor([[1], [2]]), [2, 2, 3]).toNested()).toEqual([[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]]);
  });

  it('sumTo sums broadcast axes back', () => {
    const x = x234();
    expect(sumTo(x, [3, 1]).toNested()).toEqual([[60], [92], [124]]);
    expect(sumTo(x, [4]).toNested()).toEqual([60, 66, 72, 78]);
    expect(sumTo(x, [2, 1, 1]).toNested()).toEqual([[[66]], [[210]]]);
    expect(sumTo(x, []).toNested()).toBe(276);
    expect(sumTo(x, [2, 3, 4])).toBe(x);
  });

  it('permute and transpose move axes', () => {
    const y = permute(x234(), [2, 0, 1]);
    expect(y.shape).toEqual([4, 2, 3]);
    // y[k, i, j] = x[i, j, k]
    expect((y.toNested() as number[][][])[3][1][2]).toBe(12 + 8 + 3);
    expect(transpose(tensor([[1, 2, 3], [4, 5, 6]])).toNested()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(transpose(x234()).shape).toEqual([4, 3, 2]);
    expect((transpose(x234()).toNested() as number[][][])[3][2][1]).toBe(12 + 8 + 3);
    expect(permute(x234(), [-3, -2, -1]).shape).toEqual([2, 3, 4]);
  });

  it('slice takes a block; -1 or an omitted size runs to the end', () => {
    expect(slice(x234(), [1, 1, 2], [1, 2, -1]).toNested()).toEqual([[[18, 19], [22, 23]]]);
    expect(slice(arange(5), [3]).toNested()).toEqual([3, 4]);
    expect(slice(arange(5), [2], [0]).shape).toEqual([0]);
    expect(() => slice(arange(5), [3], [3])).toThrow(ShapeError);
    expect(() => slice(arange(5), [-1], [1])).toThrow(ShapeError);
  });

  it('pad adds zeros before and after', () => {
    expect(pad(tensor([[1, 2], [3, 4]]), [1, 0], [0, 2]).toNested()).toEqual([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]);
    expect(() => pad(tensor([1]), [-1], [0])).toThrow(ArgumentError);
  });

  it('concat joins along an axis', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5], [6]]);
    expect(concat([a, b], 1).toNested()).toEqual([[1, 2, 5], [3, 4, 6]]);
    expect(concat([a, tensor([[7, 8]])], 0).toNested()).toEqual([[1, 2], [3, 4], [7, 8]]);
    expect(concat([a])).toBe(a);
    expect(() => concat([a, b], 0)).toThrow(ShapeError);
    expect(() => concat([])).toThrow(ArgumentError);
  });

  it('expandDims and squeeze add and remove length-1 axes', () => {
    expect(expandDims(arange(3), 0).shape).toEqual([1, 3]);
    expect(expandDims(arange(3), -1).shape).toEqual([3, 1]);
    expect(squeeze(tensor([[[1], [2]]])).shape).toEqual([2]);
    expect(squeeze(tensor([[[1], [2]]]), [2]).shape).toEqual([1, 2]);
    expect(() => squeeze(tensor([[1, 2]]), [1])).toThrow(ShapeError);
  });
});
