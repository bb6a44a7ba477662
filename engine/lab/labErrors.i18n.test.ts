/**
 * The lab's errors in both languages: real bad input (a typed function, a search's ranges, a
 * variant, the initialisation experiment, a path) gives an error whose `msg` is a `labError.*`
 * message; its English text is the error's `message`, and its Korean text is Hangul carrying the
 * same positions and values, with no English sentence left in it.
 */
import { expectBilingual, HANGUL } from '../testing/bilingual';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import type { Graph } from '../graph/schema';
import type { Message } from '../i18n/message';
import { en, ko, placeholders } from '../i18n/index';
import { labEn } from '../i18n/messages/lab';
import { COURSE_FUNCTION, parseExpression } from './expression';
import { initActivations } from './initActivations';
import { COURSE_PATH_SETTINGS, optimizerPath } from './paths';
import { applyTrial, sampleTrials, searchTrialGraph, validateSearchParams, type SearchParam } from './search';
import { bypassNode, setParam, withDropout, withInit, withTraining, withWeightDecay } from './variants';

/** Words of the English texts that must not survive into a Korean one. */
const ENGLISH = /\b(unexpected|character|missing|search|range|trials?|graph|node|must|got|the|is|has|initiali[sz]er|experiment|steps?)\b/i;

/** The error `fn` throws (fails the test when it throws nothing or a plain error). */
function thrown(fn: () => unknown): Error & { msg: Message; position?: number } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    const m = (e as { msg?: Message }).msg;
    expect(m, `no msg on: ${(e as Error).message}`).toBeDefined();
    return e as Error & { msg: Message; position?: number };
  }
  throw new Error('nothing was thrown');
}

/** The Korean text of `e`, after checking its English text is its message and its key a lab error's. */
function korean(e: Error & { msg: Message }): string {
  expect(e.msg.key.startsWith('labError.')).toBe(true);
  return expectBilingual(e.msg, { english: e.message, englishWords: ENGLISH });
}

function example(name: string): Graph {
  const ex = EXAMPLES.find((x) => x.name === name);
  if (!ex) throw new Error(`no example '${name}'`);
  return JSON.parse(JSON.stringify(ex.graph)) as Graph;
}

describe('a typed function that does not parse', () => {
  it.each([
    // source, key, 0-based position, column in the text, what else the Korean text names
    ['x + z', 'labError.expression.unknownName', 4, 5, ["'z'", 'sigmoid']],
    ['x + )', 'labError.expression.missingValue', 4, 5, ["')'"]],
    ['(x + y))', 'labError.expression.unmatchedClose', 7, 8, ["')'", "'('"]],
    ['2x', 'labError.expression.missingOperator', 1, 2, ["'x'", '+ − * / ^']],
    ['sin x', 'labError.expression.needsParentheses', 4, 1, ["'sin'", 'sin(x)']],
    ['(x + 1', 'labError.expression.missingClose', 6, 1, ["'('", "')'"]],
    ['x +', 'labError.expression.endsEarly', 3, 4, []],
    ['x % 2', 'labError.expression.unexpectedChar', 2, 3, ["'%'", 'tanh']],
  ] as const)('%j: %s at character %i', (source, key, position, column, names) => {
    const e = thrown(() => parseExpression(source));
    expect(e.msg.key).toBe(key);
    expect(e.position).toBe(position);
    expect(e.msg.vars?.column).toBe(column);
    const text = korean(e);
    expect(text).toContain(`${column}번째 글자`);
    for (const name of names) expect(text).toContain(name);
  });

  it('says "empty", "too long" and "too deep" in Korean, with the limits', () => {
    expect(korean(thrown(() => parseExpression('   ')))).toContain('함수가 비어 있습니다');
    const long = korean(thrown(() => parseExpression('x+'.repeat(250) + 'x')));
    expect(long).toContain('501자');
    expect(long).toContain('최대 500자');
    const deep = thrown(() => parseExpression('('.repeat(200) + 'x' + ')'.repeat(200)));
    expect(deep.msg.key).toBe('labError.expression.tooDeep');
    expect(korean(deep)).toContain('최대 100단계');
  });

  it('keeps the English text the editor showed before', () => {
    expect(thrown(() => parseExpression('x + z')).message)
      .toBe("unknown name 'z' at character 5: use x, y, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid");
    expect(() => parseExpression(COURSE_FUNCTION)).not.toThrow();
  });
});

describe('a search that cannot run', () => {
  const LR: SearchParam = { id: 'adam.learningRate', min: 1e-4, max: 1e-1, scale: 'log' };

  it('names the parameter and its range when the low end is above the high end', () => {
    const e = thrown(() => validateSearchParams([{ ...LR, min: 0.5, max: 0.01 }]));
    expect(e.msg.key).toBe('labError.search.emptyRange');
    const text = korean(e);
    expect(text).toContain("'adam.learningRate'");
    expect(text).toContain('0.5 … 0.01');
    expect(text).toContain('범위가 비어 있습니다');
  });

  it('says a log scale needs a range above 0, with the range typed', () => {
    const e = thrown(() => validateSearchParams([{ ...LR, min: 0, max: 0.1 }]));
    expect(e.msg.key).toBe('labError.search.logNotPositive');
    const text = korean(e);
    expect(text).toContain('로그 스케일');
    expect(text).toContain('0 … 0.1');
  });

  it('reads a range that is not two numbers, one listed twice, and one with no whole number', () => {
    expect(korean(thrown(() => validateSearchParams([{ ...LR, max: Number.NaN }])))).toContain(`${String(1e-4)} … NaN`);
    expect(korean(thrown(() => validateSearchParams([LR, LR])))).toContain('두 번');
    const whole = korean(thrown(() => validateSearchParams([{ id: 'h.units', min: 1.2, max: 1.8, scale: 'linear', integer: true }])));
    expect(whole).toContain('1.2 … 1.8');
    expect(whole).toContain('정수');
  });

  it('refuses too many trials, giving the limit and the count asked for', () => {
    const e = thrown(() => sampleTrials([LR], 20_000, 1));
    expect(e.msg.key).toBe('labError.search.trialCount');
    const text = korean(e);
    expect(text).toContain('10000');
    expect(text).toContain('20000');
    expect(text).toContain('시도 횟수');
  });

  it('names the node and the parameter a trial cannot set', () => {
    const graph = example('spiral-mlp');
    const noNode = thrown(() => applyTrial(graph, { values: { 'nosuch.learningRate': 0.1 } }));
    expect(noNode.msg.key).toBe('labError.search.noNode');
    expect(korean(noNode)).toContain("'nosuch'");
    const optimizer = graph.nodes.find((n) => n.kind === 'Adam' || n.kind === 'SGD' || n.kind === 'Momentum')!;
    const noParam = thrown(() => applyTrial(graph, { values: { [`${optimizer.id}.nosuch`]: 0.1 } }));
    expect(noParam.msg.key).toBe('labError.search.noParam');
    expect(korean(noParam)).toContain(`'${optimizer.id}' 노드(${optimizer.kind})`);
    expect(korean(thrown(() => applyTrial(graph, { values: { learningRate: 0.1 } })))).toContain("'learningRate'");
    expect(korean(thrown(() => searchTrialGraph({ nodes: [], edges: [] }, {})))).toContain('학습 설정');
  });
});

describe('a variant that cannot be built', () => {
  it('gives the dropout rate allowed and the one asked for', () => {
    const e = thrown(() => withDropout(example('xor-mlp'), 0.96));
    expect(e.message).toBe('dropout: the rate must be from 0 to 0.95, got 0.96');
    const text = korean(e);
    expect(text).toContain('드롭아웃');
    expect(text).toContain('0.95');
    expect(text).toContain('0.96');
  });

  it('names the node, the operation, the initialiser and λ in Korean', () => {
    const graph = example('xor-mlp');
    const missing = thrown(() => setParam(graph, 'nosuch', 'units', 8));
    expect(korean(missing)).toBe("매개변수 설정: 그래프에 'nosuch' 노드가 없습니다");
    const data = graph.nodes.find((n) => n.kind === 'Dataset')!;
    const bypass = thrown(() => bypassNode(graph, data.id));
    expect(bypass.msg.key).toBe('labError.variant.bypassPorts');
    expect(korean(bypass)).toContain(`'${data.id}'(Dataset)`);
    expect(korean(thrown(() => withInit(graph, 'glorot')))).toContain("'glorot'");
    expect(korean(thrown(() => withWeightDecay(graph, -1)))).toContain('-1');
    expect(korean(thrown(() => withTraining({ nodes: [], edges: [] }, { epochs: 1 })))).toContain('학습 설정');
  });
});

describe('the initialisation experiment and the optimiser paths', () => {
  it('names the setting in Korean, with its limit and value', () => {
    const e = thrown(() => initActivations({ init: 'heNormal', activation: 'relu', layers: 0 }));
    expect(e.message).toBe('initialisation experiment: layers must be a whole number from 1 to 20, got 0');
    expect(korean(e)).toBe('초기값 실험: 층 수에는 1부터 20까지의 정수를 넣어야 합니다. 입력한 값: 0');
    expect(korean(thrown(() => initActivations({ init: 'zeros' as never, activation: 'relu' })))).toContain("'zeros'");
    expect(korean(thrown(() => initActivations({ init: 'heNormal', activation: 'gelu' as never })))).toContain('활성화 함수');
  });

  it('says a path needs a start point of two numbers', () => {
    const fn = parseExpression(COURSE_FUNCTION);
    const text = korean(thrown(() => optimizerPath(fn, COURSE_PATH_SETTINGS.sgd, { start: [Number.NaN, 2], steps: 3 })));
    expect(text).toContain('(NaN, 2)');
    expect(text).toContain('시작점');
    expect(korean(thrown(() => optimizerPath(fn, COURSE_PATH_SETTINGS.sgd, { start: [1, 2], steps: Number.NaN })))).toContain('갱신 횟수');
  });
});

describe('the labError catalogue section', () => {
  it('is in both languages with the same placeholders, every Korean text in Hangul', () => {
    const keys = Object.keys(labEn) as (keyof typeof labEn)[];
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) {
      expect(key.startsWith('labError.'), key).toBe(true);
      expect(en[key], key).toBe(labEn[key]);
      expect(ko[key], key).toMatch(HANGUL);
      expect(placeholders(ko[key]).sort(), key).toEqual(placeholders(en[key]).sort());
    }
  });
});
