import { describe, expect, it } from 'vitest';
import { graph as g } from '../../../../../../engine';
import { paramFor, paramName, paramProblem, patchParam, splitParamId, WEIGHT_DECAY } from './searchParams';

const t = (key: string, vars?: Record<string, unknown>) => `${key}${vars ? JSON.stringify(vars) : ''}`;

describe('a parameter added to the search', () => {
  it('searches a positive rate a decade either side, on a log scale', () => {
    expect(paramFor({ id: 'adam.learningRate', nodeId: 'adam', param: 'learningRate', value: 0.001, integer: false, min: 0 }))
      .toEqual({ id: 'adam.learningRate', min: 0.0001, max: 0.01, scale: 'log' });
  });

  it('keeps inside the registry bounds', () => {
    const p = paramFor({ id: 'bn.epsilon', nodeId: 'bn', param: 'epsilon', value: 0.5, integer: false, min: 0.1, max: 3 });
    expect(p).toEqual({ id: 'bn.epsilon', min: 0.1, max: 3, scale: 'log' });
  });

  it('searches a bounded fraction over all of its range, linearly', () => {
    expect(paramFor({ id: 'drop.rate', nodeId: 'drop', param: 'rate', value: 0.5, integer: false, min: 0, max: 0.9 }))
      .toEqual({ id: 'drop.rate', min: 0, max: 0.9, scale: 'linear' });
  });

  it('searches a whole number from half to double', () => {
    expect(paramFor({ id: 'hidden1.units', nodeId: 'hidden1', param: 'units', value: 100, integer: true, min: 1 }))
      .toEqual({ id: 'hidden1.units', min: 50, max: 200, scale: 'linear', integer: true });
    expect(paramFor({ id: 'training.batchSize', nodeId: 'training', param: 'batchSize', value: 1, integer: true, min: 1, max: 65_536 }))
      .toEqual({ id: 'training.batchSize', min: 1, max: 2, scale: 'linear', integer: true });
  });

  it('falls back to a linear range for a zero value', () => {
    expect(paramFor({ id: 'd.l2', nodeId: 'd', param: 'l2', value: 0, integer: false, min: 0 })).toEqual({ id: 'd.l2', min: 0, max: 1, scale: 'linear' });
  });
});

describe('what is wrong with a row', () => {
  const known = new Set(['adam.learningRate']);
  const row = { id: 'adam.learningRate', min: 1e-6, max: 1e-2, scale: 'log' as const };
  it('accepts a good row, and weight decay without a node', () => {
    expect(paramProblem(row, known)).toBeNull();
    expect(paramProblem({ ...row, id: WEIGHT_DECAY }, new Set())).toBeNull();
  });
  it('names each problem', () => {
    expect(paramProblem({ ...row, id: 'gone.learningRate' }, known)).toBe('missing');
    expect(paramProblem({ ...row, min: Number.NaN }, known)).toBe('notFinite');
    expect(paramProblem({ ...row, min: 1e-2, max: 1e-2 }, known)).toBe('range');
    expect(paramProblem({ ...row, min: 0 }, known)).toBe('logPositive');
    expect(paramProblem({ ...row, min: 0, scale: 'linear' }, known)).toBeNull();
  });
});

describe('parameter ids and names', () => {
  it('splits at the last dot, since node ids may contain dots', () => {
    expect(splitParamId('block.1.units')).toEqual({ nodeId: 'block.1', param: 'units' });
    expect(splitParamId('weightDecay')).toBeNull();
  });

  it('reads as node and parameter in the UI language', () => {
    const graph = g.makeGraph([['adam', 'Adam', { learningRate: 0.001 }], ['h', 'Dense', { units: 10 }]], []);
    graph.nodes[1].label = 'hidden';
    expect(paramName('adam.learningRate', graph, 'en', t)).toBe('lab.search.paramName{"node":"adam","param":"Learning rate"}');
    expect(paramName('h.units', graph, 'ko', t)).toBe('lab.search.paramName{"node":"hidden","param":"뉴런 수 (units)"}');
    expect(paramName(WEIGHT_DECAY, graph, 'en', t)).toBe('lab.search.param.weightDecay');
    expect(paramName('gone.units', graph, 'en', t)).toBe('gone.units');
  });

  it('lifts a non-positive start when a row switches to log scale', () => {
    const rows = [{ id: 'a', min: 0, max: 0.1, scale: 'linear' as const }, { id: 'b', min: 0, max: 1, scale: 'linear' as const }];
    const next = patchParam(rows, 'a', { scale: 'log' });
    expect(next[0]).toEqual({ id: 'a', min: 0.0001, max: 0.1, scale: 'log' });
    expect(next[1]).toBe(rows[1]);
    expect(patchParam(rows, 'b', { max: 2 })[1]).toEqual({ id: 'b', min: 0, max: 2, scale: 'linear' });
  });
});
