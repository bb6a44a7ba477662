import { describe, expect, it } from 'vitest';
import type { project } from '../../../../../engine';
import {
  formatCount, formatDuration, formatLearningRate, formatMetric, formatPercent, formatStarted, labExperimentKey, newestFirst, optimizerName,
  summarize,
} from './runsFormat';

const run = (over: Partial<project.RunRecord>): project.RunRecord => ({
  id: 'r', startedAt: '2025-03-03T14:00:00.000Z', status: 'completed', settings: {}, epochs: [], ...over,
});

describe('run number formats', () => {
  it('writes losses with 3 significant digits and keeps NaN visible', () => {
    expect(formatMetric(0.031234, 'en')).toBe('0.0312');
    expect(formatMetric(2.302585, 'en')).toBe('2.3');
    expect(formatMetric(12345.6, 'en')).toBe('12,346');
    expect(formatMetric(12345.6, 'ko')).toBe('12,346');
    expect(formatMetric(Number.NaN, 'en')).toBe('NaN');
    expect(formatMetric(Number.POSITIVE_INFINITY, 'en')).toBe('∞');
  });

  it('writes accuracies as percentages and learning rates without exponents', () => {
    expect(formatPercent(0.98437, 'en')).toBe('98.4%');
    expect(formatPercent(1, 'ko')).toBe('100%');
    expect(formatLearningRate(0.001, 'en')).toBe('0.001');
    expect(formatLearningRate(0.00003, 'en')).toBe('0.00003');
    expect(formatCount(1024, 'en')).toBe('1,024');
  });

  it('writes durations as a clock', () => {
    expect(formatDuration(42)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723.4)).toBe('1:02:03');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('gives an unreadable start time back as written', () => {
    expect(formatStarted('yesterday', 'en')).toBe('yesterday');
    expect(formatStarted('2025-03-03T14:00:00.000Z', 'en')).toContain('Mar');
  });

  it('names optimizers in the UI language, unknown ones as written', () => {
    expect(optimizerName('Momentum', 'ko')).toBe('모멘텀');
    expect(optimizerName('Adam', 'en')).toBe('Adam');
    expect(optimizerName('Lion', 'ko')).toBe('Lion');
  });
});

describe('summarize', () => {
  const epochs = [
    { epoch: 1, loss: 0.9, accuracy: 0.7, valLoss: 1, valAccuracy: 0.65, seconds: 2.5 },
    { epoch: 2, loss: 0.4, accuracy: 0.9, valLoss: 0.5, valAccuracy: 0.88, seconds: 3 },
  ];

  it('takes the last epoch, the test result and the wall-clock time', () => {
    const s = summarize(run({ epochs, finishedAt: '2025-03-03T14:01:30.000Z', settings: { epochs: 10 }, test: { loss: 0.45, accuracy: 0.87 } }));
    expect(s).toEqual({ epochsRun: 2, plannedEpochs: 10, finalLoss: 0.4, finalValAccuracy: 0.88, testAccuracy: 0.87, seconds: 90 });
  });

  it('falls back on the epochs’ own times and leaves absent numbers out', () => {
    expect(summarize(run({ epochs: [{ epoch: 1, loss: 3, seconds: 1.5 }, { epoch: 2, loss: 2, seconds: 2 }] })))
      .toEqual({ epochsRun: 2, finalLoss: 2, seconds: 3.5 });
    expect(summarize(run({ status: 'failed', error: 'shape mismatch' }))).toEqual({ epochsRun: 0 });
  });
});

describe('newestFirst', () => {
  it('orders by start time, newest first, without touching the input', () => {
    const runs = [
      run({ id: 'a', startedAt: '2025-03-03T10:00:00.000Z' }),
      run({ id: 'c', startedAt: '2025-03-04T09:00:00.000Z' }),
      run({ id: 'b', startedAt: '2025-03-03T12:00:00+02:00' }), // 10:00Z, same as a
    ];
    expect(newestFirst(runs).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(runs.map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('labExperimentKey', () => {
  it('names a lab run by the experiment the lab lists, initialisers on MNIST under weight initialisation', () => {
    const known = ['init', 'batchnorm', 'paired'];
    expect(labExperimentKey('batchnorm', known)).toBe('lab.exp.batchnorm');
    expect(labExperimentKey('init-mnist', known)).toBe('lab.exp.init');
    expect(labExperimentKey('from-the-future', known)).toBeNull();
  });
});
