/**
 * The distributions panel: for one layer of the current run, how its weights, activations and
 * gradients are distributed and how that changes while it trains (TensorBoard's histogram
 * view). Learners see here what the curves cannot show: weights spreading out, activations
 * dying or saturating, gradients vanishing or exploding.
 */
import { useMemo, useState } from 'react';
import type { protocol } from '../../../../../engine';
import { useLocale } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { useTraining } from '../../../store/trainingStore';
import { RidgePlot } from './RidgePlot';
import { defaultLayer, keepOrFirst, layerName, probedLayers, seriesOf, type ProbedLayer } from './series';
import './Distributions.css';

const NO_PROBES: readonly protocol.Probe[] = [];

/** The distributions panel (a tab of Panels); reads the live run from the training store. */
export function DistributionsPanel() {
  const { t } = useLocale();
  const run = useTraining((s) => s.run);
  const editorGraph = useEditor((s) => s.graph);
  const [pickedLayer, setPickedLayer] = useState<string | null>(null);
  const [pickedParam, setPickedParam] = useState<string | null>(null);

  const probes = run?.probes ?? NO_PROBES;
  const version = run?.version ?? 0;
  const info = run?.info ?? null;
  // `probes` grows in place, so its identity says nothing: the run's version is what changes.
  const layers = useMemo(() => probedLayers(info, probes), [info, probes, version]);

  const nodeId = pickedLayer !== null && layers.some((l) => l.nodeId === pickedLayer) ? pickedLayer : defaultLayer(layers);
  const layer = layers.find((l) => l.nodeId === nodeId) ?? null;
  const param = keepOrFirst(pickedParam, layer?.params ?? []);

  const series = useMemo(() => ({
    weights: nodeId === null ? [] : seriesOf(probes, nodeId, 'weights', param),
    activations: nodeId === null ? [] : seriesOf(probes, nodeId, 'activations', null),
    gradients: nodeId === null ? [] : seriesOf(probes, nodeId, 'gradients', param),
  }), [probes, nodeId, param, version]);

  if (!run) return <div className="dw-panel-empty" data-testid="panel-distributions">{t('panel.distributions.noRun')}</div>;
  if (probes.length === 0 || !layer) {
    return <div className="dw-panel-empty" data-testid="panel-distributions">{t('panel.distributions.noProbe')}</div>;
  }

  const name = (l: ProbedLayer) => layerName(l.nodeId, editorGraph, run.graph);
  const paramName = (p: string) => {
    const key = `panel.distributions.param.${p}`;
    const text = t(key);
    return text === key ? p : text;
  };
  const pickLayer = (id: string) => {
    setPickedLayer(id);
    // Showing the node on the canvas ties the plot to the graph the learner built.
    useEditor.getState().select([id]);
  };
  const hasParams = layer.params.length > 0;
  const plotLabel = (quantity: string) => t('panel.distributions.plotLabel', { quantity, layer: name(layer) });
  const file = (what: string) => `${name(layer)}-${what}`.replace(/[^\p{L}\p{N}._-]+/gu, '_');

  const paramPicker = hasParams && (
    <select value={param ?? ''} onChange={(e) => setPickedParam(e.target.value)} data-testid="dist-param"
      aria-label={t('panel.distributions.param')}>
      {layer.params.map((p) => <option key={p} value={p}>{paramName(p)}</option>)}
    </select>
  );

  return (
    <div className="dw-dist" data-testid="panel-distributions">
      <div className="dw-dist-bar">
        <label>
          {t('panel.distributions.layer')}{' '}
          <select value={layer.nodeId} onChange={(e) => pickLayer(e.target.value)} data-testid="dist-layer">
            {layers.map((l) => (
              <option key={l.nodeId} value={l.nodeId}>
                {l.kind ? t('panel.distributions.layerOption', { name: name(l), kind: l.kind }) : name(l)}
              </option>
            ))}
          </select>
        </label>
        <span className="dw-muted dw-dist-hint">{t('panel.distributions.hint')}</span>
      </div>
      <div className="dw-dist-plots">
        <RidgePlot testId="dist-weights" statsTestId="dist-stats" series={hasParams ? series.weights : []} version={version}
          title={<>{t('panel.distributions.weights')} {paramPicker}</>}
          ariaLabel={plotLabel(t('panel.distributions.weights'))} exportName={file(`weights-${param ?? ''}`)}
          emptyText={t(hasParams ? 'panel.distributions.noValues' : 'panel.distributions.noParams')} />
        <RidgePlot testId="dist-activations" statsTestId="dist-stats-activations" series={series.activations} version={version}
          title={t('panel.distributions.activations')}
          ariaLabel={plotLabel(t('panel.distributions.activations'))} exportName={file('activations')}
          emptyText={t('panel.distributions.noValues')} />
        <RidgePlot testId="dist-gradients" statsTestId="dist-stats-gradients" series={hasParams ? series.gradients : []} version={version}
          title={hasParams && param !== null ? t('panel.distributions.gradientsOf', { param: paramName(param) }) : t('panel.distributions.gradients')}
          ariaLabel={plotLabel(t('panel.distributions.gradients'))} exportName={file(`gradients-${param ?? ''}`)}
          emptyText={t(hasParams ? 'panel.distributions.noGradients' : 'panel.distributions.noParams')} />
      </div>
    </div>
  );
}
