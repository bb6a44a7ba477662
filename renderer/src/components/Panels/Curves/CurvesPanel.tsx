/**
 * The curves panel: loss and accuracy of the live run, side by side, with past runs chosen in
 * the runs panel drawn over them, muted and dashed.
 *
 * The run streams in about twenty times a second and its batch losses can reach 50,000 points,
 * so the charts are built once per set of curves (log axis, overlays, task, theme, language) and
 * a streaming update only replaces their data with `setData`, at most once per animation frame.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import 'uplot/dist/uPlot.min.css';
import { useLocale } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { useTraining } from '../../../store/trainingStore';
import { isActive, type LiveRun } from '../../../training/liveRun';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { uplotChart } from '../../Export/figures';
import { lineChart, svgDocument } from '../../Export/svg';
import { formatMetric, formatPercent } from '../Runs/runsFormat';
import { chartOptions, readTheme, type ChartTheme } from './chartOptions';
import {
  accuracyCurves, buildColumns, curvesKey, latestAttributes, lossCurves, runLabel, xMax,
  type CurveSpec, type OverlayCurves,
} from './curvesData';
import { composeCharts } from './exportPng';
import { useColorScheme } from './useColorScheme';
import { useUplot } from './useUplot';
import './Curves.css';

const SMOOTHING_KEY = 'deepwire.curves.smoothing';
const LOG_KEY = 'deepwire.curves.log';

function savedSmoothing(): number {
  const raw = globalThis.localStorage?.getItem(SMOOTHING_KEY);
  const v = raw === null || raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 && v <= 0.99 ? v : 0.6;
}

/** The curves panel (a tab of the panels strip). */
export function CurvesPanel() {
  const { t } = useLocale();
  const run = useTraining((s) => s.run);
  const overlays = useOverlays(run?.runId);
  if (!run && overlays.length === 0) {
    return <div className="dw-panel-empty" data-testid="panel-curves">{t('panel.curves.empty')}</div>;
  }
  return <CurvesView run={run} overlays={overlays} />;
}

/** The past runs to draw: those ticked in the runs panel, found in the history, not the live one. */
function useOverlays(liveId: string | undefined): OverlayCurves[] {
  const { t, locale } = useLocale();
  const ids = useTraining((s) => s.overlay);
  const records = useEditor((s) => s.runs);
  return useMemo(() => {
    const lr = (value: string) => t('panel.curves.lr', { value });
    return ids.flatMap((id) => {
      const r = id === liveId ? undefined : records.find((x) => x.id === id);
      return r ? [{ id, label: runLabel(r, locale, lr), epochs: r.epochs }] : [];
    });
    // `t` is a new function each render but only changes meaning with `locale`.
  }, [ids, records, liveId, locale]);
}

function CurvesView({ run, overlays }: { run: LiveRun | null; overlays: OverlayCurves[] }) {
  const { t, locale } = useLocale();
  const scheme = useColorScheme();
  const [smoothing, setSmoothing] = useState(savedSmoothing);
  const [log, setLog] = useState(() => globalThis.localStorage?.getItem(LOG_KEY) === '1');
  useEffect(() => globalThis.localStorage?.setItem(SMOOTHING_KEY, String(smoothing)), [smoothing]);
  useEffect(() => globalThis.localStorage?.setItem(LOG_KEY, log ? '1' : '0'), [log]);

  const root = useRef<HTMLDivElement>(null);
  const lossHost = useRef<HTMLDivElement>(null);
  const accHost = useRef<HTMLDivElement>(null);

  const hasValidation = (run?.info?.validationSamples ?? 0) > 0;
  const classification = run?.info?.task === 'classification';
  const accLive = classification ? run : null;
  const lossSpecs = lossCurves(run, hasValidation, overlays);
  const accSpecs = accuracyCurves(accLive, hasValidation, overlays);
  // A past run's curves are named by the run; the chart's axis already says loss or accuracy.
  const labelOf = (spec: CurveSpec) => {
    if (spec.run < 0) return t(`panel.curves.series.${spec.metric}`);
    const series = t(spec.metric === 'valLoss' || spec.metric === 'valAccuracy' ? 'panel.curves.overlayVal' : 'panel.curves.overlayTrain');
    return t('panel.curves.overlaySeries', { run: overlays[spec.run].label, series });
  };
  const common = `${scheme}|${locale}|${overlays.map((o) => o.label).join('|')}`;
  const lossKey = `${curvesKey(lossSpecs)}|${log}|${common}`;
  const accKey = `${curvesKey(accSpecs)}|${common}`;

  // Everything a redraw reads, current as of the last render (the redraw runs in a later frame).
  const latest = useRef({ run, accLive, overlays, lossSpecs, accSpecs, smoothing, log, xMax: 1 });
  useLayoutEffect(() => {
    latest.current = { ...latest.current, run, accLive, overlays, lossSpecs, accSpecs, smoothing, log };
  });
  const lossData = useCallback(() => {
    const s = latest.current;
    s.xMax = xMax(s.run?.info?.epochs ?? 0, s.run, s.overlays);
    return buildColumns(s.lossSpecs, s.run, s.overlays, { smoothing: s.smoothing, log: s.log });
  }, []);
  const accData = useCallback(() => {
    const s = latest.current;
    return buildColumns(s.accSpecs, s.accLive, s.overlays, { smoothing: 0, log: false });
  }, []);

  const themeOf = (): ChartTheme | null => (root.current ? readTheme(root.current) : null);
  const xAxisEnd = () => latest.current.xMax;
  const lossChart = useUplot(lossHost, lossKey, (width, height) => {
    const theme = themeOf();
    return theme && lossSpecs.length ? chartOptions({
      kind: 'loss', specs: lossSpecs, labels: lossSpecs.map(labelOf), xLabel: t('panel.curves.epochAxis'),
      yLabel: t('panel.curves.lossAxis'), log, locale, theme, width, height, xMax: xAxisEnd,
    }) : null;
  }, lossData);
  const accChart = useUplot(accHost, accKey, (width, height) => {
    const theme = themeOf();
    return theme && accSpecs.length ? chartOptions({
      kind: 'accuracy', specs: accSpecs, labels: accSpecs.map(labelOf), xLabel: t('panel.curves.epochAxis'),
      yLabel: t('panel.curves.accuracyAxis'), log: false, locale, theme, width, height, xMax: xAxisEnd,
    }) : null;
  }, accData);

  // New data: one redraw in the next frame, however many updates arrive before it.
  const frame = useRef(0);
  useEffect(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      lossChart.current?.setData(lossData());
      accChart.current?.setData(accData());
    });
  }, [run, overlays, smoothing, log, lossChart, accChart, lossData, accData]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Export: both charts with their legends (PNG), or drawn again as vectors from their data (SVG).
  const charts = () => [lossChart.current, accChart.current].filter((u) => u !== null);
  const pngOf = () => {
    const shown = charts();
    if (!shown.length || !root.current) return null;
    const theme = readTheme(root.current);
    return composeCharts(shown, getComputedStyle(root.current).getPropertyValue('--dw-panel').trim() || '#fff', theme.fg, theme.font);
  };
  const svgOf = () => {
    const shown = charts();
    if (!shown.length || !root.current) return null;
    const theme = svgTheme(root.current);
    const fmt = (v: number) => formatMetric(v, locale);
    const figures = shown.map((u) => lineChart(uplotChart(u, {
      formatX: fmt, formatY: u === accChart.current ? (v: number) => formatPercent(v, locale) : fmt, theme,
    })));
    return svgDocument(figures, { title: t('panel.curves.title'), theme });
  };

  const accNote = accSpecs.length ? null
    : run && !run.info ? '' // the task is not known until the run starts
      : run && classification ? t('panel.curves.waitingAccuracy') : t('panel.curves.noAccuracy');

  return (
    <div className="dw-curves" data-testid="panel-curves" ref={root}>
      <div className="dw-curves-controls">
        <label title={t('panel.curves.smoothingHint')}>
          {t('panel.curves.smoothing')}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} data-testid="curves-smoothing"
            onChange={(e) => setSmoothing(Number(e.currentTarget.value))} />
          <output>{formatMetric(smoothing, locale)}</output>
        </label>
        <label title={t('panel.curves.logHint')}>
          <input type="checkbox" checked={log} data-testid="curves-log" onChange={(e) => setLog(e.currentTarget.checked)} />
          {t('panel.curves.log')}
        </label>
        <span className="spacer" />
        <FigureExport name="curves" png={pngOf} svg={svgOf} testId="curves-export" />
      </div>
      <div className="dw-curves-charts">
        <div className="dw-curves-cell" data-testid="curves-loss"><div className="dw-curves-host" ref={lossHost} /></div>
        <div className="dw-curves-cell" data-testid="curves-accuracy">
          <div className="dw-curves-host" ref={accHost} />
          {accNote !== null && <p className="dw-curves-note">{accNote}</p>}
        </div>
      </div>
      {run && <LatestLine run={run} />}
    </div>
  );
}

/** "epoch 12 · loss 0.0312 · accuracy 98.4% · …", with the raw numbers as data-* attributes. */
function LatestLine({ run }: { run: LiveRun }) {
  const { t, locale } = useLocale();
  const last = run.epochs[run.epochs.length - 1];
  const parts: string[] = [];
  if (last) {
    parts.push(t('panel.curves.latest.epoch', { n: last.epoch }), t('panel.curves.latest.loss', { value: formatMetric(last.loss, locale) }));
    if (last.accuracy !== undefined) parts.push(t('panel.curves.latest.accuracy', { value: formatPercent(last.accuracy, locale) }));
    if (last.valLoss !== undefined) parts.push(t('panel.curves.latest.valLoss', { value: formatMetric(last.valLoss, locale) }));
    if (last.valAccuracy !== undefined) parts.push(t('panel.curves.latest.valAccuracy', { value: formatPercent(last.valAccuracy, locale) }));
  }
  const text = last ? parts.join(' · ') : isActive(run) ? t('panel.curves.waiting') : '';
  return <div className="dw-curves-latest" data-testid="curves-latest" {...latestAttributes(last)}>{text}</div>;
}
