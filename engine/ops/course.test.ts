/**
 * The course's first chapter ("신경망을 위한 데이터 표현", "텐서 연산") run through the engine: each
 * NumPy example there must give the answer the course prints (or, where the slide is wrong, the
 * answer its own inputs give).
 */
import { describe, expect, it } from 'vitest';
import { add, dot, mul, ones, reshape, scalar, tensor, zeros } from './index';

describe('course chapter 1: tensor operations', () => {
  const a = tensor([1, 2, 3, 4, 5]);
  const b = tensor([10, 20, 30, 40, 50]);

  it('adds element-wise: a + b', () => {
    const c = add(a, b);
    expect(c.shape).toEqual([5]);
    expect(c.toNested()).toEqual([11, 22, 33, 44, 55]);
  });

  it('multiplies by a plain number: a * 100', () => {
    expect(mul(a, 100).toNested()).toEqual([100, 200, 300, 400, 500]);
    expect(mul(100, a).toNested()).toEqual([100, 200, 300, 400, 500]);
  });

  it('broadcasts (3,) + (2, 3) to (2, 3)', () => {
    const c = add(tensor([1, 2, 3]), tensor([[10, 20, 30], [40, 50, 60]]));
    expect(c.shape).toEqual([2, 3]);
    expect(c.toNested()).toEqual([[11, 22, 33], [41, 52, 63]]);
    // Broadcasting is symmetric in the operands.
    expect(add(tensor([[10, 20, 30], [40, 50, 60]]), tensor([1, 2, 3])).toNested()).toEqual([[11, 22, 33], [41, 52, 63]]);
  });

  it('dot((2, 3) of ones, (3, 4)) sums the columns of b', () => {
    const ones23 = tensor([[1, 1, 1], [1, 1, 1]]);
    const b34 = tensor([[10, 20, 30, 40], [50, 60, 70, 80], [90, 100, 110, 120]]);
    expect([ones23.shape, b34.shape]).toEqual([[2, 3], [3, 4]]);
    const c = dot(ones23, b34);
    expect(c.shape).toEqual([2, 4]);
    // The course slide prints [[220, 280, 340, 400], [490, 640, 790, 940]] for this example, but
    // that is not what its own inputs give: a row of ones times b is b's column sums,
    // 10+50+90 = 150, …, 40+80+120 = 240, in both rows (NumPy agrees). We test the true product.
    expect(c.toNested()).toEqual([[150, 180, 210, 240], [150, 180, 210, 240]]);
  });

  it('dot of a non-trivial (2, 3) by (3, 4) matches the definition', () => {
    const a23 = tensor([[1, 2, 3], [4, 5, 6]]);
    const b34 = tensor([[10, 20, 30, 40], [50, 60, 70, 80], [90, 100, 110, 120]]);
    // Row i, column j: Σ_p a[i][p]·b[p][j], e.g. 1·10 + 2·50 + 3·90 = 380.
    expect(dot(a23, b34).toNested()).toEqual([[380, 440, 500, 560], [830, 980, 1130, 1280]]);
  });

  it('dot follows NumPy for vectors and matrix-vector products', () => {
    expect(dot(tensor([1, 2, 3]), tensor([4, 5, 6])).toNested()).toBe(32);
    expect(dot(tensor([1, 2, 3]), tensor([4, 5, 6])).shape).toEqual([]);
    expect(dot(tensor([[1, 2], [3, 4]]), tensor([5, 6])).toNested()).toEqual([17, 39]);
    expect(dot(tensor([5, 6]), tensor([[1, 2], [3, 4]])).toNested()).toEqual([23, 34]);
  });

  it('reshapes (3, 4) to (2, 6) keeping row-major order', () => {
    const x = tensor([[10, 20, 30, 40], [50, 60, 70, 80], [90, 100, 110, 120]]);
    const y = reshape(x, [2, 6]);
    expect([x.shape, y.shape]).toEqual([[3, 4], [2, 6]]);
    expect(y.toNested()).toEqual([[10, 20, 30, 40, 50, 60], [70, 80, 90, 100, 110, 120]]);
    expect(reshape(x, [-1, 3]).shape).toEqual([4, 3]);
  });
});

describe('course chapter 1: tensor rank, shape and dtype', () => {
  it('a 0-D tensor (scalar) has rank 0 and shape ()', () => {
    const s = scalar(7);
    expect(s.rank).toBe(0);
    expect(s.shape).toEqual([]);
    expect(s.size).toBe(1);
    expect(s.item()).toBe(7);
    expect(s.toNested()).toBe(7);
    expect(tensor(7).rank).toBe(0);
  });

  it('1-D vector, 2-D matrix and 3-D tensor infer their shape from nesting', () => {
    const v = tensor([12, 3, 6, 14, 7]);
    expect([v.rank, v.shape]).toEqual([1, [5]]);
    const m = tensor([[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]]);
    expect([m.rank, m.shape]).toEqual([2, [3, 5]]);
    const t3 = tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect([t3.rank, t3.shape, t3.size]).toEqual([3, [2, 3, 2], 12]);
    expect(t3.toNested()).toEqual([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
  });

  it('4-D images (samples, height, width, channels) and 5-D video (samples, frames, h, w, c)', () => {
    const images = zeros([128, 28, 28, 1]);
    expect([images.rank, images.shape, images.size]).toEqual([4, [128, 28, 28, 1], 128 * 28 * 28]);
    const video = ones([4, 240, 12, 16, 3]);
    expect([video.rank, video.shape, video.size]).toEqual([5, [4, 240, 12, 16, 3], 4 * 240 * 12 * 16 * 3]);
    expect(video.dataSync().every((v) => v === 1)).toBe(true);
  });

  it('defaults to float32 and holds float64 on request', () => {
    const f32 = tensor([0.1, 0.2]);
    expect(f32.dtype).toBe('float32');
    expect(f32.dataSync()).toBeInstanceOf(Float32Array);
    expect(f32.dataSync()[0]).toBe(Math.fround(0.1));
    const f64 = tensor([0.1, 0.2], undefined, { dtype: 'float64' });
    expect(f64.dtype).toBe('float64');
    expect(f64.dataSync()).toBeInstanceOf(Float64Array);
    expect(f64.dataSync()[0]).toBe(0.1);
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(zeros([2], { dtype: 'float64' }).dtype).toBe('float64');
    // Ops keep their operands' dtype, and a plain number adopts it.
    expect(add(f64, 1).dtype).toBe('float64');
    expect(add(f32, 1).dtype).toBe('float32');
  });

  it('takes a flat array with an explicit shape', () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(t.toNested()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
