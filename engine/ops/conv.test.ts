/**
 * The conv/pool ops' geometry (output sizes and where 'same' puts its padding: TensorFlow's
 * convention, the extra row/column at the bottom/right) and forward values on small images.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../core/errors';
import { arange, avgPool2d, conv2d, conv2dGeometry, maxPool2d, ones, pool2dGeometry, reshape, tensor } from './index';

/** A (1, h, w, 1) image whose pixel (i, j) holds i·w + j + 1. */
const image = (h: number, w: number) => reshape(arange(1, h * w + 1), [1, h, w, 1]);
const plane = (t: { toNested(): unknown }) => (t.toNested() as number[][][][])[0].map((row) => row.map((px) => px[0]));

describe('conv2dGeometry', () => {
  it("'valid' output is ⌊(n − span) / stride⌋ + 1 with no padding", () => {
    const g = conv2dGeometry([2, 7, 6, 3], [3, 2, 3, 5], { strides: [2, 1] });
    expect([g.outH, g.outW, g.outC, g.padTop, g.padLeft]).toEqual([3, 5, 5, 0, 0]);
    const d = conv2dGeometry([1, 7, 7, 1], [3, 3, 1, 1], { dilation: 2 });
    expect([d.outH, d.outW]).toEqual([3, 3]);
  });

  it("'same' output is ⌈n / stride⌉, with the odd padding cell at the bottom/right", () => {
    const cases: [number, number, number, number, number][] = [
      // [input, kernel, stride, dilation] → [out, padBefore]
      [5, 3, 1, 1, 5], [4, 2, 1, 1, 4], [5, 3, 2, 1, 3], [6, 3, 2, 1, 3], [7, 3, 1, 2, 7], [1, 3, 2, 1, 1],
    ];
    const before = [1, 0, 1, 0, 2, 1];
    cases.forEach(([n, k, s, d, out], i) => {
      const g = conv2dGeometry([1, n, n, 1], [k, k, 1, 1], { strides: s, dilation: d, padding: 'same' });
      expect([g.outH, g.outW, g.padTop, g.padLeft], `case ${i}`).toEqual([out, out, before[i], before[i]]);
    });
  });

  it('takes explicit padding as [top, bottom, left, right] or one number', () => {
    const g = conv2dGeometry([1, 4, 4, 1], [3, 3, 1, 1], { padding: [2, 0, 1, 3] });
    expect([g.outH, g.outW, g.padTop, g.padLeft]).toEqual([4, 6, 2, 1]);
    const h = conv2dGeometry([1, 4, 4, 1], [3, 3, 1, 1], { padding: 1 });
    expect([h.outH, h.outW, h.padTop, h.padLeft]).toEqual([4, 4, 1, 1]);
  });

  it('rejects filters whose input channels differ, and windows that do not fit', () => {
    expect(() => conv2dGeometry([1, 4, 4, 2], [3, 3, 3, 1])).toThrow(ShapeError);
    expect(() => conv2dGeometry([1, 4, 4], [3, 3, 3, 1])).toThrow(ShapeError);
    expect(() => conv2dGeometry([1, 2, 2, 1], [2, 2, 1, 1], { dilation: 2 })).toThrow(ArgumentError);
  });
});

describe('pool2dGeometry', () => {
  it('defaults to 2×2 windows with strides equal to the pool size', () => {
    const g = pool2dGeometry('maxPool2d', [1, 6, 5, 3]);
    expect([g.kH, g.kW, g.strideH, g.strideW, g.outH, g.outW]).toEqual([2, 2, 2, 2, 3, 2]);
    const h = pool2dGeometry('maxPool2d', [1, 6, 6, 3], { poolSize: 3 });
    expect([h.strideH, h.strideW, h.outH, h.outW]).toEqual([3, 3, 2, 2]);
  });

  it("'same' keeps ⌈n / stride⌉", () => {
    const g = pool2dGeometry('avgPool2d', [1, 5, 5, 1], { poolSize: 2, padding: 'same' });
    expect([g.outH, g.outW, g.padTop, g.padLeft]).toEqual([3, 3, 0, 0]);
  });
});

describe('conv2d forward', () => {
  it("'same' with an even kernel pads after: a 2×2 box filter sums right and down", () => {
    const y = conv2d(image(3, 3), ones([2, 2, 1, 1]), { padding: 'same' });
    expect(y.shape).toEqual([1, 3, 3, 1]);
    expect(plane(y)).toEqual([[12, 16, 9], [24, 28, 15], [15, 17, 9]]);
  });

  it("stride 2 'same' with a 3×3 box filter on 5×5", () => {
    const y = conv2d(image(5, 5), ones([3, 3, 1, 1]), { strides: 2, padding: 'same' });
    // Windows centred on rows/cols 0, 2, 4.
    expect(plane(y)).toEqual([[16, 33, 28], [69, 117, 87], [76, 123, 88]]);
  });

  it('dilation 2 samples every other pixel', () => {
    const y = conv2d(image(5, 5), ones([2, 2, 1, 1]), { dilation: 2 });
    // (i, j) sums pixels (i, j), (i, j+2), (i+2, j), (i+2, j+2).
    expect(plane(y)[0][0]).toBe(1 + 3 + 11 + 13);
    expect(y.shape).toEqual([1, 3, 3, 1]);
  });

  it('mixes channels through an HWIO filter', () => {
    // A 1×1 filter (in 2, out 3): out = [x0, x1, x0 + 10·x1].
    const x = tensor([[[[1, 2], [3, 4]]]]); // (1, 1, 2, 2)
    const w = tensor([[[[1, 0, 1], [0, 1, 10]]]]); // (1, 1, 2, 3)
    expect(conv2d(x, w).toNested()).toEqual([[[[1, 2, 21], [3, 4, 43]]]]);
  });
});

describe('pooling forward', () => {
  it('maxPool2d of a 4×4 image with 2×2 windows', () => {
    expect(plane(maxPool2d(image(4, 4)))).toEqual([[6, 8], [14, 16]]);
  });

  it('overlapping 3×3 windows with stride 2 and padding 1', () => {
    const x = image(4, 4);
    expect(plane(maxPool2d(x, { poolSize: 3, strides: 2, padding: 1 }))).toEqual([[6, 8], [14, 16]]);
    // Averages count only real pixels: the top-left window holds 1, 2, 5, 6; the next one
    // 2, 3, 4, 6, 7, 8; the bottom-right one a full 3×3 block around 11.
    expect(plane(avgPool2d(x, { poolSize: 3, strides: 2, padding: 1 }))).toEqual([[3.5, 5], [9.5, 11]]);
  });

  it("'same' max pooling never lets padding win over negative values", () => {
    const x = reshape(tensor([-5, -4, -3, -2, -1, -6, -7, -8, -9]), [1, 3, 3, 1]);
    expect(plane(maxPool2d(x, { padding: 'same' }))).toEqual([[-1, -3], [-7, -9]]);
  });
});
