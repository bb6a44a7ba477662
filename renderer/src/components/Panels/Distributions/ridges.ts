/**
 * The arithmetic of the distributions panel's "offset ridge" plots (TensorBoard's histogram
 * view): a shared value axis over many histograms, each histogram's bins moved onto that axis,
 * where each ridge sits and how strongly it is drawn, and round tick values. No canvas here, so
 * every number the plot depends on is tested directly (ridges.test.ts).
 */

/** The part of a probe histogram the plot needs (`protocol.HistogramInfo` fits). */
export interface Hist {
  /** Lower edge of the first bin and upper edge of the last. */
  readonly min: number;
  readonly max: number;
  /** Finite values counted (0: nothing to draw). */
  readonly count: number;
  /** Equal-width bin counts over [min, max]. */
  readonly bins: ArrayLike<number>;
}

/** A value axis, lo < hi. */
export interface Axis {
  readonly lo: number;
  readonly hi: number;
}

const usable = (h: Hist) => h.count > 0 && h.bins.length > 0 && Number.isFinite(h.min) && Number.isFinite(h.max);

/**
 * The axis spanning every histogram that holds values, or null when none does. A single value
 * (all biases still zero, a batch-norm gamma still one) is widened to a small interval around
 * it, because an axis of width zero cannot place anything.
 */
export function sharedRange(hists: readonly Hist[]): Axis | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of hists) {
    if (!usable(h)) continue;
    lo = Math.min(lo, h.min);
    hi = Math.max(hi, h.max);
  }
  if (lo > hi) return null;
  if (hi - lo > 0) return { lo, hi };
  const pad = Math.abs(lo) * 0.1 || 0.5;
  return { lo: lo - pad, hi: hi + pad };
}

/**
 * Moves a histogram's counts onto `n` equal bins of `axis`. Each source bin's count is split
 * between the target bins it overlaps, in proportion to the overlap (the values are taken as
 * spread evenly inside a bin, the only assumption the bins allow), so the total is kept. A
 * histogram of one repeated value (min = max) lands in the one bin holding that value; parts
 * outside the axis are piled into the edge bins rather than lost.
 */
export function rebin(h: Hist, axis: Axis, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!usable(h) || n <= 0) return out;
  const m = h.bins.length;
  const scale = n / (axis.hi - axis.lo);
  const clampBin = (x: number) => Math.min(n - 1, Math.max(0, Math.floor(x)));
  const clampPos = (x: number) => Math.min(n, Math.max(0, x));
  if (!(h.max > h.min)) {
    let total = 0;
    for (let k = 0; k < m; k++) total += h.bins[k];
    out[clampBin((h.min - axis.lo) * scale)] += total;
    return out;
  }
  const width = (h.max - h.min) / m;
  for (let k = 0; k < m; k++) {
    const c = h.bins[k];
    if (c === 0) continue;
    const a = clampPos((h.min + k * width - axis.lo) * scale);
    const b = clampPos((h.min + (k + 1) * width - axis.lo) * scale);
    if (b - a <= 1e-12) {
      out[clampBin(a)] += c;
      continue;
    }
    for (let j = Math.floor(a); j < b && j < n; j++) {
      const overlap = Math.min(b, j + 1) - Math.max(a, j);
      if (overlap > 0) out[j] += (c * overlap) / (b - a);
    }
  }
  return out;
}

/** Where the ridges sit: one baseline (y, pixels) and opacity per ridge, oldest first. */
export interface RidgeLayout {
  /** y of each ridge's baseline; grows (moves down) from the oldest ridge to the newest. */
  readonly baselines: number[];
  /** The height a ridge's peak reaches above its baseline. */
  readonly height: number;
  /** Opacity per ridge: the newest 1, older ones fainter down to `minAlpha`. */
  readonly alphas: number[];
}

/**
 * Stacks `n` ridges between `top` and `bottom` (pixels): the newest on `bottom` at the front,
 * each older one a step further up, so the plot reads as time receding into the page. A ridge
 * may rise `overlap` of the plot's height, more than the step between baselines: overlapping
 * ridges are what make the drift of a distribution visible at a glance.
 */
export function ridgeLayout(n: number, top: number, bottom: number, overlap = 0.45, minAlpha = 0.2): RidgeLayout {
  const span = Math.max(0, bottom - top);
  if (n <= 0) return { baselines: [], height: 0, alphas: [] };
  if (n === 1) return { baselines: [bottom], height: span, alphas: [1] };
  const height = span * overlap;
  const baselines: number[] = [];
  const alphas: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    baselines.push(top + height + (span - height) * f);
    alphas.push(minAlpha + (1 - minAlpha) * f);
  }
  return { baselines, height, alphas };
}

/**
 * The outline of one ridge as x,y pairs (pixels): from the baseline at `x0`, through the
 * centre of each bin, back to the baseline at `x1`. Heights are scaled to the ridge's own peak,
 * not a peak shared by all ridges: a zero-initialised bias gives a spike in the first probe
 * that would flatten every later ridge under a shared scale.
 */
export function ridgePoints(values: ArrayLike<number>, x0: number, x1: number, baseline: number, height: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(2 * (n + 2));
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, values[i]);
  const dx = (x1 - x0) / Math.max(1, n);
  out[0] = x0;
  out[1] = baseline;
  for (let i = 0; i < n; i++) {
    out[2 * (i + 1)] = x0 + (i + 0.5) * dx;
    out[2 * (i + 1) + 1] = peak > 0 ? baseline - (values[i] / peak) * height : baseline;
  }
  out[2 * (n + 1)] = x1;
  out[2 * (n + 1) + 1] = baseline;
  return out;
}

/** The smallest of 1, 2, 5 × 10^k that is at least `rough` (rough > 0). */
export function niceStep(rough: number): number {
  const p = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * p >= rough * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** Fraction digits that show every multiple of `step` exactly (step = 1, 2 or 5 × 10^k). */
export function tickDigits(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * The step of `niceTicks(lo, hi, maxTicks)` (lo < hi, maxTicks ≥ 2): the finest 1-2-5 step that
 * puts at most `maxTicks` ticks inside [lo, hi]. Rounding the step up from span / (maxTicks - 1)
 * alone can overshoot 2.5-fold and leave a single tick; counting the ticks does not.
 */
export function tickStep(lo: number, hi: number, maxTicks: number): number {
  const count = (step: number) => Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  let step = niceStep((hi - lo) / (maxTicks + 1));
  while (count(step) > maxTicks) {
    const p = 10 ** Math.floor(Math.log10(step) + 1e-9);
    const m = Math.round(step / p);
    step = (m === 1 ? 2 : m === 2 ? 5 : 10) * p;
  }
  return step;
}

/**
 * Round tick values inside [lo, hi]: multiples of a 1-2-5 step, at most `maxTicks` of them.
 * Values are rounded to the step's digits so 0.1 + 0.2 prints as 0.3.
 */
export function niceTicks(lo: number, hi: number, maxTicks: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo || maxTicks < 2) return [lo];
  const step = tickStep(lo, hi, maxTicks);
  const digits = tickDigits(step);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    const v = Number((k * step).toFixed(Math.min(20, digits))) + 0;
    if (v >= lo - step * 1e-9 && v <= hi + step * 1e-9) ticks.push(v);
  }
  return ticks;
}

/**
 * `max` indices spread evenly over 0…n-1, ascending, always holding the oldest (0) and the
 * newest (n-1); every index when n ≤ max. Picks which probes become ridges when there are more
 * probes than the plot has room for, and which ridges carry an epoch label.
 */
export function pickEvenly(n: number, max: number): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max === 1) return [n - 1];
  const out: number[] = [];
  for (let i = 0; i < max; i++) {
    const k = Math.round((i * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== k) out.push(k);
  }
  return out;
}

/** The x (pixels) of `value` on `axis` drawn between x0 and x1. */
export function xOf(value: number, axis: Axis, x0: number, x1: number): number {
  return x0 + ((value - axis.lo) / (axis.hi - axis.lo)) * (x1 - x0);
}
