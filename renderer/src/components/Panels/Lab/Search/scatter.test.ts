import { describe, expect, it } from 'vitest';
import { axisFraction, axisTicks, colourAt, colourDomain, layoutPoints, nearestPoint, toPixelX, toPixelY, type ScatterAxis } from './scatter';

const LOG: ScatterAxis = { scale: 'log', min: 1e-6, max: 1e-2 };
const LIN: ScatterAxis = { scale: 'linear', min: 0, max: 1 };
const RECT = { left: 50, top: 10, width: 400, height: 200 };

describe('scatter axes', () => {
  it('places values on a log axis by their decade, not their size', () => {
    expect(axisFraction(1e-4, LOG)).toBeCloseTo(0.5, 12);
    expect(axisFraction(1e-6, LOG)).toBeCloseTo(0, 12);
    expect(axisFraction(1e-3, LOG)).toBeCloseTo(0.75, 12);
    // On a linear axis the same 1e-4 would sit at the very left.
    expect(toPixelX(1e-4, LOG, RECT)).toBeCloseTo(250, 9);
    expect(toPixelX(1e-4, { scale: 'linear', min: 1e-6, max: 1e-2 }, RECT)).toBeCloseTo(50 + 400 * (0.99e-4 / 0.9999e-2), 6);
  });

  it('puts larger values higher up on the y axis', () => {
    expect(toPixelY(1, LIN, RECT)).toBe(10);
    expect(toPixelY(0, LIN, RECT)).toBe(210);
    expect(toPixelY(0.25, LIN, RECT)).toBe(160);
    expect(toPixelY(1e-2, LOG, RECT)).toBeCloseTo(10, 9);
    expect(toPixelY(1e-5, LOG, RECT)).toBeCloseTo(160, 9);
  });

  it('ticks a log axis at powers of ten, thinned when there are many decades', () => {
    expect(axisTicks(LOG)).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
    expect(axisTicks({ scale: 'log', min: 1e-8, max: 1e-4 }, 2)).toEqual([1e-8, 1e-5]);
    // Less than two decades: 1-2-5 steps inside the range.
    expect(axisTicks({ scale: 'log', min: 0.002, max: 0.03 })).toEqual([0.002, 0.005, 0.01, 0.02]);
  });

  it('ticks a linear axis at round numbers without floating-point dust', () => {
    expect(axisTicks(LIN, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axisTicks({ scale: 'linear', min: 16, max: 256 }, 5)).toEqual([50, 100, 150, 200, 250]);
  });
});

describe('accuracy colour scale', () => {
  it('runs from viridis purple to yellow, clamped', () => {
    expect(colourAt(0)).toBe('#440154');
    expect(colourAt(1)).toBe('#fde725');
    expect(colourAt(-3)).toBe('#440154');
    expect(colourAt(7)).toBe('#fde725');
    expect(colourAt(Number.NaN)).toBe('#440154');
    // Half-way between the 4th and 5th stops (t = 3.5 / 7): (39+31)/2, (127+161)/2, (142+135)/2.
    expect(colourAt(0.5)).toBe('#23908b');
  });

  it('spans the accuracies seen, widened when they are all equal', () => {
    expect(colourDomain([])).toBeNull();
    expect(colourDomain([0.9, 0.5, Number.NaN, 0.7])).toEqual([0.5, 0.9]);
    const d = colourDomain([0.8, 0.8]);
    expect(d && d[0] < 0.8 && d[1] > 0.8).toBe(true);
  });

  it('colours points by accuracy, hollow while unfinished, and marks the best', () => {
    const pts = layoutPoints(
      [
        { index: 0, x: 1e-4, y: 0.5, accuracy: 0.6 },
        { index: 1, x: 1e-3, y: 0.25, accuracy: 0.9 },
        { index: 2, x: 1e-5, y: 0.75 },
        { index: 3, x: -1, y: 0.1, accuracy: 0.7 },
      ],
      LOG, LIN, RECT, colourDomain([0.6, 0.9]), 1,
    );
    // A negative value cannot sit on a log axis: left out rather than drawn at the edge.
    expect(pts.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(pts[0]).toMatchObject({ px: 250, py: 110, colour: '#440154', best: false });
    expect(pts[1]).toMatchObject({ colour: '#fde725', best: true });
    expect(pts[1].px).toBeCloseTo(350, 9);
    expect(pts[2].colour).toBeNull();
  });

  it('finds the point under the pointer within a radius', () => {
    const pts = layoutPoints([{ index: 0, x: 1e-4, y: 0.5 }, { index: 1, x: 1e-3, y: 0.5 }], LOG, LIN, RECT, null, null);
    expect(nearestPoint(pts, 252, 112, 9)?.index).toBe(0);
    expect(nearestPoint(pts, 345, 110, 9)?.index).toBe(1);
    expect(nearestPoint(pts, 300, 110, 9)).toBeNull();
  });
});
