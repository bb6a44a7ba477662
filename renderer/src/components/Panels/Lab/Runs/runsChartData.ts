/**
 * The numbers behind the lab's overlaid-runs chart, without React or uPlot: which curves a metric
 * shows (one colour per run; train solid, validation dashed), the aligned columns uPlot draws
 * (one shared column of epoch numbers), and the x axis's end. Kept pure so it is tested directly.
 */
import { sampleIndices, MAX_PLOTTED, plottable, type Columns, type EpochPoint } from '../../Curves/curvesData';

/** What the chart's y axis shows. `trainVsVal`: training accuracy solid and validation accuracy dashed, per run. */
export type RunsMetric = 'loss' | 'accuracy' | 'valAccuracy' | 'trainVsVal';
export const RUNS_METRICS: readonly RunsMetric[] = ['loss', 'accuracy', 'valAccuracy', 'trainVsVal'];

type EpochMetric = 'loss' | 'accuracy' | 'valAccuracy';

/** One curve: a metric of run number `run`. */
export interface RunCurve {
  readonly run: number;
  readonly metric: EpochMetric;
  /** Validation curves are dashed, so train and validation of one run (one colour) are told apart. */
  readonly dashed: boolean;
}

/** Whether the chart's y axis is an accuracy (0–1, percent) or a loss. */
export const isAccuracyMetric = (m: RunsMetric): boolean => m !== 'loss';

/**
 * The curves of `runs` runs for `metric`, run by run. Every run has its curves from the start,
 * even before its first epoch, so the chart is not rebuilt when a run's first point arrives.
 */
export function runCurves(runs: number, metric: RunsMetric): RunCurve[] {
  const out: RunCurve[] = [];
  for (let run = 0; run < runs; run++) {
    if (metric === 'trainVsVal') out.push({ run, metric: 'accuracy', dashed: false }, { run, metric: 'valAccuracy', dashed: true });
    else out.push({ run, metric, dashed: metric === 'valAccuracy' });
  }
  return out;
}

/**
 * The aligned columns for `curves` over the runs' epochs: x is the sorted union of every run's
 * epoch numbers; a curve has `null` where its run has no such epoch or the value is not finite
 * (a diverged run draws up to where it broke).
 */
export function runColumns(curves: readonly RunCurve[], epochs: readonly (readonly EpochPoint[])[]): Columns {
  const sampled = epochs.map((list) => (list.length <= MAX_PLOTTED ? list : sampleIndices(list.length, MAX_PLOTTED).map((i) => list[i])));
  const xs = new Set<number>();
  for (const c of curves) for (const e of sampled[c.run] ?? []) xs.add(e.epoch);
  const x = [...xs].sort((a, b) => a - b);
  const row = new Map(x.map((v, i) => [v, i]));
  const columns: Columns = [x];
  for (const c of curves) {
    const col = new Array<number | null>(x.length).fill(null);
    for (const e of sampled[c.run] ?? []) col[row.get(e.epoch)!] = plottable(e[c.metric], false);
    columns.push(col);
  }
  return columns;
}

/** Points drawn (non-null values over all curves), for tests and the chart's data-points attribute. */
export function countPoints(columns: Columns): number {
  let n = 0;
  for (let i = 1; i < columns.length; i++) for (const v of columns[i]) if (v !== null) n++;
  return n;
}

/**
 * The right end of the x axis: the epochs the runs plan (the curves fill the axis as they train),
 * or further when a run went past them; at least 1.
 */
export function runsXMax(planned: readonly number[], epochs: readonly (readonly EpochPoint[])[]): number {
  let end = 1;
  for (const p of planned) if (Number.isFinite(p)) end = Math.max(end, p);
  for (const list of epochs) if (list.length) end = Math.max(end, list[list.length - 1].epoch);
  return end;
}
