/**
 * The toolbar's training end (UI.md): Train / Pause / Resume / Stop, the backend, and the run's
 * progress — a bar with epoch, samples per second and ETA, then how the run ended. Never a
 * modal: the user keeps editing while the run goes on, and is told when the graph on the canvas
 * is no longer the one training.
 */
import { useEffect, useRef } from 'react';
import { i18n } from '../../../../engine';
import { useValidation } from '../../hooks/useValidation';
import { infoText, tmsg, useLocale, type Text } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { useTraining, type TrainingState } from '../../store/trainingStore';
import { graphKey, isActive, type LiveRun } from '../../training/liveRun';
import { showToast } from '../Toast/Toast';
import './TrainControls.css';

/** Share of the run's batches done, 0…1. */
export function runFraction(run: LiveRun): number {
  if (run.status === 'completed') return 1;
  const p = run.progress;
  const epochs = run.info?.epochs;
  if (!p || !epochs) return 0;
  return Math.min(1, ((p.epoch - 1) * p.batches + p.batch) / (epochs * p.batches));
}

/**
 * The backend badge's title: why training has fewer threads or no GPU (the reason in the
 * language `tm` renders), else which device trains.
 */
export function backendTitle(
  engine: TrainingState['engine'],
  t: (key: string, vars?: Record<string, unknown>) => string,
  tm: (text: Text) => string,
): string {
  if (engine?.limited) return t('train.threadsLimited');
  if (engine?.device?.fallback) return t('train.gpuFallback', { reason: tm(engine.device.fallback) });
  return engine ? `${t('train.backendHint')}: ${engine.backend}` : t('train.backendHint');
}

export function TrainControls() {
  const { t, tm, locale } = useLocale();
  const run = useTraining((s) => s.run);
  const engine = useTraining((s) => s.engine);
  const graph = useEditor((s) => s.graph);
  const validation = useValidation();
  const active = isActive(run);
  const errors = validation.problems.filter((p) => p.severity === 'error').length;
  const stale = run !== null && run.graphKey !== graphKey(graph);
  const fmt = (n: number, digits = 0) => n.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const compact = (n: number) => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);

  // A failure is said once, where the user looks; it also stays in the status text and the run history.
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (run?.status === 'failed' && run.error && told.current !== run.runId) {
      told.current = run.runId;
      showToast(tmsg('train.failed', { message: infoText(run.error) }), 'error');
    }
  }, [run]);

  const trainTitle = errors > 0 ? t('train.fixFirst', { count: errors }) : t('train.trainHint');
  let status = '';
  if (run) {
    const p = run.progress;
    switch (run.status) {
      case 'starting':
        status = t('train.starting');
        break;
      case 'running':
      case 'paused':
        status = p && run.info
          ? t('train.progress', { epoch: fmt(p.epoch), epochs: fmt(run.info.epochs), rate: compact(p.samplesPerSec), eta: i18n.formatDuration(p.etaSeconds) })
          : t('train.loading');
        if (run.status === 'paused') status = `${t('train.paused')} · ${status}`;
        break;
      case 'completed':
      case 'stopped': {
        const acc = run.test?.accuracy;
        const what = run.status === 'completed' ? t('train.completed') : t('train.stopped');
        status = acc !== undefined ? `${what} · ${t('train.testAccuracy', { value: fmt(acc * 100, 1) })}` : what;
        break;
      }
      case 'failed':
        status = t('train.failedShort');
        break;
    }
  }

  return (
    <div className="dw-train" data-testid="train-controls">
      {!active && (
        <button className="dw-train-go" onClick={() => void useTraining.getState().train()} disabled={errors > 0}
          title={trainTitle} data-testid="btn-train">▶ {t('train.train')}</button>
      )}
      {run?.status === 'running' && <button onClick={() => void useTraining.getState().pause()} data-testid="btn-pause">❚❚ {t('train.pause')}</button>}
      {run?.status === 'paused' && <button onClick={() => void useTraining.getState().resume()} data-testid="btn-resume">▶ {t('train.resume')}</button>}
      {active && <button onClick={() => void useTraining.getState().stop()} data-testid="btn-stop">■ {t('train.stop')}</button>}
      <span className={`dw-train-backend${engine?.limited ? ' limited' : ''}`} data-testid="train-backend" data-threads={engine?.threads}
        data-device={engine?.device?.kind ?? 'cpu'}
        title={backendTitle(engine, t, tm)}>
        {engine?.device?.kind === 'webgpu' ? t('train.backendGpu', { adapter: engine.device.adapter ?? '' })
          : engine ? t('train.backend', { backend: 'CPU', threads: engine.threads }) : t('train.backendUnknown')}
      </span>
      {run && (
        <span className={`dw-train-status ${run.status}`} data-testid="train-status" data-status={run.status}
          title={run.error ? tm(infoText(run.error)) : status}>
          <progress max={1} value={runFraction(run)} data-testid="train-progress" aria-label={t('train.progressLabel')} />
          <span>{status}</span>
          {stale && <span className="dw-train-stale" data-testid="train-stale" title={t('train.staleHint')}>{t('train.stale')}</span>}
        </span>
      )}
    </div>
  );
}
