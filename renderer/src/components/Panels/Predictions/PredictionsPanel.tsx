/**
 * The predictions panel, for image classifiers: on the left, test images with their label and
 * the network's guess (wrong ones in red), refreshed as the run streams in; on the right, a pad
 * to draw a digit and ask the network about it (MNIST-shaped data only).
 */
import { useRef } from 'react';
import type { protocol } from '../../../../../engine';
import { useLocale } from '../../../i18n';
import { useTraining } from '../../../store/trainingStore';
import { isActive } from '../../../training/liveRun';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { predictionsGrid } from '../../Export/figures';
import { imageGrid, svgDocument } from '../../Export/svg';
import { cssVar } from '../canvas';
import { isMnistShape } from './digitInput';
import { DrawDigit } from './DrawDigit';
import { PixelImage } from './PixelImage';
import './Predictions.css';

/** The predictions tab: empty states, or the samples and the drawing pad of the current run. */
export function PredictionsPanel() {
  const { t } = useLocale();
  const runId = useTraining((s) => s.run?.runId ?? null);
  const info = useTraining((s) => s.run?.info ?? null);
  const ended = useTraining((s) => !!s.run && !isActive(s.run));

  if (runId === null) return <Empty state="none" text={t('panel.predictions.noRun')} />;
  if (!info) return <Empty state="starting" text={ended ? t('panel.predictions.noData') : t('panel.predictions.starting')} />;
  if (info.task !== 'classification') return <Empty state="unsupported" text={t('panel.predictions.regression')} />;
  if (info.featureShape.length !== 3) {
    return <Empty state="unsupported" text={t('panel.predictions.notImages', { shape: shapeText(info.featureShape) })} />;
  }
  // Keyed by run: a new model starts with a blank pad and no stale answer.
  return <Predictions key={runId} info={info} />;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function Empty({ state, text }: { readonly state: string; readonly text: string }) {
  return <div className="dw-panel-empty dw-predictions-empty" data-testid="panel-predictions" data-state={state}>{text}</div>;
}

function Predictions({ info }: { readonly info: protocol.RunStart }) {
  const { t, locale } = useLocale();
  const samples = useTraining((s) => s.run?.samples ?? null);
  const ended = useTraining((s) => !!s.run && !isActive(s.run));
  const names = info.classNames;
  const root = useRef<HTMLDivElement>(null);
  // The samples as a drawing: each image's pixels as rects, "label → guess (p)" under it.
  const svgOf = () => {
    if (!root.current || !samples) return null;
    const theme = svgTheme(root.current);
    const name = (k: number) => names?.[k] ?? String(k);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const title = t('figure.predictionsTitle');
    return svgDocument([imageGrid(predictionsGrid(samples, {
      title, theme, errorColor: cssVar(getComputedStyle(root.current))('--dw-error', '#d63031'),
      caption: (label, predicted, p) => `${name(label)} → ${name(predicted)} (${percent.format(p)})`,
    }))], { title, theme });
  };
  return (
    <div className="dw-predictions" data-testid="panel-predictions" data-state={samples ? 'ready' : 'waiting'} ref={root}>
      <section className="dw-pred-left">
        <header className="dw-pred-head">
          <h3>{info.testIsTrain ? t('panel.predictions.samplesTrain') : t('panel.predictions.samplesTest')}</h3>
          {samples && <WrongCount samples={samples} />}
          {samples && <FigureExport name="predictions" svg={svgOf} testId="predictions-export" />}
        </header>
        {samples
          ? <SampleGrid samples={samples} names={names} />
          : <p className="dw-pred-note">{ended ? t('panel.predictions.noSamples') : t('panel.predictions.waiting')}</p>}
      </section>
      <section className="dw-pred-right">
        {isMnistShape(info.featureShape)
          ? <DrawDigit classNames={names} />
          : <p className="dw-pred-note">{t('panel.predictions.drawOnlyMnist', { shape: shapeText(info.featureShape) })}</p>}
      </section>
    </div>
  );
}

function WrongCount({ samples }: { readonly samples: protocol.Samples }) {
  const { t } = useLocale();
  let wrong = 0;
  for (let i = 0; i < samples.labels.length; i++) if (samples.labels[i] !== samples.predicted[i]) wrong++;
  return (
    <span className={`dw-pred-count${wrong ? ' bad' : ''}`} data-testid="pred-wrong" data-wrong={wrong}>
      {t('panel.predictions.wrongCount', { wrong, n: samples.labels.length })}
    </span>
  );
}

/** Height, width and channels of one image of `shape` ([H, W, C] as NHWC, or [H, W]). */
function imageDims(shape: readonly number[]): { height: number; width: number; channels: number } {
  return { height: shape[0] ?? 1, width: shape[1] ?? 1, channels: shape[2] ?? 1 };
}

function SampleGrid({ samples, names }: { readonly samples: protocol.Samples; readonly names?: readonly string[] }) {
  const { t, locale } = useLocale();
  const { height, width, channels } = imageDims(samples.shape);
  const size = height * width * channels;
  const count = Math.min(samples.labels.length, samples.predicted.length, Math.floor(samples.images.length / size));
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const name = (k: number) => names?.[k] ?? String(k);
  // Small images are enlarged to about 56 CSS pixels; big ones are shown as they are.
  const scale = Math.max(1, Math.floor(56 / Math.max(height, width)));
  return (
    <div className="dw-pred-samples" data-testid="pred-samples">
      {Array.from({ length: count }, (_, i) => {
        const label = samples.labels[i];
        const predicted = samples.predicted[i];
        const p = percent.format(samples.confidence[i]);
        const wrong = label !== predicted;
        return (
          <figure key={i} className={`dw-pred-sample${wrong ? ' wrong' : ''}`} data-testid="pred-sample" data-label={label}
            data-predicted={predicted} title={t('panel.predictions.sampleTitle', { label: name(label), predicted: name(predicted), p })}>
            <PixelImage values={samples.images} offset={i * size} width={width} height={height} channels={channels} scale={scale} />
            <figcaption>
              <span>{t('panel.predictions.sampleLabel', { label: name(label) })}</span>
              <span className="dw-pred-guess">{t('panel.predictions.samplePredicted', { label: name(predicted), p })}</span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
