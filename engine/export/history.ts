/**
 * A project's training history as CSV: one row per epoch of every run, with the run's id,
 * label, status and the metrics recorded. Values are written in full precision; a metric that
 * was not finite (a diverged run) is written as NaN, one that was not measured is left empty.
 */
import type { RunRecord } from '../project/schema';

export const HISTORY_COLUMNS = ['run', 'label', 'status', 'epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'seconds'] as const;

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function num(v: number | undefined): string {
  if (v === undefined) return '';
  return Number.isFinite(v) ? String(v) : 'NaN';
}

export function historyCsv(runs: readonly RunRecord[]): string {
  const lines = [HISTORY_COLUMNS.join(',')];
  for (const run of runs) {
    for (const e of run.epochs) {
      lines.push([
        csvField(run.id), csvField(run.label ?? ''), run.status, String(e.epoch),
        num(e.loss), num(e.accuracy), num(e.valLoss), num(e.valAccuracy), num(e.seconds),
      ].join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
