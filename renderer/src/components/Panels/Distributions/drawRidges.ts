/**
 * Paints one offset ridge plot on a 2-D canvas: every histogram of a series as a filled curve on
 * a shared value axis, the oldest at the back (top, faint), the newest at the front (bottom,
 * solid), with value ticks below and epoch labels on the right. The geometry comes from
 * ridges.ts; this file only turns it into pixels.
 */
import { niceTicks, pickEvenly, rebin, ridgeLayout, ridgePoints, sharedRange, tickStep, xOf, type Hist } from './ridges';
import { cssVar } from '../canvas';

/** Colours of the theme, read from the CSS variables (styles.css) so light and dark both work. */
export interface RidgeColours {
  readonly fg: string;
  readonly muted: string;
  readonly border: string;
  readonly accent: string;
  readonly panel: string;
}

export interface RidgeDrawing {
  /** Size in CSS pixels (the caller has scaled the context for the device pixel ratio). */
  readonly width: number;
  readonly height: number;
  /** Oldest first. */
  readonly series: readonly { readonly epoch: number; readonly hist: Hist }[];
  readonly colours: RidgeColours;
  /** Formats a tick value, given the step between ticks, in the user's locale. */
  readonly formatTick: (value: number, step: number) => string;
  /** The label of a ridge from its epoch ("epoch 3"). */
  readonly epochLabel: (epoch: number) => string;
  /** The x axis's caption ("value"). */
  readonly axisLabel: string;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif';
/** Fewest pixels between ridge baselines before probes are skipped: closer ones are a smear. */
const MIN_RIDGE_STEP = 3;
/** Pixels per target bin: finer than this shows the source bins' steps, not more detail. */
const PX_PER_BIN = 4;
const MIN_TICK_GAP = 70;
const LABEL_GAP = 14;

/** The theme's colours as computed for `el` (the CSS variables of styles.css). */
export function themeColours(el: Element): RidgeColours {
  const css = getComputedStyle(el);
  const v = cssVar(css);
  return {
    fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'), border: v('--dw-border', '#d9dce1'),
    accent: v('--dw-accent', '#2f80ed'), panel: v('--dw-panel', '#ffffff'),
  };
}

/** Draws the plot; returns false (having drawn only the background) when there is nothing to show. */
export function drawRidges(ctx: CanvasRenderingContext2D, d: RidgeDrawing): boolean {
  const { width, height, colours: c } = d;
  ctx.save();
  ctx.clearRect(0, 0, width, height);
  // An opaque background: the newer ridges hide the older ones with it, and an exported PNG looks
  // as it does on screen whatever the viewer's background.
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, width, height);
  const hists = d.series.map((p) => p.hist);
  const axis = sharedRange(hists);
  if (!axis || width < 40 || height < 40) {
    ctx.restore();
    return false;
  }
  ctx.font = FONT;
  ctx.textBaseline = 'middle';

  const labelWidth = Math.max(...d.series.map((p) => ctx.measureText(d.epochLabel(p.epoch)).width), ctx.measureText(d.axisLabel).width);
  const x0 = 10;
  const x1 = Math.max(x0 + 20, width - labelWidth - 14);
  const top = 6;
  const bottom = height - 22;

  const chosen = pickEvenly(d.series.length, Math.max(1, Math.floor((bottom - top) / MIN_RIDGE_STEP)));
  const layout = ridgeLayout(chosen.length, top, bottom);
  const bins = Math.min(120, Math.max(8, Math.round((x1 - x0) / PX_PER_BIN)));

  chosen.forEach((k, i) => {
    const pts = ridgePoints(rebin(hists[k], axis, bins), x0, x1, layout.baselines[i], layout.height);
    ctx.beginPath();
    ctx.moveTo(pts[0], pts[1]);
    for (let j = 2; j < pts.length; j += 2) ctx.lineTo(pts[j], pts[j + 1]);
    ctx.closePath();
    ctx.globalAlpha = 1;
    ctx.fillStyle = c.panel;
    ctx.fill();
    const alpha = layout.alphas[i];
    ctx.globalAlpha = alpha * 0.35;
    ctx.fillStyle = c.accent;
    ctx.fill();
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = c.accent;
    ctx.lineWidth = i === chosen.length - 1 ? 1.5 : 1;
    ctx.stroke();
  });
  ctx.globalAlpha = 1;

  // The value axis.
  ctx.strokeStyle = c.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x0, bottom + 0.5);
  ctx.lineTo(x1, bottom + 0.5);
  ctx.stroke();
  const maxTicks = Math.max(2, Math.floor((x1 - x0) / MIN_TICK_GAP) + 1);
  const ticks = niceTicks(axis.lo, axis.hi, maxTicks);
  const step = tickStep(axis.lo, axis.hi, maxTicks);
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'center';
  for (const v of ticks) {
    const x = Math.round(xOf(v, axis, x0, x1)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + 4);
    ctx.stroke();
    const text = d.formatTick(v, step);
    const half = ctx.measureText(text).width / 2;
    // Kept off the canvas's left edge and off the axis caption on the right, even if that
    // nudges the first or last label a little off its tick.
    ctx.fillText(text, Math.min(x1 + 2 - half, Math.max(half + 1, x)), bottom + 13);
  }
  ctx.textAlign = 'left';
  ctx.fillText(d.axisLabel, x1 + 8, bottom + 13);

  // Epoch labels on a few ridges, newest first, one per epoch so probes of one epoch do not
  // repeat the same label.
  const room = Math.floor((layout.baselines[layout.baselines.length - 1] - layout.baselines[0]) / LABEL_GAP) + 1;
  const labelled = pickEvenly(chosen.length, Math.min(5, room)).reverse();
  let lastEpoch = NaN;
  let lastY = Infinity;
  for (const i of labelled) {
    const epoch = d.series[chosen[i]].epoch;
    const y = layout.baselines[i];
    if (epoch === lastEpoch || lastY - y < LABEL_GAP) continue;
    ctx.globalAlpha = Math.max(0.6, layout.alphas[i]);
    ctx.fillStyle = i === chosen.length - 1 ? c.fg : c.muted;
    ctx.fillText(d.epochLabel(epoch), x1 + 8, y - 1);
    lastEpoch = epoch;
    lastY = y;
  }
  ctx.restore();
  return true;
}
