/**
 * Perceptron and XOR, the course's first lesson in two steps. Step 1: a single perceptron trains
 * on AND, OR and XOR in one batch; a card per data set shows its decision line moving, the
 * points, the accuracy and a verdict (learned, or: no line separates XOR). Step 2: a two-layer
 * net solves XOR; its boundary, and once it is trained, each hidden unit's output over the plane
 * (the features the output layer combines).
 */
import { useEffect, useRef } from 'react';
import type { protocol } from '../../../../../../engine';
import { errorText, infoText, tmsg, useLocale } from '../../../../i18n';
import { useLabRuns } from '../../../../lab/labRunsStore';
import { newBatchId, requestFeatures, type LabRun } from '../../../../lab/runner';
import { showToast } from '../../../Toast/Toast';
import { formatPercent } from '../../Runs/runsFormat';
import { BatchStatus } from './BatchStatus';
import { BoundaryCanvas } from './BoundaryCanvas';
import {
  FEATURE_RESOLUTION, featurePixels, hiddenActivationId, PERCEPTRON_DATASETS, perceptronSpecs, perceptronVerdict, runAccuracy,
  xorSpec, type PerceptronDataset,
} from './perceptron';
import './Runs.css';

const CARD_SIZE = 188;
const XOR_SIZE = 240;
const NAMES: Record<PerceptronDataset, string> = { and: 'AND', or: 'OR', xor: 'XOR' };

export function PerceptronExperiment() {
  const { t, tm } = useLocale();
  const perceptron = useLabRuns((s) => s.batches.perceptron);
  const xor = useLabRuns((s) => s.batches.xor);
  const start = useLabRuns((s) => s.start);
  const patch = useLabRuns((s) => s.patch);

  const runPerceptron = () => {
    try {
      start('perceptron', perceptronSpecs(newBatchId(), (d) => t('lab.runs.perceptron.label', { dataset: NAMES[d] })), { parallel: 3 });
    } catch (e) {
      showToast(tmsg('lab.runs.startFailed', { message: errorText(e) }), 'error');
    }
  };

  const runXor = () => {
    let spec;
    try {
      spec = xorSpec(newBatchId(), t('lab.runs.xor.label'));
    } catch (e) {
      showToast(tmsg('lab.runs.startFailed', { message: errorText(e) }), 'error');
      return;
    }
    const batch = start('xor', [spec]);
    if (!batch) return;
    const hidden = hiddenActivationId(spec.graph);
    // Asked for once the net is trained; kept in the store, so it arrives even if the view has closed.
    void batch.finished.then(async (runs) => {
      const run = runs[0]?.run;
      if (!run || run.status !== 'completed' || !hidden) return;
      try {
        patch('xor', batch.id, { features: await requestFeatures(run.runId, hidden, FEATURE_RESOLUTION) });
      } catch (e) {
        patch('xor', batch.id, { featuresError: errorText(e) });
      }
    });
  };

  const byDataset = (d: PerceptronDataset): LabRun | undefined => perceptron?.runs.find((r) => r.spec.graph.nodes.some((n) => n.kind === 'Dataset' && n.params.source === d));
  const xorRun = xor?.runs[0];

  return (
    <div className="dw-lab-runs" data-testid="lab-perceptron-view">
      <h3>{t('lab.runs.perceptron.step1')}</h3>
      <p className="dw-lab-lead">{t('lab.runs.perceptron.lead')}</p>
      <div className="dw-lab-buttons">
        <button type="button" data-testid="lab-perceptron-run" disabled={!!perceptron?.running} onClick={runPerceptron}>{t('lab.runs.perceptron.run')}</button>
      </div>
      <BatchStatus batch={perceptron} testId="lab-perceptron-progress" />
      <div className="dw-lab-cards">
        {PERCEPTRON_DATASETS.map((d) => <PerceptronCard key={d} dataset={d} run={byDataset(d)} />)}
      </div>

      <h3>{t('lab.runs.xor.step2')}</h3>
      <p className="dw-lab-lead">{t('lab.runs.xor.lead')}</p>
      <div className="dw-lab-buttons">
        <button type="button" data-testid="lab-xor-run" disabled={!!xor?.running} onClick={runXor}>{t('lab.runs.xor.run')}</button>
      </div>
      <BatchStatus batch={xor} testId="lab-xor-progress" />
      <div className="dw-lab-xor">
        <div className="dw-lab-card" style={{ width: XOR_SIZE + 16 }}>
          <h4>{t('lab.runs.xor.boundary')}</h4>
          <BoundaryCanvas run={xorRun?.run ?? null} size={XOR_SIZE} testId="lab-xor-boundary" label={t('lab.runs.xor.boundary')} />
          <AccuracyLine run={xorRun} />
        </div>
        <div>
          <h4>{t('lab.runs.xor.features')}</h4>
          {xor?.features ? <Features features={xor.features} />
            : xor?.featuresError ? <p className="dw-lab-error">{t('lab.runs.xor.featuresFailed', { message: tm(xor.featuresError) })}</p>
              : <p className="dw-lab-note">{t('lab.runs.xor.featuresWaiting')}</p>}
        </div>
      </div>
    </div>
  );
}

function AccuracyLine({ run }: { run: LabRun | undefined }) {
  const { t, locale } = useLocale();
  const acc = runAccuracy(run);
  return <span className="dw-lab-note">{acc === null ? '\u00a0' : t('lab.runs.perceptron.accuracy', { value: formatPercent(acc, locale) })}</span>;
}

function PerceptronCard({ dataset, run }: { dataset: PerceptronDataset; run: LabRun | undefined }) {
  const { t, tm } = useLocale();
  const acc = runAccuracy(run);
  const verdict = perceptronVerdict(dataset, run);
  const epochs = run?.run.epochs.length ?? 0;
  const verdictText = verdict === 'failed' ? t('lab.runs.verdict.failed', { message: run?.run.error ? tm(infoText(run.run.error)) : '' })
    : t(`lab.runs.verdict.${verdict}`, { epochs });
  const tone = verdict === 'learned' ? 'learned' : verdict === 'xor' || verdict === 'failed' || verdict === 'notYet' ? 'failed' : 'pending';
  return (
    <div className="dw-lab-card" data-testid="lab-perceptron-card" data-dataset={dataset} data-accuracy={acc ?? ''} data-verdict={verdict}>
      <h4>{NAMES[dataset]}</h4>
      <BoundaryCanvas run={run?.run ?? null} size={CARD_SIZE} testId="lab-perceptron-boundary"
        label={t('lab.runs.perceptron.canvas', { dataset: NAMES[dataset] })} />
      <AccuracyLine run={run} />
      <span className={`dw-lab-verdict ${tone}`} data-testid="lab-perceptron-verdict">{verdictText}</span>
    </div>
  );
}

/** One small picture per hidden unit: its output over the plane. */
function Features({ features }: { features: protocol.Features }) {
  const { t } = useLocale();
  return (
    <>
      <p className="dw-lab-note">{t('lab.runs.xor.featuresHint')}</p>
      <div className="dw-lab-features">
        {Array.from({ length: features.units }, (_, u) => (
          <div key={u} className="dw-lab-feature">
            <FeatureCanvas features={features} unit={u} />
            <span>{t('lab.runs.xor.unit', { n: u + 1 })}</span>
          </div>
        ))}
      </div>
    </>
  );
}

function FeatureCanvas({ features, unit }: { features: protocol.Features; unit: number }) {
  const { t } = useLocale();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const res = features.resolution;
    canvas.width = res;
    canvas.height = res;
    ctx.putImageData(new ImageData(featurePixels(features.values, unit, res), res, res), 0, 0);
  }, [features, unit]);
  // The grid is drawn one pixel per cell and scaled up by CSS, smoothly, as the outputs vary.
  return <canvas ref={ref} data-testid="lab-xor-feature" data-unit={unit} role="img" aria-label={t('lab.runs.xor.unit', { n: unit + 1 })} />;
}
