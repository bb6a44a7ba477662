/**
 * A one-line terminal progress bar for training: epoch, batch, loss, samples/s and ETA.
 */
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

/** The bar as text, `width` cells wide. */
export function renderProgress(p: ProgressState, width = 24): string {
  const done = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
  const filled = Math.round(done * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  return `epoch ${p.epoch}/${p.epochs} ${bar} ${Math.floor(done * 100)}% · batch ${p.batch}/${p.batches} · ` +
    `loss ${p.loss.toPrecision(4)} · ${formatRate(p.samplesPerSec)} samples/s · ETA ${formatDuration(p.etaSeconds)}`;
}
