/**
 * Paints one small histogram of the initialisation experiment (the course's "1-layer …
 * 5-layer" figures): the layer's name on top, the bars, the value axis with its ends (and
 * middle) ticked. A bar cut off at the top (ReLU's zeros) gets a notch so it does not read as
 * its true height. The geometry comes from histogramBars.ts.
 */
import { histTicks, histogramBars } from './histogramBars';

export interface HistColours {
  readonly fg: string;
  readonly muted: string;
  readonly border: string;
  readonly panel: string;
  readonly bar: string;
}

export interface HistDrawing {
  /** CSS pixels; the caller has scaled the context for the device pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly counts: ArrayLike<number>;
  readonly lo: number;
  readonly hi: number;
  /** The count at full height (shared by the row). */
  readonly peak: number;
  readonly title: string;
  readonly colours: HistColours;
  readonly formatTick: (v: number) => string;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif';
const TOP = 16;
const BOTTOM = 16;
const SIDE = 6;

/** Draws the histogram; returns how many bars it drew. */
export function drawHistogram(ctx: CanvasRenderingContext2D, d: HistDrawing): number {
  const { width, height, colours: c } = d;
  ctx.save();
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = c.panel;
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.fillStyle = c.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(d.title, width / 2, 2);

  const left = SIDE;
  const right = Math.max(left + 1, width - SIDE);
  const top = TOP;
  const bottom = Math.max(top + 1, height - BOTTOM);
  const bars = histogramBars(d.counts, d.peak, left, right, top, bottom);
  ctx.fillStyle = c.bar;
  for (const b of bars) ctx.fillRect(b.x + 0.5, b.y, Math.max(1, b.width - 1), b.height);
  ctx.strokeStyle = c.panel;
  ctx.lineWidth = 2;
  for (const b of bars) {
    if (!b.cut) continue;
    ctx.beginPath();
    ctx.moveTo(b.x, b.y + 6);
    ctx.lineTo(b.x + b.width, b.y + 3);
    ctx.stroke();
  }

  ctx.strokeStyle = c.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, bottom + 0.5);
  ctx.lineTo(right, bottom + 0.5);
  ctx.stroke();
  ctx.fillStyle = c.muted;
  const ticks = histTicks(d.lo, d.hi, right - left > 110);
  ticks.forEach((v, i) => {
    const x = left + ((v - d.lo) / (d.hi - d.lo || 1)) * (right - left);
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, bottom);
    ctx.lineTo(Math.round(x) + 0.5, bottom + 3);
    ctx.stroke();
    ctx.textAlign = i === 0 ? 'left' : i === ticks.length - 1 ? 'right' : 'center';
    ctx.fillText(d.formatTick(v), i === 0 ? left : i === ticks.length - 1 ? right : x, bottom + 4);
  });
  ctx.restore();
  return bars.length;
}
