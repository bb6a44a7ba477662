import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchOptions, LabRun, LabRunSpec } from './runner';

// The runner trains in engines; here a fake hands back what the store gives it to drive.
const started: { specs: readonly LabRunSpec[]; options: BatchOptions; resolve: (runs: readonly LabRun[]) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
vi.mock('./runner', () => ({
  startBatch: (specs: readonly LabRunSpec[], options: BatchOptions) => {
    let resolve!: (runs: readonly LabRun[]) => void;
    const finished = new Promise<readonly LabRun[]>((r) => (resolve = r));
    const cancel = vi.fn();
    started.push({ specs, options, resolve, cancel });
    return { id: specs[0].lab.batch, finished, cancel };
  },
}));

const { useLabRuns } = await import('./labRunsStore');

const spec = (batch: string): LabRunSpec => ({ graph: { nodes: [], edges: [] }, label: 'a', lab: { experiment: 'batchnorm', batch } });
const fakeRun = (version: number) => ({ spec: spec('b1'), run: { runId: 'r', version } }) as unknown as LabRun;

afterEach(() => {
  started.length = 0;
  vi.useRealTimers();
});

describe('useLabRuns', () => {
  it('takes streamed runs at most once a frame and keeps the last batch per experiment', async () => {
    vi.useFakeTimers();
    useLabRuns.getState().start('batchnorm', [spec('b1'), spec('b1')]);
    expect(useLabRuns.getState().batches.batchnorm).toMatchObject({ id: 'b1', running: true, progress: { done: 0, total: 2 } });
    const { options } = started[0];
    for (let v = 1; v <= 5; v++) options.onChange([fakeRun(v)], { done: 0, total: 2, etaSeconds: 10 });
    expect(useLabRuns.getState().batches.batchnorm!.runs).toEqual([]);
    vi.advanceTimersByTime(20);
    expect((useLabRuns.getState().batches.batchnorm!.runs[0].run as unknown as { version: number }).version).toBe(5);

    started[0].resolve([fakeRun(6), fakeRun(7)]);
    await vi.runAllTimersAsync();
    expect(useLabRuns.getState().batches.batchnorm).toMatchObject({ running: false, progress: { done: 2, total: 2 } });
    // Another experiment's batch leaves this one alone.
    useLabRuns.getState().start('overfitting', [spec('b2')]);
    expect(useLabRuns.getState().batches.batchnorm!.id).toBe('b1');
  });

  it('cancels the batch a new one replaces, and ignores the old batch’s late updates', () => {
    vi.useFakeTimers();
    useLabRuns.getState().start('paired', [spec('p1')]);
    useLabRuns.getState().start('paired', [spec('p2')]);
    expect(started[0].cancel).toHaveBeenCalled();
    started[0].options.onChange([fakeRun(1)], { done: 1, total: 1, etaSeconds: 0 });
    vi.advanceTimersByTime(20);
    expect(useLabRuns.getState().batches.paired).toMatchObject({ id: 'p2', runs: [] });
  });
});
