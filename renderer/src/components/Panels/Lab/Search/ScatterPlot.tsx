/**
 * The search's scatter: one dot per trial at its two values (log axes for log-scale
 * parameters), coloured by validation accuracy with the scale drawn beside the plot, the best
 * trial ringed. Drawn on a canvas (the legend too, so an exported PNG says what the colours
 * mean); hovering a dot names the trial.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocale } from '../../../../i18n';
import { downloadCanvas } from '../../Curves/exportPng';
import { useColorScheme } from '../../Curves/useColorScheme';
import { formatPercent } from '../../Runs/runsFormat';
import { prepareCanvas, cssVar } from '../../canvas';
import {
  axisTicks, colourAt, colourDomain, layoutPoints, nearestPoint, toPixelX, toPixelY, type Rect, type ScatterAxis, type ScatterInput,
  type ScatterPoint,
} from './scatter';

/** One axis of the plot: what it shows and how its values read. */
export interface PlotAxis {
  readonly axis: ScatterAxis;
  readonly label: string;
  readonly format: (v: number) => string;
}

export interface ScatterPlotProps {
  readonly x: PlotAxis;
  readonly y: PlotAxis;
  readonly points: readonly ScatterInput[];
  /** Index of the best trial, ringed. */
  readonly best: number | null;
  /** What hovering a point says about trial `index`. */
  readonly describe: (index: number) => string;
}

const HEIGHT = 260;
const MARGIN = { left: 62, right: 70, top: 22, bottom: 42 };
const RADIUS = 4.5;

interface Theme { fg: string; muted: string; grid: string; bg: string; accent: string; font: string }

function readTheme(el: HTMLElement): Theme {
  const css = getComputedStyle(el);
  const v = cssVar(css);
  return {
    fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'), grid: v('--dw-border', '#d9dce1'),
    bg: v('--dw-panel', '#ffffff'), accent: v('--dw-accent', '#2f80ed'), font: `11px ${css.fontFamily || 'sans-serif'}`,
  };
}

/** The plot area inside a canvas of `width` CSS pixels. */
function plotRect(width: number): Rect {
  return { left: MARGIN.left, top: MARGIN.top, width: Math.max(40, width - MARGIN.left - MARGIN.right), height: HEIGHT - MARGIN.top - MARGIN.bottom };
}

interface Drawing {
  readonly x: PlotAxis;
  readonly y: PlotAxis;
  readonly points: readonly ScatterPoint[];
  readonly domain: readonly [number, number] | null;
  readonly theme: Theme;
  readonly legendTitle: string;
  readonly locale: string;
}

function draw(ctx: CanvasRenderingContext2D, width: number, d: Drawing): void {
  const { theme } = d;
  const rect = plotRect(width);
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, width, HEIGHT);
  ctx.font = theme.font;
  ctx.lineWidth = 1;

  // Grid and tick labels.
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of axisTicks(d.x.axis, Math.max(2, Math.floor(rect.width / 70)))) {
    const px = Math.round(toPixelX(v, d.x.axis, rect)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, rect.top);
    ctx.lineTo(px, rect.top + rect.height + 4);
    ctx.stroke();
    ctx.fillText(d.x.format(v), px, rect.top + rect.height + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of axisTicks(d.y.axis, 5)) {
    const py = Math.round(toPixelY(v, d.y.axis, rect)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(rect.left - 4, py);
    ctx.lineTo(rect.left + rect.width, py);
    ctx.stroke();
    ctx.fillText(d.y.format(v), rect.left - 6, py);
  }
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width, rect.height);

  // Axis titles.
  ctx.fillStyle = theme.fg;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(d.x.label, rect.left + rect.width / 2, HEIGHT - 4);
  ctx.save();
  ctx.translate(12, rect.top + rect.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(d.y.label, 0, 0);
  ctx.restore();

  // Points: unfinished hollow, then finished ones, the best last with a ring on top.
  const order = [...d.points].sort((a, b) => Number(a.colour !== null) - Number(b.colour !== null) || Number(a.best) - Number(b.best));
  ctx.save();
  ctx.beginPath();
  // Points at the ends of a range sit on the frame: clip a little outside it so they show whole.
  ctx.rect(rect.left - 10, rect.top - 10, rect.width + 20, rect.height + 20);
  ctx.clip();
  for (const p of order) {
    ctx.beginPath();
    ctx.arc(p.px, p.py, RADIUS, 0, Math.PI * 2);
    if (p.colour) {
      ctx.fillStyle = p.colour;
      ctx.fill();
      ctx.strokeStyle = theme.fg;
      ctx.globalAlpha = 0.5;
      ctx.stroke();
      ctx.globalAlpha = 1;
    } else {
      ctx.strokeStyle = theme.muted;
      ctx.stroke();
    }
    if (p.best) {
      ctx.beginPath();
      ctx.arc(p.px, p.py, RADIUS + 4, 0, Math.PI * 2);
      ctx.strokeStyle = theme.accent;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.lineWidth = 1;
    }
  }
  ctx.restore();

  // Colour legend: a vertical bar from the lowest accuracy (bottom) to the highest (top).
  const barX = rect.left + rect.width + 16;
  const barW = 10;
  // Its title sits above the plot's top edge, right-aligned, where there is room for it.
  ctx.fillStyle = theme.fg;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(d.legendTitle, width - 4, rect.top - 4, rect.width / 2 + MARGIN.right);
  const barTop = rect.top;
  const barH = rect.height;
  if (d.domain) {
    const steps = 32;
    for (let i = 0; i < steps; i++) {
      ctx.fillStyle = colourAt(1 - i / (steps - 1));
      ctx.fillRect(barX, barTop + (i * barH) / steps, barW, barH / steps + 1);
    }
    ctx.strokeStyle = theme.muted;
    ctx.strokeRect(barX + 0.5, barTop + 0.5, barW, barH);
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = 'middle';
    const [lo, hi] = d.domain;
    ctx.fillText(formatPercent(hi, d.locale), barX + barW + 4, barTop + 4);
    ctx.fillText(formatPercent((lo + hi) / 2, d.locale), barX + barW + 4, barTop + barH / 2);
    ctx.fillText(formatPercent(lo, d.locale), barX + barW + 4, barTop + barH - 4);
  }
}

export function ScatterPlot({ x, y, points, best, describe }: ScatterPlotProps) {
  const { t, locale } = useLocale();
  const scheme = useColorScheme();
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<ScatterPoint | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const fit = () => setWidth(Math.floor(el.clientWidth));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const domain = useMemo(() => colourDomain(points.flatMap((p) => (p.accuracy !== undefined ? [p.accuracy] : []))), [points]);
  // Laid out before the first measurement too, so data-points counts the trials from the start.
  const laidOut = useMemo(() => layoutPoints(points, x.axis, y.axis, plotRect(width), domain, best), [points, x.axis, y.axis, width, domain, best]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || width <= 0) return;
    c.style.width = `${width}px`;
    c.style.height = `${HEIGHT}px`;
    const ctx = prepareCanvas(c, width, HEIGHT);
    if (!ctx) return;
    draw(ctx, width, { x, y, points: laidOut, domain, theme: readTheme(c), legendTitle: t('lab.search.scatter.legend'), locale });
  }, [width, x, y, laidOut, domain, t, locale, scheme]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHover(nearestPoint(laidOut, e.clientX - r.left, e.clientY - r.top, 9));
  };

  const exportPng = () => {
    if (canvas.current) void downloadCanvas(canvas.current, 'deepwire-search.png');
  };

  return (
    <figure className="dw-search-scatter">
      <div className="dw-search-scatter-host" ref={host}>
        <canvas ref={canvas} data-testid="lab-search-scatter" data-points={laidOut.length} role="img"
          aria-label={t('lab.search.scatter.label', { x: x.label, y: y.label })}
          onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
        {hover && (
          <div className="dw-search-tip" style={{ left: hover.px + 10, top: hover.py + 10 }} data-testid="lab-search-tip">
            {describe(hover.index)}
          </div>
        )}
        {points.length === 0 && <p className="dw-search-scatter-empty">{t('lab.search.scatter.empty')}</p>}
      </div>
      <figcaption>
        <span className="dw-search-pending-key" aria-hidden="true" /> {t('lab.search.scatter.pending')}
        <span className="spacer" />
        <button type="button" onClick={exportPng} disabled={width <= 0} data-testid="lab-search-export">{t('lab.search.scatter.export')}</button>
      </figcaption>
    </figure>
  );
}
