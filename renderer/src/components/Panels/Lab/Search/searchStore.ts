/**
 * The search experiment's state, kept while the Lab tab or another experiment is shown: the
 * settings as typed, and the last search (its trials, its runs as they stream in, its progress).
 * The running batch's handle lives beside the store, not in it: it is not data to render.
 */
import { create } from 'zustand';
import type { lab } from '../../../../../../engine';
import { errorText, tmsg, type Text } from '../../../../i18n';
import { TextError } from '../../../../i18n/TextError';
import { startBatch, type BatchProgress, type LabBatch, type LabRun, type LabRunSpec } from '../../../../lab/runner';
import type { SortState } from './searchResults';

export interface SearchBatchState {
  readonly id: string;
  readonly trials: readonly lab.Trial[];
  /** The parameters as searched (the table may be edited afterwards). */
  readonly params: readonly lab.SearchParam[];
  /** Trial i's run label. */
  readonly labels: readonly string[];
  readonly runs: readonly LabRun[];
  readonly progress: BatchProgress;
  readonly running: boolean;
  readonly cancelled: boolean;
}

export interface AppliedNote {
  readonly kind: 'ok' | 'error';
  /** Shown in the reader's language (a Text, so it follows a language switch). */
  readonly text: Text;
}

interface SearchState {
  /** Null until first shown with a graph (then the graph's defaults). */
  params: lab.SearchParam[] | null;
  trials: number;
  epochs: number;
  seed: number;
  parallel: boolean;
  /** Scatter axes by parameter id; null: the first (x) and second (y) parameter. */
  axisX: string | null;
  axisY: string | null;
  sort: SortState | null;
  batch: SearchBatchState | null;
  /** Why the search could not run, shown in the reader's language. */
  error: Text | null;
  applied: AppliedNote | null;
  update(patch: Partial<Pick<SearchState, 'params' | 'trials' | 'epochs' | 'seed' | 'parallel' | 'axisX' | 'axisY' | 'sort' | 'error' | 'applied'>>): void;
  /** Starts training `specs` (trial i is `specs[i]`); throws what startBatch throws. */
  start(specs: readonly LabRunSpec[], trials: readonly lab.Trial[], params: readonly lab.SearchParam[], parallel: number): void;
  cancel(): void;
}

let current: LabBatch | null = null;

/** Streamed updates are folded into the store at most this often (a table of trials need not redraw per batch). */
const UPDATE_MS = 150;

export const useSearch = create<SearchState>()((set, get) => ({
  params: null,
  trials: 20,
  epochs: 3,
  seed: 1,
  parallel: true,
  axisX: null,
  axisY: null,
  sort: null,
  batch: null,
  error: null,
  applied: null,

  update(patch) {
    set(patch);
  },

  start(specs, trials, params, parallel) {
    if (current) throw new TextError(tmsg('labError.search.running'));
    let pending: { runs: readonly LabRun[]; progress: BatchProgress } | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let id = '';
    const flush = () => {
      timer = null;
      const b = get().batch;
      if (!pending || !b || b.id !== id) return;
      set({ batch: { ...b, runs: [...pending.runs], progress: pending.progress } });
      pending = null;
    };
    const handle = startBatch(specs, {
      parallel,
      onChange(runs, progress) {
        pending = { runs, progress };
        timer ??= setTimeout(flush, UPDATE_MS);
      },
    });
    id = handle.id;
    current = handle;
    set({
      error: null,
      applied: null,
      sort: null,
      batch: {
        id, trials, params, labels: specs.map((s) => s.label), runs: [], running: true, cancelled: false,
        progress: { done: 0, total: specs.length, etaSeconds: null },
      },
    });
    const end = (runs: readonly LabRun[] | null, error: Text | null) => {
      if (current === handle) current = null;
      if (timer) clearTimeout(timer);
      flush();
      const b = get().batch;
      if (!b || b.id !== id) return;
      set({
        // Resolved means every run has ended (cancelled ones included), whatever the last update said.
        batch: {
          ...b, ...(runs ? { runs: [...runs] } : {}), running: false,
          progress: { ...b.progress, ...(runs ? { done: b.progress.total } : {}), etaSeconds: null },
        },
        ...(error ? { error } : {}),
      });
    };
    handle.finished.then(
      (runs) => end(runs, null),
      (e: unknown) => end(null, errorText(e)),
    );
  },

  cancel() {
    const b = get().batch;
    current?.cancel();
    if (b?.running) set({ batch: { ...b, cancelled: true } });
  },
}));
