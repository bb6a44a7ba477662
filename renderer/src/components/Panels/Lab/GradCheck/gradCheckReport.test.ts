import { describe, expect, it } from 'vitest';
import { graph as g, i18n } from '../../../../../../engine';
import type { Text } from '../../../../i18n';
import { EngineRequestError } from '../../../../training/EngineClient';
import {
  checkErrorDetail, elementCount, engineError, extrapolate, formatRatio, formatSeconds, formatShape, invalidGraphError, tensorName,
} from './gradCheckReport';

const tensor = (name: string, shape: number[], checked: number) => ({ name, shape, checked, relativeError: 1e-8, pass: true });

describe('numerical differentiation, extrapolated to one whole gradient', () => {
  it('scales the time per checked element up to every parameter and compares with backprop', () => {
    // 784×100 + 100 + 100×10 + 10 = 79,510 parameters; 40 elements checked in 0.2 s.
    const result = {
      tensors: [tensor('h.W', [784, 100], 10), tensor('h.b', [100], 10), tensor('o.W', [100, 10], 10), tensor('o.b', [10], 10)],
      backpropSeconds: 0.004,
      numericalSeconds: 0.2,
    };
    const t = extrapolate(result);
    expect(t.parameters).toBe(79_510);
    expect(t.checked).toBe(40);
    expect(t.perElementSeconds).toBeCloseTo(0.005, 12);
    expect(t.numericalAllSeconds).toBeCloseTo(397.55, 9);
    expect(t.ratio).toBeCloseTo(99_387.5, 6);
  });

  it('gives no estimate without checked elements, and no ratio when backprop took no measurable time', () => {
    expect(extrapolate({ tensors: [], backpropSeconds: 0.1, numericalSeconds: 0 })).toMatchObject({ parameters: 0, perElementSeconds: null, numericalAllSeconds: null, ratio: null });
    const t = extrapolate({ tensors: [tensor('a.W', [2, 3], 6)], backpropSeconds: 0, numericalSeconds: 0.06 });
    expect(t.numericalAllSeconds).toBeCloseTo(0.06, 12);
    expect(t.ratio).toBeNull();
  });

  it('counts a scalar as one element', () => {
    expect(elementCount([])).toBe(1);
    expect(elementCount([3, 3, 16])).toBe(144);
  });
});

describe('gradient check formatting', () => {
  it('writes durations in the unit that fits, in the locale’s words', () => {
    expect(formatSeconds(0.0123, 'en')).toBe('12.3 ms');
    expect(formatSeconds(2.5, 'en')).toBe('2.5 sec');
    expect(formatSeconds(397.55, 'en')).toBe('6.63 min');
    expect(formatSeconds(7200, 'en')).toBe('2 hr');
    expect(formatSeconds(3e-5, 'en')).toBe('30 μs');
    expect(formatSeconds(12.5, 'ko')).toBe('12.5초');
  });

  it('writes shapes and ratios with grouping', () => {
    expect(formatShape([784, 1000], 'en')).toBe('784 × 1,000');
    expect(formatRatio(99_387.5, 'en')).toBe('99,388');
    expect(formatRatio(3.14159, 'en')).toBe('3.1');
  });

  it('names a tensor by its node’s label or id, the raw name when the node is gone', () => {
    const graph = g.makeGraph([['hidden1', 'Dense'], ['block.2', 'Dense']], []);
    graph.nodes[0].label = 'first layer';
    expect(tensorName('hidden1.W', graph)).toEqual({ node: 'first layer', param: 'W' });
    expect(tensorName('block.2.b', graph)).toEqual({ node: 'block.2', param: 'b' });
    expect(tensorName('gone.W', graph)).toEqual({ node: 'gone.W', param: '' });
  });
});

describe('gradient check errors', () => {
  /** Texts in English, as the catalogue has them. */
  const tmEn = (text: Text) => (typeof text === 'string' ? text : i18n.translateMessage('en', text as i18n.Message));

  it('reports an invalid graph with its problems before asking the engine', () => {
    const graph = g.makeGraph([['d', 'Dense', { units: 10 }]], []);
    const v = g.validateGraph(graph);
    const error = invalidGraphError(v, graph);
    expect(error?.kind).toBe('invalid');
    const detail = checkErrorDetail(error!, tmEn, 'en');
    expect(detail).toContain(`d: ${v.problems.find((p) => p.severity === 'error' && p.nodeId === 'd')!.message}`);
    expect(invalidGraphError({ ok: true, problems: [] }, graph)).toBeNull();
  });

  it('shows a problem by its catalogue message, in the reader\'s language, and counts the ones not listed', () => {
    const graph = g.makeGraph([['d', 'Dense', { units: 10 }]], []);
    const problem = (n: number): g.Problem => ({
      severity: 'error', code: 'test', nodeId: 'd', message: `English ${n}`, msg: i18n.msg('labError.search.noTraining'),
    });
    const error = invalidGraphError({ ok: false, problems: [problem(1), problem(2), problem(3), problem(4), problem(5)] }, graph)!;
    expect(error).toMatchObject({ kind: 'invalid', more: 2, nodeId: 'd' });
    const tmKo = (text: Text) => (typeof text === 'string' ? text : i18n.translateMessage('ko', text as i18n.Message));
    const ko = checkErrorDetail(error, tmKo, 'ko');
    expect(ko).toBe(Array(3).fill('d: 탐색: 그래프에 학습 설정(Training) 노드가 없습니다').join('; ') + ' (+2)');
    expect(ko).not.toContain('English');
  });

  it('keeps the node an engine error names, and the engine\'s message', () => {
    const msg = i18n.msg('labError.search.noTraining');
    const e = new EngineRequestError({ name: 'GraphError', message: 'search: the graph has no Training node', msg, kind: 'graph', nodeId: 'd' });
    expect(engineError(e)).toEqual({ kind: 'engine', text: msg, nodeId: 'd' });
    expect(engineError(new Error('engine died'))).toEqual({ kind: 'engine', text: 'engine died' });
    expect(engineError('odd')).toEqual({ kind: 'engine', text: 'odd' });
    expect(checkErrorDetail(engineError(e), tmEn, 'en')).toBe('search: the graph has no Training node');
  });
});
