/**
 * One ridge plot of the distributions panel: a canvas sized to its box at the device's pixel
 * ratio, the newest histogram's statistics under it, and a PNG export (UI.md: every chart can be
 * exported, as PNG or SVG).
 *
 * A run streams up to twenty updates a second; drawing is therefore coalesced to at most once
 * per animation frame, whatever triggered it (new data, a resize, a theme or language switch).
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useLocale } from '../../../i18n';
import { drawRidges, themeColours } from './drawRidges';
import { formatTick, formatValue } from './format';
import type { SeriesPoint } from './series';
import { prepareCanvas } from '../canvas';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { ridgeHistograms, svgDocument } from '../../Export/svg';

export interface RidgePlotProps {
  /** testid of the canvas (`dist-weights`, `dist-activations`, `dist-gradients`). */
  readonly testId: string;
  /** testid of the statistics line. */
  readonly statsTestId: string;
  /** Heading above the plot; may hold a control (the parameter picker). */
  readonly title: React.ReactNode;
  /** The histograms, oldest first. */
  readonly series: readonly SeriesPoint[];
  /** The run's version: the plot redraws when it changes. */
  readonly version: number;
  /** Accessible description of the canvas. */
  readonly ariaLabel: string;
  /** File name of the PNG / SVG export, without extension. */
  readonly exportName: string;
  /** Shown instead of the plot when there is nothing to draw. */
  readonly emptyText: string;
}

/** Statistics of one histogram, formatted for the locale. */
function Stats({ point, testId }: { point: SeriesPoint; testId: string }) {
  const { t, locale } = useLocale();
  const { hist } = point;
  const num = (v: number) => formatValue(v, locale);
  return (
    <div className="dw-dist-stats" data-testid={testId} data-mean={hist.mean} data-std={hist.std}
      data-min={hist.min} data-max={hist.max} data-nonfinite={hist.nonFinite}>
      <span>{t('panel.distributions.min')} <b>{num(hist.min)}</b></span>
      <span>{t('panel.distributions.max')} <b>{num(hist.max)}</b></span>
      <span>{t('panel.distributions.mean')} <b>{num(hist.mean)}</b></span>
      <span>{t('panel.distributions.std')} <b>{num(hist.std)}</b></span>
      <span className="dw-muted">{t('panel.distributions.count', { count: hist.count })}</span>
      {hist.nonFinite > 0 && (
        <div className="dw-dist-warning" role="alert" data-testid={`${testId}-nonfinite`}>
          {t('panel.distributions.nonFinite', { count: hist.nonFinite })}
        </div>
      )}
    </div>
  );
}

/** A titled ridge plot with its statistics; redraws on `version`, size, theme and language. */
export function RidgePlot(props: RidgePlotProps) {
  const { t, locale } = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef(0);
  // The draw callback runs in a later frame; it reads the newest props and texts from here
  // rather than capturing the ones of the render that scheduled it.
  const latest = useRef({ series: props.series, t, locale });
  useLayoutEffect(() => {
    latest.current = { series: props.series, t, locale };
  });

  const draw = useCallback(() => {
    const el = canvas.current;
    const area = box.current;
    if (!el || !area) return;
    const { series, t: tr, locale: loc } = latest.current;
    const width = area.clientWidth;
    const height = area.clientHeight;
    const ctx = prepareCanvas(el, width, height);
    if (!ctx) return;
    drawRidges(ctx, {
      width, height, series, colours: themeColours(el),
      formatTick: (v, step) => formatTick(v, step, loc),
      epochLabel: (n) => tr('panel.distributions.epoch', { n }),
      axisLabel: tr('panel.distributions.axis'),
    });
  }, []);

  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      draw();
    });
  }, [draw]);

  const empty = props.series.length === 0;
  useEffect(schedule, [schedule, props.version, props.series, locale, empty]);

  useEffect(() => {
    const area = box.current;
    const observer = new ResizeObserver(schedule);
    if (area) observer.observe(area);
    const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    dark?.addEventListener('change', schedule);
    return () => {
      observer.disconnect();
      dark?.removeEventListener('change', schedule);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [schedule]);

  // Export: the canvas as it is (PNG), or the histograms drawn again as bars from their counts (SVG).
  const svgOf = () => {
    const el = canvas.current;
    if (!el || props.series.length === 0) return null;
    const theme = svgTheme(el);
    const figure = ridgeHistograms({
      title: props.ariaLabel, xLabel: t('panel.distributions.axis'), color: themeColours(el).accent, theme,
      width: Math.max(320, box.current?.clientWidth ?? 0), height: Math.max(200, box.current?.clientHeight ?? 0),
      format: (v, step) => formatTick(v, step, locale),
      series: props.series.map((p) => ({ label: t('panel.distributions.epoch', { n: p.epoch }), hist: p.hist })),
    });
    return svgDocument([figure], { title: props.ariaLabel, theme });
  };

  const newest = props.series[props.series.length - 1];
  return (
    <figure className="dw-dist-plot">
      <figcaption className="dw-dist-plot-head">
        <span className="dw-dist-plot-title">{props.title}</span>
        <FigureExport name={props.exportName} png={() => canvas.current} svg={svgOf} disabled={empty} testId={`${props.testId}-export`} />
      </figcaption>
      <div className="dw-dist-canvas" ref={box}>
        {/* The canvas stays mounted while empty so its size observer keeps working. */}
        <canvas ref={canvas} data-testid={props.testId} role="img" aria-label={props.ariaLabel}
          data-histograms={props.series.length} hidden={empty} />
        {empty && <div className="dw-dist-empty">{props.emptyText}</div>}
      </div>
      {newest ? <Stats point={newest} testId={props.statsTestId} /> : <div className="dw-dist-stats" />}
    </figure>
  );
}
