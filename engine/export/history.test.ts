import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../project/schema';
import { historyCsv } from './history';

const run = (id: string, label: string | undefined, epochs: RunRecord['epochs']): RunRecord =>
  ({ id, startedAt: '2026-01-01T00:00:00.000Z', status: 'completed', settings: {}, epochs, ...(label ? { label } : {}) });

describe('historyCsv', () => {
  it('writes one row per epoch of every run, quoting labels and keeping full precision', () => {
    const text = historyCsv([
      run('run-1', 'BatchNorm, "on"', [
        { epoch: 1, loss: 0.6931471805599453, accuracy: 0.5, valLoss: 0.7, valAccuracy: 0.45, seconds: 1.25 },
        { epoch: 2, loss: 0.25, accuracy: 0.875, seconds: 1 },
      ]),
      run('run-2', undefined, [{ epoch: 1, loss: Number.NaN, seconds: 0.5 }]),
    ]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('run,label,status,epoch,loss,accuracy,val_loss,val_accuracy,seconds');
    expect(lines[1]).toBe('run-1,"BatchNorm, ""on""",completed,1,0.6931471805599453,0.5,0.7,0.45,1.25');
    expect(lines[2]).toBe('run-1,"BatchNorm, ""on""",completed,2,0.25,0.875,,,1');
    expect(lines[3]).toBe('run-2,,completed,1,NaN,,,,0.5');
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });
});
