/**
 * The lab's second experiment, the course's "weight initial values" figures made live: a net of
 * 5 layers of 100 units fed 1000 random inputs, one row of hidden-layer activation histograms per
 * initialiser (normal σ = 1, σ = 0.01, Xavier, He), for sigmoid, tanh or ReLU, each row with a
 * caption saying what happens. Then the same initialisers compared on MNIST training curves.
 *
 * The numbers come from engine/lab/initActivations.ts; this view keeps the settings, runs the
 * four initialisers a timer tick apart (useInitRuns) and draws.
 */
import { useRef, useState } from 'react';
import { lab } from '../../../../../../engine';
import { errorText, tmsg, useLocale, type Text } from '../../../../i18n';
import { NumberField } from '../Paths/NumberField';
import { exportPlots } from '../Paths/exportPlots';
import { RunsExperiment } from '../Runs/RunsExperiment';
import { InitHistogram } from './InitHistogram';
import { MAX_INIT_WORK, initWork, rowPeak } from './histogramBars';
import { useInitRuns, type InitSettings } from './useInitRuns';
import './Init.css';

const LIMITS = { layers: 10, units: 300, samples: 10000 } as const;
const wholeIn = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
const acceptLayers = wholeIn(1, LIMITS.layers);
const acceptUnits = wholeIn(2, LIMITS.units);
const acceptSamples = wholeIn(1, LIMITS.samples);
const acceptSeed = wholeIn(0, 2 ** 31 - 1);

export function InitExperiment() {
  const { t, tm, locale } = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const [activation, setActivation] = useState<lab.LabActivation>('sigmoid');
  const [layers, setLayers] = useState(5);
  const [units, setUnits] = useState(100);
  const [samples, setSamples] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [exportError, setExportError] = useState<Text | null>(null);

  const work = initWork(layers, units, samples);
  const tooBig = work > MAX_INIT_WORK;
  const settings: InitSettings | null = tooBig ? null : { activation, layers, units, samples, seed };
  const runs = useInitRuns(settings);
  // Captions and histograms describe the results on screen, which may still be the last settings'.
  const shown = runs.settings;
  const int = (n: number) => n.toLocaleString(locale);

  const doExport = () => {
    if (!root.current) return;
    setExportError(null);
    exportPlots(root.current, 'canvas[data-testid="lab-init-hist"]', `weight-init-${shown?.activation ?? activation}`)
      .catch((e: unknown) => setExportError(tmsg('lab.init.exportError', { message: errorText(e) })));
  };

  return (
    <div className="dw-lab-init" ref={root}>
      <p className="dw-lab-init-intro">{t('lab.init.intro', { layers: int(layers), units: int(units), samples: int(samples) })}</p>
      <div className="dw-lab-init-bar">
        <label>{t('lab.init.activation')}{' '}
          <select value={activation} onChange={(e) => setActivation(e.target.value as lab.LabActivation)} data-testid="lab-init-activation">
            {lab.LAB_ACTIVATIONS.map((a) => <option key={a} value={a}>{t(`lab.init.activation.${a}`)}</option>)}
          </select>
        </label>
        <label>{t('lab.init.layers')}{' '}
          <NumberField value={layers} onValue={setLayers} accept={acceptLayers} label={t('lab.init.layers')} testId="lab-init-layers"
            invalidHint={t('lab.init.range', LIMITS)} />
        </label>
        <label>{t('lab.init.units')}{' '}
          <NumberField value={units} onValue={setUnits} accept={acceptUnits} label={t('lab.init.units')} testId="lab-init-units"
            invalidHint={t('lab.init.range', LIMITS)} />
        </label>
        <label>{t('lab.init.samples')}{' '}
          <NumberField value={samples} onValue={setSamples} accept={acceptSamples} label={t('lab.init.samples')} testId="lab-init-samples"
            invalidHint={t('lab.init.range', LIMITS)} />
        </label>
        <label>{t('lab.init.seed')}{' '}
          <NumberField value={seed} onValue={setSeed} accept={acceptSeed} label={t('lab.init.seed')} testId="lab-init-seed" />
        </label>
        <span className="dw-lab-init-busy" role="status" data-testid="lab-init-busy" data-busy={runs.busy}>
          {runs.busy ? t('lab.init.busy') : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={doExport} disabled={runs.busy || !shown} title={t('lab.init.exportTitle')} data-testid="lab-init-export">
          {t('lab.init.export')}
        </button>
      </div>
      {tooBig && (
        <div className="dw-lab-init-error" role="alert" data-testid="lab-init-too-big">
          {t('lab.init.tooBig', { work: int(work), limit: int(MAX_INIT_WORK) })}
        </div>
      )}
      {runs.error && <div className="dw-lab-init-error" role="alert" data-testid="lab-init-error">{t('lab.init.error', { message: tm(runs.error) })}</div>}
      {exportError && <div className="dw-lab-init-error" role="alert">{tm(exportError)}</div>}

      <div className={`dw-lab-init-rows${runs.busy ? ' busy' : ''}`} aria-busy={runs.busy}>
        {lab.INIT_PRESETS.map((preset) => {
          const result = runs.results[preset];
          const name = t(`lab.init.preset.${preset}`);
          const peak = result && shown ? rowPeak(result, shown.activation === 'relu') : 0;
          return (
            <section key={preset} className="dw-lab-init-row" data-testid={`lab-init-row-${preset}`} data-ready={Boolean(result)}>
              <h4>{name}</h4>
              <div className="dw-lab-init-hists" style={{ gridTemplateColumns: `repeat(${result?.length ?? shown?.layers ?? layers}, minmax(96px, 1fr))` }}>
                {result && shown
                  ? result.map((l) => <InitHistogram key={l.layer} layer={l} activation={shown.activation} peak={peak} presetName={name} />)
                  : <div className="dw-lab-init-pending dw-muted">{runs.busy ? t('lab.init.busy') : ''}</div>}
              </div>
              {shown && <p className="dw-lab-init-caption">{t(`lab.init.caption.${preset}.${shown.activation}`)}</p>}
            </section>
          );
        })}
      </div>

      <section className="dw-lab-init-mnist">
        <h3>{t('lab.init.mnistTitle')}</h3>
        <p className="dw-muted">{t('lab.init.mnistIntro')}</p>
        <RunsExperiment experiment="init-mnist" />
      </section>
    </div>
  );
}
