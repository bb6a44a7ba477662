/**
 * The decision-boundary panel (TensorFlow Playground's picture): for a classifier of 2-D
 * points, the plane coloured by the class the network predicts at each place — paler where it
 * is unsure — with the training points on top, redrawn as the run streams in.
 *
 * The canvas is painted outside React: a store subscription schedules at most one paint per
 * animation frame when the run's `version` changes, so twenty updates a second cost twenty
 * paints and no re-renders. React renders only the frame around it (empty states, legend).
 */
import { useEffect, useMemo, useRef } from 'react';
import type { protocol } from '../../../../../engine';
import { useLocale } from '../../../i18n';
import { useTraining } from '../../../store/trainingStore';
import { isActive } from '../../../training/liveRun';
import { classPalette, cssColor, pointColor } from './boundaryImage';
import { MARGIN, paintBoundary, type PaintCache } from './paintBoundary';
import { useElementSize } from './useElementSize';
import './Boundary.css';
import { cssVar } from '../canvas';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { boundaryPlot } from '../../Export/figures';
import { gridPlot, svgDocument } from '../../Export/svg';

/** Width kept for the legend beside the plot (CSS px, with the gap). */
const SIDE_WIDTH = 200;
/** The plot never shrinks below this; the panel scrolls instead. */
const MIN_SIZE = 160;

/** The decision-boundary tab: empty states, or the live plot of the current run. */
export function BoundaryPanel() {
  const { t } = useLocale();
  const runId = useTraining((s) => s.run?.runId ?? null);
  const info = useTraining((s) => s.run?.info ?? null);
  const ended = useTraining((s) => !!s.run && !isActive(s.run));

  if (runId === null) return <Empty state="none" text={t('panel.boundary.noRun')} />;
  if (!info) return <Empty state="starting" text={ended ? t('panel.boundary.noUpdate') : t('panel.boundary.starting')} />;
  if (info.task !== 'classification') return <Empty state="unsupported" text={t('panel.boundary.regression')} />;
  if (!info.points) {
    return <Empty state="unsupported" text={t('panel.boundary.notPoints', { shape: `[${info.featureShape.join(', ')}]` })} />;
  }
  // A new run starts with a fresh plot (and a fresh count of grids drawn).
  return <BoundaryPlot key={runId} info={info} points={info.points} />;
}

function Empty({ state, text }: { readonly state: string; readonly text: string }) {
  return <div className="dw-panel-empty dw-boundary-empty" data-testid="panel-boundary" data-state={state}>{text}</div>;
}

interface PlotProps {
  readonly info: protocol.RunStart;
  readonly points: NonNullable<protocol.RunStart['points']>;
}

function BoundaryPlot({ info, points }: PlotProps) {
  const { t, locale } = useLocale();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const captionRef = useRef<HTMLSpanElement>(null);
  // Survive re-subscriptions (a resize), so redrawing the same grid is not counted as new.
  const drawn = useRef<{ grids: number; last: protocol.Boundary | null }>({ grids: 0, last: null });
  const box = useElementSize(rootRef);
  const size = Math.max(MIN_SIZE, Math.min(box.height, box.width - SIDE_WIDTH));
  const measured = box.width > 0;
  const hasBoundary = useTraining((s) => !!s.run?.boundary);
  const ended = useTraining((s) => !!s.run && !isActive(s.run));

  const classes = info.classes ?? points.labels.reduce((n, label) => Math.max(n, label + 1), 2);
  const palette = useMemo(() => classPalette(classes), [classes]);
  const names = useMemo(
    () => Array.from({ length: classes }, (_, c) => info.classNames?.[c] ?? t('panel.boundary.class', { n: c })),
    // Not `t`: it changes identity on every render; the locale is what changes its answers.
    [classes, info.classNames, locale],
  );

  // The paint reads the latest texts through a ref, so a language switch needs no resubscribe.
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !measured) return;
    const cache: PaintCache = {};
    const formats = new Map<number, Intl.NumberFormat>();
    const format = (v: number, decimals: number) => {
      let f = formats.get(decimals);
      if (!f) formats.set(decimals, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
      return f.format(v);
    };
    let frame = 0;
    let paintedVersion = -1;

    const paint = () => {
      frame = 0;
      const run = useTraining.getState().run;
      if (!run) return;
      paintedVersion = run.version;
      const style = getComputedStyle(canvas);
      const css = cssVar(style);
      paintBoundary(canvas, {
        boundary: run.boundary, points, palette, size, dpr: window.devicePixelRatio || 1, format,
        axisNames: [tRef.current('panel.boundary.axisX'), tRef.current('panel.boundary.axisY')],
        colors: {
          fg: css('--dw-fg', '#1e2328'), muted: css('--dw-muted', '#6b7280'), border: css('--dw-border', '#d9dce1'),
          bg: css('--dw-bg', '#f7f7f9'), font: style.fontFamily || 'sans-serif',
        },
      }, cache);
      if (run.boundary && run.boundary !== drawn.current.last) {
        drawn.current.last = run.boundary;
        drawn.current.grids++;
        // For browser tests and the curious: how many grids this canvas has shown.
        canvas.dataset.updates = String(drawn.current.grids);
      }
      const caption = captionRef.current;
      const at = run.progress;
      if (caption) caption.textContent = at ? tRef.current('panel.boundary.epoch', { epoch: at.epoch, batch: at.batch, batches: at.batches }) : '';
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(paint);
    };
    schedule();
    const unsubscribe = useTraining.subscribe((s) => {
      if (s.run && s.run.version !== paintedVersion) schedule();
    });
    // The axes take their colours from the theme, which follows the system's at any moment.
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener('change', schedule);
    return () => {
      unsubscribe();
      scheme?.removeEventListener('change', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [points, palette, size, locale, measured]);

  // Export: the canvas (PNG), or the grid as rects and the points as circles (SVG).
  const svgOf = () => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    const theme = svgTheme(canvas);
    const format = (v: number, step: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) }).format(v);
    return svgDocument([gridPlot(boundaryPlot({
      boundary: useTraining.getState().run?.boundary ?? null, points, palette, names,
      xLabel: t('panel.boundary.axisX'), yLabel: t('panel.boundary.axisY'), format, theme, size: Math.max(240, size - MARGIN.left),
    }))], { title: t('panel.boundary.canvas'), theme });
  };

  const state = hasBoundary ? 'ready' : 'waiting';
  return (
    <div className="dw-boundary" ref={rootRef} data-testid="panel-boundary" data-state={state}>
      <div className="dw-boundary-plot" style={{ width: size, height: size }}>
        <canvas ref={canvasRef} data-testid="boundary-canvas" data-updates="0" style={{ width: size, height: size }}
          role="img" aria-label={t('panel.boundary.canvas')} />
        {!hasBoundary && (
          <div className="dw-boundary-overlay" data-testid="boundary-waiting">
            {ended ? t('panel.boundary.noUpdate') : t('panel.boundary.waiting')}
          </div>
        )}
      </div>
      <aside className="dw-boundary-side">
        <h3>{t('panel.boundary.legend')}</h3>
        <ul className="dw-boundary-legend" data-testid="boundary-legend">
          {names.map((name, c) => (
            <li key={c} data-class={c}>
              <span className="dw-boundary-swatch" aria-hidden
                style={{ background: cssColor(palette[c]), borderColor: cssColor(pointColor(palette[c])) }} />
              {name}
            </li>
          ))}
        </ul>
        <p className="dw-boundary-note">
          <span className="dw-boundary-fade" aria-hidden
            style={{ background: `linear-gradient(to right, ${cssColor(palette[0])}, #f6f7f8 50%, ${cssColor(palette[1 % palette.length])})` }} />
          {t('panel.boundary.shading')}
        </p>
        <p className="dw-boundary-note">{t('panel.boundary.points', { n: points.labels.length.toLocaleString(locale) })}</p>
        <p className="dw-boundary-note dw-boundary-caption"><span ref={captionRef} data-testid="boundary-caption" /></p>
        <FigureExport name="decision-boundary" png={() => canvasRef.current} svg={svgOf} disabled={!hasBoundary} testId="boundary-export" />
      </aside>
    </div>
  );
}
