/**
 * Hyperparameter search (the course's random search): the parameters to vary with their ranges,
 * N short trials of the user's current graph judged on the validation split only, a results
 * table, a scatter of the two parameters coloured by validation accuracy, and the best trial one
 * click from being applied to the graph as one undoable edit.
 */
import { useEffect, useMemo, useState } from 'react';
import { lab, type graph as g } from '../../../../../../engine';
import { errorText, tmsg, useLocale } from '../../../../i18n';
import { newBatchId, parallelLimit } from '../../../../lab/runner';
import { useEditor } from '../../../../store/editorStore';
import { RunsChart } from '../Runs/RunsChart';
import { formatCount, formatDuration, formatPercent } from '../../Runs/runsFormat';
import { NumberInput } from './NumberInput';
import { ParamsTable } from './ParamsTable';
import { ResultsTable } from './ResultsTable';
import { ScatterPlot, type PlotAxis } from './ScatterPlot';
import type { ScatterInput } from './scatter';
import { trialChanges } from './searchApply';
import { formatParamValue } from './searchFormat';
import { paramName, paramProblem } from './searchParams';
import { bestRow, isResult, nextSort, sortRows, trialRows, type TrialRow } from './searchResults';
import { MAX_EPOCHS, MAX_TRIALS, planSearch, settingsValid, trialThreads } from './searchSpecs';
import { useSearch } from './searchStore';
import './Search.css';

/** The y axis when only one parameter is searched: its value against the validation accuracy. */
const METRIC_AXIS = 'valAccuracy';
const NO_PARAMS: readonly lab.SearchParam[] = [];

function trainingBackend(graph: g.Graph): string {
  const node = graph.nodes.find((n) => n.kind === 'Training');
  const backend = node?.params.backend;
  return typeof backend === 'string' ? backend : 'auto';
}

export function SearchExperiment() {
  const { t, tm, locale } = useLocale();
  const graph = useEditor((s) => s.graph);
  const s = useSearch();
  const { update } = s;

  const searchable = useMemo(() => lab.searchableParams(graph), [graph]);
  const workers = useMemo(() => parallelLimit(), []);
  const webgpu = trainingBackend(graph) === 'webgpu';

  // The graph's defaults until the table is first shown; then kept (edits included) across tab switches.
  const defaults = useMemo(() => (s.params === null ? lab.defaultSearchParams(graph) : null), [s.params, graph]);
  useEffect(() => {
    if (defaults && useSearch.getState().params === null) update({ params: defaults });
  }, [defaults, update]);

  const params = s.params ?? defaults ?? NO_PARAMS;
  const known = useMemo(() => new Set(searchable.map((p) => p.id)), [searchable]);
  const problems = params.some((p) => paramProblem(p, known) !== null);
  const settings = { trials: s.trials, epochs: s.epochs, seed: s.seed };
  const settingsOk = settingsValid(settings);
  const batch = s.batch;
  const running = batch?.running ?? false;
  const canStart = !running && params.length > 0 && !problems && settingsOk;

  const start = () => {
    try {
      const id = newBatchId();
      const parallel = s.parallel && !webgpu ? workers : 1;
      const plan = planSearch(graph, params, settings, id, {
        label: (k) => t('lab.search.trialLabel', { n: k }),
        threads: trialThreads(parallel, globalThis.navigator?.hardwareConcurrency || 1),
      });
      s.start(plan.specs, plan.trials, params, parallel);
    } catch (e) {
      update({ error: errorText(e) });
    }
  };

  // The table and the scatter describe the search as it ran, not the table of ranges as edited since.
  const searched = batch?.params ?? NO_PARAMS;
  const names = useMemo(() => new Map([...params, ...searched].map((p) => [p.id, paramName(p.id, graph, locale, t)])), [params, searched, graph, locale, t]);
  const rows = useMemo(() => (batch ? trialRows(batch.trials, batch.labels, batch.runs) : []), [batch]);
  const sorted = useMemo(() => sortRows(rows, s.sort), [rows, s.sort]);
  const best = useMemo(() => bestRow(rows), [rows]);

  const describeValues = (row: TrialRow) =>
    searched.map((p) => `${names.get(p.id) ?? p.id} = ${formatParamValue(row.values[p.id], p, locale)}`).join(', ');

  const apply = (row: TrialRow) => {
    const n = formatCount(row.index + 1, locale);
    try {
      const editor = useEditor.getState();
      const changes = trialChanges(editor.graph, row.values);
      if (changes.length === 0) {
        update({ applied: { kind: 'ok', text: tmsg('lab.search.appliedSame', { n }) } });
        return;
      }
      editor.commit(changes);
      update({ applied: { kind: 'ok', text: tmsg('lab.search.applied', { n, values: describeValues(row) }) } });
    } catch (e) {
      update({ applied: { kind: 'error', text: tmsg('lab.search.applyFailed', { n, message: errorText(e) }) } });
    }
  };

  return (
    <div className="dw-search">
      <p className="dw-search-intro">{t('lab.search.intro')}</p>
      <div className="dw-search-top">
        <div className="dw-search-setup">
          <ParamsTable graph={graph} params={params} searchable={searchable} disabled={running}
            onChange={(next) => update({ params: next })} onReset={() => update({ params: lab.defaultSearchParams(graph) })} />
          <div className="dw-search-row dw-search-settings">
            <label>
              {t('lab.search.trials')}
              <NumberInput className="dw-search-num short" value={s.trials} onValue={(trials) => update({ trials })} disabled={running}
                invalid={!(Number.isInteger(s.trials) && s.trials >= 1 && s.trials <= MAX_TRIALS)} label={t('lab.search.trials')} testId="lab-search-trials" />
            </label>
            <label>
              {t('lab.search.epochs')}
              <NumberInput className="dw-search-num short" value={s.epochs} onValue={(epochs) => update({ epochs })} disabled={running}
                invalid={!(Number.isInteger(s.epochs) && s.epochs >= 1 && s.epochs <= MAX_EPOCHS)} label={t('lab.search.epochs')} testId="lab-search-epochs" />
            </label>
            <label>
              {t('lab.search.seed')}
              <NumberInput className="dw-search-num short" value={s.seed} onValue={(seed) => update({ seed })} disabled={running}
                invalid={!Number.isSafeInteger(s.seed)} label={t('lab.search.seed')} testId="lab-search-seed" />
            </label>
            {webgpu
              ? <span className="dw-search-muted" data-testid="lab-search-sequential">{t('lab.search.parallelWebgpu')}</span>
              : (
                <label>
                  <input type="checkbox" checked={s.parallel && workers > 1} disabled={running || workers <= 1} data-testid="lab-search-parallel"
                    data-workers={workers} onChange={(e) => update({ parallel: e.target.checked })} />
                  {workers > 1 ? t('lab.search.parallel', { n: formatCount(workers, locale) }) : t('lab.search.parallelOne')}
                </label>
              )}
          </div>
          {!settingsOk && <p className="dw-search-problem" role="alert">{t('lab.search.error.setting', { maxTrials: formatCount(MAX_TRIALS, locale), maxEpochs: formatCount(MAX_EPOCHS, locale) })}</p>}
          <div className="dw-search-row">
            <button type="button" className="primary" disabled={!canStart} onClick={start} data-testid="lab-search-start">{t('lab.search.start')}</button>
            <button type="button" disabled={!running} onClick={() => s.cancel()} data-testid="lab-search-cancel">{t('lab.search.cancel')}</button>
            {batch && <SearchProgress />}
          </div>
          {s.error && <p className="dw-search-problem" role="alert" data-testid="lab-search-error">{t('lab.search.error.start', { message: tm(s.error) })}</p>}
        </div>
        {batch && <SearchScatter rows={rows} params={searched} names={names} best={best?.index ?? null} describeValues={describeValues} />}
      </div>

      <section className="dw-search-results-section">
        <div className="dw-search-row">
          <h3>{t('lab.search.results.title')}</h3>
          <button type="button" disabled={!best} title={t('lab.search.applyBestHint')} data-testid="lab-search-apply-best"
            onClick={() => best && apply(best)}>{t('lab.search.applyBest')}</button>
          <button type="button" disabled={s.sort === null} onClick={() => update({ sort: null })} data-testid="lab-search-sort-best">{t('lab.search.sortBest')}</button>
        </div>
        {s.applied && <p className={`dw-search-applied ${s.applied.kind}`} role="status" data-testid="lab-search-applied" data-kind={s.applied.kind}>{tm(s.applied.text)}</p>}
        <p className="dw-search-muted" data-testid="lab-search-test-note">{t('lab.search.testNote')}</p>
        {batch && <TrialCurves />}
        {batch
          ? <ResultsTable rows={sorted} params={searched} names={names} sort={s.sort} best={best?.index ?? null}
              onSort={(col) => update({ sort: nextSort(s.sort, col) })} onApply={apply} />
          : <p className="dw-search-muted">{t('lab.search.results.empty')}</p>}
      </section>
    </div>
  );
}

/** "k of N · ETA" with a bar; a line when the search was cancelled. */
function SearchProgress() {
  const { t, locale } = useLocale();
  const batch = useSearch((s) => s.batch);
  if (!batch) return null;
  const { done, total, etaSeconds } = batch.progress;
  const vars = { done: formatCount(done, locale), total: formatCount(total, locale) };
  const text = batch.running && etaSeconds !== null
    ? t('lab.search.progressEta', { ...vars, eta: formatDuration(etaSeconds) })
    : t('lab.search.progress', vars);
  return (
    <div className="dw-search-progress" data-testid="lab-search-progress" data-done={done} data-total={total} data-running={batch.running || undefined}
      role="progressbar" aria-label={t('lab.search.progressLabel')} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={text}>
      <div className="dw-search-bar"><div style={{ width: `${total ? (100 * done) / total : 0}%` }} /></div>
      <span>{text}</span>
      {batch.cancelled && <span className="dw-search-muted">{t('lab.search.cancelled')}</span>}
    </div>
  );
}

/** Every trial's validation accuracy per epoch, overlaid; built only while unfolded. */
function TrialCurves() {
  const { t } = useLocale();
  const runs = useSearch((s) => s.batch?.runs);
  const [open, setOpen] = useState(false);
  return (
    <details className="dw-search-curves" data-testid="lab-search-curves" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('lab.search.curves')}</summary>
      {open && runs && <RunsChart runs={runs} metric="valAccuracy" fileName="deepwire-search-trials.png" />}
    </details>
  );
}

interface SearchScatterProps {
  readonly rows: readonly TrialRow[];
  readonly params: readonly lab.SearchParam[];
  readonly names: ReadonlyMap<string, string>;
  readonly best: number | null;
  readonly describeValues: (row: TrialRow) => string;
}

/** The scatter with its axis choice (a select per axis when more than two parameters were searched). */
function SearchScatter({ rows, params, names, best, describeValues }: SearchScatterProps) {
  const { t, locale } = useLocale();
  const axisX = useSearch((s) => s.axisX);
  const axisY = useSearch((s) => s.axisY);
  const update = useSearch((s) => s.update);
  if (params.length === 0) return null;

  const ids = params.map((p) => p.id);
  const x = axisX && ids.includes(axisX) ? axisX : ids[0];
  const fallbackY = ids.find((id) => id !== x) ?? METRIC_AXIS;
  const y = axisY && axisY !== x && ids.includes(axisY) ? axisY : fallbackY;

  const plotAxis = (id: string): PlotAxis => {
    const p = params.find((q) => q.id === id);
    if (!p) return { axis: { scale: 'linear', min: 0, max: 1 }, label: t('lab.search.metric.valAccuracy'), format: (v) => formatPercent(v, locale) };
    const name = names.get(id) ?? id;
    return {
      axis: { scale: p.scale, min: p.min, max: p.max },
      label: p.scale === 'log' ? t('lab.search.logSuffix', { name }) : name,
      format: (v) => formatParamValue(v, p, locale),
    };
  };
  const valueOf = (r: TrialRow, id: string) => (id === METRIC_AXIS ? (isResult(r) ? r.valAccuracy ?? Number.NaN : Number.NaN) : r.values[id] ?? Number.NaN);
  const points: ScatterInput[] = rows.map((r) => ({
    index: r.index, x: valueOf(r, x), y: valueOf(r, y), ...(isResult(r) && r.valAccuracy !== undefined ? { accuracy: r.valAccuracy } : {}),
  }));
  const describe = (index: number) => {
    const r = rows.find((q) => q.index === index);
    if (!r) return '';
    const acc = isResult(r) && r.valAccuracy !== undefined ? ` · ${formatPercent(r.valAccuracy, locale)}` : '';
    return `${t('lab.search.trialLabel', { n: formatCount(index + 1, locale) })}: ${describeValues(r)}${acc}`;
  };

  return (
    <div className="dw-search-plot">
      <div className="dw-search-row">
        <h3>{t('lab.search.scatter.title')}</h3>
        {params.length > 2 && (
          <>
            <label>
              {t('lab.search.scatter.x')}
              <select value={x} onChange={(e) => update({ axisX: e.target.value })} data-testid="lab-search-axis-x">
                {ids.map((id) => <option key={id} value={id}>{names.get(id) ?? id}</option>)}
              </select>
            </label>
            <label>
              {t('lab.search.scatter.y')}
              <select value={y} onChange={(e) => update({ axisY: e.target.value })} data-testid="lab-search-axis-y">
                {ids.filter((id) => id !== x).map((id) => <option key={id} value={id}>{names.get(id) ?? id}</option>)}
              </select>
            </label>
          </>
        )}
      </div>
      <ScatterPlot x={plotAxis(x)} y={plotAxis(y)} points={points} best={best} describe={describe} />
    </div>
  );
}
