/**
 * The arithmetic of the confusion panel: a classifier's test counts, `counts[true × classes +
 * predicted]` as the engine sends them, turned into row shares, per-class accuracy, overall
 * accuracy and the most frequent mistakes. Pure, so every figure the table shows is tested
 * (confusion.test.ts).
 */

/** A confusion matrix as the run holds it: row = true class, column = predicted class. */
export interface ConfusionCounts {
  readonly classes: number;
  /** classes × classes counts, row-major: counts[t * classes + p]. */
  readonly counts: ArrayLike<number>;
}

/** One off-diagonal cell: how often class `actual` was predicted as `predicted`. */
export interface Mistake {
  readonly actual: number;
  readonly predicted: number;
  readonly count: number;
}

/** Whether the counts fill exactly a classes × classes matrix (the table is drawn only then). */
export function isWellFormed(c: ConfusionCounts): boolean {
  return Number.isInteger(c.classes) && c.classes >= 1 && c.counts.length === c.classes * c.classes;
}

/** Samples per true class (row sums). */
export function rowTotals(c: ConfusionCounts): number[] {
  const out = new Array<number>(c.classes).fill(0);
  for (let t = 0; t < c.classes; t++) for (let p = 0; p < c.classes; p++) out[t] += c.counts[t * c.classes + p];
  return out;
}

/**
 * Each cell as a share of its row: of the samples of true class t, the fraction predicted as
 * p. Rows, not the whole matrix, because classes differ in size and a learner's question is
 * "what happens to the 3s?". A class with no test samples gives a row of zeros.
 */
export function rowNormalised(c: ConfusionCounts): Float64Array {
  const totals = rowTotals(c);
  const out = new Float64Array(c.classes * c.classes);
  for (let t = 0; t < c.classes; t++) {
    if (totals[t] === 0) continue;
    for (let p = 0; p < c.classes; p++) out[t * c.classes + p] = c.counts[t * c.classes + p] / totals[t];
  }
  return out;
}

/**
 * Per class, the fraction of its samples classified correctly (its recall), or null for a
 * class without test samples: "0 %" would claim a failure that never happened.
 */
export function classAccuracy(c: ConfusionCounts): (number | null)[] {
  return rowTotals(c).map((total, t) => (total === 0 ? null : c.counts[t * c.classes + t] / total));
}

/** Correct predictions over all samples (the trace over the total), or null when there are none. */
export function overallAccuracy(c: ConfusionCounts): { accuracy: number; correct: number; total: number } | null {
  let correct = 0;
  let total = 0;
  for (let t = 0; t < c.classes; t++) {
    for (let p = 0; p < c.classes; p++) {
      const n = c.counts[t * c.classes + p];
      total += n;
      if (t === p) correct += n;
    }
  }
  return total === 0 ? null : { accuracy: correct / total, correct, total };
}

/**
 * The `k` most frequent mistakes (off-diagonal cells with a count), largest first; ties keep
 * table order so the list does not jump between renders.
 */
export function topMistakes(c: ConfusionCounts, k: number): Mistake[] {
  const all: Mistake[] = [];
  for (let t = 0; t < c.classes; t++) {
    for (let p = 0; p < c.classes; p++) {
      const count = c.counts[t * c.classes + p];
      if (t !== p && count > 0) all.push({ actual: t, predicted: p, count });
    }
  }
  return all.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted).slice(0, Math.max(0, k));
}

/** The class names to show: the dataset's names where given (and not blank), else the indices. */
export function classLabels(classes: number, names?: readonly string[]): string[] {
  return Array.from({ length: classes }, (_, i) => (names?.[i]?.trim() ? names[i] : String(i)));
}
