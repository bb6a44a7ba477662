import { describe, expect, it } from 'vitest';
import {
  MNIST_SIZE, centreOfMass, imageToRgba, inkBox, inkFromRgba, isMnistShape, resampleArea, toMnistInput,
} from './digitInput';

const W = 196;

/** A blank 196 × 196 drawing with the given rectangles filled with ink 1. */
function drawing(...rects: [x0: number, y0: number, x1: number, y1: number][]): Float32Array {
  const ink = new Float32Array(W * W);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) ink.fill(1, y * W + x0, y * W + x1);
  return ink;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function expectMnistLike(input: Float32Array) {
  expect(input).toHaveLength(MNIST_SIZE * MNIST_SIZE);
  for (const v of input) expect(v >= 0 && v <= 1).toBe(true);
  const box = inkBox(input, MNIST_SIZE, MNIST_SIZE, 0)!;
  expect(box.x1 - box.x0).toBeLessThanOrEqual(20);
  expect(box.y1 - box.y0).toBeLessThanOrEqual(20);
  const com = centreOfMass(input, MNIST_SIZE, MNIST_SIZE)!;
  expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  return { box, com };
}

describe('toMnistInput', () => {
  it('centres a filled square drawn off-centre and fits it to 20 × 20', () => {
    const input = toMnistInput(drawing([10, 130, 50, 170]), W, W)!;
    const { box, com } = expectMnistLike(input);
    expect(box).toEqual({ x0: 4, y0: 4, x1: 24, y1: 24 });
    expect(com).toEqual({ x: 14, y: 14 });
    // Every cell wholly covered by ink stays fully on; nothing else is lit.
    expect(sum(input)).toBeCloseTo(400, 3);
    expect(input[4 * MNIST_SIZE + 4]).toBe(1);
    expect(input[3 * MNIST_SIZE + 4]).toBe(0);
  });

  it('keeps the aspect ratio of a tall stroke (a “1”), with grey anti-aliased edges', () => {
    const input = toMnistInput(drawing([150, 10, 170, 70]), W, W)!;
    const { box } = expectMnistLike(input);
    expect(box.y1 - box.y0).toBe(20);
    // 20 × 60 scaled by 1/3 is 6.67 wide: 7 columns, the ink centred in them, its area kept.
    expect(box.x1 - box.x0).toBe(7);
    expect(sum(input)).toBeCloseTo((20 * 60) / 9, 3);
    const row = Array.from(input.subarray((box.y0 + 5) * MNIST_SIZE + box.x0, (box.y0 + 5) * MNIST_SIZE + box.x1));
    // Each edge column covers 3 source pixels, half a pixel of them past the ink: 2.5 / 3.
    expect(row[0]).toBeCloseTo(2.5 / 3, 5);
    expect(row[6]).toBeCloseTo(2.5 / 3, 5);
    expect(row.slice(1, 6)).toEqual([1, 1, 1, 1, 1]);
  });

  it('puts the centre of mass, not the box centre, at (14, 14)', () => {
    // An L: a heavy bottom bar pulls the mass down and left of the box's centre.
    const input = toMnistInput(drawing([40, 40, 60, 160], [40, 140, 160, 160]), W, W)!;
    const { box, com } = expectMnistLike(input);
    expect(box.x1 - box.x0).toBe(20);
    expect(box.y1 - box.y0).toBe(20);
    const boxCentre = { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 };
    expect(boxCentre.x).toBeGreaterThan(com.x + 2);
    expect(boxCentre.y).toBeLessThan(com.y - 2);
  });

  it('enlarges a small digit to the 20 × 20 box', () => {
    const input = toMnistInput(drawing([100, 100, 102, 104]), W, W)!;
    const { box } = expectMnistLike(input);
    expect(box.y1 - box.y0).toBe(20);
    expect(box.x1 - box.x0).toBe(10);
    expect(sum(input)).toBeCloseTo(200, 3);
  });

  it('keeps partial ink grey and clamps ink above 1', () => {
    const ink = drawing([20, 20, 60, 60]).map((v) => v * 0.5);
    ink[30 * W + 30] = 7;
    const input = toMnistInput(ink, W, W)!;
    expectMnistLike(input);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
    expect(input[14 * MNIST_SIZE + 14]).toBeCloseTo(0.5, 6);
  });

  it('returns null for an empty drawing or one with only anti-aliasing dust', () => {
    expect(toMnistInput(new Float32Array(W * W), W, W)).toBeNull();
    expect(toMnistInput(new Float32Array(W * W).fill(0.01), W, W)).toBeNull();
  });
});

describe('resampleArea', () => {
  it('averages whole blocks when shrinking by an integer factor', () => {
    const src = [1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];
    const out = resampleArea(src, 4, 4, { x: 0, y: 0, width: 4, height: 4 }, 2, 2);
    expect(Array.from(out)).toEqual([1, 0.25, 0, 0.25]);
  });

  it('weights the pixels a target cell covers only in part', () => {
    // 3 → 2: each target cell covers 1.5 source pixels; the middle pixel is split in half.
    const out = resampleArea([0, 1, 0], 3, 1, { x: 0, y: 0, width: 3, height: 1 }, 2, 1);
    expect(out[0]).toBeCloseTo(1 / 3, 6);
    expect(out[1]).toBeCloseTo(1 / 3, 6);
  });

  it('reads only inside the region', () => {
    const src = [9, 9, 9, 9, 0.5, 9, 9, 9, 9];
    expect(Array.from(resampleArea(src, 3, 3, { x: 1, y: 1, width: 1, height: 1 }, 2, 2))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('counts what lies beyond the image as background', () => {
    // A region from -1 to 2 over [1, 1]: the first target cell is half outside.
    const out = resampleArea([1, 1], 2, 1, { x: -1, y: 0, width: 4, height: 1 }, 2, 1);
    expect(Array.from(out)).toEqual([0.5, 0.5]);
  });
});

describe('centreOfMass and inkBox', () => {
  it('uses pixel centres', () => {
    expect(centreOfMass([0, 0, 0, 1], 2, 2)).toEqual({ x: 1.5, y: 1.5 });
    expect(centreOfMass([1, 0, 0, 1], 2, 2)).toEqual({ x: 1, y: 1 });
    expect(centreOfMass([0, 0], 2, 1)).toBeNull();
  });

  it('bounds the ink, end exclusive', () => {
    expect(inkBox([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3)).toEqual({ x0: 1, y0: 1, x1: 2, y1: 2 });
    expect(inkBox([0, 0, 0, 0], 2, 2)).toBeNull();
  });
});

describe('inkFromRgba and imageToRgba', () => {
  it('reads white-on-black ink from the red channel', () => {
    const ink = inkFromRgba([255, 255, 255, 255, 0, 0, 0, 255, 51, 51, 51, 255], 3, 1);
    expect(ink[0]).toBe(1);
    expect(ink[1]).toBe(0);
    expect(ink[2]).toBeCloseTo(0.2, 6);
  });

  it('shows one channel as grey, clamped, NaN as black', () => {
    const rgba = imageToRgba([0, 0.5, 1, 2, -1, NaN], 6, 1, 1);
    expect(Array.from(rgba)).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255,
    ]);
  });

  it('shows three channels as RGB, from an offset into a batch', () => {
    const batch = [0, 0, 0, /* image 1 */ 1, 0, 0.2];
    expect(Array.from(imageToRgba(batch, 1, 1, 3, 3))).toEqual([255, 0, 51, 255]);
  });
});

describe('isMnistShape', () => {
  it('accepts 28 × 28 × 1 only', () => {
    expect(isMnistShape([28, 28, 1])).toBe(true);
    expect(isMnistShape([28, 28, 3])).toBe(false);
    expect(isMnistShape([784])).toBe(false);
    expect(isMnistShape([2])).toBe(false);
  });
});
