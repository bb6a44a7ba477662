import { describe, expect, it } from 'vitest';
import { englishText, translateMessage } from '../i18n/index';
import { checkConnection } from './connect';
import { makeGraph } from './makeGraph';

const g = makeGraph([
  ['data', 'Dataset', { source: 'mnist' }], ['flat', 'Flatten'], ['h', 'Dense', { units: 10 }], ['r', 'ReLU'],
  ['ce', 'CrossEntropy'], ['adam', 'Adam'], ['a', 'Add'],
], ['data.x -> flat.x', 'flat.y -> h.x', 'h.y -> r.x']);

describe('checkConnection', () => {
  it('accepts a fitting connection', () => {
    expect(checkConnection(g, { source: 'r', sourcePort: 'y', target: 'ce', targetPort: 'pred' })).toEqual({ ok: true });
  });

  it('refuses an image into Dense with the reason and the fix', () => {
    const r = checkConnection(g, { source: 'data', sourcePort: 'x', target: 'h', targetPort: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'shape', reason: 'Dense expects (batch, features), got (batch, 28, 28, 1) — add Flatten' });
    // The same reason in Korean names the kinds in Korean and keeps the shapes.
    expect(r.ok === false && translateMessage('ko', r.msg)).toBe(
      '완전 연결층: 입력은 (batch, features) 형상이어야 하는데 (batch, 28, 28, 1) 형상이 들어왔습니다 — 평탄화 노드를 추가하세요');
  });

  it('gives every refusal a Message whose English is the reason', () => {
    const refusals = [
      checkConnection(g, { source: 'data', sourcePort: 'y', target: 'r', targetPort: 'x' }),
      checkConnection(g, { source: 'r', sourcePort: 'y', target: 'h', targetPort: 'x' }),
      checkConnection(g, { source: 'r', sourcePort: 'y', target: 'r', targetPort: 'x' }),
      checkConnection(g, { source: 'h', sourcePort: 'y', target: 'r', targetPort: 'x' }),
      checkConnection(g, { source: 'h', sourcePort: 'nope', target: 'r', targetPort: 'x' }),
      checkConnection(g, { source: 'ghost', sourcePort: 'y', target: 'r', targetPort: 'x' }),
    ];
    expect(refusals.map((r) => r.ok === false && r.code)).toEqual(['port-type', 'cycle', 'cycle', 'duplicate', 'unknown-port', 'unknown-node']);
    for (const r of refusals) {
      if (r.ok) throw new Error('accepted');
      expect(r.reason).toBe(englishText(r.msg));
      expect(translateMessage('ko', r.msg)).toMatch(/[\uac00-\ud7a3]/);
    }
    expect(refusals[0].ok === false && refusals[0].reason).toBe("Dataset 'y' carries the targets (y), but ReLU 'x' takes a tensor");
    expect(refusals[0].ok === false && translateMessage('ko', refusals[0].msg)).toBe(
      '데이터셋 노드의 y 출력은 타겟 (y)인데 ReLU 함수 노드의 x 입력은 텐서만 받습니다');
    expect(refusals[1].ok === false && translateMessage('ko', refusals[1].msg)).toBe('h 노드가 이미 r 노드로 이어집니다: 이 연결은 순환을 만듭니다');
  });

  it('refuses wrong port types, cycles, self-loops and duplicates', () => {
    expect(checkConnection(g, { source: 'data', sourcePort: 'y', target: 'r', targetPort: 'x' })).toMatchObject({ ok: false, code: 'port-type' });
    expect(checkConnection(g, { source: 'r', sourcePort: 'y', target: 'h', targetPort: 'x' })).toMatchObject({ ok: false, code: 'cycle' });
    expect(checkConnection(g, { source: 'r', sourcePort: 'y', target: 'r', targetPort: 'x' })).toMatchObject({ ok: false, code: 'cycle' });
    expect(checkConnection(g, { source: 'h', sourcePort: 'y', target: 'r', targetPort: 'x' })).toMatchObject({ ok: false, code: 'duplicate' });
  });

  it('a second wire into a single input replaces the first; multi-input ports take several', () => {
    expect(checkConnection(g, { source: 'flat', sourcePort: 'y', target: 'r', targetPort: 'x' })).toEqual({ ok: true, replaces: 'e3' });
    const withOne = { ...g, edges: [...g.edges, { id: 'e9', source: 'r', sourcePort: 'y', target: 'a', targetPort: 'x' }] };
    expect(checkConnection(withOne, { source: 'h', sourcePort: 'y', target: 'a', targetPort: 'x' })).toEqual({ ok: true });
  });

  it('refuses a loss that cannot fit the prediction', () => {
    const small = makeGraph([['data', 'Dataset', { source: 'xor' }], ['out', 'Dense', { units: 1 }], ['ce', 'CrossEntropy']],
      ['data.x -> out.x', 'data.y -> ce.y']);
    const r = checkConnection(small, { source: 'out', sourcePort: 'y', target: 'ce', targetPort: 'pred' });
    expect(r).toMatchObject({ ok: false, code: 'loss-mismatch' });
    expect(r.ok === false && r.reason).toMatch(/1-unit output/);
  });
});
