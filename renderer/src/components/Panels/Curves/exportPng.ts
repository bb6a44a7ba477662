/**
 * "Export PNG": the charts side by side in one picture, each with its legend drawn underneath
 * (uPlot draws the plot and axes on a canvas but its legend is HTML, and a chart without its
 * legend would not say which line is which), saved as a download.
 */
import type uPlot from 'uplot';
import { tmsg } from '../../../i18n';
import { TextError } from '../../../i18n/TextError';
import { downloadBlob } from '../../Export/download';

const PAD = 12;
const LEGEND_ROW = 18;
const SWATCH = 18;

/** A series' colour as a CSS string (uPlot keeps strokes as functions once built). */
function strokeOf(u: uPlot, i: number, fallback: string): string {
  const s = u.series[i].stroke;
  const v = typeof s === 'function' ? s(u, i) : s;
  return typeof v === 'string' ? v : fallback;
}

/** The legend entries of a chart, laid out in rows that fit `width` (CSS pixels). */
function legendRows(ctx: CanvasRenderingContext2D, u: uPlot, width: number): { index: number; x: number }[][] {
  const rows: { index: number; x: number }[][] = [[]];
  let x = 0;
  for (let i = 1; i < u.series.length; i++) {
    const label = String(u.series[i].label ?? '');
    const w = SWATCH + 6 + ctx.measureText(label).width + 16;
    if (x > 0 && x + w > width) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push({ index: i, x });
    x += w;
  }
  return rows;
}

/**
 * One canvas holding every chart's canvas left to right on `background`, with legends in
 * `fg` text below each. Sizes are in the charts' device pixels so the export is as sharp as
 * the screen.
 */
export function composeCharts(charts: readonly uPlot[], background: string, fg: string, font: string): HTMLCanvasElement {
  const dpr = charts[0] ? charts[0].ctx.canvas.width / Math.max(1, charts[0].width) : 1;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new TextError(tmsg('app.png.noCanvas'));
  ctx.font = font;
  const layouts = charts.map((u) => (u.series.length > 2 ? legendRows(ctx, u, u.width) : []));
  const legendHeight = Math.max(0, ...layouts.map((rows) => rows.length * LEGEND_ROW));
  out.width = Math.ceil(charts.reduce((w, u) => w + u.ctx.canvas.width, 0) + PAD * dpr * (charts.length + 1));
  out.height = Math.ceil(Math.max(0, ...charts.map((u) => u.ctx.canvas.height)) + (legendHeight + PAD * 3) * dpr);

  // Resizing a canvas resets its state: set the font again.
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  let left = PAD * dpr;
  charts.forEach((u, c) => {
    ctx.drawImage(u.ctx.canvas, left, PAD * dpr);
    ctx.save();
    ctx.scale(dpr, dpr);
    ctx.font = font;
    ctx.textBaseline = 'middle';
    const top = PAD * 2 + u.ctx.canvas.height / dpr;
    layouts[c].forEach((row, r) => {
      for (const { index, x } of row) {
        const s = u.series[index];
        const y = top + r * LEGEND_ROW + LEGEND_ROW / 2;
        const x0 = left / dpr + x;
        ctx.strokeStyle = strokeOf(u, index, fg);
        ctx.lineWidth = 2;
        ctx.setLineDash(s.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(x0, y);
        ctx.lineTo(x0 + SWATCH, y);
        ctx.stroke();
        ctx.fillStyle = fg;
        ctx.fillText(String(s.label ?? ''), x0 + SWATCH + 6, y);
      }
    });
    ctx.restore();
    left += u.ctx.canvas.width + PAD * dpr;
  });
  return out;
}

/** Saves a canvas as a PNG download named `name`. */
export function downloadCanvas(canvas: HTMLCanvasElement, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new TextError(tmsg('app.png.encode')));
        return;
      }
      downloadBlob(name, blob);
      resolve();
    }, 'image/png');
  });
}
