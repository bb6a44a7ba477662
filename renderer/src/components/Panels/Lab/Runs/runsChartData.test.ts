import { describe, expect, it } from 'vitest';
import { countPoints, runColumns, runCurves, runsXMax } from './runsChartData';
import { plannedEpochs } from './labResults';
import { epoch, fakeRun } from './testRuns';

describe('runCurves', () => {
  it('gives each run one curve of the metric, validation dashed', () => {
    expect(runCurves(2, 'loss')).toEqual([{ run: 0, metric: 'loss', dashed: false }, { run: 1, metric: 'loss', dashed: false }]);
    expect(runCurves(1, 'valAccuracy')).toEqual([{ run: 0, metric: 'valAccuracy', dashed: true }]);
  });

  it('draws train solid and validation dashed per run for train vs validation', () => {
    expect(runCurves(2, 'trainVsVal')).toEqual([
      { run: 0, metric: 'accuracy', dashed: false }, { run: 0, metric: 'valAccuracy', dashed: true },
      { run: 1, metric: 'accuracy', dashed: false }, { run: 1, metric: 'valAccuracy', dashed: true },
    ]);
    expect(runCurves(0, 'trainVsVal')).toEqual([]);
  });
});

describe('runColumns', () => {
  it('aligns runs of different lengths on the union of their epochs, null where a run has none', () => {
    const a = [epoch(1, 2.0, 0.5, 0.4), epoch(2, 1.0, 0.8, 0.6), epoch(3, 0.5, 0.95, 0.62)];
    const b = [epoch(1, 2.2, 0.3, 0.35)];
    const cols = runColumns(runCurves(2, 'trainVsVal'), [a, b]);
    expect(cols).toEqual([
      [1, 2, 3],
      [0.5, 0.8, 0.95], [0.4, 0.6, 0.62],
      [0.3, null, null], [0.35, null, null],
    ]);
    expect(countPoints(cols)).toBe(8);
  });

  it('leaves out values a run did not measure and values that are not finite', () => {
    const cols = runColumns(runCurves(1, 'valAccuracy'), [[epoch(1, 1, 0.5), epoch(2, Number.NaN, 0.6, Number.POSITIVE_INFINITY)]]);
    expect(cols).toEqual([[1, 2], [null, null]]);
    expect(countPoints(cols)).toBe(0);
  });

  it('takes the loss chart from the training loss of each run', () => {
    const cols = runColumns(runCurves(2, 'loss'), [[epoch(1, 0.9)], [epoch(2, 0.7)]]);
    expect(cols).toEqual([[1, 2], [0.9, null], [null, 0.7]]);
  });

  it('builds the chart of LabRuns as they stream (a run not yet started draws nothing)', () => {
    const runs = [fakeRun('a', { epochs: [epoch(1, 1, 0.5)] }), fakeRun('b')];
    const cols = runColumns(runCurves(runs.length, 'accuracy'), runs.map((r) => r.run.epochs));
    expect(cols).toEqual([[1], [0.5], [null]]);
  });
});

describe('runsXMax', () => {
  it('reaches the planned epochs, or further when a run went past them', () => {
    expect(runsXMax([12, 20], [[epoch(1, 1)]])).toBe(20);
    expect(runsXMax([3], [[epoch(1, 1), epoch(5, 1)]])).toBe(5);
    expect(runsXMax([], [])).toBe(1);
  });

  it('reads the planned epochs from the run once started, else from the Training node', () => {
    const run = fakeRun('a');
    expect(plannedEpochs(run)).toBe(12);
    const started = fakeRun('b', { info: { epochs: 7 } as never });
    expect(plannedEpochs(started)).toBe(7);
  });
});
