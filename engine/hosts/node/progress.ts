/**
 * A one-line terminal progress bar for training: epoch, batch, loss, samples/s and ETA, in the
 * CLI's language (the numbers and the m:ss clock are the same in every language).
 */
import { translate, type Locale } from '../../i18n';
import { formatDuration as clock } from '../../i18n/duration';

/** m:ss or h:mm:ss ('--:--' when unknown). */
export const formatDuration = (seconds: number): string => clock(seconds, '--:--');

/** 950 → "950", 12_345 → "12.3k". */
export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

export interface ProgressState {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number;
  samplesPerSec: number;
  etaSeconds: number;
}

/** The bar as text in `locale`, its bar `width` cells wide. */
export function renderProgress(p: ProgressState, locale: Locale = 'en', width = 24): string {
  const done = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
  const filled = Math.round(done * width);
  return translate(locale, 'cli.progress', {
    epoch: p.epoch, epochs: p.epochs, bar: '█'.repeat(filled) + '░'.repeat(width - filled), percent: Math.floor(done * 100),
    batch: p.batch, batches: p.batches, loss: p.loss.toPrecision(4), rate: formatRate(p.samplesPerSec), eta: formatDuration(p.etaSeconds),
  });
}
