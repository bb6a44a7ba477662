/**
 * The arithmetic of the initialisation experiment's small histograms, with no canvas: the height
 * shared by a row of histograms (so layers can be compared), the bars in pixels, which statistic
 * each activation is judged by, and how much work a setting asks for. Tested in
 * histogramBars.test.ts.
 */

/** The part of engine `lab.LayerActivations` a histogram draws. */
export interface LayerHist {
  readonly lo: number;
  readonly hi: number;
  readonly counts: ArrayLike<number>;
}

/**
 * The count at full height for every histogram of a row. For ReLU the first bin holds every unit
 * ReLU set to 0 (half of them or more); scaled to that bin, the rest of the distribution would
 * be a flat line, so the first bin is left out of the scale (and drawn cut off) unless nothing
 * else holds values. The zero share is shown in numbers under each histogram instead.
 */
export function rowPeak(layers: readonly LayerHist[], skipFirstBin: boolean): number {
  let rest = 0;
  let all = 0;
  for (const l of layers) {
    for (let k = 0; k < l.counts.length; k++) {
      all = Math.max(all, l.counts[k]);
      if (!skipFirstBin || k > 0) rest = Math.max(rest, l.counts[k]);
    }
  }
  return rest > 0 ? rest : all;
}

/** One bar in pixels; `cut` when its count is above the peak and it was clipped. */
export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly cut: boolean;
}

/**
 * The bars of a histogram in the box left…right × top…bottom (pixels, y down): one per bin,
 * side by side across the box, heights in proportion to `peak`, none taller than the box.
 * Empty bins give no bar.
 */
export function histogramBars(counts: ArrayLike<number>, peak: number, left: number, right: number, top: number, bottom: number): Bar[] {
  const n = counts.length;
  const bars: Bar[] = [];
  if (n === 0 || !(peak > 0)) return bars;
  const w = (right - left) / n;
  const span = bottom - top;
  for (let k = 0; k < n; k++) {
    const c = counts[k];
    if (!(c > 0)) continue;
    const cut = c > peak;
    const height = Math.max(1, (Math.min(c, peak) / peak) * span);
    bars.push({ x: left + k * w, y: bottom - height, width: w, height, cut });
  }
  return bars;
}

export type LabActivationName = 'sigmoid' | 'tanh' | 'relu';

/** The statistic that tells whether a layer is healthy: saturation for sigmoid/tanh, dead units for ReLU. */
export function healthStat(activation: LabActivationName): 'saturated' | 'zero' {
  return activation === 'relu' ? 'zero' : 'saturated';
}

/** The value-axis ticks of a histogram: both ends and, where there is room, the middle. */
export function histTicks(lo: number, hi: number, roomForMiddle: boolean): number[] {
  return roomForMiddle ? [lo, (lo + hi) / 2, hi] : [lo, hi];
}

/** Multiply-adds of one initialiser's run: samples × units × units per layer (the first from units inputs too). */
export function initWork(layers: number, units: number, samples: number): number {
  return layers * samples * units * units;
}

/** Ten times the course's setting (5 × 1000 × 100 × 100): a few seconds at most on a laptop. */
export const MAX_INIT_WORK = 5e8;
