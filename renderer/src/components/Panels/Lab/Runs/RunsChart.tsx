/**
 * The lab's overlaid-runs chart: a batch's runs on one uPlot chart, x = epoch, one colour per
 * run, training curves solid and validation curves dashed, a legend with the runs' labels, and
 * an export to PNG. Shared by the lab's run experiments (and the search and paired-run views).
 *
 * The chart is built once per set of curves (runs' labels, metric, theme, language); a run
 * streaming in only replaces its data with `setData`, at most once per animation frame.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { errorText, tmsg, useLocale } from '../../../../i18n';
import type { LabRun } from '../../../../lab/runner';
import { showToast } from '../../../Toast/Toast';
import { composeCharts, downloadCanvas } from '../../Curves/exportPng';
import { nearestDefined } from '../../Curves/curvesData';
import { useColorScheme } from '../../Curves/useColorScheme';
import { useUplot } from '../../Curves/useUplot';
import { formatMetric, formatPercent } from '../../Runs/runsFormat';
import { plannedEpochs } from './labResults';
import { countPoints, isAccuracyMetric, runColumns, runCurves, runsXMax, type RunCurve, type RunsMetric } from './runsChartData';
import './Runs.css';
import { cssVar } from '../../canvas';

export type { RunsMetric } from './runsChartData';

export interface RunsChartProps {
  readonly runs: readonly LabRun[];
  readonly metric: RunsMetric;
  /** The PNG's file name (default 'lab-runs.png'). */
  readonly fileName?: string;
}

/** The colours of the runs, from the --dw-lab-run-N variables (Runs.css), cycled. */
function readColors(el: HTMLElement): { runs: string[]; fg: string; muted: string; grid: string; bg: string; font: string } {
  const css = getComputedStyle(el);
  const v = cssVar(css);
  const runs: string[] = [];
  for (let i = 0; i < 12; i++) {
    const c = css.getPropertyValue(`--dw-lab-run-${i}`).trim();
    if (!c) break;
    runs.push(c);
  }
  return {
    runs: runs.length ? runs : ['#2f80ed'], fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'),
    grid: v('--dw-border', '#d9dce1'), bg: v('--dw-panel', '#ffffff'), font: `11px ${css.fontFamily || 'sans-serif'}`,
  };
}

/** The batch's runs overlaid on one chart (data-testid 'lab-chart'). */
export function RunsChart({ runs, metric, fileName = 'lab-runs.png' }: RunsChartProps) {
  const { t, locale } = useLocale();
  const scheme = useColorScheme();
  const root = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);

  const curves = useMemo(() => runCurves(runs.length, metric), [runs.length, metric]);
  const labels = runs.map((r) => r.spec.label);
  const epochs = runs.map((r) => r.run.epochs);
  const columns = runColumns(curves, epochs);
  const points = countPoints(columns);
  const accuracy = isAccuracyMetric(metric);
  const curveLabel = (c: RunCurve) => {
    const run = labels[c.run] ?? '';
    if (metric !== 'trainVsVal') return run;
    return t(c.dashed ? 'lab.runs.series.val' : 'lab.runs.series.train', { run });
  };
  const key = `${metric}|${scheme}|${locale}|${labels.join('\u0001')}`;

  const latest = useRef({ runs, curves });
  useLayoutEffect(() => {
    latest.current = { runs, curves };
  });
  const data = useCallback(() => {
    const s = latest.current;
    return runColumns(s.curves, s.runs.map((r) => r.run.epochs));
  }, []);
  const xEnd = () => {
    const s = latest.current;
    return runsXMax(s.runs.map(plannedEpochs), s.runs.map((r) => r.run.epochs));
  };

  const chart = useUplot(host, key, (width, height) => {
    if (!root.current || !curves.length) return null;
    const colors = readColors(root.current);
    const fmtY = accuracy ? (v: number) => formatPercent(v, locale) : (v: number) => formatMetric(v, locale);
    const fmtX = (v: number) => formatMetric(v, locale);
    const axis = (label: string, values: (v: number) => string): uPlot.Axis => ({
      label, stroke: colors.muted, font: colors.font, labelFont: colors.font, labelSize: 18,
      grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1, size: 4 },
      values: (_u, splits) => splits.map((v) => (v == null ? '' : values(v))),
    });
    const xLabel = t('lab.runs.axis.epoch');
    return {
      width, height,
      cursor: {
        drag: { x: false, y: false, setScale: false },
        // Runs end at different epochs: read the nearest value instead of a gap.
        dataIdx: (u, seriesIdx, idx) => nearestDefined(u.data[0] as number[], u.data[seriesIdx] as (number | null)[], idx, 50) ?? idx,
      },
      legend: { show: true, live: true },
      scales: {
        x: { time: false, range: () => [0, xEnd()] },
        y: accuracy ? { range: [0, 1] } : { range: (_u, min, max) => lossRange(min, max) },
      },
      axes: [
        { ...axis(xLabel, fmtX), size: 28, labelGap: 0 },
        { ...axis(t(accuracy ? 'lab.runs.axis.accuracy' : 'lab.runs.axis.loss'), fmtY), size: 52 },
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v == null ? '—' : fmtX(v)) },
        ...curves.map((c): uPlot.Series => {
          const stroke = colors.runs[c.run % colors.runs.length];
          return {
            label: curveLabel(c), stroke, width: c.dashed ? 1.5 : 2, spanGaps: true,
            ...(c.dashed ? { dash: [5, 4] } : {}),
            points: { show: true, size: 4, fill: stroke },
            value: (_u, v) => (v == null ? '—' : fmtY(v)),
          };
        }),
      ],
    };
  }, data);

  // New epochs: one redraw in the next frame, however many arrive before it.
  const frame = useRef(0);
  useEffect(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const u = chart.current;
      if (!u) return;
      const d = data();
      u.setData(d);
      // What the chart was last given to draw (the e2e tests read it).
      if (root.current) root.current.dataset.drawn = String(countPoints(d as Parameters<typeof countPoints>[0]));
    });
  }, [runs, chart, data]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onExport = () => {
    const u = chart.current;
    if (!u || !root.current) return;
    const fail = (e: unknown) => showToast(tmsg('lab.runs.exportFailed', { message: errorText(e) }), 'error');
    try {
      const colors = readColors(root.current);
      downloadCanvas(composeCharts([u], colors.bg, colors.fg, colors.font), fileName).catch(fail);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="dw-lab-chart" ref={root} data-testid="lab-chart" data-series={curves.length} data-points={points} data-metric={metric}>
      <div className="dw-lab-chart-cell">
        <div className="dw-lab-chart-host" ref={host} />
        {points === 0 && <p className="dw-lab-chart-note">{runs.length ? t('lab.runs.chartWaiting') : t('lab.runs.chartEmpty')}</p>}
      </div>
      <div className="dw-lab-chart-actions">
        <button type="button" data-testid="lab-chart-export" disabled={points === 0} onClick={onExport}>{t('lab.runs.export')}</button>
      </div>
    </div>
  );
}

/** A loss axis from 0 to a little above the highest value (uPlot's padding when empty). */
function lossRange(min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min == null || max == null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const lo = Math.min(0, min);
  return [lo, max > lo ? max + (max - lo) * 0.05 : lo + 1];
}
