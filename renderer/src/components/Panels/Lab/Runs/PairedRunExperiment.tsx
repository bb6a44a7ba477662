/**
 * The paired run: the user's current graph trained twice with the same seed — as it is, and with
 * one change (a node switched off, or one parameter set) — both kept in the run history, their
 * curves overlaid and their results side by side with the difference.
 */
import { useMemo, useState } from 'react';
import { graph as g, lab } from '../../../../../../engine';
import { errorText, tmsg, useLocale } from '../../../../i18n';
import { useLabRuns } from '../../../../lab/labRunsStore';
import { newBatchId } from '../../../../lab/runner';
import { useEditor } from '../../../../store/editorStore';
import { editParam, parseNumberText } from '../../../Inspector/paramEdit';
import { showToast } from '../../../Toast/Toast';
import { formatLearningRate } from '../../Runs/runsFormat';
import { BatchStatus } from './BatchStatus';
import { ResultsTable } from './ResultsTable';
import { RunsChart } from './RunsChart';
import { RUNS_METRICS, type RunsMetric } from './runsChartData';
import { changeableFields, currentValue, nodeName, pairedSpecs, type PairedChange } from './pairedRun';
import './Runs.css';

type Mode = 'toggle' | 'param';

/** The nodes that can be switched off; none when the graph cannot say (an invalid graph). */
function toggleable(graph: g.Graph): string[] {
  try {
    return lab.toggleableNodes(graph);
  } catch {
    return [];
  }
}

export function PairedRunExperiment() {
  const { t, locale } = useLocale();
  const graph = useEditor((s) => s.graph);
  const batch = useLabRuns((s) => s.batches.paired);
  const start = useLabRuns((s) => s.start);
  const cancel = useLabRuns((s) => s.cancel);
  const running = !!batch?.running;

  const valid = useMemo(() => g.validateGraph(graph).ok, [graph]);
  const toggles = useMemo(() => (valid ? toggleable(graph) : []), [graph, valid]);
  const paramNodes = useMemo(() => graph.nodes.filter((n) => changeableFields(n, locale).length > 0), [graph, locale]);

  const [modeChoice, setMode] = useState<Mode | null>(null);
  const mode: Mode = modeChoice ?? (toggles.length ? 'toggle' : 'param');
  const [nodeChoice, setNode] = useState<string | null>(null);
  const [paramChoice, setParam] = useState<string | null>(null);
  const [valueText, setValueText] = useState<string | null>(null);
  const [metric, setMetric] = useState<RunsMetric>('loss');

  // Choices fall back to the first that exists, so the graph changing under them never leaves a stale id.
  const nodeIds = mode === 'toggle' ? toggles : paramNodes.map((n) => n.id);
  const nodeId = nodeChoice !== null && nodeIds.includes(nodeChoice) ? nodeChoice : nodeIds[0] ?? null;
  const node = graph.nodes.find((n) => n.id === nodeId) ?? null;
  const fields = node && mode === 'param' ? changeableFields(node, locale) : [];
  const field = fields.find((f) => f.name === paramChoice) ?? fields[0] ?? null;
  const current = node && field ? currentValue(node, field.name) : undefined;

  // The new value: typed (numbers) or chosen (an option's index); starts at the current value.
  const defaultText = field?.kind === 'enum' ? String(Math.max(0, field.options?.findIndex((o) => o.value === current) ?? 0)) : String(current ?? '');
  const text = valueText ?? defaultText;
  const value = field?.kind === 'enum' ? field.options?.[Number(text)]?.value : parseNumberText(text);
  const def = node ? g.getNodeDef(node.kind) : undefined;
  const edit = mode === 'param' && def && node && field ? editParam(def, node.params, field.name, value) : null;

  let problem: string | null = null;
  if (!valid) problem = t('lab.runs.paired.invalid');
  else if (mode === 'toggle' && !toggles.length) problem = t('lab.runs.paired.noToggle');
  else if (mode === 'param' && !paramNodes.length) problem = t('lab.runs.paired.noParams');
  else if (edit?.kind === 'same') problem = t('lab.runs.paired.same');
  else if (edit?.kind === 'invalid') problem = edit.message;

  const showValue = (v: unknown) => (typeof v === 'number' ? formatLearningRate(v, locale)
    : field?.options?.find((o) => o.value === v)?.label ?? String(v));

  const onRun = () => {
    if (!node || problem) return;
    const change: PairedChange = mode === 'toggle' ? { mode, nodeId: node.id } : { mode, nodeId: node.id, param: field!.name, value };
    const name = nodeName(node, locale);
    const variant = mode === 'toggle' ? t('lab.runs.paired.without', { node: name })
      : t('lab.runs.paired.set', { node: name, param: field!.label, value: showValue(value) });
    try {
      start('paired', pairedSpecs(graph, change, newBatchId(), { baseline: t('lab.runs.paired.baseline'), variant }), { parallel: 2 });
    } catch (e) {
      showToast(tmsg('lab.runs.startFailed', { message: errorText(e) }), 'error');
    }
  };

  const resetValue = () => setValueText(null);

  return (
    <div className="dw-lab-runs" data-testid="lab-paired-view">
      <h3>{t('lab.runs.paired.title')}</h3>
      <p className="dw-lab-lead">{t('lab.runs.paired.lead')}</p>
      <div className="dw-lab-settings">
        <label>
          {t('lab.runs.paired.mode')}
          <select data-testid="lab-paired-mode" value={mode} disabled={running}
            onChange={(e) => { setMode(e.currentTarget.value === 'param' ? 'param' : 'toggle'); setNode(null); setParam(null); resetValue(); }}>
            <option value="toggle">{t('lab.runs.paired.mode.toggle')}</option>
            <option value="param">{t('lab.runs.paired.mode.param')}</option>
          </select>
        </label>
        <label>
          {t('lab.runs.paired.node')}
          <select data-testid="lab-paired-node" value={nodeId ?? ''} disabled={running || !nodeIds.length}
            onChange={(e) => { setNode(e.currentTarget.value); setParam(null); resetValue(); }}>
            {nodeIds.map((id) => {
              const n = graph.nodes.find((x) => x.id === id)!;
              return <option key={id} value={id}>{nodeName(n, locale)}</option>;
            })}
          </select>
        </label>
        {mode === 'param' && (
          <>
            <label>
              {t('lab.runs.paired.param')}
              <select data-testid="lab-paired-param" value={field?.name ?? ''} disabled={running || !fields.length}
                onChange={(e) => { setParam(e.currentTarget.value); resetValue(); }}>
                {fields.map((f) => <option key={f.name} value={f.name} title={f.help}>{f.label}</option>)}
              </select>
            </label>
            <label title={field?.help}>
              {t('lab.runs.paired.value')}
              {field?.kind === 'enum' ? (
                <select data-testid="lab-paired-value" value={text} disabled={running} onChange={(e) => setValueText(e.currentTarget.value)}>
                  {field.options?.map((o, i) => <option key={i} value={String(i)}>{o.label}</option>)}
                </select>
              ) : (
                <input type="number" data-testid="lab-paired-value" value={text} disabled={running || !field} step="any"
                  {...(field?.min !== undefined ? { min: field.min } : {})} {...(field?.max !== undefined ? { max: field.max } : {})}
                  aria-invalid={edit?.kind === 'invalid'} onChange={(e) => setValueText(e.currentTarget.value)} />
              )}
            </label>
          </>
        )}
        <span className="dw-lab-buttons">
          <button type="button" data-testid="lab-paired-run" disabled={running || !!problem || !node} onClick={onRun}>{t('lab.runs.paired.run')}</button>
          <button type="button" data-testid="lab-cancel" disabled={!running} onClick={() => cancel('paired')}>{t('lab.runs.cancel')}</button>
        </span>
      </div>
      {problem && <p className={edit?.kind === 'same' ? 'dw-lab-note' : 'dw-lab-error'} data-testid="lab-paired-problem">{problem}</p>}

      <BatchStatus batch={batch} />
      <div className="dw-lab-chart-row">
        <label>
          {t('lab.runs.metric')}{' '}
          <select data-testid="lab-metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value as RunsMetric)}>
            {RUNS_METRICS.map((m) => <option key={m} value={m}>{t(`lab.runs.metric.${m}`)}</option>)}
          </select>
        </label>
      </div>
      <RunsChart runs={batch?.runs ?? []} metric={metric} fileName="lab-paired-run.png" />
      <ResultsTable runs={batch?.runs ?? []} diff />
      <p className="dw-lab-note">{t('lab.runs.history')}</p>
    </div>
  );
}
