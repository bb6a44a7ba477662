import { describe, expect, it } from 'vitest';
import {
  INVALID, MANY_CLASS_COLORS, MIN_STRENGTH, NEUTRAL, TWO_CLASS_COLORS, boundaryPixels, cellColor, certainty, classPalette,
  dataToPixel, niceTicks, outlineFor, pointColor, type Rgb,
} from './boundaryImage';

const pixel = (pixels: Uint8ClampedArray, resolution: number, row: number, col: number) =>
  Array.from(pixels.subarray((row * resolution + col) * 4, (row * resolution + col) * 4 + 4));

describe('classPalette', () => {
  it('uses Playground orange and blue for two classes', () => {
    expect(classPalette(2)).toEqual([[245, 147, 34], [8, 119, 189]]);
  });

  it('gives every class of many its own colour', () => {
    for (const n of [3, 10, 16]) {
      const palette = classPalette(n);
      expect(palette).toHaveLength(n);
      expect(new Set(palette.map((c) => c.join())).size, `${n} classes`).toBe(n);
      for (const c of palette) for (const v of c) expect(v >= 0 && v <= 255 && Number.isInteger(v)).toBe(true);
    }
    expect(classPalette(3)).toEqual(MANY_CLASS_COLORS.slice(0, 3));
  });
});

describe('cellColor', () => {
  const palette = TWO_CLASS_COLORS;

  it('paints a cell certain of a class in exactly that class colour', () => {
    expect(cellColor([1, 0], 0, 2, palette)).toEqual([245, 147, 34]);
    expect(cellColor([0, 1], 0, 2, palette)).toEqual([8, 119, 189]);
  });

  it('paints a 50/50 cell with the average of both colours, faded towards the neutral', () => {
    const c = cellColor([0.5, 0.5], 0, 2, palette);
    const avg = [(245 + 8) / 2, (147 + 119) / 2, (34 + 189) / 2];
    expect(c).toEqual(avg.map((v, i) => Math.round(NEUTRAL[i] + (v - NEUTRAL[i]) * MIN_STRENGTH)));
    expect(c).toEqual([228, 230, 228]);
    // Lighter than either class colour: an unsure region reads as pale.
    const sum = (x: Rgb) => x[0] + x[1] + x[2];
    expect(sum(c)).toBeGreaterThan(sum(palette[0]));
    expect(sum(c)).toBeGreaterThan(sum(palette[1]));
  });

  it('fades in between: 75/25 lies between the certain colour and the 50/50 one', () => {
    const sure = cellColor([1, 0], 0, 2, palette);
    const mid = cellColor([0.75, 0.25], 0, 2, palette);
    const unsure = cellColor([0.5, 0.5], 0, 2, palette);
    // Red channel: orange is the redder colour, so it falls from sure to unsure.
    expect(mid[0]).toBeLessThan(unsure[0] + 1);
    expect(mid[2]).toBeGreaterThan(sure[2]);
    expect(mid[2]).toBeLessThan(unsure[2]);
  });

  it('reads a cell at its offset and uses the many-class palette', () => {
    const probs = [0.2, 0.3, 0.5, /* cell 1 */ 0, 0, 1];
    expect(cellColor(probs, 3, 3, classPalette(3))).toEqual(MANY_CLASS_COLORS[2]);
  });

  it('paints NaN probabilities (a diverged run) grey rather than black', () => {
    expect(cellColor([NaN, NaN], 0, 2, palette)).toEqual(INVALID);
    expect(cellColor([0, 0], 0, 2, palette)).toEqual(INVALID);
  });
});

describe('certainty', () => {
  it('is 0 for uniform and 1 for a one-hot vector', () => {
    expect(certainty([0.5, 0.5], 0, 2)).toBe(0);
    expect(certainty([1 / 3, 1 / 3, 1 / 3], 0, 3)).toBeCloseTo(0, 12);
    expect(certainty([0, 1, 0], 0, 3)).toBe(1);
    expect(certainty([0.75, 0.25], 0, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('boundaryPixels', () => {
  it('puts row 0 at the top and column 0 at the left, as the grid', () => {
    // 2×2 grid, 2 classes: only the top-left cell is class 1 (blue); the rest class 0.
    const probs = new Float32Array([0, 1, 1, 0, 1, 0, 1, 0]);
    const pixels = boundaryPixels({ resolution: 2, classes: 2, probs }, TWO_CLASS_COLORS);
    expect(pixels).toHaveLength(16);
    expect(pixel(pixels, 2, 0, 0)).toEqual([8, 119, 189, 255]);
    expect(pixel(pixels, 2, 0, 1)).toEqual([245, 147, 34, 255]);
    expect(pixel(pixels, 2, 1, 0)).toEqual([245, 147, 34, 255]);
    expect(pixel(pixels, 2, 1, 1)).toEqual([245, 147, 34, 255]);
  });

  it('reuses the output buffer when it fits and refuses a short grid', () => {
    const out = new Uint8ClampedArray(4 * 4);
    const probs = new Float32Array(8).fill(0.5);
    expect(boundaryPixels({ resolution: 2, classes: 2, probs }, TWO_CLASS_COLORS, out)).toBe(out);
    expect(pixel(out, 2, 1, 1)).toEqual([228, 230, 228, 255]);
    expect(() => boundaryPixels({ resolution: 3, classes: 2, probs }, TWO_CLASS_COLORS)).toThrow(/too short/);
  });
});

describe('dataToPixel', () => {
  const rect = { left: 30, top: 10, width: 200, height: 200 };

  it('maps the ranges to the rect, y upwards', () => {
    expect(dataToPixel(-1, 2, [-1, 1], [-2, 2], rect)).toEqual([30, 10]); // top-left = (xmin, ymax)
    expect(dataToPixel(1, -2, [-1, 1], [-2, 2], rect)).toEqual([230, 210]); // bottom-right
    expect(dataToPixel(0, 0, [-1, 1], [-2, 2], rect)).toEqual([130, 110]);
  });

  it('agrees with the grid: the centre of cell (row 0, col 0) falls in the top-left cell', () => {
    const res = 4;
    const [x0, x1, y0, y1] = [0, 8, 0, 4];
    const cx = x0 + (0.5 / res) * (x1 - x0);
    const cy = y1 - (0.5 / res) * (y1 - y0); // as engine/train/inspect.ts's boundaryGrid
    const [px, py] = dataToPixel(cx, cy, [x0, x1], [y0, y1], { left: 0, top: 0, width: 400, height: 400 });
    expect([px, py]).toEqual([50, 50]);
  });

  it('puts everything in the middle of a degenerate range', () => {
    expect(dataToPixel(3, 3, [3, 3], [3, 3], rect)).toEqual([130, 110]);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10ⁿ inside the range', () => {
    expect(niceTicks(-1.5, 1.5, 5)).toEqual({ values: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5], decimals: 1 });
    expect(niceTicks(-1.4, 1.4, 3)).toEqual({ values: [-1, 0, 1], decimals: 0 });
    expect(niceTicks(-0.25, 1.25, 5)).toEqual({ values: [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2], decimals: 1 });
    expect(niceTicks(20, 380, 4)).toEqual({ values: [100, 200, 300], decimals: 0 });
    expect(niceTicks(0, 1, 5)).toEqual({ values: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 });
    expect(niceTicks(-6.3, 6.3, 5).values).toEqual([-6, -4, -2, 0, 2, 4, 6]);
  });

  it('returns nothing for an empty or broken range', () => {
    expect(niceTicks(1, 1).values).toEqual([]);
    expect(niceTicks(NaN, 1).values).toEqual([]);
  });
});

describe('pointColor', () => {
  it('darkens the class colour so a point stands out on its own region', () => {
    expect(pointColor([245, 147, 34])).toEqual([184, 110, 26]);
    const region = cellColor([1, 0], 0, 2, TWO_CLASS_COLORS);
    expect(pointColor(region).every((v, i) => v < region[i] || region[i] === 0)).toBe(true);
  });
});

describe('outlineFor', () => {
  it('outlines dark fills in white and light fills in dark', () => {
    expect(outlineFor(TWO_CLASS_COLORS[1])).toMatch(/255, 255, 255/);
    expect(outlineFor([240, 240, 100])).toMatch(/30, 35, 40/);
  });
});
