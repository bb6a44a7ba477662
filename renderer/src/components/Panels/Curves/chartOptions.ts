/**
 * uPlot options for the two charts: one place that says how each curve looks (live curves solid
 * in the theme's colours, past runs muted and dashed), how the axes read in the UI language,
 * and how the hover readout finds a value on a curve that only has a point per epoch.
 *
 * Canvas cannot read CSS variables, so the colours are read from the panel's computed style when
 * a chart is built (Curves.css declares them; the panel rebuilds the charts when the system
 * theme flips).
 */
import type uPlot from 'uplot';
import { formatMetric, formatPercent } from '../Runs/runsFormat';
import { nearestDefined, type CurveSpec } from './curvesData';
import { cssVar } from '../canvas';

const SYNC_KEY = 'deepwire-curves';

/** The colours a chart draws with, resolved from CSS. */
export interface ChartTheme {
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  /** Raw batch losses (drawn faint). */
  readonly batch: string;
  /** Smoothed batch losses. */
  readonly smooth: string;
  /** Per-epoch training metrics. */
  readonly train: string;
  readonly val: string;
  /** Colours for past runs, cycled. */
  readonly overlays: readonly string[];
  readonly font: string;
}

/** Reads the chart colours from the CSS variables in effect at `el` (see Curves.css). */
export function readTheme(el: HTMLElement): ChartTheme {
  const css = getComputedStyle(el);
  const v = cssVar(css);
  const overlays: string[] = [];
  for (let i = 0; i < 8; i++) {
    const c = css.getPropertyValue(`--dw-curves-overlay-${i}`).trim();
    if (!c) break;
    overlays.push(c);
  }
  return {
    fg: v('--dw-fg', '#1e2328'),
    muted: v('--dw-muted', '#6b7280'),
    grid: v('--dw-border', '#d9dce1'),
    batch: v('--dw-curves-batch', '#a9c9f5'),
    smooth: v('--dw-curves-smooth', '#2f80ed'),
    train: v('--dw-curves-train', '#173f7a'),
    val: v('--dw-curves-val', '#e8590c'),
    overlays: overlays.length ? overlays : ['#8a8f98'],
    font: `11px ${css.fontFamily || 'sans-serif'}`,
  };
}

export interface ChartSetup {
  readonly kind: 'loss' | 'accuracy';
  readonly specs: readonly CurveSpec[];
  /** Legend label of each spec, in order. */
  readonly labels: readonly string[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly log: boolean;
  readonly locale: string;
  readonly theme: ChartTheme;
  readonly width: number;
  readonly height: number;
  /** The right end of the x axis, read at each redraw (the planned epochs, or further). */
  readonly xMax: () => number;
}

function curveStyle(spec: CurveSpec, theme: ChartTheme): Partial<uPlot.Series> {
  const perEpoch = { points: { show: true, size: 5 } };
  if (spec.run >= 0) {
    // Past runs: muted colour per run; training dashed long, validation dashed short.
    const stroke = theme.overlays[spec.run % theme.overlays.length];
    const dash = spec.metric === 'valLoss' || spec.metric === 'valAccuracy' ? [2, 3] : [7, 4];
    return { stroke, dash, width: 1.5, alpha: 0.85, points: { show: true, size: 4, fill: stroke } };
  }
  switch (spec.metric) {
    case 'batchRaw':
      return { stroke: theme.batch, width: 1, alpha: 0.5, points: { show: false } };
    case 'batchSmooth':
      return { stroke: theme.smooth, width: 1.5, points: { show: false } };
    case 'loss':
    case 'accuracy':
      return { stroke: theme.train, width: 2, ...perEpoch };
    case 'valLoss':
    case 'valAccuracy':
      return { stroke: theme.val, width: 2, ...perEpoch };
  }
}

/** The uPlot options of one chart. */
export function chartOptions(s: ChartSetup): uPlot.Options {
  const fmtY = s.kind === 'accuracy'
    ? (v: number) => formatPercent(v, s.locale)
    : (v: number) => formatMetric(v, s.locale);
  const fmtX = (v: number) => formatMetric(v, s.locale);
  const axis = (label: string, values: (v: number) => string): uPlot.Axis => ({
    label,
    stroke: s.theme.muted,
    font: s.theme.font,
    labelFont: s.theme.font,
    labelSize: 18,
    grid: { stroke: s.theme.grid, width: 1 },
    ticks: { stroke: s.theme.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : values(v))),
  });
  const perEpoch = s.specs.map((spec) => spec.metric !== 'batchRaw' && spec.metric !== 'batchSmooth');

  return {
    width: s.width,
    height: s.height,
    // No drag-zoom: the data is replaced many times a second, which would reset it anyway.
    cursor: {
      drag: { x: false, y: false, setScale: false },
      // Hovering one chart shows the same epoch on the other.
      sync: { key: SYNC_KEY, scales: ['x', null] },
      // A per-epoch curve has a value every few thousand rows: read the nearest one instead of a gap.
      dataIdx: (u, seriesIdx, idx) =>
        perEpoch[seriesIdx - 1] ? nearestDefined(u.data[0] as number[], u.data[seriesIdx] as (number | null)[], idx) ?? idx : idx,
    },
    legend: { show: s.specs.length > 1, live: true },
    scales: {
      x: { time: false, range: (u, min) => [Math.min(0, min ?? 0), s.xMax()] },
      y: s.kind === 'accuracy'
        ? { range: [0, 1] }
        : { distr: s.log ? 3 : 1, ...(s.log ? {} : { range: (u, min, max) => linearRange(min, max) }) },
    },
    axes: [{ ...axis(s.xLabel, fmtX), size: 28, labelGap: 0 }, { ...axis(s.yLabel, fmtY), size: 52 }],
    series: [
      { label: s.xLabel, value: (_u, v) => (v == null ? '—' : fmtX(v)) },
      ...s.specs.map((spec, i): uPlot.Series => ({
        label: s.labels[i],
        spanGaps: true,
        value: (_u, v) => (v == null ? '—' : fmtY(v)),
        ...curveStyle(spec, s.theme),
      })),
    ],
  };
}

/**
 * The linear loss axis: from 0 (a loss is rarely negative, and 0 is where it is heading) to a
 * little above the highest value; uPlot's own padding when there is nothing to draw yet.
 */
function linearRange(min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min == null || max == null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const lo = Math.min(0, min);
  const hi = max > lo ? max + (max - lo) * 0.05 : lo + 1;
  return [lo, hi];
}
