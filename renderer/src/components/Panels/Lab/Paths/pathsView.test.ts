import { describe, expect, it } from 'vitest';
import { axisTicks, contourBands, gridMinimum, gridToPlane, makeScale, plotRect, pointAtStep, pointsAtStep, viewBounds, type Grid } from './pathsView';

/** A grid of f over a range, laid out as engine `lab.contourGrid` documents it (row 0 at the bottom). */
function gridOf(f: (x: number, y: number) => number, xRange: [number, number], yRange: [number, number], nx: number, ny: number, levels: number[]): Grid {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x = xRange[0] + (i * (xRange[1] - xRange[0])) / (nx - 1);
      const y = yRange[0] + (j * (yRange[1] - yRange[0])) / (ny - 1);
      values[j * nx + i] = f(x, y);
    }
  }
  return { nx, ny, xRange, yRange, values, levels };
}

const ringXs = (rings: Float64Array[]) => rings.flatMap((r) => Array.from(r).filter((_, k) => k % 2 === 0));
const ringYs = (rings: Float64Array[]) => rings.flatMap((r) => Array.from(r).filter((_, k) => k % 2 === 1));

describe('makeScale', () => {
  it('puts the bounds on the plot rectangle with y upwards', () => {
    const r = plotRect(400, 300);
    const s = makeScale({ x0: -10, x1: 10, y0: -5, y1: 5 }, r);
    expect(s.x(-10)).toBeCloseTo(r.left);
    expect(s.x(10)).toBeCloseTo(r.right);
    expect(s.x(0)).toBeCloseTo((r.left + r.right) / 2);
    expect(s.y(-5)).toBeCloseTo(r.bottom);
    expect(s.y(5)).toBeCloseTo(r.top);
    expect(s.y(2.5)).toBeCloseTo(r.top + (r.bottom - r.top) / 4);
  });
});

describe('viewBounds', () => {
  it('centres on the lowest point reached and holds the start with a margin', () => {
    // A path from the course's start to the minimum at the origin.
    const points = Float64Array.from([-7, 2, -3, -1, 0, 0]);
    const values = Float64Array.from([49 / 20 + 4, 9 / 20 + 1, 0]);
    const b = viewBounds([-7, 2], [{ points, values }]);
    expect((b.x0 + b.x1) / 2).toBeCloseTo(0);
    expect((b.y0 + b.y1) / 2).toBeCloseTo(0);
    expect(b.x0).toBeCloseTo(-7 * 1.15);
    // y would only need ±2.3; a strip that flat would hide the contours, so it is 40 % of x's.
    expect(b.y1).toBeCloseTo(7 * 1.15 * 0.4);
  });

  it('ignores a diverging point far off and non-finite points', () => {
    const points = Float64Array.from([-7, 2, 50, -2, 1e9, 3, NaN, NaN]);
    const values = Float64Array.from([5, 2000, 1e17, NaN]);
    const b = viewBounds([-7, 2], [{ points, values }]);
    expect(b.x1).toBeLessThan(100);
    expect(b.x0).toBeLessThan(-7);
  });

  it('shows at least a unit around a start with no paths', () => {
    const b = viewBounds([3, 4], []);
    expect(b).toEqual({ x0: 2, x1: 4, y0: 3, y1: 5 });
  });
});

describe('pointsAtStep / pointAtStep', () => {
  const points = new Float64Array(2 * 31).map((_, k) => k);
  const values = new Float64Array(31).map((_, k) => 100 - k);
  it('draws the start and one point per step, never past the end', () => {
    expect(pointsAtStep(points, 0)).toBe(1);
    expect(pointsAtStep(points, 10)).toBe(11);
    expect(pointsAtStep(points, 30)).toBe(31);
    expect(pointsAtStep(points, 45)).toBe(31);
    expect(pointsAtStep(new Float64Array(0), 5)).toBe(0);
  });
  it('stops a diverged path where it stopped', () => {
    expect(pointsAtStep(points.subarray(0, 10), 20)).toBe(5);
    expect(pointAtStep(points.subarray(0, 10), values, 20)).toEqual({ x: 8, y: 9, f: 96, index: 4 });
  });
  it('gives the point of the current step', () => {
    expect(pointAtStep(points, values, 3)).toEqual({ x: 6, y: 7, f: 97, index: 3 });
  });
});

describe('axisTicks', () => {
  it('gives round ticks inside the range, no closer than the gap allows', () => {
    const { ticks, step } = axisTicks(-8.05, 8.05, 400, 60);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const v of ticks) {
      expect(v).toBeGreaterThanOrEqual(-8.05);
      expect(v).toBeLessThanOrEqual(8.05);
      expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-9);
    }
    expect(ticks).toContain(0);
  });
});

describe('contour geometry', () => {
  it('maps d3-contour coordinates so a level of f = x lies at that x', () => {
    const g = gridOf((x) => x, [0, 10], [-1, 1], 11, 5, [3.3]);
    const bands = contourBands(g);
    expect(bands.map((b) => b.value)[1]).toBe(3.3);
    const [ring] = bands[1].rings;
    // The region f ≥ 3.3: cut at x = 3.3, closed along the grid's edges (half a cell out).
    expect(Math.min(...ringXs([ring]))).toBeCloseTo(3.3, 9);
    for (let k = 0; k < ring.length; k += 2) {
      const [x, y] = [ring[k], ring[k + 1]];
      const onCut = Math.abs(x - 3.3) < 1e-9;
      const onEdge = x === 10.5 || Math.abs(y) === 1.25;
      expect(onCut || onEdge, `${x}, ${y}`).toBe(true);
    }
    expect(gridToPlane(0.5, 0.5, g)).toEqual([0, -1]);
    expect(gridToPlane(10.5, 4.5, g)).toEqual([10, 1]);
  });

  it('places a level of f = y at that y (rows run upwards)', () => {
    const g = gridOf((_x, y) => y, [-1, 1], [-4, 4], 5, 9, [1.5]);
    const ys = ringYs(contourBands(g)[1].rings);
    expect(Math.min(...ys)).toBeCloseTo(1.5, 9);
  });

  it('draws a circle of f = x² + y² at its radius', () => {
    const g = gridOf((x, y) => x * x + y * y, [-3, 3], [-3, 3], 61, 61, [4]);
    const ring = contourBands(g)[1].rings;
    // f ≥ 4 is the square minus the disc: the hole's points lie on the circle r = 2.
    const hole = ring.find((r) => Math.max(...Array.from(r).map(Math.abs)) < 2.5)!;
    for (let k = 0; k < hole.length; k += 2) expect(Math.hypot(hole[k], hole[k + 1])).toBeCloseTo(2, 1);
  });

  it('leaves points where f is not finite out of every band', () => {
    // log(x): undefined (NaN) left of 0.
    const g = gridOf((x) => (x > 0 ? Math.log(x) : NaN), [-5, 5], [0, 1], 11, 3, [0]);
    const base = contourBands(g)[0];
    expect(Math.min(...ringXs(base.rings))).toBeGreaterThan(0);
  });

  it('returns nothing for a grid with no finite value', () => {
    expect(contourBands(gridOf(() => NaN, [0, 1], [0, 1], 4, 4, [1]))).toEqual([]);
  });

  it('finds the grid minimum', () => {
    const g = gridOf((x, y) => (x - 2) ** 2 + (y + 1) ** 2 + 3, [-5, 5], [-5, 5], 11, 11, []);
    expect(gridMinimum(g)).toEqual({ x: 2, y: -1, f: 3 });
    expect(gridMinimum(gridOf(() => NaN, [0, 1], [0, 1], 3, 3, []))).toBeNull();
  });
});
