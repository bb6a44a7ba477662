/**
 * One hidden layer's histogram in the initialisation experiment, with its mean, standard
 * deviation and saturated (sigmoid, tanh) or zero (ReLU) share under it. The statistics are on
 * the canvas as data attributes too, so a test can check the course's claims.
 */
import { useLayoutEffect, useRef } from 'react';
import type { lab } from '../../../../../../engine';
import { useLocale } from '../../../../i18n';
import { useElementSize } from '../../Boundary/useElementSize';
import { useColorScheme } from '../../Curves/useColorScheme';
import { formatValue } from '../../Distributions/format';
import { drawHistogram } from './drawHistogram';
import { healthStat } from './histogramBars';
import { prepareCanvas, cssVar } from '../../canvas';

export interface InitHistogramProps {
  readonly layer: lab.LayerActivations;
  readonly activation: lab.LabActivation;
  readonly peak: number;
  readonly presetName: string;
}

const HEIGHT = 96;

export function InitHistogram({ layer, activation, peak, presetName }: InitHistogramProps) {
  const { t, locale } = useLocale();
  const scheme = useColorScheme();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(box);
  const title = t('lab.init.layer', { n: layer.layer.toLocaleString(locale) });

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const ctx = prepareCanvas(el, width, HEIGHT);
    if (!ctx) return;
    const css = getComputedStyle(el);
    const v = cssVar(css);
    drawHistogram(ctx, {
      width, height: HEIGHT, counts: layer.counts, lo: layer.lo, hi: layer.hi, peak, title,
      colours: { fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'), border: v('--dw-border', '#d9dce1'), panel: v('--dw-panel', '#ffffff'), bar: v('--dw-lab-init-bar', '#2f80ed') },
      formatTick: (x) => x.toLocaleString(locale, { maximumFractionDigits: 2 }),
    });
  }, [layer, peak, title, width, scheme, locale]);

  const stat = healthStat(activation);
  const percent = (share: number) => share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <figure className="dw-lab-init-hist">
      <div ref={box} className="dw-lab-init-canvas">
        <canvas ref={canvas} data-testid="lab-init-hist" role="img" aria-label={t('lab.init.histLabel', { n: layer.layer, preset: presetName })}
          data-layer={layer.layer} data-mean={layer.mean} data-std={layer.std} data-saturated={layer.saturated} data-zero={layer.zero}
          data-activation={activation} style={{ width: '100%', height: HEIGHT }} />
      </div>
      <figcaption className="dw-lab-init-stats">
        <span>{t('lab.init.mean')} <b>{formatValue(layer.mean, locale)}</b></span>
        <span>{t('lab.init.std')} <b>{formatValue(layer.std, locale)}</b></span>
        {stat === 'zero'
          ? <span title={t('lab.init.zeroHint')}>{t('lab.init.zero')} <b>{percent(layer.zero)}</b></span>
          : <span title={t('lab.init.saturatedHint')}>{t('lab.init.saturated')} <b>{percent(layer.saturated)}</b></span>}
      </figcaption>
    </figure>
  );
}
