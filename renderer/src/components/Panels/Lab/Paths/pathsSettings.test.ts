import { describe, expect, it } from 'vitest';
import type { lab } from '../../../../../../engine';
import { acceptSetting, acceptStart, acceptSteps, nodeOptions, settingOf, withCopied } from './pathsSettings';

const sgd: lab.PathOptimizer = { kind: 'sgd', learningRate: 0.1 };

describe('setting ranges', () => {
  it('match the optimiser nodes', () => {
    expect(acceptSetting('learningRate', 0)).toBe(false);
    expect(acceptSetting('learningRate', 0.95)).toBe(true);
    expect(acceptSetting('learningRate', 101)).toBe(false);
    expect(acceptSetting('momentum', 1)).toBe(false);
    expect(acceptSetting('momentum', 0)).toBe(true);
    expect(acceptSetting('beta2', 0.999)).toBe(true);
    expect(acceptSetting('epsilon', 0)).toBe(false);
    expect(acceptSetting('decay', NaN)).toBe(false);
    expect(acceptSteps(30)).toBe(true);
    expect(acceptSteps(2.5)).toBe(false);
    expect(acceptSteps(0)).toBe(false);
    expect(acceptStart(-7)).toBe(true);
    expect(acceptStart(Infinity)).toBe(false);
  });

  it('fills unset settings with the defaults', () => {
    expect(settingOf({ kind: 'adam', learningRate: 0.3 }, 'beta2')).toBe(0.999);
    expect(settingOf({ kind: 'momentum', learningRate: 0.1, momentum: 0.5 }, 'momentum')).toBe(0.5);
    expect(settingOf(sgd, 'learningRate')).toBe(0.1);
  });
});

describe('nodeOptions', () => {
  const fromNode = (n: { kind: string; params: Record<string, unknown> }): lab.PathOptimizer | null => {
    if (n.kind === 'Broken') throw new Error('bad params');
    return n.kind === 'Adam' ? { kind: 'adam', learningRate: Number(n.params.learningRate) } : null;
  };
  it('lists the optimiser nodes with their labels, skipping others and unreadable ones', () => {
    const quiet = console.warn;
    console.warn = () => {};
    try {
      const options = nodeOptions([
        { id: 'd', kind: 'Dense', params: {} },
        { id: 'a', kind: 'Adam', label: 'my adam', params: { learningRate: 0.01 } },
        { id: 'b', kind: 'Broken', params: {} },
        { id: 'c', kind: 'Adam', label: '  ', params: { learningRate: 0.2 } },
      ], fromNode);
      expect(options).toEqual([
        { id: 'a', name: 'my adam', optimizer: { kind: 'adam', learningRate: 0.01 } },
        { id: 'c', name: 'Adam', optimizer: { kind: 'adam', learningRate: 0.2 } },
      ]);
    } finally {
      console.warn = quiet;
    }
  });

  it('copies one optimiser in and keeps the others', () => {
    const before = { sgd, momentum: { kind: 'momentum', learningRate: 0.1 } } as Record<lab.PathOptimizerKind, lab.PathOptimizer>;
    const after = withCopied(before, { kind: 'sgd', learningRate: 0.5 });
    expect(after.sgd.learningRate).toBe(0.5);
    expect(after.momentum).toBe(before.momentum);
    expect(before.sgd.learningRate).toBe(0.1);
  });
});

describe('stepInterval', () => {
  it('plays any number of steps in about four seconds, within limits', async () => {
    const { stepInterval } = await import('./usePlayback');
    expect(stepInterval(30)).toBe(133);
    expect(stepInterval(1000)).toBe(40);
    expect(stepInterval(2)).toBe(250);
  });
});
