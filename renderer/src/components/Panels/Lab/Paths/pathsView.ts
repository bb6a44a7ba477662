/**
 * The arithmetic of the optimiser-paths plot, with no canvas: which part of the plane is shown,
 * where a point of the plane lands on the canvas, how much of a path is drawn at a given step of
 * the animation, where the contour polygons of d3-contour sit in the plane, and where the grid's
 * lowest value is. Every number the picture depends on is tested in pathsView.test.ts.
 */
import { contours } from 'd3-contour';
import { niceTicks, tickStep } from '../../Distributions/ridges';

/** A rectangle of the plane: x0 < x1, y0 < y1. */
export interface Bounds {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The plot area inside a canvas, in CSS pixels (y grows downwards). */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Room for the axes: tick labels under and left of the plot, the axis names beside them. */
export const MARGIN = { left: 46, top: 8, right: 10, bottom: 34 } as const;

/** The plot area of a canvas `width` × `height` (CSS pixels) after the margins. */
export function plotRect(width: number, height: number, margin: typeof MARGIN = MARGIN): Rect {
  const left = margin.left;
  const top = margin.top;
  return { left, top, right: Math.max(left + 1, width - margin.right), bottom: Math.max(top + 1, height - margin.bottom) };
}

/** Data → canvas mapping of a plot: x to the right, y upwards (the canvas's y runs down). */
export interface Scale {
  x(v: number): number;
  y(v: number): number;
}

export function makeScale(b: Bounds, r: Rect): Scale {
  const sx = (r.right - r.left) / (b.x1 - b.x0);
  const sy = (r.bottom - r.top) / (b.y1 - b.y0);
  return {
    x: (v) => r.left + (v - b.x0) * sx,
    y: (v) => r.bottom - (v - b.y0) * sy,
  };
}

/** Coordinates beyond this many times the start's distance from the origin are left out of the view. */
const FAR = 4;
const PAD = 0.15;
/** Neither side of the view is narrower than this share of the other (a flat strip hides the contours). */
const MIN_ASPECT = 0.4;

/**
 * The part of the plane to show: centred on the lowest point any path reached (the best guess at
 * the minimum, where the contours are worth seeing), wide enough to hold the start and every
 * path, plus a margin. Points of a path that flew far off (a diverging SGD) are ignored, or one
 * wild step would shrink everything else to a dot.
 *
 * @param paths x,y pairs and the f value at each point, per path.
 */
export function viewBounds(start: readonly [number, number], paths: readonly { points: ArrayLike<number>; values: ArrayLike<number> }[]): Bounds {
  const [sx, sy] = start;
  const far = FAR * Math.max(1, Math.hypot(sx, sy));
  let cx = sx;
  let cy = sy;
  let best = Infinity;
  const kept: number[] = [sx, sy];
  for (const p of paths) {
    for (let i = 0; 2 * i + 1 < p.points.length; i++) {
      const x = p.points[2 * i];
      const y = p.points[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x - sx) > far || Math.abs(y - sy) > far) continue;
      kept.push(x, y);
      const f = p.values[i];
      if (Number.isFinite(f) && f < best) {
        best = f;
        cx = x;
        cy = y;
      }
    }
  }
  let hx = 0;
  let hy = 0;
  for (let i = 0; i < kept.length; i += 2) {
    hx = Math.max(hx, Math.abs(kept[i] - cx));
    hy = Math.max(hy, Math.abs(kept[i + 1] - cy));
  }
  hx = Math.max(hx * (1 + PAD), 1);
  hy = Math.max(hy * (1 + PAD), 1);
  hx = Math.max(hx, hy * MIN_ASPECT);
  hy = Math.max(hy, hx * MIN_ASPECT);
  return { x0: cx - hx, x1: cx + hx, y0: cy - hy, y1: cy + hy };
}

/** Ticks of one axis over [lo, hi] with at least `minGap` pixels between them on a `length`-pixel axis. */
export function axisTicks(lo: number, hi: number, length: number, minGap: number): { ticks: number[]; step: number } {
  const max = Math.max(2, Math.floor(length / minGap) + 1);
  if (!(hi > lo)) return { ticks: [lo], step: 1 };
  return { ticks: niceTicks(lo, hi, max), step: tickStep(lo, hi, max) };
}

/**
 * How many points of a path are drawn at animation step `step`: the start and one per step taken,
 * never more than the path holds (a diverged path stops early).
 */
export function pointsAtStep(points: ArrayLike<number>, step: number): number {
  const total = Math.floor(points.length / 2);
  return Math.max(0, Math.min(total, Math.floor(step) + 1));
}

/** The last point drawn at `step` and its f value, or null for an empty path. */
export function pointAtStep(points: ArrayLike<number>, values: ArrayLike<number>, step: number): { x: number; y: number; f: number; index: number } | null {
  const n = pointsAtStep(points, step);
  if (n === 0) return null;
  const i = n - 1;
  return { x: points[2 * i], y: points[2 * i + 1], f: values[i], index: i };
}

/** The part of ContourGrid the plot reads (engine `lab.ContourGrid` fits). */
export interface Grid {
  readonly nx: number;
  readonly ny: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly values: ArrayLike<number>;
  readonly levels: readonly number[];
}

/**
 * A point of d3-contour's output in the plane. d3-contour puts grid value (i, j) at the centre of
 * pixel (i, j), i.e. at (i + 0.5, j + 0.5), whereas the grid's column 0 lies on xRange[0] and
 * column nx − 1 on xRange[1].
 */
export function gridToPlane(gx: number, gy: number, g: Grid): [number, number] {
  const dx = (g.xRange[1] - g.xRange[0]) / Math.max(1, g.nx - 1);
  const dy = (g.yRange[1] - g.yRange[0]) / Math.max(1, g.ny - 1);
  return [g.xRange[0] + (gx - 0.5) * dx, g.yRange[0] + (gy - 0.5) * dy];
}

/** One filled band's outline: rings of plane coordinates (x, y pairs), outer rings and holes alike. */
export interface Band {
  /** The band holds f ≥ value (up to the next band's value). */
  readonly value: number;
  readonly rings: Float64Array[];
}

/**
 * The regions f ≥ level for a base level under every finite value and for each of the grid's
 * levels, as rings in the plane. Painted in order, each over the one before, they give filled
 * bands; stroked, contour lines (the base ring is then only the border of where f is defined).
 * Non-finite values (log of a negative number) belong to no region and stay blank.
 */
export function contourBands(g: Grid): Band[] {
  const values = Array.from(g.values);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(lo <= hi) || g.nx < 2 || g.ny < 2) return [];
  const base = lo - Math.max(1e-9, (hi - lo) * 1e-6, Math.abs(lo) * 1e-9);
  const levels = [base, ...g.levels.filter((l) => Number.isFinite(l) && l > base)];
  const generator = contours().size([g.nx, g.ny]).thresholds(levels);
  return generator(values).map((mp) => ({
    value: mp.value,
    rings: mp.coordinates.flatMap((polygon) => polygon.map((ring) => {
      const out = new Float64Array(ring.length * 2);
      ring.forEach(([gx, gy], k) => {
        const [x, y] = gridToPlane(gx, gy, g);
        out[2 * k] = x;
        out[2 * k + 1] = y;
      });
      return out;
    })),
  }));
}

/** The grid point with the lowest finite value, or null when none is finite. */
export function gridMinimum(g: Grid): { x: number; y: number; f: number } | null {
  let best = -1;
  for (let k = 0; k < g.values.length; k++) {
    const v = g.values[k];
    if (Number.isFinite(v) && (best < 0 || v < g.values[best])) best = k;
  }
  if (best < 0) return null;
  const i = best % g.nx;
  const j = Math.floor(best / g.nx);
  const [x, y] = gridToPlane(i + 0.5, j + 0.5, g);
  return { x, y, f: g.values[best] };
}
