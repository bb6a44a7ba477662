/**
 * The runs panel: the project's run history, newest first, with the run still training on top.
 * Each row says how the run was set up and how it ended, and a checkbox draws it over the live
 * curves (the training store's `overlay`), so runs can be compared by eye.
 */
import { useMemo, useRef } from 'react';
import type { project } from '../../../../../engine';
import { useLocale } from '../../../i18n';
import { LAB_EXPERIMENTS } from '../../../lab/labStore';
import { useEditor } from '../../../store/editorStore';
import { toRecord, useTraining } from '../../../store/trainingStore';
import { isActive, type RunStatus } from '../../../training/liveRun';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { runsChart } from '../../Export/figures';
import { lineChart, svgDocument } from '../../Export/svg';
import { cssColor, MANY_CLASS_COLORS } from '../Boundary/boundaryImage';
import { runLabel } from '../Curves/curvesData';
import {
  formatCount, formatDuration, formatLearningRate, formatMetric, formatPercent, formatStarted, labExperimentKey, newestFirst,
  optimizerName, summarize,
} from './runsFormat';
import './Runs.css';

const COLUMNS = ['status', 'name', 'started', 'epochs', 'optimizer', 'batchSize', 'seed', 'loss', 'valAccuracy', 'testAccuracy', 'duration'] as const;

/** The runs panel (a tab of the panels strip). */
export function RunsPanel() {
  const { t, locale } = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const records = useEditor((s) => s.runs);
  // Only the id: the live row subscribes to the run itself, so the table does not re-render
  // with every streamed update.
  const liveId = useTraining((s) => (s.run && isActive(s.run) ? s.run.runId : null));
  const sorted = useMemo(() => newestFirst(records), [records]);
  const showLive = liveId !== null && !records.some((r) => r.id === liveId);

  if (!sorted.length && !showLive) {
    return <div className="dw-panel-empty" data-testid="panel-runs"><span data-testid="runs-empty">{t('panel.runs.empty')}</span></div>;
  }
  // The figure compares the runs ticked for the curves, or else the ten latest, by their loss.
  const svgOf = () => {
    const ticked = new Set(useTraining.getState().overlay);
    const chosen = records.some((r) => ticked.has(r.id)) ? records.filter((r) => ticked.has(r.id)) : records.slice(-10);
    if (!root.current || !chosen.some((r) => r.epochs.length > 0)) return null;
    const theme = svgTheme(root.current);
    const fmt = (v: number) => formatMetric(v, locale);
    return svgDocument([lineChart(runsChart(chosen, {
      title: t('figure.runsTitle'), xLabel: t('panel.curves.epochAxis'), yLabel: t('panel.curves.lossAxis'),
      labelOf: (r) => runLabel(r, locale, (value) => t('panel.curves.lr', { value })),
      valLabel: (run) => t('panel.curves.overlaySeries', { run, series: t('panel.curves.overlayVal') }),
      colors: MANY_CLASS_COLORS.map(cssColor), formatX: fmt, formatY: fmt, theme,
    }))], { title: t('figure.runsTitle'), theme });
  };

  return (
    <div className="dw-runs" data-testid="panel-runs" ref={root}>
      <div className="dw-runs-bar">
        <FigureExport name="runs" svg={svgOf} disabled={!records.some((r) => r.epochs.length > 0)} testId="runs-export" />
      </div>
      <table className="dw-runs-table" data-testid="runs-list">
        <thead>
          <tr>
            <th className="dw-runs-check"><span className="dw-runs-sr">{t('panel.runs.overlay')}</span></th>
            {COLUMNS.map((c) => <th key={c} className={`col-${c}`}>{t(`panel.runs.col.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {showLive && <LiveRow />}
          {sorted.map((r) => <RecordRow key={r.id} record={r} />)}
        </tbody>
      </table>
    </div>
  );
}

/** The run still training, summarised the way it will be recorded. */
function LiveRow() {
  const run = useTraining((s) => s.run);
  // toRecord copies the epochs; there are few (one per epoch), so per update this is cheap.
  const record = useMemo(() => (run ? toRecord(run) : null), [run]);
  if (!run || !record) return null;
  return <RunRow record={record} status={run.status} live />;
}

function RecordRow({ record }: { record: project.RunRecord }) {
  return <RunRow record={record} status={record.status} live={false} />;
}

function RunRow({ record, status, live }: { record: project.RunRecord; status: RunStatus; live: boolean }) {
  const { t, locale } = useLocale();
  const checked = useTraining((s) => s.overlay.includes(record.id));
  const current = useTraining((s) => s.run?.runId === record.id);
  const toggle = useTraining((s) => s.toggleOverlay);
  const sum = summarize(record);
  const { settings } = record;
  const dash = '—';
  const optimizer = [
    settings.optimizer ? optimizerName(settings.optimizer, locale) : null,
    settings.learningRate !== undefined ? t('panel.runs.lr', { value: formatLearningRate(settings.learningRate, locale) }) : null,
  ].filter((p) => p !== null).join(' · ') || dash;
  const labKey = record.lab ? labExperimentKey(record.lab.experiment, LAB_EXPERIMENTS) : null;
  const experiment = record.lab ? (labKey ? t(labKey) : record.lab.experiment) : null;
  const hint = live ? t('panel.runs.overlayLive') : current ? t('panel.runs.overlayCurrent') : t('panel.runs.overlay');

  return (
    <tr data-testid="run-row" data-run-id={record.id} data-status={status} className={live ? 'live' : undefined}>
      <td className="dw-runs-check">
        <input type="checkbox" data-testid="run-overlay" checked={checked} disabled={live} title={hint} aria-label={hint}
          onChange={() => toggle(record.id)} />
      </td>
      <td className="col-status">
        <span className={`dw-runs-status ${status}`}>{t(`panel.runs.status.${status}`)}</span>
        {record.error && <div className="dw-runs-error" title={record.error} data-testid="run-error">{record.error}</div>}
      </td>
      <td className="col-name">
        {record.label !== undefined && <div className="dw-runs-label" data-testid="run-label">{record.label}</div>}
        {experiment && <div className="dw-runs-lab" data-testid="run-lab" data-experiment={record.lab?.experiment}>{t('panel.runs.lab', { experiment })}</div>}
        {record.label === undefined && !experiment && dash}
      </td>
      <td className="col-started"><time dateTime={record.startedAt}>{formatStarted(record.startedAt, locale)}</time></td>
      <td className="col-epochs num">
        {sum.plannedEpochs !== undefined
          ? t('panel.runs.epochsOf', { n: formatCount(sum.epochsRun, locale), total: formatCount(sum.plannedEpochs, locale) })
          : formatCount(sum.epochsRun, locale)}
      </td>
      <td className="col-optimizer">{optimizer}</td>
      <td className="col-batchSize num">{settings.batchSize !== undefined ? formatCount(settings.batchSize, locale) : dash}</td>
      <td className="col-seed num">{settings.seed !== undefined ? String(settings.seed) : dash}</td>
      <td className="col-loss num">{sum.finalLoss !== undefined ? formatMetric(sum.finalLoss, locale) : dash}</td>
      <td className="col-valAccuracy num">{sum.finalValAccuracy !== undefined ? formatPercent(sum.finalValAccuracy, locale) : dash}</td>
      <td className="col-testAccuracy num">{sum.testAccuracy !== undefined ? formatPercent(sum.testAccuracy, locale) : dash}</td>
      <td className="col-duration num">{sum.seconds !== undefined ? formatDuration(sum.seconds) : dash}</td>
    </tr>
  );
}
