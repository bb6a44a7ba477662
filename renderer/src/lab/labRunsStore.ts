/**
 * The last batch of each of the lab's run views (BatchNorm, overfitting, initialisers on MNIST,
 * perceptron, XOR, paired run), kept outside the views so a batch keeps training and its results
 * stay when the user switches experiment or tab. Earlier batches live in the project's run
 * history (the runs panel).
 *
 * A batch's runs stream in many times a second; the store takes them at most once per animation
 * frame, so the views re-render at the screen's pace, not the engines'.
 */
import { create } from 'zustand';
import type { protocol } from '../../../engine';
import { errorText, type Text } from '../i18n';
import { startBatch, type BatchProgress, type LabBatch, type LabRun, type LabRunSpec } from './runner';

export type LabRunsKey = 'init-mnist' | 'batchnorm' | 'overfitting' | 'perceptron' | 'xor' | 'paired';

export interface BatchState {
  readonly id: string;
  readonly runs: readonly LabRun[];
  readonly progress: BatchProgress;
  /** True until every run has ended (or the batch was cancelled). */
  readonly running: boolean;
  /** Why the batch could not start or failed as a whole (shown in the reader's language). */
  readonly error: Text | null;
  /** The XOR net's hidden features, once asked for (the XOR view). */
  readonly features?: protocol.Features;
  readonly featuresError?: Text;
}

interface LabRunsState {
  readonly batches: Partial<Record<LabRunsKey, BatchState>>;
  /**
   * Starts `specs` as the new batch of `key` (cancelling one still running there). Returns the
   * batch, or null when it could not start (the reason is the state's `error`).
   */
  start(key: LabRunsKey, specs: readonly LabRunSpec[], options?: { parallel?: number }): LabBatch | null;
  cancel(key: LabRunsKey): void;
  /** Adds to a batch's state (the XOR features), if the batch `id` is still that key's. */
  patch(key: LabRunsKey, id: string, patch: Partial<Pick<BatchState, 'features' | 'featuresError'>>): void;
}

/** The handles of running batches (not state: nothing renders them). */
const handles = new Map<LabRunsKey, LabBatch>();

/** One call per frame, however many come before it (a timer where there are no frames: tests, workers). */
function frameThrottle(fn: () => void): () => void {
  let pending = false;
  const raf = typeof globalThis.requestAnimationFrame === 'function' ? globalThis.requestAnimationFrame.bind(globalThis) : null;
  return () => {
    if (pending) return;
    pending = true;
    const run = () => {
      pending = false;
      fn();
    };
    if (raf) raf(run);
    else setTimeout(run, 16);
  };
}

export const useLabRuns = create<LabRunsState>()((set, get) => {
  const update = (key: LabRunsKey, id: string, patch: Partial<BatchState>) => {
    const current = get().batches[key];
    if (!current || current.id !== id) return; // a newer batch took its place
    set({ batches: { ...get().batches, [key]: { ...current, ...patch } } });
  };

  return {
    batches: {},

    start(key, specs, options = {}) {
      handles.get(key)?.cancel();
      handles.delete(key);
      // The specs carry their batch id (the runs' history records it); the state is keyed by it.
      const id = specs[0]?.lab.batch ?? '';
      const initial: BatchState = { id, runs: [], progress: { done: 0, total: specs.length, etaSeconds: null }, running: true, error: null };
      set({ batches: { ...get().batches, [key]: initial } });

      let latest: { runs: readonly LabRun[]; progress: BatchProgress } | null = null;
      const flush = () => {
        if (latest) update(key, id, latest);
      };
      const schedule = frameThrottle(flush);
      let batch: LabBatch;
      try {
        batch = startBatch(specs, {
          ...(options.parallel !== undefined ? { parallel: options.parallel } : {}),
          onChange: (runs, progress) => {
            latest = { runs, progress };
            schedule();
          },
        });
      } catch (e) {
        update(key, id, { running: false, error: errorText(e) });
        return null;
      }
      handles.set(key, batch);
      batch.finished.then(
        (runs) => {
          latest = { runs, progress: { ...(latest?.progress ?? initial.progress), done: runs.length, etaSeconds: 0 } };
          update(key, id, { ...latest, running: false });
        },
        (e: unknown) => update(key, id, { running: false, error: errorText(e) }),
      ).finally(() => {
        if (handles.get(key) === batch) handles.delete(key);
      });
      return batch;
    },

    cancel(key) {
      handles.get(key)?.cancel();
    },

    patch(key, id, patch) {
      update(key, id, patch);
    },
  };
});
