/**
 * A batch's results, one row per run (data-testid 'lab-result-row'): its colour in the chart,
 * label, status, final training and validation accuracy, test accuracy, final loss and time.
 * With `diff`, a last row says how the second run differs from the first (a paired run).
 */
import { infoText, useLocale } from '../../../../i18n';
import type { LabRun } from '../../../../lab/runner';
import { formatCount, formatDuration, formatMetric, formatPercent } from '../../Runs/runsFormat';
import { higherIsBetter, RESULT_METRICS, resultDiff, resultRow, type ResultMetric, type ResultRow } from './labResults';

const format = (m: ResultMetric, v: number, locale: string): string =>
  m === 'loss' ? formatMetric(v, locale) : m === 'seconds' ? formatDuration(v) : formatPercent(v, locale);

/** A signed difference: accuracies in percentage points, the rest as numbers. */
function formatDiff(m: ResultMetric, v: number, locale: string): string {
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const abs = Math.abs(v);
  const text = m === 'loss' ? formatMetric(abs, locale) : m === 'seconds' ? formatMetric(abs, locale) : formatPercent(abs, locale);
  return `${sign}${text}${m === 'seconds' ? ' s' : ''}`;
}

export function ResultsTable({ runs, diff = false }: { readonly runs: readonly LabRun[]; readonly diff?: boolean }) {
  const { t, tm, locale } = useLocale();
  const errorOf = (run: LabRun['run']) => (run.error ? tm(infoText(run.error)) : '');
  if (!runs.length) return null;
  const rows = runs.map((r) => resultRow(r));
  const change = diff && rows.length === 2 ? resultDiff(rows[0], rows[1]) : null;
  const dash = '—';
  const cell = (row: ResultRow, m: ResultMetric) => {
    const v = row[m];
    return v === undefined ? dash : format(m, v, locale);
  };
  return (
    <table className="dw-lab-table" data-testid="lab-results">
      <caption className="dw-lab-note" style={{ textAlign: 'left' }}>{t('lab.runs.results')}</caption>
      <thead>
        <tr>
          <th>{t('lab.runs.col.run')}</th>
          <th>{t('lab.runs.col.status')}</th>
          <th className="num">{t('lab.runs.col.epochs')}</th>
          {RESULT_METRICS.map((m) => <th key={m} className="num">{t(`lab.runs.col.${m}`)}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={runs[i].run.runId} data-testid="lab-result-row" data-run-id={runs[i].run.runId} data-status={row.status}
            data-train-accuracy={row.trainAccuracy ?? ''} data-val-accuracy={row.valAccuracy ?? ''}
            data-test-accuracy={row.testAccuracy ?? ''} data-loss={row.loss ?? ''}>
            <td>
              <span className="dw-lab-swatch" aria-hidden style={{ background: `var(--dw-lab-run-${i % 8})` }} />
              {row.label}
            </td>
            <td>
              <span className={`dw-lab-status ${row.status}`}>{t(`panel.runs.status.${row.status}`)}</span>
              {/* Why a run failed (a diverging run says at which batch): the result, not a fault to hide. */}
              {runs[i].run.error && <div className="dw-lab-run-error" title={errorOf(runs[i].run)} data-testid="lab-result-error">{errorOf(runs[i].run)}</div>}
            </td>
            <td className="num">{formatCount(row.epochs, locale)}</td>
            {RESULT_METRICS.map((m) => <td key={m} className="num">{cell(row, m)}</td>)}
          </tr>
        ))}
        {change && (
          <tr data-testid="lab-paired-diff">
            <td colSpan={3}>{t('lab.runs.paired.diff')}</td>
            {RESULT_METRICS.map((m) => {
              const v = change[m];
              const verdict = v === undefined || v === 0 || m === 'seconds' ? '' : (v > 0) === higherIsBetter(m) ? 'better' : 'worse';
              return <td key={m} className={`num dw-lab-diff ${verdict}`} data-metric={m} data-value={v ?? ''}>{v === undefined ? dash : formatDiff(m, v, locale)}</td>;
            })}
          </tr>
        )}
      </tbody>
    </table>
  );
}
