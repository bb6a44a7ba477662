import { describe, expect, it } from 'vitest';
import { drawPathsPlot, type PathsDrawing } from './drawPaths';

/** A 2-D context that records the calls made on it (enough of the API for the plot). */
function recorder() {
  const calls: { name: string; args: unknown[] }[] = [];
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (s: string) => ({ width: s.length * 6 });
      return (...args: unknown[]) => calls.push({ name: String(prop), args });
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const colours = { fg: '#000', muted: '#666', border: '#ccc', panel: '#fff', low: '#00f', high: '#fff', line: '#88f', minimum: '#f00' };
const path = (n: number) => Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? -7 + k / 4 : 2 - k / 20));

function drawing(over: Partial<PathsDrawing> = {}): PathsDrawing {
  return {
    width: 500, height: 320, bounds: { x0: -8, x1: 8, y0: -4, y1: 4 }, contourStyle: 'bands',
    bands: [{ value: 0, rings: [Float64Array.from([-9, -5, 9, -5, 9, 5, -9, 5])] }, { value: 1, rings: [Float64Array.from([-1, -1, 1, -1, 1, 1])] }],
    minimum: { x: 0, y: 0 }, start: [-7, 2], step: 30, colours, formatTick: String, legend: true, minimumLabel: 'minimum',
    paths: [{ label: 'SGD', colour: '#123456', points: path(31) }, { label: 'Adam', colour: '#654321', points: path(12) }],
    ...over,
  };
}

describe('drawPathsPlot', () => {
  it('draws each path up to the step and says how many points it drew', () => {
    expect(drawPathsPlot(recorder().ctx, drawing())).toBe(31 + 12);
    expect(drawPathsPlot(recorder().ctx, drawing({ step: 5 }))).toBe(6 + 6);
    expect(drawPathsPlot(recorder().ctx, drawing({ step: 0 }))).toBe(2);
  });

  it('draws a dot per point drawn, the minimum, the legend and the axis names', () => {
    const { ctx, calls } = recorder();
    drawPathsPlot(ctx, drawing({ step: 5 }));
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['minimum', 'SGD', 'Adam', 'x', 'y', '0']));
    // 12 path dots, the start ring, and two legend dots.
    expect(calls.filter((c) => c.name === 'arc').length).toBe(12 + 1 + 2);
    // Bands filled, with the even-odd rule so holes stay holes.
    expect(calls.filter((c) => c.name === 'fill' && c.args[0] === 'evenodd').length).toBe(2);
  });

  it('strokes contour lines instead of filling in line mode, and skips the legend for one path', () => {
    const { ctx, calls } = recorder();
    drawPathsPlot(ctx, drawing({ contourStyle: 'lines', paths: [{ label: 'SGD', colour: '#123', points: path(31) }], legend: true }));
    expect(calls.some((c) => c.name === 'fill' && c.args[0] === 'evenodd')).toBe(false);
    expect(calls.filter((c) => c.name === 'fillText').map((c) => c.args[0])).not.toContain('SGD');
  });

  it('draws nothing but the background on a canvas too small for axes', () => {
    const { ctx, calls } = recorder();
    expect(drawPathsPlot(ctx, drawing({ width: 40, height: 30 }))).toBe(0);
    expect(calls.filter((c) => c.name === 'arc')).toEqual([]);
  });
});
