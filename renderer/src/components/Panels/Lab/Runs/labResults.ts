/**
 * A lab run's numbers for the results tables: its final epoch (training loss and accuracy,
 * validation accuracy), its test accuracy and its time, and the difference a paired run made.
 * Pure, so they are tested directly.
 */
import type { LabRun } from '../../../../lab/runner';
import type { LiveRun, RunStatus } from '../../../../training/liveRun';

/** One row of a results table; absent numbers are `undefined`. */
export interface ResultRow {
  readonly label: string;
  readonly status: RunStatus;
  readonly epochs: number;
  readonly trainAccuracy?: number;
  readonly valAccuracy?: number;
  readonly testAccuracy?: number;
  readonly loss?: number;
  readonly seconds?: number;
}

/** The epochs a run plans: the engine's count once it started, else the Training node's. */
export function plannedEpochs(r: LabRun): number {
  if (r.run.info) return r.run.info.epochs;
  if (r.spec.options?.epochs !== undefined) return r.spec.options.epochs;
  const training = r.spec.graph.nodes.find((n) => n.kind === 'Training');
  const epochs = training?.params.epochs;
  return typeof epochs === 'number' ? epochs : 0;
}

/**
 * Seconds a run took: the engine's own count once done, else the time since it started (it is
 * still training), else nothing.
 */
export function runSeconds(run: LiveRun, now: number): number | undefined {
  if (run.seconds !== null) return run.seconds;
  if (run.status === 'starting') return undefined;
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? (end - start) / 1000 : undefined;
}

/** The results-table row of a lab run, from its last epoch and its test evaluation. */
export function resultRow(r: LabRun, now = Date.now()): ResultRow {
  const last = r.run.epochs[r.run.epochs.length - 1];
  const seconds = runSeconds(r.run, now);
  return {
    label: r.spec.label,
    status: r.run.status,
    epochs: r.run.epochs.length,
    ...(last?.accuracy !== undefined ? { trainAccuracy: last.accuracy } : {}),
    ...(last?.valAccuracy !== undefined ? { valAccuracy: last.valAccuracy } : {}),
    ...(r.run.test?.accuracy !== undefined ? { testAccuracy: r.run.test.accuracy } : {}),
    ...(last ? { loss: last.loss } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

export type ResultMetric = 'trainAccuracy' | 'valAccuracy' | 'testAccuracy' | 'loss' | 'seconds';
export const RESULT_METRICS: readonly ResultMetric[] = ['trainAccuracy', 'valAccuracy', 'testAccuracy', 'loss', 'seconds'];

/** variant − baseline for each metric both rows have (a paired run's effect). */
export function resultDiff(baseline: ResultRow, variant: ResultRow): Partial<Record<ResultMetric, number>> {
  const out: Partial<Record<ResultMetric, number>> = {};
  for (const m of RESULT_METRICS) {
    const a = baseline[m];
    const b = variant[m];
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) out[m] = b - a;
  }
  return out;
}

/** Whether a higher value of `m` is better (accuracies) or worse (loss, time). */
export const higherIsBetter = (m: ResultMetric): boolean => m !== 'loss' && m !== 'seconds';
