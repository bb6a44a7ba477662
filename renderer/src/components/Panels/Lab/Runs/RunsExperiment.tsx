/**
 * The lab's run experiments (weight initialisers on MNIST, batch normalisation, overfitting): the
 * experiment's settings, Run and Cancel, the batch's progress, its runs overlaid on one chart as
 * they stream in, and a results table. The batch lives in the lab-runs store, so it keeps
 * training and its results stay when the user looks at another experiment or tab.
 */
import { useState } from 'react';
import { lab } from '../../../../../../engine';
import { errorText, tmsg, useLocale } from '../../../../i18n';
import {
  EXPERIMENTS, experimentSpecs, graphProblem, NUMBER_SETTINGS, type NumberSettingName, type RunsExperimentId, type RunsSettings,
} from '../../../../lab/experiments';
import { useLabRuns } from '../../../../lab/labRunsStore';
import { newBatchId, parallelLimit } from '../../../../lab/runner';
import { useEditor } from '../../../../store/editorStore';
import { showToast } from '../../../Toast/Toast';
import { formatMetric } from '../../Runs/runsFormat';
import { BatchStatus } from './BatchStatus';
import { NumberField } from './NumberField';
import { ResultsTable } from './ResultsTable';
import { RunsChart } from './RunsChart';
import { RUNS_METRICS, type RunsMetric } from './runsChartData';
import './Runs.css';

/** Settings and chart choice per experiment, kept while the editor runs (the view unmounts on a tab change). */
const saved = new Map<RunsExperimentId, { settings: RunsSettings; metric: RunsMetric }>();

const DEFAULT_METRIC: Record<RunsExperimentId, RunsMetric> = { 'init-mnist': 'loss', batchnorm: 'accuracy', overfitting: 'trainVsVal' };

const HINTS: Partial<Record<NumberSettingName, string>> = {
  limit: 'lab.runs.setting.limitHint', lambda: 'lab.runs.setting.lambdaHint', dropout: 'lab.runs.setting.dropoutHint',
};

/** How many engines a batch trains on at once (the runner's limit; one if it cannot say). */
function parallel(): number {
  try {
    return parallelLimit();
  } catch {
    return 1;
  }
}

export function RunsExperiment({ experiment }: { experiment: RunsExperimentId }) {
  const { t, locale } = useLocale();
  const def = EXPERIMENTS[experiment];
  const [state, setState] = useState(() => saved.get(experiment) ?? { settings: def.defaults, metric: DEFAULT_METRIC[experiment] });
  const { settings, metric } = state;
  const update = (next: Partial<typeof state>) => {
    const merged = { ...state, ...next };
    saved.set(experiment, merged);
    setState(merged);
  };
  const set = (patch: Partial<RunsSettings>) => update({ settings: { ...settings, ...patch } });

  const batch = useLabRuns((s) => s.batches[experiment]);
  const start = useLabRuns((s) => s.start);
  const cancel = useLabRuns((s) => s.cancel);
  const graph = useEditor((s) => s.graph);
  const running = !!batch?.running;

  const baseProblem = settings.base === 'graph' ? graphProblem(graph) : null;
  const needsInits = def.settings.includes('inits') && settings.inits.length === 0;
  const canRun = !running && !baseProblem && !needsInits;

  const onRun = () => {
    try {
      const format = (v: number) => formatMetric(v, locale);
      const specs = experimentSpecs(experiment, settings, { graph, batch: newBatchId(), t, format });
      start(experiment, specs, { parallel: parallel() });
    } catch (e) {
      showToast(tmsg('lab.runs.startFailed', { message: errorText(e) }), 'error');
    }
  };

  const numberField = (name: NumberSettingName) => {
    const range = NUMBER_SETTINGS[name];
    return (
      <NumberField key={name} label={t(`lab.runs.setting.${name}`)} value={settings[name]} min={range.min} max={range.max}
        {...(range.step !== undefined ? { step: range.step } : {})} integer={range.integer} testId={`lab-setting-${name}`}
        {...(HINTS[name] ? { hint: t(HINTS[name]) } : {})} disabled={running} onValue={(v) => set({ [name]: v })} />
    );
  };

  return (
    <div className="dw-lab-runs" data-testid={`lab-runs-${experiment}`}>
      <h3>{t(`lab.runs.title.${experiment}`)}</h3>
      <p className="dw-lab-lead">{t(`lab.runs.lead.${experiment}`)}</p>

      <div className="dw-lab-settings">
        {def.settings.map((name) => {
          if (name === 'base') {
            return (
              <label key={name}>
                {t('lab.runs.setting.base')}
                <select data-testid="lab-setting-base" value={settings.base} disabled={running}
                  onChange={(e) => set({ base: e.currentTarget.value === 'graph' ? 'graph' : 'course' })}>
                  <option value="course">{t('lab.runs.base.course')}</option>
                  <option value="graph">{t('lab.runs.base.graph')}</option>
                </select>
              </label>
            );
          }
          if (name === 'inits') {
            return (
              <fieldset key={name} data-testid="lab-setting-inits" disabled={running}>
                <legend>{t(experiment === 'batchnorm' ? 'lab.runs.setting.scales' : 'lab.runs.setting.inits')}</legend>
                {lab.INIT_PRESETS.map((p) => (
                  <label key={p}>
                    <input type="checkbox" data-testid={`lab-setting-init-${p}`} checked={settings.inits.includes(p)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        set({ inits: lab.INIT_PRESETS.filter((q) => (q === p ? on : settings.inits.includes(q))) });
                      }} />
                    {t(`lab.runs.init.${p}`)}
                  </label>
                ))}
              </fieldset>
            );
          }
          return numberField(name);
        })}
        <span className="dw-lab-buttons">
          <button type="button" data-testid="lab-run" disabled={!canRun} onClick={onRun}>{t('lab.runs.run')}</button>
          <button type="button" data-testid="lab-cancel" disabled={!running} onClick={() => cancel(experiment)}>{t('lab.runs.cancel')}</button>
        </span>
      </div>
      {baseProblem && <p className="dw-lab-error" data-testid="lab-base-problem">{t(baseProblem)}</p>}
      {needsInits && <p className="dw-lab-error">{t('lab.runs.noInits')}</p>}

      <BatchStatus batch={batch} />

      <div className="dw-lab-chart-row">
        <label>
          {t('lab.runs.metric')}{' '}
          <select data-testid="lab-metric" value={metric} onChange={(e) => update({ metric: e.currentTarget.value as RunsMetric })}>
            {RUNS_METRICS.map((m) => <option key={m} value={m}>{t(`lab.runs.metric.${m}`)}</option>)}
          </select>
        </label>
        {metric === 'trainVsVal' && <span>{t('lab.runs.trainVsValHint')}</span>}
      </div>
      <RunsChart runs={batch?.runs ?? []} metric={metric} fileName={`lab-${experiment}.png`} />
      <ResultsTable runs={batch?.runs ?? []} />
      <p className="dw-lab-note">{t('lab.runs.history')}</p>
    </div>
  );
}
