/**
 * The search scatter's geometry and colours: values to pixels on linear or log axes, tick
 * positions, and the colour scale for validation accuracy (viridis: ordered light to dark,
 * readable by people with the common colour-vision deficiencies, on light and dark panels).
 * Pure, so the canvas component only draws.
 */

export interface ScatterAxis {
  readonly scale: 'log' | 'linear';
  readonly min: number;
  readonly max: number;
}

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Where `v` lies along `axis`, 0 at min and 1 at max (outside 0…1 when outside the range). */
export function axisFraction(v: number, axis: ScatterAxis): number {
  if (axis.scale === 'log') {
    const lo = Math.log10(axis.min);
    const hi = Math.log10(axis.max);
    return hi === lo ? 0.5 : (Math.log10(v) - lo) / (hi - lo);
  }
  return axis.max === axis.min ? 0.5 : (v - axis.min) / (axis.max - axis.min);
}

/** Pixel x of `v` in `rect`. */
export function toPixelX(v: number, axis: ScatterAxis, rect: Rect): number {
  return rect.left + axisFraction(v, axis) * rect.width;
}

/** Pixel y of `v` in `rect` (larger values higher up). */
export function toPixelY(v: number, axis: ScatterAxis, rect: Rect): number {
  return rect.top + (1 - axisFraction(v, axis)) * rect.height;
}

/** Rounds away the floating-point dust of tick arithmetic (0.30000000000000004 → 0.3). */
const clean = (x: number) => Number(x.toPrecision(12));

function linearTicks(min: number, max: number, maxTicks: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, maxTicks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(clean(v));
  return out;
}

/**
 * Tick values for an axis, at most about `maxTicks`: powers of ten on a log axis (every few
 * decades when there are many; 1-2-5 within a decade when the range spans less than two),
 * round numbers on a linear one.
 */
export function axisTicks(axis: ScatterAxis, maxTicks = 6): number[] {
  if (axis.scale === 'linear' || !(axis.min > 0) || !(axis.max > axis.min)) return linearTicks(axis.min, axis.max, maxTicks);
  const lo = Math.ceil(Math.log10(axis.min) - 1e-9);
  const hi = Math.floor(Math.log10(axis.max) + 1e-9);
  const decades = hi - lo + 1;
  if (decades >= 2) {
    const every = Math.ceil(decades / maxTicks);
    const out: number[] = [];
    for (let e = lo; e <= hi; e += every) out.push(Number(`1e${e}`));
    return out;
  }
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(axis.min)); e <= Math.ceil(Math.log10(axis.max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = clean(m * 10 ** e);
      if (v >= axis.min * (1 - 1e-9) && v <= axis.max * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length >= 2 ? out : linearTicks(axis.min, axis.max, maxTicks);
}

/** Viridis at eight stops (matplotlib's), dark purple for the lowest to yellow for the highest. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [70, 50, 127], [54, 92, 141], [39, 127, 142], [31, 161, 135], [74, 194, 109], [159, 218, 58], [253, 231, 37],
];

/** The colour at `t` in 0…1 (clamped) of the accuracy scale, as '#rrggbb'. */
export function colourAt(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const hex = (k: number) => Math.round(VIRIDIS[i][k] + (VIRIDIS[i + 1][k] - VIRIDIS[i][k]) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/**
 * The accuracies the colour scale spans: the lowest to the highest seen, so small differences
 * between good trials still show; widened to a point's neighbourhood when all are equal.
 */
export function colourDomain(values: readonly number[]): readonly [number, number] | null {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return null;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return hi > lo ? [lo, hi] : [lo - 0.005, hi + 0.005];
}

export interface ScatterInput {
  readonly index: number;
  readonly x: number;
  readonly y: number;
  /** Validation accuracy; absent while the trial runs. */
  readonly accuracy?: number;
}

export interface ScatterPoint {
  readonly index: number;
  readonly px: number;
  readonly py: number;
  /** Null: no accuracy yet (drawn hollow). */
  readonly colour: string | null;
  readonly best: boolean;
}

/** The points in pixels with their colours; points that cannot be placed (a non-positive value on a log axis) are left out. */
export function layoutPoints(
  inputs: readonly ScatterInput[], x: ScatterAxis, y: ScatterAxis, rect: Rect, domain: readonly [number, number] | null, best: number | null,
): ScatterPoint[] {
  const placeable = (v: number, a: ScatterAxis) => Number.isFinite(v) && (a.scale !== 'log' || v > 0);
  return inputs
    .filter((p) => placeable(p.x, x) && placeable(p.y, y))
    .map((p) => ({
      index: p.index,
      px: toPixelX(p.x, x, rect),
      py: toPixelY(p.y, y, rect),
      colour: p.accuracy !== undefined && Number.isFinite(p.accuracy) && domain
        ? colourAt((p.accuracy - domain[0]) / (domain[1] - domain[0]))
        : null,
      best: p.index === best,
    }));
}

/** The point nearest (px, py) within `radius` pixels, or null. */
export function nearestPoint(points: readonly ScatterPoint[], px: number, py: number, radius: number): ScatterPoint | null {
  let found: ScatterPoint | null = null;
  let bestD = radius * radius;
  for (const p of points) {
    const d = (p.px - px) ** 2 + (p.py - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      found = p;
    }
  }
  return found;
}
