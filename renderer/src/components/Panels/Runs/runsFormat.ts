/**
 * How a run's numbers read in the UI language: start times, learning rates, losses, accuracies
 * and durations, plus the summary of a run record the table shows. Pure (Intl only), shared with
 * the curves panel so a number reads the same in both.
 */
import { i18n, type project } from '../../../../../engine';

// Intl formatters are slow to build and the curves' latest line re-renders many times a second.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** A loss (or any unbounded metric): 3 significant digits, whole numbers past 1000; "NaN" stays visible. */
export function formatMetric(v: number, locale: string): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  return Math.abs(v) >= 1000
    ? numberFormat(locale, { maximumFractionDigits: 0 }).format(v)
    : numberFormat(locale, { maximumSignificantDigits: 3 }).format(v);
}

/** A fraction 0–1 as a percentage with at most one decimal ("98.4%"). */
export function formatPercent(v: number, locale: string): string {
  if (!Number.isFinite(v)) return formatMetric(v, locale);
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** A learning rate as written in the optimizer (0.001, 0.00003): significant digits, no exponent. */
export function formatLearningRate(v: number, locale: string): string {
  return numberFormat(locale, { maximumSignificantDigits: 4 }).format(v);
}

/** An integer count with the locale's grouping (batch size 1,024). */
export function formatCount(v: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(v);
}

/** When a run started, short: day, month and time in the locale ("3 Mar, 14:02"); the raw text if unreadable. */
export function formatStarted(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** An optimizer node kind in the UI language ("Momentum" → "모멘텀"); an unknown kind as written. */
export function optimizerName(kind: string, locale: string): string {
  return i18n.isLocale(locale) && i18n.hasMessage(`node.${kind}.label`) ? i18n.nodeLabel(locale, kind) : kind;
}

/** Seconds as a clock: "0:42", "12:05", "1:02:03" ('—' when unknown). */
export const formatDuration = (seconds: number): string => i18n.formatDuration(seconds, '—');

/** What the runs table shows of one run; absent numbers are `undefined`. */
export interface RunSummary {
  readonly epochsRun: number;
  readonly plannedEpochs?: number;
  readonly finalLoss?: number;
  readonly finalValAccuracy?: number;
  readonly testAccuracy?: number;
  readonly seconds?: number;
}

/**
 * The table's numbers for a run: the last epoch's loss and validation accuracy, the test
 * accuracy, and the duration — wall-clock from start to finish when both are known (it includes
 * loading the data), else the sum of the epochs' own times.
 */
export function summarize(run: project.RunRecord): RunSummary {
  const last = run.epochs[run.epochs.length - 1];
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
  const seconds = Number.isFinite(end - start) && end >= start
    ? (end - start) / 1000
    : run.epochs.length ? run.epochs.reduce((a, e) => a + e.seconds, 0) : undefined;
  return {
    epochsRun: run.epochs.length,
    ...(run.settings.epochs !== undefined ? { plannedEpochs: run.settings.epochs } : {}),
    ...(last ? { finalLoss: last.loss } : {}),
    ...(last?.valAccuracy !== undefined ? { finalValAccuracy: last.valAccuracy } : {}),
    ...(run.test?.accuracy !== undefined ? { testAccuracy: run.test.accuracy } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

/** Newest first, by start time (ids break ties so the order is stable). */
export function newestFirst(runs: readonly project.RunRecord[]): project.RunRecord[] {
  return [...runs].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The i18n key naming a lab run's experiment in the lab's list ('lab.exp.batchnorm'); the
 * initialisers-on-MNIST runs belong to the weight-initialisation experiment. Null for an
 * experiment the lab does not list (a run made by a newer version).
 */
export function labExperimentKey(experiment: string, known: readonly string[]): string | null {
  const id = experiment === 'init-mnist' ? 'init' : experiment;
  return known.includes(id) ? `lab.exp.${id}` : null;
}
