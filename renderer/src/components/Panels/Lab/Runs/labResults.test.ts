import { describe, expect, it } from 'vitest';
import { higherIsBetter, resultDiff, resultRow, runSeconds } from './labResults';
import { epoch, fakeRun } from './testRuns';

describe('resultRow', () => {
  it('takes the last epoch, the test accuracy and the engine time of a finished run', () => {
    const r = fakeRun('plain', {
      status: 'completed', seconds: 12.5, test: { loss: 0.4, accuracy: 0.81 },
      epochs: [epoch(1, 1.2, 0.6, 0.55), epoch(2, 0.3, 0.99, 0.8)],
    });
    expect(resultRow(r)).toEqual({
      label: 'plain', status: 'completed', epochs: 2, trainAccuracy: 0.99, valAccuracy: 0.8, testAccuracy: 0.81, loss: 0.3, seconds: 12.5,
    });
  });

  it('counts a running run’s time from its start and leaves out what it has not measured', () => {
    const r = fakeRun('live', { status: 'running', epochs: [epoch(1, 2)] });
    const now = Date.parse('2025-01-01T00:00:30Z');
    expect(resultRow(r, now)).toEqual({ label: 'live', status: 'running', epochs: 1, loss: 2, seconds: 30 });
    expect(runSeconds(fakeRun('wait').run, now)).toBeUndefined();
  });
});

describe('resultDiff', () => {
  it('is variant minus baseline for the numbers both have', () => {
    const a = resultRow(fakeRun('a', { status: 'completed', seconds: 10, epochs: [epoch(1, 0.5, 0.9, 0.8)] }));
    const b = resultRow(fakeRun('b', { status: 'completed', seconds: 12, test: { loss: 1, accuracy: 0.7 }, epochs: [epoch(1, 0.25, 0.95, 0.75)] }));
    const d = resultDiff(a, b);
    expect(d.trainAccuracy).toBeCloseTo(0.05, 12);
    expect(d.valAccuracy).toBeCloseTo(-0.05, 12);
    expect(d.loss).toBeCloseTo(-0.25, 12);
    expect(d.seconds).toBe(2);
    expect(d.testAccuracy).toBeUndefined();
  });

  it('knows which way is better', () => {
    expect(higherIsBetter('valAccuracy')).toBe(true);
    expect(higherIsBetter('loss')).toBe(false);
  });
});
