/**
 * The numbers behind the curves panel, without React or uPlot: which curves a chart shows, the
 * aligned arrays uPlot draws (one shared x column, one column per curve), the smoothing of the
 * batch losses, and the guards a log axis needs. Kept pure so the arithmetic is tested directly.
 *
 * uPlot wants every series on one x column. The loss chart mixes per-batch points (fractional
 * epochs: 1.5 is half-way through epoch 2) with per-epoch points (x = the epoch number, which is
 * also where that epoch's last batch sits), so the x column is the sorted union of both and a
 * curve has `null` where it has no point; the charts draw with `spanGaps` so lines join across.
 */
import type { project } from '../../../../../engine';
import { formatLearningRate, formatStarted, optimizerName } from '../Runs/runsFormat';

/** One finished epoch, as the live run and the project's run records both hold it. */
export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

/** The live run's curves: batch losses (growing in place) and finished epochs. */
export interface LiveCurves {
  readonly batchX: readonly number[];
  readonly batchLoss: readonly number[];
  readonly epochs: readonly EpochPoint[];
}

/** A past run drawn over the live one. */
export interface OverlayCurves {
  readonly id: string;
  readonly label: string;
  readonly epochs: readonly EpochPoint[];
}

export type Metric = 'batchRaw' | 'batchSmooth' | 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy';

/** One curve of a chart: a metric of the live run (`run: -1`) or of overlay number `run`. */
export interface CurveSpec {
  readonly run: number;
  readonly metric: Metric;
}

/** uPlot's aligned data: the x column, then one column per curve. */
export type Columns = [number[], ...(number | null)[][]];

type EpochMetric = 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy';

const isBatch = (m: Metric): m is 'batchRaw' | 'batchSmooth' => m === 'batchRaw' || m === 'batchSmooth';

/** Whether any epoch has a finite-or-not value for `metric` (absent means the run never measured it). */
export function measures(epochs: readonly EpochPoint[], metric: EpochMetric): boolean {
  return epochs.some((e) => e[metric] !== undefined);
}

/**
 * The loss chart's curves: the live run's raw and smoothed batch losses, its training loss per
 * epoch and (when it holds data out) its validation loss; then each overlay's two epoch curves.
 */
export function lossCurves(live: LiveCurves | null, liveHasValidation: boolean, overlays: readonly OverlayCurves[]): CurveSpec[] {
  const specs: CurveSpec[] = [];
  if (live) {
    specs.push({ run: -1, metric: 'batchRaw' }, { run: -1, metric: 'batchSmooth' }, { run: -1, metric: 'loss' });
    if (liveHasValidation || measures(live.epochs, 'valLoss')) specs.push({ run: -1, metric: 'valLoss' });
  }
  overlays.forEach((o, i) => {
    specs.push({ run: i, metric: 'loss' });
    if (measures(o.epochs, 'valLoss')) specs.push({ run: i, metric: 'valLoss' });
  });
  return specs;
}

/**
 * The accuracy chart's curves (classification only: the caller decides): training and
 * validation accuracy of the live run, then of each overlay that measured them.
 */
export function accuracyCurves(live: LiveCurves | null, liveHasValidation: boolean, overlays: readonly OverlayCurves[]): CurveSpec[] {
  const specs: CurveSpec[] = [];
  if (live) {
    specs.push({ run: -1, metric: 'accuracy' });
    if (liveHasValidation || measures(live.epochs, 'valAccuracy')) specs.push({ run: -1, metric: 'valAccuracy' });
  }
  overlays.forEach((o, i) => {
    if (measures(o.epochs, 'accuracy')) specs.push({ run: i, metric: 'accuracy' });
    if (measures(o.epochs, 'valAccuracy')) specs.push({ run: i, metric: 'valAccuracy' });
  });
  return specs;
}

/** A string that changes exactly when the set of curves does (the chart is rebuilt then). */
export function curvesKey(specs: readonly CurveSpec[]): string {
  return specs.map((s) => `${s.run}:${s.metric}`).join(',');
}

/**
 * Exponential moving average as TensorBoard smooths scalars: `last = w·last + (1−w)·v`, divided
 * by `1 − wⁿ` so the first points are not dragged towards the zero it starts from. Non-finite
 * values (a diverged batch) give `null` and leave the average untouched, so one NaN does not
 * erase the rest of the curve.
 */
export function ema(values: readonly number[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out = new Array<number | null>(values.length);
  let last = 0;
  let wn = 1; // w to the number of finite values so far
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    last = w * last + (1 - w) * v;
    wn *= w;
    out[i] = w === 0 ? v : last / (1 - wn);
  }
  return out;
}

/** What a chart may draw: non-finite values never, and on a log axis nothing at or below 0. */
export function plottable(v: number | null | undefined, log: boolean): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return log && v <= 0 ? null : v;
}

export interface BuildOptions {
  /** The EMA weight for `batchSmooth`, 0–0.99. */
  readonly smoothing: number;
  /** The y axis is logarithmic: non-positive values are dropped. */
  readonly log: boolean;
}

/**
 * The aligned columns for `specs`. x is the sorted union of the live batch positions (when a
 * batch curve is asked for) and the epoch numbers of every run in `specs`; a batch x and an
 * epoch number that are equal share one row.
 */
/** Most points drawn per series. */
export const MAX_PLOTTED = 3000;

/** Evenly spaced indices into n items, at most `max`, always with the first and the last. */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(Math.round(i * step));
  return out;
}

function sample<T>(items: readonly T[], max: number): readonly T[] {
  return items.length <= max ? items : sampleIndices(items.length, max).map((i) => items[i]);
}

export function buildColumns(specs: readonly CurveSpec[], live: LiveCurves | null, overlays: readonly OverlayCurves[], opts: BuildOptions): Columns {
  const runEpochs = (run: number) => sample((run < 0 ? live?.epochs : overlays[run]?.epochs) ?? [], MAX_PLOTTED);
  const wantsBatches = !!live && specs.some((s) => s.run < 0 && isBatch(s.metric));
  // A long run (XOR for 100,000 epochs) is drawn from an even sample of its points: a chart is
  // ~1,000 pixels wide, and redrawing every point twenty times a second would stall the editor.
  const batchPick = wantsBatches ? sampleIndices(live!.batchX.length, MAX_PLOTTED) : [];
  const batchX = batchPick.map((k) => live!.batchX[k]);

  const epochSet = new Set<number>();
  for (const s of specs) if (!isBatch(s.metric)) for (const e of runEpochs(s.run)) epochSet.add(e.epoch);
  const epochXs = [...epochSet].sort((a, b) => a - b);

  // Merge the two sorted lists; remember the row of each batch and of each epoch. A batch at an
  // epoch boundary (x = 3 is the last batch of epoch 3) shares its row with that epoch's point.
  const x: number[] = [];
  const batchRow = new Int32Array(batchX.length);
  const epochRow = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < batchX.length || j < epochXs.length) {
    const b = i < batchX.length ? batchX[i] : Infinity;
    const e = j < epochXs.length ? epochXs[j] : Infinity;
    const v = b <= e ? b : e;
    if (x.length === 0 || x[x.length - 1] !== v) x.push(v);
    const row = x.length - 1;
    if (b === v) batchRow[i++] = row;
    if (e === v) epochRow.set(epochXs[j++], row);
  }

  const columns: Columns = [x];
  let smoothed: (number | null)[] | null = null;
  for (const s of specs) {
    const col: (number | null)[] = new Array<number | null>(x.length).fill(null);
    if (isBatch(s.metric)) {
      let ys: readonly (number | null)[] = live!.batchLoss;
      // Smoothing runs over every batch; only its result is sampled.
      if (s.metric === 'batchSmooth') ys = smoothed ??= ema(live!.batchLoss, opts.smoothing);
      for (let k = 0; k < batchX.length; k++) col[batchRow[k]] = plottable(ys[batchPick[k]], opts.log);
    } else {
      const metric = s.metric;
      for (const e of runEpochs(s.run)) {
        const row = epochRow.get(e.epoch);
        if (row !== undefined) col[row] = plottable(e[metric], opts.log);
      }
    }
    columns.push(col);
  }
  return columns;
}

/**
 * For the hover readout of a sparse curve: the row nearest to `idx` (by x) where `ys` has a
 * value, looking at most `maxScan` rows each way; `null` when there is none that close.
 */
export function nearestDefined(xs: readonly number[], ys: readonly (number | null | undefined)[], idx: number, maxScan = 5000): number | null {
  if (idx < 0 || idx >= ys.length) return null;
  if (ys[idx] != null) return idx;
  let left: number | null = null;
  let right: number | null = null;
  for (let d = 1; d <= maxScan && (left === null || right === null); d++) {
    if (left === null && idx - d >= 0 && ys[idx - d] != null) left = idx - d;
    if (right === null && idx + d < ys.length && ys[idx + d] != null) right = idx + d;
    if (idx - d < 0 && idx + d >= ys.length) break;
  }
  if (left === null) return right;
  if (right === null) return left;
  return xs[idx] - xs[left] <= xs[right] - xs[idx] ? left : right;
}

/**
 * The right end of the x axis: the furthest any run reaches, stretched towards the planned
 * epochs — all of them for a short run (the curve fills the axis as it trains), at most half as
 * far again as the data for a long one (100,000 planned epochs would squash the first thousand
 * into a line at the left).
 */
export function xMax(plannedEpochs: number, live: LiveCurves | null, overlays: readonly OverlayCurves[]): number {
  let reached = 0;
  if (live) {
    if (live.batchX.length) reached = Math.max(reached, live.batchX[live.batchX.length - 1]);
    for (const e of live.epochs) reached = Math.max(reached, e.epoch);
  }
  for (const o of overlays) for (const e of o.epochs) reached = Math.max(reached, e.epoch);
  const stretched = plannedEpochs > 0 ? Math.min(plannedEpochs, Math.max(10, reached * 1.5)) : 0;
  return Math.max(1, reached, stretched);
}

/**
 * A short name for a past run: when it started, its optimizer and learning rate
 * ("3 Mar, 14:02 · Adam · lr 0.001"); a named run (a lab run) by its name and start
 * ("with BatchNorm · 3 Mar, 14:02"). `lr` words the learning rate in the UI language.
 */
export function runLabel(run: project.RunRecord, locale: string, lr: (value: string) => string): string {
  if (run.label) return `${run.label} · ${formatStarted(run.startedAt, locale)}`;
  const parts = [formatStarted(run.startedAt, locale)];
  if (run.settings.optimizer) parts.push(optimizerName(run.settings.optimizer, locale));
  if (run.settings.learningRate !== undefined) parts.push(lr(formatLearningRate(run.settings.learningRate, locale)));
  return parts.join(' · ');
}

/**
 * The latest epoch's numbers as `data-*` attributes (raw numbers as strings, absent ones left
 * out), so browser tests read exactly what the line under the charts shows.
 */
export function latestAttributes(e: EpochPoint | undefined): Record<string, string> {
  if (!e) return {};
  const attrs: Record<string, string> = { 'data-epoch': String(e.epoch), 'data-loss': String(e.loss) };
  if (e.accuracy !== undefined) attrs['data-accuracy'] = String(e.accuracy);
  if (e.valLoss !== undefined) attrs['data-val-loss'] = String(e.valLoss);
  if (e.valAccuracy !== undefined) attrs['data-val-accuracy'] = String(e.valAccuracy);
  return attrs;
}
