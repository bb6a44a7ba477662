/**
 * The SVG writer behind every chart's "SVG" export: real vector drawings built from the numbers
 * the panels draw (polylines for curves, rects for histograms and grids), never a picture of the
 * screen. Strings in, strings out, no DOM: the tests read the output directly.
 *
 * A `Figure` is a drawing of a known size (its markup drawn from 0,0); `svgDocument` places
 * figures side by side in one file.
 */
import { niceTicks, pickEvenly, rebin, ridgeLayout, sharedRange, tickStep, xOf, type Hist } from '../Panels/Distributions/ridges';

/** A drawing of `width` × `height` (user units = CSS pixels), its markup relative to its top-left. */
export interface Figure {
  readonly width: number;
  readonly height: number;
  readonly body: string;
}

/** The colours and font a figure is drawn with (the panel's theme at export time). */
export interface SvgTheme {
  readonly background: string;
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  readonly fontFamily: string;
}

export const DEFAULT_THEME: SvgTheme = {
  background: '#ffffff', fg: '#1e2328', muted: '#6b7280', grid: '#d9dce1',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif',
};

/** Formats a tick value given the step between ticks (in the user's locale). */
export type TickFormat = (value: number, step: number) => string;

const plainFormat: TickFormat = (v, step) => {
  const digits = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return v.toFixed(digits);
};

const FONT_SIZE = 11;
/** Clip paths need ids unique within a file; a counter keeps them so across figures. */
let clipIds = 0;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside XML content and attribute values (characters XML 1.0 forbids are dropped). */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** A coordinate: at most two decimals, never an exponent (SVG readers differ on those), no "-0". */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return (Object.is(r, -0) ? 0 : r).toFixed(2).replace(/\.?0+$/, '');
}

/**
 * About how wide `text` is at `size` px in a sans-serif font: Hangul and other wide characters
 * a full em, spaces a third, the rest a little over half. SVG has no text measuring without a
 * DOM; legends only need their rows not to overlap.
 */
export function textWidth(text: string, size = FONT_SIZE): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60);
    em += wide ? 1 : ch === ' ' ? 0.3 : 0.58;
  }
  return em * size;
}

/** The room a figure's bold 12 px title needs, margins included (0 without a title). */
function titleRoom(title: string | undefined): number {
  return title ? Math.ceil(textWidth(title, 12) * 1.1) + 24 : 0;
}

/** An attribute list from a record, skipping undefined values. */
function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v as string)}"`)
    .join('');
}

/** `<text>` with escaped content. */
export function text(x: number, y: number, content: string, a: Record<string, string | number | undefined> = {}): string {
  return `<text${attrs({ x, y, ...a })}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra: Record<string, string | number | undefined> = {}): string {
  return `<line${attrs({ x1, y1, x2, y2, stroke, ...extra })}/>`;
}

/** A standalone SVG file holding `figures` left to right on `theme.background`, with a title for screen readers and file browsers. */
export function svgDocument(figures: readonly Figure[], options: { title?: string; theme?: Partial<SvgTheme>; gap?: number } = {}): string {
  const theme = { ...DEFAULT_THEME, ...options.theme };
  const gap = options.gap ?? 16;
  const width = Math.max(1, figures.reduce((w, f) => w + f.width, 0) + gap * Math.max(0, figures.length - 1));
  const height = Math.max(1, ...figures.map((f) => f.height));
  let x = 0;
  const parts = figures.map((f) => {
    const g = `<g transform="translate(${num(x)} 0)">${f.body}</g>`;
    x += f.width + gap;
    return g;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height, viewBox: `0 0 ${num(width)} ${num(height)}`, 'font-family': theme.fontFamily, 'font-size': FONT_SIZE })}>`,
    options.title ? `<title>${escapeXml(options.title)}</title>` : '',
    `<rect${attrs({ width, height, fill: theme.background })}/>`,
    ...parts,
    '</svg>',
    '',
  ].filter((s) => s !== '').join('\n');
}

// ---------------------------------------------------------------------------------------------
// Axes

/** Ticks of a linear or logarithmic axis and how to print them. */
interface AxisTicks {
  readonly values: number[];
  readonly step: number;
}

function linearTicks(lo: number, hi: number, maxTicks: number): AxisTicks {
  if (!(hi > lo)) return { values: [lo], step: Math.abs(lo) || 1 };
  return { values: niceTicks(lo, hi, maxTicks), step: tickStep(lo, hi, maxTicks) };
}

/** Powers of ten inside [lo, hi] (lo > 0); 2× and 5× too when the range spans less than two decades. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const dense = b - a <= 2;
  for (let k = a; k <= b; k++) {
    for (const m of dense ? [1, 2, 5] : [1]) {
      const v = m * 10 ** k;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Line charts

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  /** Stroke dash pattern, e.g. [7, 4]. */
  readonly dash?: readonly number[];
  readonly width?: number;
  readonly opacity?: number;
  /** Dots on each point (per-epoch curves; a one-point curve is otherwise invisible). */
  readonly markers?: boolean;
  /** x, y pairs in drawing order; non-finite ones are left out and the line joins across. */
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChart {
  readonly title?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  readonly width?: number;
  readonly height?: number;
  /** A logarithmic y axis (values ≤ 0 are left out). */
  readonly logY?: boolean;
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  readonly formatX?: TickFormat;
  readonly formatY?: TickFormat;
  /** The legend shows when there is more than one series, or when this is true. */
  readonly legend?: boolean;
  readonly theme?: Partial<SvgTheme>;
}

const LEGEND_ROW = 16;
const SWATCH = 18;

/** Legend entries in rows that fit `width`: the x offset of each entry, per row. */
export function legendRows(labels: readonly string[], width: number): { index: number; x: number }[][] {
  const rows: { index: number; x: number }[][] = [[]];
  let x = 0;
  labels.forEach((label, index) => {
    const w = SWATCH + 6 + textWidth(label) + 16;
    if (x > 0 && x + w > width) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push({ index, x });
    x += w;
  });
  return rows;
}

/** The finite points of a series (positive y only on a log axis). */
function usablePoints(s: LineSeries, logY: boolean): (readonly [number, number])[] {
  return s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0));
}

function extent(values: readonly number[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A line chart: title, grid, axes with ticks and labels, one `<polyline>` per series (its
 * label in a `<title>` child), and a legend under the plot when more than one series shows.
 */
export function lineChart(c: LineChart): Figure {
  const theme = { ...DEFAULT_THEME, ...c.theme };
  const width = Math.max(c.width ?? 480, titleRoom(c.title) + 62);
  const logY = !!c.logY;
  const pts = c.series.map((s) => usablePoints(s, logY));
  const showLegend = c.legend ?? c.series.length > 1;
  const rows = showLegend ? legendRows(c.series.map((s) => s.label), width - 16) : [];
  const legendHeight = rows.length ? rows.length * LEGEND_ROW + 6 : 0;
  const height = (c.height ?? 300) + legendHeight;

  const left = 62;
  const right = width - 14;
  const top = c.title ? 28 : 12;
  const bottom = height - 40 - legendHeight;

  const xs = extent(pts.flatMap((p) => p.map(([x]) => x)));
  const ys = extent(pts.flatMap((p) => p.map(([, y]) => y)));
  let [x0, x1] = c.xRange ?? xs ?? [0, 1];
  if (!(x1 > x0)) [x0, x1] = [x0 - 0.5, x0 + 0.5];
  let [y0, y1] = c.yRange ?? ys ?? (logY ? [0.1, 1] : [0, 1]);
  if (logY) {
    y0 = Math.max(y0, Number.MIN_VALUE);
    if (!(y1 > y0)) [y0, y1] = [y0 / 2, y0 * 2];
  } else if (!c.yRange) {
    // As the panel draws a loss: from 0 (or below, if something is) to a little above the top.
    y0 = Math.min(0, y0);
    y1 = y1 > y0 ? y1 + (y1 - y0) * 0.05 : y0 + 1;
  } else if (!(y1 > y0)) {
    [y0, y1] = [y0 - 0.5, y0 + 0.5];
  }

  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (right - left);
  const ly = (y: number) => (logY ? Math.log10(y) : y);
  const py = (y: number) => bottom - ((ly(y) - ly(y0)) / (ly(y1) - ly(y0))) * (bottom - top);

  const formatX = c.formatX ?? plainFormat;
  const formatY = c.formatY ?? plainFormat;
  const xt = linearTicks(x0, x1, Math.max(2, Math.floor((right - left) / 70) + 1));
  const yt: AxisTicks = logY ? { values: logTicks(y0, y1), step: 0 } : linearTicks(y0, y1, Math.max(2, Math.floor((bottom - top) / 36) + 1));

  const out: string[] = [];
  if (c.title) out.push(text(left, 16, c.title, { fill: theme.fg, 'font-size': 12, 'font-weight': '600' }));
  // Grid, then the axes over it.
  out.push(`<g class="grid"${attrs({ stroke: theme.grid, 'stroke-width': 1 })}>`);
  for (const v of xt.values) out.push(line(px(v), top, px(v), bottom, theme.grid));
  for (const v of yt.values) out.push(line(left, py(v), right, py(v), theme.grid));
  out.push('</g>');
  out.push(`<g class="axis x"${attrs({ fill: theme.muted, 'text-anchor': 'middle' })}>`);
  out.push(line(left, bottom, right, bottom, theme.muted));
  for (const v of xt.values) {
    out.push(line(px(v), bottom, px(v), bottom + 4, theme.muted));
    out.push(text(px(v), bottom + 15, formatX(v, xt.step)));
  }
  out.push(text((left + right) / 2, bottom + 32, c.xLabel, { fill: theme.fg, class: 'label' }));
  out.push('</g>');
  out.push(`<g class="axis y"${attrs({ fill: theme.muted, 'text-anchor': 'end' })}>`);
  out.push(line(left, top, left, bottom, theme.muted));
  for (const v of yt.values) {
    out.push(line(left - 4, py(v), left, py(v), theme.muted));
    out.push(text(left - 6, py(v) + 4, formatY(v, logY ? v : yt.step)));
  }
  const midY = (top + bottom) / 2;
  out.push(text(14, midY, c.yLabel, { fill: theme.fg, class: 'label', 'text-anchor': 'middle', transform: `rotate(-90 14 ${num(midY)})` }));
  out.push('</g>');

  // The curves, clipped to the plot (a fixed range may cut a curve off).
  const clip = `plot-${++clipIds}`;
  out.push(`<clipPath id="${clip}"><rect${attrs({ x: left, y: top, width: right - left, height: bottom - top })}/></clipPath>`);
  out.push(`<g class="series" clip-path="url(#${clip})" fill="none">`);
  c.series.forEach((s, i) => {
    const p = pts[i];
    if (p.length === 0) return;
    const style = {
      stroke: s.color, 'stroke-width': s.width ?? 1.5, 'stroke-opacity': s.opacity,
      'stroke-dasharray': s.dash?.length ? s.dash.join(' ') : undefined, 'stroke-linejoin': 'round',
    };
    out.push(`<polyline${attrs({ ...style, 'data-label': s.label, points: p.map(([x, y]) => `${num(px(x))},${num(py(y))}`).join(' ') })}><title>${escapeXml(s.label)}</title></polyline>`);
    if (s.markers || p.length === 1) {
      out.push(`<g${attrs({ fill: s.color, 'fill-opacity': s.opacity })}>`);
      for (const [x, y] of p) out.push(`<circle${attrs({ cx: px(x), cy: py(y), r: 2.5 })}/>`);
      out.push('</g>');
    }
  });
  out.push('</g>');

  if (rows.length) {
    out.push(`<g class="legend"${attrs({ fill: theme.fg })}>`);
    rows.forEach((row, r) => {
      const y = height - legendHeight + r * LEGEND_ROW + LEGEND_ROW / 2;
      for (const { index, x } of row) {
        const s = c.series[index];
        const x0 = 8 + x;
        out.push(line(x0, y, x0 + SWATCH, y, s.color, { 'stroke-width': 2, 'stroke-dasharray': s.dash?.length ? s.dash.join(' ') : undefined }));
        out.push(text(x0 + SWATCH + 6, y + 4, s.label));
      }
    });
    out.push('</g>');
  }
  return { width, height, body: out.join('') };
}

// ---------------------------------------------------------------------------------------------
// Rect grids (heat maps, images)

/**
 * One `<rect>` per run of equal colours along each row of a `cols` × `rows` grid of CSS colours
 * (`colorAt(col, row)`), cells `cell` units wide, drawn from (x, y). Merging runs keeps an image
 * of flat regions small; `null` leaves a cell empty.
 */
export function cellRects(cols: number, rows: number, colorAt: (col: number, row: number) => string | null, x: number, y: number, cellW: number, cellH = cellW): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let c = 0;
    while (c < cols) {
      const color = colorAt(c, r);
      let end = c + 1;
      while (end < cols && colorAt(end, r) === color) end++;
      // A hair of overlap hides the seams some renderers leave between touching rects.
      if (color !== null) out.push(`<rect${attrs({ x: x + c * cellW, y: y + r * cellH, width: (end - c) * cellW + 0.3, height: cellH + 0.3, fill: color })}/>`);
      c = end;
    }
  }
  return out.join('');
}

/** `rgb(r g b)` of the pixel at `i` of RGBA bytes (alpha dropped: the figures are opaque). */
export function rgbAt(rgba: ArrayLike<number>, i: number): string {
  return `rgb(${rgba[4 * i]},${rgba[4 * i + 1]},${rgba[4 * i + 2]})`;
}

export interface Heatmap {
  readonly title?: string;
  /** Row headings (top to bottom) and column headings (left to right). */
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** What the rows and columns are ("True", "Predicted"). */
  readonly rowTitle: string;
  readonly colTitle: string;
  /** The cell's fill and text, row-major. */
  readonly fill: (row: number, col: number) => string;
  readonly label: (row: number, col: number) => string;
  /** Dark cells get light text. */
  readonly strong?: (row: number, col: number) => boolean;
  readonly cell?: number;
  readonly theme?: Partial<SvgTheme>;
}

/** A labelled grid of coloured cells with a value in each (a confusion matrix). */
export function heatmap(h: Heatmap): Figure {
  const theme = { ...DEFAULT_THEME, ...h.theme };
  const rows = h.rowLabels.length;
  const cols = h.colLabels.length;
  const labelW = Math.max(...h.rowLabels.map((l) => textWidth(l)), 10) + 12;
  const cell = h.cell ?? Math.max(28, Math.min(56, Math.ceil(Math.max(...h.colLabels.map((l) => textWidth(l)), ...Array.from({ length: rows * cols }, (_, i) => textWidth(h.label(Math.floor(i / cols), i % cols))))) + 12));
  const left = 22 + labelW;
  const top = (h.title ? 26 : 6) + 34;
  const width = Math.max(left + cols * cell + 10, titleRoom(h.title));
  const height = top + rows * cell + 10;
  const out: string[] = [];
  if (h.title) out.push(text(8, 16, h.title, { fill: theme.fg, 'font-size': 12, 'font-weight': '600' }));
  out.push(text(left + (cols * cell) / 2, top - 22, h.colTitle, { fill: theme.muted, 'text-anchor': 'middle' }));
  const midY = top + (rows * cell) / 2;
  out.push(text(12, midY, h.rowTitle, { fill: theme.muted, 'text-anchor': 'middle', transform: `rotate(-90 12 ${num(midY)})` }));
  out.push(`<g class="cols"${attrs({ fill: theme.fg, 'text-anchor': 'middle', 'font-weight': '600' })}>`);
  h.colLabels.forEach((l, c) => out.push(text(left + (c + 0.5) * cell, top - 6, l)));
  out.push('</g>');
  out.push(`<g class="rows"${attrs({ fill: theme.fg, 'text-anchor': 'end', 'font-weight': '600' })}>`);
  h.rowLabels.forEach((l, r) => out.push(text(left - 6, top + (r + 0.5) * cell + 4, l)));
  out.push('</g>');
  out.push(`<g class="cells"${attrs({ stroke: theme.grid, 'stroke-width': 1 })}>`);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out.push(`<rect${attrs({ x: left + c * cell, y: top + r * cell, width: cell, height: cell, fill: h.fill(r, c), 'data-row': r, 'data-col': c })}/>`);
    }
  }
  out.push('</g>');
  out.push(`<g class="values"${attrs({ 'text-anchor': 'middle' })}>`);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out.push(text(left + (c + 0.5) * cell, top + (r + 0.5) * cell + 4, h.label(r, c), { fill: h.strong?.(r, c) ? '#ffffff' : theme.fg }));
    }
  }
  out.push('</g>');
  return { width, height, body: out.join('') };
}

// ---------------------------------------------------------------------------------------------
// Scatter over a grid (the decision boundary)

export interface GridPlot {
  readonly title?: string;
  /** Side of the plot area in user units. */
  readonly size: number;
  /** `cols` × `rows` cells over the plot, row 0 at the top; a CSS colour per cell. */
  readonly grid?: { readonly cols: number; readonly rows: number; readonly colorAt: (col: number, row: number) => string };
  readonly points: readonly { readonly x: number; readonly y: number; readonly fill: string; readonly stroke: string }[];
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly format?: TickFormat;
  /** Class swatches and names, drawn at the right. */
  readonly legend?: readonly { readonly label: string; readonly color: string }[];
  readonly theme?: Partial<SvgTheme>;
}

/** Cells as rects, points as circles, axes with ticks: the decision-boundary plot. */
export function gridPlot(p: GridPlot): Figure {
  const theme = { ...DEFAULT_THEME, ...p.theme };
  const left = 48;
  const top = p.title ? 28 : 10;
  const size = p.size;
  const legendW = p.legend?.length ? Math.max(...p.legend.map((l) => textWidth(l.label))) + 40 : 0;
  const width = Math.max(left + size + 12 + legendW, titleRoom(p.title) + left);
  const height = top + size + 44;
  const [x0, x1] = p.xRange;
  const [y0, y1] = p.yRange;
  const px = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * size;
  const py = (y: number) => top + size - ((y - y0) / (y1 - y0 || 1)) * size;
  const format = p.format ?? plainFormat;
  const out: string[] = [];
  if (p.title) out.push(text(left, 16, p.title, { fill: theme.fg, 'font-size': 12, 'font-weight': '600' }));
  if (p.grid) {
    const { cols, rows, colorAt } = p.grid;
    out.push(`<g class="grid-cells" shape-rendering="crispEdges">${cellRects(cols, rows, colorAt, left, top, size / cols, size / rows)}</g>`);
  }
  const clip = `grid-${++clipIds}`;
  out.push(`<clipPath id="${clip}"><rect${attrs({ x: left, y: top, width: size, height: size })}/></clipPath>`);
  out.push(`<g class="points" clip-path="url(#${clip})" stroke-width="1">`);
  for (const q of p.points) out.push(`<circle${attrs({ cx: px(q.x), cy: py(q.y), r: p.points.length > 800 ? 2.5 : 3.5, fill: q.fill, stroke: q.stroke })}/>`);
  out.push('</g>');
  out.push(`<rect${attrs({ x: left, y: top, width: size, height: size, fill: 'none', stroke: theme.grid })}/>`);
  const maxTicks = Math.max(2, Math.floor(size / 50));
  const xt = linearTicks(x0, x1, maxTicks);
  const yt = linearTicks(y0, y1, maxTicks);
  out.push(`<g class="axis x"${attrs({ fill: theme.muted, 'text-anchor': 'middle' })}>`);
  for (const v of xt.values) {
    out.push(line(px(v), top + size, px(v), top + size + 4, theme.muted));
    out.push(text(px(v), top + size + 15, format(v, xt.step)));
  }
  out.push(text(left + size / 2, top + size + 34, p.xLabel, { fill: theme.fg }));
  out.push('</g>');
  out.push(`<g class="axis y"${attrs({ fill: theme.muted, 'text-anchor': 'end' })}>`);
  for (const v of yt.values) {
    out.push(line(left - 4, py(v), left, py(v), theme.muted));
    out.push(text(left - 6, py(v) + 4, format(v, yt.step)));
  }
  const midY = top + size / 2;
  out.push(text(12, midY, p.yLabel, { fill: theme.fg, 'text-anchor': 'middle', transform: `rotate(-90 12 ${num(midY)})` }));
  out.push('</g>');
  if (p.legend?.length) {
    out.push(`<g class="legend"${attrs({ fill: theme.fg })}>`);
    p.legend.forEach((l, i) => {
      const y = top + 8 + i * LEGEND_ROW;
      out.push(`<rect${attrs({ x: left + size + 14, y: y - 6, width: 12, height: 12, fill: l.color, stroke: theme.grid })}/>`);
      out.push(text(left + size + 32, y + 4, l.label));
    });
    out.push('</g>');
  }
  return { width, height, body: out.join('') };
}

// ---------------------------------------------------------------------------------------------
// Histograms over time (the distributions panel's ridges)

export interface RidgeHistograms {
  readonly title?: string;
  /** Oldest first; `label` names the ridge ("epoch 3"). */
  readonly series: readonly { readonly label: string; readonly hist: Hist }[];
  /** The value axis's caption. */
  readonly xLabel: string;
  readonly color: string;
  readonly width?: number;
  readonly height?: number;
  readonly format?: TickFormat;
  /** Most ridges drawn (evenly picked, always the oldest and the newest). */
  readonly maxRidges?: number;
  /** Bars per histogram on the shared axis. */
  readonly bins?: number;
  readonly theme?: Partial<SvgTheme>;
}

/**
 * Histograms on a shared value axis as bars (`<rect>`s), one row per histogram: the oldest at
 * the back, faint, the newest at the front, solid, as the panel draws them. Each row hides the
 * ones behind it with the background first, so the picture reads like the screen.
 */
export function ridgeHistograms(r: RidgeHistograms): Figure {
  const theme = { ...DEFAULT_THEME, ...r.theme };
  const width = Math.max(r.width ?? 480, titleRoom(r.title));
  const height = r.height ?? 280;
  const format = r.format ?? plainFormat;
  const out: string[] = [];
  const top = r.title ? 28 : 8;
  if (r.title) out.push(text(10, 16, r.title, { fill: theme.fg, 'font-size': 12, 'font-weight': '600' }));
  const axis = sharedRange(r.series.map((s) => s.hist));
  if (!axis) return { width, height, body: out.join('') };
  const labelW = Math.max(textWidth(r.xLabel), ...r.series.map((s) => textWidth(s.label)));
  const x0 = 10;
  const x1 = Math.max(x0 + 40, width - labelW - 16);
  const bottom = height - 24;
  const chosen = pickEvenly(r.series.length, r.maxRidges ?? 40);
  const layout = ridgeLayout(chosen.length, top, bottom);
  const bins = r.bins ?? 60;
  const dx = (x1 - x0) / bins;
  chosen.forEach((k, i) => {
    const values = rebin(r.series[k].hist, axis, bins);
    let peak = 0;
    for (const v of values) peak = Math.max(peak, v);
    const base = layout.baselines[i];
    const bars: string[] = [];
    const backs: string[] = [];
    values.forEach((v, j) => {
      if (!(v > 0) || !(peak > 0)) return;
      const h = (v / peak) * layout.height;
      const a = { x: x0 + j * dx, y: base - h, width: dx, height: h };
      backs.push(`<rect${attrs(a)}/>`);
      bars.push(`<rect${attrs(a)}/>`);
    });
    const newest = i === chosen.length - 1;
    out.push(`<g class="ridge"${attrs({ 'data-label': r.series[k].label, 'data-bins': bars.length })}>`);
    out.push(`<g${attrs({ fill: theme.background })}>${backs.join('')}</g>`);
    out.push(`<g${attrs({ fill: r.color, 'fill-opacity': layout.alphas[i] * (newest ? 0.55 : 0.35), stroke: newest ? r.color : undefined, 'stroke-width': newest ? 0.75 : undefined })}>${bars.join('')}</g>`);
    out.push('</g>');
  });
  // The value axis with round ticks, and a label on a few ridges.
  const maxTicks = Math.max(2, Math.floor((x1 - x0) / 70) + 1);
  const ticks = niceTicks(axis.lo, axis.hi, maxTicks);
  const step = tickStep(axis.lo, axis.hi, maxTicks);
  out.push(`<g class="axis x"${attrs({ fill: theme.muted, 'text-anchor': 'middle' })}>`);
  out.push(line(x0, bottom, x1, bottom, theme.grid));
  for (const v of ticks) {
    const x = xOf(v, axis, x0, x1);
    out.push(line(x, bottom, x, bottom + 4, theme.grid));
    out.push(text(x, bottom + 15, format(v, step)));
  }
  out.push(text(x1 + 8, bottom + 15, r.xLabel, { 'text-anchor': 'start' }));
  out.push('</g>');
  const labelled = pickEvenly(chosen.length, 5);
  out.push(`<g class="ridge-labels"${attrs({ fill: theme.muted })}>`);
  let lastY = Infinity;
  for (const i of [...labelled].reverse()) {
    const y = layout.baselines[i];
    if (lastY - y < 14) continue;
    out.push(text(x1 + 8, y, r.series[chosen[i]].label, i === chosen.length - 1 ? { fill: theme.fg } : {}));
    lastY = y;
  }
  out.push('</g>');
  return { width, height, body: out.join('') };
}

// ---------------------------------------------------------------------------------------------
// Colours and image grids

/** [r, g, b] of `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgb(r g b)`; null for anything else. */
export function parseColor(color: string): [number, number, number] | null {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/**
 * `share` (0–1) of colour `a` over `b`, as `rgb(…)`: CSS's color-mix, which an SVG file cannot
 * rely on. Colours it cannot read give `a` itself.
 */
export function mixColor(a: string, b: string, share: number): string {
  const ca = parseColor(a);
  const cb = parseColor(b);
  if (!ca || !cb) return a;
  const s = Math.min(1, Math.max(0, share));
  const m = ca.map((v, i) => Math.round(v * s + cb[i] * (1 - s)));
  return `rgb(${m[0]},${m[1]},${m[2]})`;
}

export interface ImageGrid {
  readonly title?: string;
  /** Each image: RGBA bytes, its size, a caption, and whether the caption is a mistake (shown in `errorColor`). */
  readonly images: readonly { readonly rgba: ArrayLike<number>; readonly width: number; readonly height: number; readonly caption: string; readonly wrong?: boolean }[];
  /** User units per image pixel. */
  readonly scale: number;
  readonly columns: number;
  readonly errorColor: string;
  readonly theme?: Partial<SvgTheme>;
}

/** Small images in a grid, each pixel a rect (runs of one colour merged), captions under them. */
export function imageGrid(g: ImageGrid): Figure {
  const theme = { ...DEFAULT_THEME, ...g.theme };
  const top = g.title ? 28 : 8;
  const cellW = Math.max(64, ...g.images.map((im) => im.width * g.scale), ...g.images.map((im) => textWidth(im.caption))) + 12;
  const cellH = Math.max(0, ...g.images.map((im) => im.height * g.scale)) + 24;
  const cols = Math.max(1, Math.min(g.columns, g.images.length));
  const rows = Math.ceil(g.images.length / cols);
  const width = Math.max(16 + cols * cellW, titleRoom(g.title));
  const height = top + rows * cellH + 8;
  const out: string[] = [];
  if (g.title) out.push(text(8, 16, g.title, { fill: theme.fg, 'font-size': 12, 'font-weight': '600' }));
  g.images.forEach((im, i) => {
    const x = 8 + (i % cols) * cellW + (cellW - im.width * g.scale) / 2;
    const y = top + Math.floor(i / cols) * cellH;
    out.push(`<g class="image" shape-rendering="crispEdges"${attrs({ 'data-caption': im.caption })}>`);
    out.push(cellRects(im.width, im.height, (c, r) => rgbAt(im.rgba, r * im.width + c), x, y, g.scale));
    out.push(`<rect${attrs({ x, y, width: im.width * g.scale, height: im.height * g.scale, fill: 'none', stroke: im.wrong ? g.errorColor : theme.grid })}/>`);
    out.push('</g>');
    out.push(text(x + (im.width * g.scale) / 2, y + im.height * g.scale + 15, im.caption, { 'text-anchor': 'middle', fill: im.wrong ? g.errorColor : theme.fg }));
  });
  return { width, height, body: out.join('') };
}
