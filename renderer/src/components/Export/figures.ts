/**
 * Each panel's chart as an SVG figure, built from the same numbers the panel draws: the curves
 * from their uPlot charts' data and styles, the runs from the project's history, the decision
 * boundary from its probability grid and points, the confusion matrix from its counts, the
 * predictions from their pixels. Pure functions of plain data (uPlot is read, not needed), so
 * they are tested without a browser.
 */
import type uPlot from 'uplot';
import type { project, protocol } from '../../../../engine';
import { boundaryPixels, cssColor, outlineFor, pointColor, type Rgb } from '../Panels/Boundary/boundaryImage';
import { imageToRgba } from '../Panels/Predictions/digitInput';
import { mixColor, rgbAt, type GridPlot, type Heatmap, type ImageGrid, type LineChart, type LineSeries, type SvgTheme, type TickFormat } from './svg';

/** The parts of a uPlot chart its SVG is built from. */
export type UplotLike = Pick<uPlot, 'data' | 'series' | 'scales' | 'axes' | 'width' | 'height'>;

function strokeOf(u: UplotLike, i: number, fallback: string): string {
  const s = u.series[i].stroke;
  const v = typeof s === 'function' ? s(u as uPlot, i) : s;
  return typeof v === 'string' ? v : fallback;
}

/** Whether uPlot draws dots on series `i` (a boolean in the options, a function once built). */
function showsPoints(u: UplotLike, i: number): boolean {
  const show = u.series[i].points?.show;
  if (typeof show !== 'function') return !!show;
  try {
    return !!(show as (u: uPlot, i: number) => unknown)(u as uPlot, i);
  } catch {
    return false;
  }
}

const finiteRange = (min: number | null | undefined, max: number | null | undefined): [number, number] | undefined =>
  min != null && max != null && Number.isFinite(min) && Number.isFinite(max) && max > min ? [min, max] : undefined;

/**
 * A uPlot chart as a line chart: each shown series a polyline through its non-null points, in
 * its colour, dash and width; the axes' labels and current ranges; a log y axis when uPlot's is.
 */
export function uplotChart(u: UplotLike, o: { title?: string; formatX: TickFormat; formatY: TickFormat; theme: SvgTheme }): LineChart {
  const xs = u.data[0] as ArrayLike<number>;
  const series: LineSeries[] = [];
  for (let i = 1; i < u.series.length; i++) {
    const s = u.series[i];
    if (s.show === false) continue;
    const ys = u.data[i] as ArrayLike<number | null | undefined>;
    const points: [number, number][] = [];
    for (let j = 0; j < xs.length; j++) {
      const y = ys[j];
      if (y != null) points.push([xs[j], y]);
    }
    series.push({
      label: String(s.label ?? ''), color: strokeOf(u, i, o.theme.fg), dash: s.dash, width: s.width, opacity: s.alpha,
      markers: showsPoints(u, i) && points.length <= 400, points,
    });
  }
  const x = u.scales.x ?? {};
  const y = u.scales.y ?? {};
  return {
    title: o.title, xLabel: String(u.axes[0]?.label ?? ''), yLabel: String(u.axes[1]?.label ?? ''), series,
    width: u.width, height: u.height, logY: y.distr === 3,
    xRange: finiteRange(x.min, x.max), yRange: finiteRange(y.min, y.max),
    formatX: o.formatX, formatY: o.formatY, theme: o.theme,
  };
}

/**
 * The project's runs compared: each run's training loss per epoch (solid) and its validation
 * loss (dashed, same colour) when it measured one, named by `labelOf`.
 */
export function runsChart(records: readonly project.RunRecord[], o: {
  title: string; xLabel: string; yLabel: string; labelOf: (r: project.RunRecord) => string; valLabel: (run: string) => string;
  colors: readonly string[]; formatX: TickFormat; formatY: TickFormat; theme: SvgTheme; width?: number; height?: number;
}): LineChart {
  const series: LineSeries[] = [];
  records.filter((r) => r.epochs.length > 0).forEach((r, k) => {
    const color = o.colors[k % o.colors.length];
    const label = o.labelOf(r);
    series.push({ label, color, width: 1.75, markers: r.epochs.length <= 60, points: r.epochs.map((e) => [e.epoch, e.loss] as const) });
    if (r.epochs.some((e) => e.valLoss !== undefined)) {
      series.push({
        label: o.valLabel(label), color, dash: [4, 3], width: 1.5,
        points: r.epochs.flatMap((e) => (e.valLoss === undefined ? [] : [[e.epoch, e.valLoss] as const])),
      });
    }
  });
  return {
    title: o.title, xLabel: o.xLabel, yLabel: o.yLabel, series, legend: series.length > 0, width: o.width ?? 640, height: o.height ?? 320,
    formatX: o.formatX, formatY: o.formatY, theme: o.theme,
  };
}

/** The decision boundary: the grid's cells coloured as the panel paints them, the training points over them. */
export function boundaryPlot(o: {
  title?: string; boundary: protocol.Boundary | null; points: NonNullable<protocol.RunStart['points']>; palette: readonly Rgb[];
  names: readonly string[]; xLabel: string; yLabel: string; format: TickFormat; theme: SvgTheme; size?: number;
}): GridPlot {
  const { xy, labels, xRange, yRange } = o.points;
  const count = Math.min(labels.length, Math.floor(xy.length / 2));
  const grid = o.boundary && o.boundary.probs.length >= o.boundary.resolution ** 2 * o.boundary.classes ? o.boundary : null;
  const pixels = grid ? boundaryPixels(grid, o.palette) : null;
  return {
    title: o.title, size: o.size ?? 360, xRange: [xRange[0], xRange[1]], yRange: [yRange[0], yRange[1]],
    xLabel: o.xLabel, yLabel: o.yLabel, format: o.format, theme: o.theme,
    grid: grid && pixels ? { cols: grid.resolution, rows: grid.resolution, colorAt: (c, r) => rgbAt(pixels, r * grid.resolution + c) } : undefined,
    points: Array.from({ length: count }, (_, i) => {
      const fill = pointColor(o.palette[labels[i] % o.palette.length]);
      return { x: xy[2 * i], y: xy[2 * i + 1], fill: cssColor(fill), stroke: outlineFor(fill) };
    }),
    legend: o.names.map((label, c) => ({ label, color: cssColor(o.palette[c % o.palette.length]) })),
  };
}

/**
 * A confusion matrix: a cell per (true, predicted) pair shaded by its share of the row — the
 * accent colour on the diagonal (right), the error colour elsewhere — with its count.
 */
export function confusionHeatmap(o: {
  title?: string; classes: number; counts: ArrayLike<number>; shares: ArrayLike<number>; labels: readonly string[];
  rowTitle: string; colTitle: string; accent: string; error: string; count: (n: number) => string; theme: SvgTheme;
}): Heatmap {
  const at = (r: number, c: number) => r * o.classes + c;
  return {
    title: o.title, rowLabels: o.labels, colLabels: o.labels, rowTitle: o.rowTitle, colTitle: o.colTitle, theme: o.theme,
    fill: (r, c) => mixColor(r === c ? o.accent : o.error, o.theme.background, o.shares[at(r, c)]),
    label: (r, c) => o.count(o.counts[at(r, c)]),
    strong: (r, c) => o.shares[at(r, c)] > 0.55,
  };
}

/** The predictions panel's samples: each image's pixels, "label → guess (p)" under it, mistakes in red. */
export function predictionsGrid(samples: protocol.Samples, o: {
  title?: string; caption: (label: number, predicted: number, confidence: number) => string; errorColor: string; theme: SvgTheme; columns?: number;
}): ImageGrid {
  const [height = 1, width = 1, channels = 1] = samples.shape;
  const size = height * width * channels;
  const count = Math.min(samples.labels.length, samples.predicted.length, Math.floor(samples.images.length / size));
  return {
    title: o.title, scale: Math.max(1, Math.floor(56 / Math.max(height, width))), columns: o.columns ?? 8, errorColor: o.errorColor, theme: o.theme,
    images: Array.from({ length: count }, (_, i) => ({
      rgba: imageToRgba(samples.images, width, height, channels, i * size), width, height,
      caption: o.caption(samples.labels[i], samples.predicted[i], samples.confidence[i]),
      wrong: samples.labels[i] !== samples.predicted[i],
    })),
  };
}
