/**
 * A batch's progress ("3 of 6 runs · about 0:42 left", with a bar) and why it could not start.
 * data-done / data-total carry the raw counts for browser tests.
 */
import { useLocale } from '../../../../i18n';
import type { BatchState } from '../../../../lab/labRunsStore';
import { formatCount, formatDuration } from '../../Runs/runsFormat';

export function BatchStatus({ batch, testId = 'lab-progress' }: { readonly batch: BatchState | undefined; readonly testId?: string }) {
  const { t, tm, locale } = useLocale();
  if (!batch) return null;
  const { done, total, etaSeconds } = batch.progress;
  const parts = [t('lab.runs.progress', { done: formatCount(done, locale), total: formatCount(total, locale) })];
  if (batch.running && etaSeconds !== null && etaSeconds > 0) parts.push(t('lab.runs.eta', { time: formatDuration(etaSeconds) }));
  return (
    <>
      <div className="dw-lab-progress" data-testid={testId} data-done={done} data-total={total} data-running={batch.running}>
        <progress value={done} max={Math.max(1, total)} />
        <span>{parts.join(' · ')}</span>
      </div>
      {batch.error && <p className="dw-lab-error" role="alert" data-testid="lab-error">{t('lab.runs.startFailed', { message: tm(batch.error) })}</p>}
    </>
  );
}
