/**
 * The search's results as table rows: each trial's values next to how its run did, sorted by
 * any column, best first by default (the engine's `rankTrials`: validation accuracy, else
 * validation loss — never a test metric). Pure.
 */
import { lab } from '../../../../../../engine';
import { infoText, type Text } from '../../../../i18n';
import type { LabRun } from '../../../../lab/runner';
import type { RunStatus } from '../../../../training/liveRun';

/** A trial not yet handed to an engine has no run status of its own. */
export type TrialStatus = RunStatus | 'queued';

export interface TrialRow {
  /** 0-based; shown 1-based. */
  readonly index: number;
  readonly values: Readonly<Record<string, number>>;
  readonly status: TrialStatus;
  /** Epochs finished. */
  readonly epochs: number;
  readonly valAccuracy?: number;
  readonly valLoss?: number;
  readonly accuracy?: number;
  /** Why the run failed, shown in the reader's language. */
  readonly error?: Text;
}

/** The fixed columns; a parameter's column is keyed by its SearchParam id. */
export const METRIC_COLUMNS = ['valAccuracy', 'valLoss', 'accuracy'] as const;
export type SortColumn = 'trial' | 'status' | (typeof METRIC_COLUMNS)[number] | (string & {});

export interface SortState {
  readonly col: SortColumn;
  readonly dir: 'asc' | 'desc';
}

/**
 * One row per trial. `runs` are matched to trials by their spec's label (`labels[i]` is trial
 * i's); a trial without a run yet is 'queued'.
 */
export function trialRows(trials: readonly lab.Trial[], labels: readonly string[], runs: readonly LabRun[]): TrialRow[] {
  const byLabel = new Map(runs.map((r) => [r.spec.label, r]));
  return trials.map((trial, i) => {
    const live = byLabel.get(labels[i])?.run;
    if (!live) return { index: trial.index, values: trial.values, status: 'queued', epochs: 0 };
    const last = live.epochs.at(-1);
    return {
      index: trial.index,
      values: trial.values,
      status: live.status,
      epochs: live.epochs.length,
      ...(last?.valAccuracy !== undefined ? { valAccuracy: last.valAccuracy } : {}),
      ...(last?.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
      ...(last?.accuracy !== undefined ? { accuracy: last.accuracy } : {}),
      ...(live.error ? { error: infoText(live.error) } : {}),
    };
  });
}

/** A trial whose numbers are final and worth applying: it ended without failing and has a validation metric. */
export function isResult(row: TrialRow): boolean {
  return (row.status === 'completed' || row.status === 'stopped') && (row.valAccuracy !== undefined || row.valLoss !== undefined);
}

/** The best finished trial by validation (rankTrials), or null when none has finished. */
export function bestRow(rows: readonly TrialRow[]): TrialRow | null {
  return lab.rankTrials(rows.filter(isResult))[0] ?? null;
}

/** The direction a first click sorts in: accuracies highest first, everything else lowest first. */
export function defaultDir(col: SortColumn): 'asc' | 'desc' {
  return col === 'valAccuracy' || col === 'accuracy' ? 'desc' : 'asc';
}

/** The sort after clicking `col`'s header: that column in its natural direction, reversed when clicked again. */
export function nextSort(current: SortState | null, col: SortColumn): SortState {
  if (current?.col === col) return { col, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { col, dir: defaultDir(col) };
}

const STATUS_ORDER: readonly TrialStatus[] = ['completed', 'stopped', 'failed', 'running', 'paused', 'starting', 'queued'];

function sortKey(row: TrialRow, col: SortColumn): number | undefined {
  switch (col) {
    case 'trial':
      return row.index;
    case 'status':
      return STATUS_ORDER.indexOf(row.status);
    case 'valAccuracy':
      return row.valAccuracy;
    case 'valLoss':
      return row.valLoss;
    case 'accuracy':
      return row.accuracy;
    default:
      return row.values[col];
  }
}

/**
 * The rows in table order: by `sort`, or best first (rankTrials) when there is none. Rows
 * without a value in the sorted column go last in either direction; ties keep trial order.
 */
export function sortRows(rows: readonly TrialRow[], sort: SortState | null): TrialRow[] {
  if (!sort) return lab.rankTrials(rows);
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = sortKey(a, sort.col);
    const kb = sortKey(b, sort.col);
    const missA = ka === undefined || Number.isNaN(ka);
    const missB = kb === undefined || Number.isNaN(kb);
    if (missA || missB) return missA === missB ? a.index - b.index : missA ? 1 : -1;
    return (ka - kb) * sign || a.index - b.index;
  });
}
