/**
 * Paints one optimiser-paths plot on a 2-D canvas: the function's contours (filled bands or
 * lines), x and y axes with ticks, the minimum of the grid marked, and each path as a polyline
 * with a dot per step up to the animation's current step. The geometry comes from pathsView.ts;
 * this file only turns it into pixels. A legend is drawn inside the plot when several paths
 * share it, so an exported PNG still says which line is which.
 */
import { mixColour } from './colour';
import { MARGIN, axisTicks, makeScale, plotRect, pointsAtStep, type Band, type Bounds, type Rect } from './pathsView';

/** Theme colours, read from CSS variables (Paths.css, styles.css), so light and dark both work. */
export interface PlotColours {
  readonly fg: string;
  readonly muted: string;
  readonly border: string;
  readonly panel: string;
  /** Colour of the bands of the lowest values … */
  readonly low: string;
  /** … and of the highest. */
  readonly high: string;
  readonly line: string;
  readonly minimum: string;
}

export interface PlotPath {
  readonly label: string;
  readonly colour: string;
  readonly points: ArrayLike<number>;
}

export interface PathsDrawing {
  /** Size in CSS pixels (the caller has scaled the context for the device pixel ratio). */
  readonly width: number;
  readonly height: number;
  readonly bounds: Bounds;
  readonly bands: readonly Band[];
  readonly contourStyle: 'bands' | 'lines';
  readonly minimum: { x: number; y: number } | null;
  readonly start: readonly [number, number];
  readonly paths: readonly PlotPath[];
  /** Animation step: each path is drawn up to its point `step`. */
  readonly step: number;
  readonly colours: PlotColours;
  readonly formatTick: (value: number, step: number) => string;
  /** A title in the top-left corner (the optimiser's name in side-by-side view), or none. */
  readonly title?: string;
  readonly legend: boolean;
  readonly minimumLabel: string;
}

export const FONT = '11px system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif';
const TICK_GAP_X = 60;
const TICK_GAP_Y = 32;

function traceRing(ctx: CanvasRenderingContext2D, ring: Float64Array, sx: (v: number) => number, sy: (v: number) => number) {
  ctx.moveTo(sx(ring[0]), sy(ring[1]));
  for (let k = 2; k < ring.length; k += 2) ctx.lineTo(sx(ring[k]), sy(ring[k + 1]));
  ctx.closePath();
}

function drawContours(ctx: CanvasRenderingContext2D, d: PathsDrawing, r: Rect) {
  const s = makeScale(d.bounds, r);
  const n = d.bands.length;
  d.bands.forEach((band, i) => {
    ctx.beginPath();
    for (const ring of band.rings) traceRing(ctx, ring, s.x, s.y);
    if (d.contourStyle === 'bands') {
      // Shades spaced by rank, not by value: the levels are already spread over the values.
      ctx.fillStyle = mixColour(d.colours.low, d.colours.high, n > 1 ? i / (n - 1) : 0);
      // evenodd: a ring inside a ring is a hole (a saddle's other side), not more of the region.
      ctx.fill('evenodd');
    }
    if (i > 0) {
      // Lines on the bands too, faintly: they show the level sets where two shades are close.
      ctx.globalAlpha = d.contourStyle === 'bands' ? 0.35 : 1;
      ctx.strokeStyle = d.colours.line;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  });
}

function drawAxes(ctx: CanvasRenderingContext2D, d: PathsDrawing, r: Rect) {
  const s = makeScale(d.bounds, r);
  const c = d.colours;
  ctx.strokeStyle = c.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(r.left + 0.5, r.top + 0.5, r.right - r.left - 1, r.bottom - r.top - 1);
  ctx.fillStyle = c.muted;
  ctx.font = FONT;

  const xs = axisTicks(d.bounds.x0, d.bounds.x1, r.right - r.left, TICK_GAP_X);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of xs.ticks) {
    const x = Math.round(s.x(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, r.bottom);
    ctx.lineTo(x, r.bottom + 4);
    ctx.stroke();
    ctx.fillText(d.formatTick(v, xs.step), x, r.bottom + 6);
  }
  ctx.fillText('x', (r.left + r.right) / 2, r.bottom + 19);

  const ys = axisTicks(d.bounds.y0, d.bounds.y1, r.bottom - r.top, TICK_GAP_Y);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ys.ticks) {
    const y = Math.round(s.y(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(r.left - 4, y);
    ctx.lineTo(r.left, y);
    ctx.stroke();
    ctx.fillText(d.formatTick(v, ys.step), r.left - 6, y);
  }
  ctx.save();
  ctx.translate(8, (r.top + r.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('y', 0, 0);
  ctx.restore();
}

/** A path up to `step`: the polyline, a small dot per point, a larger one at its current end. */
function drawPath(ctx: CanvasRenderingContext2D, p: PlotPath, step: number, sx: (v: number) => number, sy: (v: number) => number): number {
  const n = pointsAtStep(p.points, step);
  if (n === 0) return 0;
  ctx.strokeStyle = p.colour;
  ctx.fillStyle = p.colour;
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(sx(p.points[0]), sy(p.points[1]));
  for (let i = 1; i < n; i++) ctx.lineTo(sx(p.points[2 * i]), sy(p.points[2 * i + 1]));
  ctx.stroke();
  for (let i = 0; i < n; i++) {
    ctx.beginPath();
    ctx.arc(sx(p.points[2 * i]), sy(p.points[2 * i + 1]), i === n - 1 ? 4 : 2.2, 0, 2 * Math.PI);
    ctx.fill();
  }
  return n;
}

function drawLegend(ctx: CanvasRenderingContext2D, d: PathsDrawing, r: Rect) {
  ctx.font = FONT;
  const row = 15;
  const width = Math.max(...d.paths.map((p) => ctx.measureText(p.label).width)) + 30;
  const height = d.paths.length * row + 6;
  const x = r.right - width - 6;
  const y = r.top + 6;
  ctx.globalAlpha = 0.88;
  ctx.fillStyle = d.colours.panel;
  ctx.fillRect(x, y, width, height);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = d.colours.border;
  ctx.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  d.paths.forEach((p, i) => {
    const cy = y + 3 + row * i + row / 2;
    ctx.strokeStyle = p.colour;
    ctx.fillStyle = p.colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x + 6, cy);
    ctx.lineTo(x + 20, cy);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x + 13, cy, 2.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = d.colours.fg;
    ctx.fillText(p.label, x + 24, cy);
  });
}

/** Draws the plot; returns how many path points it drew (for the e2e tests' data-points). */
export function drawPathsPlot(ctx: CanvasRenderingContext2D, d: PathsDrawing): number {
  const { width, height, colours: c } = d;
  ctx.save();
  ctx.clearRect(0, 0, width, height);
  // Opaque, so the exported PNG looks as it does on screen whatever the viewer's background.
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, width, height);
  if (width < MARGIN.left + MARGIN.right + 20 || height < MARGIN.top + MARGIN.bottom + 20) {
    ctx.restore();
    return 0;
  }
  const r = plotRect(width, height);
  const s = makeScale(d.bounds, r);

  ctx.save();
  ctx.beginPath();
  ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
  ctx.clip();
  drawContours(ctx, d, r);

  if (d.minimum) {
    const mx = s.x(d.minimum.x);
    const my = s.y(d.minimum.y);
    ctx.strokeStyle = c.minimum;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(mx - 6, my - 6);
    ctx.lineTo(mx + 6, my + 6);
    ctx.moveTo(mx - 6, my + 6);
    ctx.lineTo(mx + 6, my - 6);
    ctx.stroke();
    ctx.fillStyle = c.minimum;
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(d.minimumLabel, mx + 7, my - 3);
  }

  // The start, as a ring every path leaves from.
  ctx.strokeStyle = c.fg;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(s.x(d.start[0]), s.y(d.start[1]), 6, 0, 2 * Math.PI);
  ctx.stroke();

  let drawn = 0;
  for (const p of d.paths) drawn += drawPath(ctx, p, d.step, s.x, s.y);
  ctx.restore();

  drawAxes(ctx, d, r);
  if (d.title) {
    ctx.font = `600 ${FONT}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillStyle = c.fg;
    ctx.fillText(d.title, r.left + 6, r.top + 5);
  }
  if (d.legend && d.paths.length > 1) drawLegend(ctx, d, r);
  ctx.restore();
  return drawn;
}
