/**
 * Paints the decision-boundary plot on a 2-D canvas: the probability grid, smoothly scaled up;
 * the training points over it; the axes with round ticks. The arithmetic lives in
 * boundaryImage.ts (tested); this file only issues canvas calls.
 */
import type { protocol } from '../../../../../engine';
import { boundaryPixels, cssColor, dataToPixel, niceTicks, outlineFor, pointColor, type PlotRect, type Rgb } from './boundaryImage';

/**
 * Space around the plot, in CSS pixels, for tick labels and axis names. Left + right equals
 * top + bottom, so a square canvas holds a square plot and the plane is not stretched.
 */
export const MARGIN = { left: 40, right: 8, top: 8, bottom: 40 } as const;

/** A point's radius in CSS pixels (Playground's size). */
const POINT_RADIUS = 3.5;

/** Above this many points they are drawn smaller, or the boundary disappears under them. */
const CROWDED = 800;

/** What one frame draws. */
export interface BoundaryScene {
  readonly boundary: protocol.Boundary | null;
  readonly points: NonNullable<protocol.RunStart['points']>;
  readonly palette: readonly Rgb[];
  /** The canvas's side in CSS pixels. */
  readonly size: number;
  readonly dpr: number;
  /** Formats a tick value with so many decimals (in the user's locale). */
  readonly format: (value: number, decimals: number) => string;
  readonly axisNames: readonly [string, string];
  /** Theme colours, read from the --dw-* variables. */
  readonly colors: { readonly fg: string; readonly muted: string; readonly border: string; readonly bg: string; readonly font: string };
}

/** Kept between frames so a stream of grids does not allocate on every one. */
export interface PaintCache {
  pixels?: Uint8ClampedArray<ArrayBuffer>;
  grid?: HTMLCanvasElement;
}

/** The plot's rectangle inside a canvas of `size` CSS pixels. */
export function plotRect(size: number): PlotRect {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, size - MARGIN.left - MARGIN.right),
    height: Math.max(1, size - MARGIN.top - MARGIN.bottom),
  };
}

/** Sizes the canvas's backing store for the screen's pixel ratio and paints the scene. */
export function paintBoundary(canvas: HTMLCanvasElement, scene: BoundaryScene, cache: PaintCache): void {
  const backing = Math.round(scene.size * scene.dpr);
  if (canvas.width !== backing) canvas.width = backing;
  if (canvas.height !== backing) canvas.height = backing;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(scene.dpr, 0, 0, scene.dpr, 0, 0);
  ctx.clearRect(0, 0, scene.size, scene.size);
  const rect = plotRect(scene.size);
  paintGrid(ctx, scene, rect, cache);
  paintPoints(ctx, scene, rect);
  paintAxes(ctx, scene, rect);
}

function paintGrid(ctx: CanvasRenderingContext2D, scene: BoundaryScene, rect: PlotRect, cache: PaintCache): void {
  const { boundary } = scene;
  if (!boundary) {
    ctx.fillStyle = scene.colors.bg;
    ctx.fillRect(rect.left, rect.top, rect.width, rect.height);
    return;
  }
  const res = boundary.resolution;
  cache.pixels = boundaryPixels(boundary, scene.palette, cache.pixels);
  cache.grid ??= document.createElement('canvas');
  const grid = cache.grid;
  if (grid.width !== res) grid.width = res;
  if (grid.height !== res) grid.height = res;
  grid.getContext('2d')?.putImageData(new ImageData(cache.pixels, res, res), 0, 0);
  // One image pixel per cell, scaled with smoothing: each cell's colour sits at its centre and
  // blends into its neighbours, as the probabilities themselves vary smoothly between centres.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(grid, rect.left, rect.top, rect.width, rect.height);
}

function paintPoints(ctx: CanvasRenderingContext2D, scene: BoundaryScene, rect: PlotRect): void {
  const { xy, labels, xRange, yRange } = scene.points;
  const count = Math.min(labels.length, Math.floor(xy.length / 2));
  const radius = count > CROWDED ? POINT_RADIUS * 0.7 : POINT_RADIUS;
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.left, rect.top, rect.width, rect.height);
  ctx.clip();
  ctx.lineWidth = 1;
  // One path per class: a few fills instead of one per point, twenty times a second.
  for (let c = 0; c < scene.palette.length; c++) {
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < count; i++) {
      if (labels[i] !== c) continue;
      const [px, py] = dataToPixel(xy[2 * i], xy[2 * i + 1], xRange, yRange, rect);
      ctx.moveTo(px + radius, py);
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      any = true;
    }
    if (!any) continue;
    const fill = pointColor(scene.palette[c]);
    ctx.fillStyle = cssColor(fill);
    ctx.strokeStyle = outlineFor(fill);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

function paintAxes(ctx: CanvasRenderingContext2D, scene: BoundaryScene, rect: PlotRect): void {
  const { xRange, yRange } = scene.points;
  const { colors } = scene;
  ctx.strokeStyle = colors.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(rect.left - 0.5, rect.top - 0.5, rect.width + 1, rect.height + 1);

  ctx.font = `10px ${colors.font}`;
  ctx.fillStyle = colors.muted;
  ctx.strokeStyle = colors.muted;
  const target = Math.max(2, Math.floor(rect.width / 50));
  const bottom = rect.top + rect.height;

  const xTicks = niceTicks(xRange[0], xRange[1], target);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const v of xTicks.values) {
    const [px] = dataToPixel(v, yRange[0], xRange, yRange, rect);
    ctx.moveTo(Math.round(px) + 0.5, bottom);
    ctx.lineTo(Math.round(px) + 0.5, bottom + 4);
    ctx.fillText(scene.format(v, xTicks.decimals), px, bottom + 6);
  }
  const yTicks = niceTicks(yRange[0], yRange[1], target);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks.values) {
    const [, py] = dataToPixel(xRange[0], v, xRange, yRange, rect);
    ctx.moveTo(rect.left - 4, Math.round(py) + 0.5);
    ctx.lineTo(rect.left, Math.round(py) + 0.5);
    ctx.fillText(scene.format(v, yTicks.decimals), rect.left - 6, py);
  }
  ctx.stroke();

  ctx.fillStyle = colors.fg;
  ctx.font = `11px ${colors.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(scene.axisNames[0], rect.left + rect.width / 2, scene.size - 2);
  ctx.save();
  ctx.translate(2, rect.top + rect.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'top';
  ctx.fillText(scene.axisNames[1], 0, 0);
  ctx.restore();
}
