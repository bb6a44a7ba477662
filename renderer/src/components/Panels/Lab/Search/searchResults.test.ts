import { describe, expect, it } from 'vitest';
import { graph as g, type protocol } from '../../../../../../engine';
import type { LabRun } from '../../../../lab/runner';
import { newRun, type RunStatus } from '../../../../training/liveRun';
import { bestRow, isResult, nextSort, sortRows, trialRows, type TrialRow } from './searchResults';

const graph = g.makeGraph([['training', 'Training']], []);

function labRun(label: string, status: RunStatus, epochs: Partial<protocol.EpochInfo>[], error?: string): LabRun {
  const run = newRun(`run-${label}`, graph);
  run.status = status;
  run.epochs.push(...epochs.map((e, i) => ({ epoch: i + 1, loss: 1, seconds: 1, samplesPerSec: 100, ...e })));
  if (error) run.error = { name: 'Error', message: error, kind: 'internal' };
  return { spec: { graph, label, lab: { experiment: 'search', batch: 'lab-1' } }, run };
}

const row = (index: number, extra: Partial<TrialRow> = {}): TrialRow => ({ index, values: { lr: 10 ** -(index + 1) }, status: 'completed', epochs: 3, ...extra });

describe('trial rows', () => {
  it('takes each trial’s last epoch and matches runs by label, queued when not started', () => {
    const trials = [0, 1, 2].map((index) => ({ index, values: { lr: 0.1 * (index + 1) } }));
    const labels = ['trial 1', 'trial 2', 'trial 3'];
    const runs = [
      labRun('trial 2', 'running', [{ valAccuracy: 0.5, valLoss: 1.2, accuracy: 0.55 }]),
      labRun('trial 1', 'completed', [{ valAccuracy: 0.4 }, { valAccuracy: 0.8, valLoss: 0.6, accuracy: 0.85 }]),
    ];
    const rows = trialRows(trials, labels, runs);
    expect(rows[0]).toEqual({ index: 0, values: { lr: 0.1 }, status: 'completed', epochs: 2, valAccuracy: 0.8, valLoss: 0.6, accuracy: 0.85 });
    expect(rows[1]).toMatchObject({ status: 'running', epochs: 1, valAccuracy: 0.5 });
    expect(rows[2]).toEqual({ index: 2, values: trials[2].values, status: 'queued', epochs: 0 });
  });

  it('carries a failed run’s error', () => {
    const rows = trialRows([{ index: 0, values: {} }], ['t'], [labRun('t', 'failed', [], 'loss became NaN')]);
    expect(rows[0]).toMatchObject({ status: 'failed', error: 'loss became NaN' });
    expect(isResult(rows[0])).toBe(false);
  });

  it('counts only ended, non-failed trials with a validation metric as results', () => {
    expect(isResult(row(0, { valAccuracy: 0.9 }))).toBe(true);
    expect(isResult(row(0, { status: 'stopped', valLoss: 0.3 }))).toBe(true);
    expect(isResult(row(0, { status: 'running', valAccuracy: 0.9 }))).toBe(false);
    expect(isResult(row(0))).toBe(false);
  });
});

describe('sorting the results', () => {
  const rows = [
    row(0, { valAccuracy: 0.7, valLoss: 0.9, accuracy: 0.72 }),
    row(1, { valAccuracy: 0.92, valLoss: 0.3, accuracy: 0.95 }),
    row(2, { status: 'failed' }),
    row(3, { valAccuracy: 0.85, valLoss: 0.5, accuracy: 0.99 }),
  ];

  it('sorts accuracies highest first on the first click, then reverses', () => {
    const first = nextSort(null, 'valAccuracy');
    expect(first).toEqual({ col: 'valAccuracy', dir: 'desc' });
    expect(sortRows(rows, first).map((r) => r.index)).toEqual([1, 3, 0, 2]);
    const again = nextSort(first, 'valAccuracy');
    // Reversed, but the trial without a value stays last.
    expect(sortRows(rows, again).map((r) => r.index)).toEqual([0, 3, 1, 2]);
  });

  it('sorts losses, parameters and trial numbers lowest first', () => {
    expect(sortRows(rows, nextSort(null, 'valLoss')).map((r) => r.index)).toEqual([1, 3, 0, 2]);
    expect(sortRows(rows, nextSort(null, 'lr')).map((r) => r.index)).toEqual([3, 2, 1, 0]);
    expect(sortRows(rows, nextSort({ col: 'lr', dir: 'asc' }, 'trial')).map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(sortRows(rows, { col: 'accuracy', dir: 'desc' }).map((r) => r.index)).toEqual([3, 1, 0, 2]);
    expect(sortRows(rows, { col: 'status', dir: 'asc' }).map((r) => r.index)).toEqual([0, 1, 3, 2]);
  });

  it('is best first by validation by default, and the best is a finished trial', () => {
    // Trial 3 has the best training accuracy; validation decides.
    expect(sortRows(rows, null).map((r) => r.index).slice(0, 3)).toEqual([1, 3, 0]);
    expect(bestRow(rows)?.index).toBe(1);
    // A still-running trial with a higher validation accuracy is not yet the best.
    expect(bestRow([...rows, row(4, { status: 'running', valAccuracy: 0.99 })])?.index).toBe(1);
    expect(bestRow([row(0, { status: 'running', valAccuracy: 0.5 })])).toBeNull();
  });
});
