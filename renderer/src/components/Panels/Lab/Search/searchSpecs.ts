/**
 * From the search's settings to the runs the lab runner trains: the trials drawn once, each one
 * the user's graph with the trial's values set and made ready for a short run judged on the
 * validation split. Every trial runs with `evaluateTest: false`, so the test split can never
 * take part in choosing.
 */
import { lab, type graph as g } from '../../../../../../engine';
import type { LabRunSpec } from '../../../../lab/runner';

export const MAX_TRIALS = 500;
export const MAX_EPOCHS = 1000;

export interface SearchSettings {
  readonly trials: number;
  readonly epochs: number;
  readonly seed: number;
}

/** True when the trial count, epochs and seed are whole numbers in range. */
export function settingsValid(s: SearchSettings): boolean {
  return Number.isInteger(s.trials) && s.trials >= 1 && s.trials <= MAX_TRIALS
    && Number.isInteger(s.epochs) && s.epochs >= 1 && s.epochs <= MAX_EPOCHS
    && Number.isSafeInteger(s.seed);
}

/**
 * CPU threads each trial's engine may use: the cores shared among the workers training at once,
 * so parallel trials do not fight over them. Undefined (the graph's own setting) when one
 * trial trains at a time.
 */
export function trialThreads(workers: number, cores: number): number | undefined {
  if (workers <= 1) return undefined;
  return Math.max(1, Math.floor(cores / workers));
}

export interface SearchBatchPlan {
  readonly trials: lab.Trial[];
  readonly specs: LabRunSpec[];
}

/**
 * The trials of a search (`lab.sampleTrials`) and one run spec per trial, in trial order:
 * `label(k)` names trial k (1-based).
 */
export function planSearch(
  graph: g.Graph,
  params: readonly lab.SearchParam[],
  settings: SearchSettings,
  batch: string,
  options: { label: (k: number) => string; threads?: number },
): SearchBatchPlan {
  const trials = lab.sampleTrials(params, settings.trials, settings.seed);
  const specs = trials.map((trial): LabRunSpec => ({
    graph: lab.searchTrialGraph(lab.applyTrial(graph, trial), {
      epochs: settings.epochs,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    }),
    label: options.label(trial.index + 1),
    lab: { experiment: 'search', batch, values: { ...trial.values } },
    options: { evaluateTest: false },
  }));
  return { trials, specs };
}
