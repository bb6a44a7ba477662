import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchOptions, LabRun, LabRunSpec } from '../../../../lab/runner';
import { newRun } from '../../../../training/liveRun';

// The runner trains in workers; here a fake batch stands in, driven by the test.
const fake = vi.hoisted(() => ({
  options: null as BatchOptions | null,
  finish: null as ((runs: readonly LabRun[]) => void) | null,
  cancelled: 0,
}));
vi.mock('../../../../lab/runner', () => ({
  startBatch: (_specs: readonly LabRunSpec[], options: BatchOptions) => {
    fake.options = options;
    return {
      id: 'lab-fake',
      finished: new Promise<readonly LabRun[]>((resolve) => { fake.finish = resolve; }),
      cancel: () => { fake.cancelled++; },
    };
  },
}));

const { useSearch } = await import('./searchStore');

const graph = { nodes: [], edges: [] };
const spec = (label: string): LabRunSpec => ({ graph, label, lab: { experiment: 'search', batch: 'lab-fake' }, options: { evaluateTest: false } });
const params = [{ id: 'weightDecay', min: 1e-8, max: 1e-4, scale: 'log' as const }];
const trials = [{ index: 0, values: { weightDecay: 1e-6 } }, { index: 1, values: { weightDecay: 1e-5 } }];

afterEach(() => {
  vi.useRealTimers();
});

describe('the search store', () => {
  it('folds streamed updates in at a calm pace, ends the batch when it finishes, and cancels it', async () => {
    vi.useFakeTimers();
    useSearch.getState().start([spec('trial 1'), spec('trial 2')], trials, params, 2);
    let b = useSearch.getState().batch!;
    expect(b).toMatchObject({ id: 'lab-fake', running: true, labels: ['trial 1', 'trial 2'], progress: { done: 0, total: 2 } });

    const run = { spec: spec('trial 1'), run: newRun('r1', graph) };
    fake.options!.onChange([run], { done: 0, total: 2, etaSeconds: 30 });
    fake.options!.onChange([run], { done: 1, total: 2, etaSeconds: 12 });
    // Not yet: updates are batched.
    expect(useSearch.getState().batch!.runs).toHaveLength(0);
    vi.advanceTimersByTime(200);
    b = useSearch.getState().batch!;
    expect(b.runs).toHaveLength(1);
    expect(b.progress).toEqual({ done: 1, total: 2, etaSeconds: 12 });

    // A second search cannot start over a running one.
    expect(() => useSearch.getState().start([spec('x')], trials, params, 1)).toThrow(/already running/);
    useSearch.getState().cancel();
    expect(fake.cancelled).toBe(1);
    expect(useSearch.getState().batch!.cancelled).toBe(true);

    fake.finish!([run, { spec: spec('trial 2'), run: newRun('r2', graph) }]);
    await vi.runAllTimersAsync();
    b = useSearch.getState().batch!;
    expect(b.running).toBe(false);
    expect(b.runs).toHaveLength(2);
    expect(b.progress).toEqual({ done: 2, total: 2, etaSeconds: null });
  });
});
