import { describe, expect, it } from 'vitest';
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
    expect(r).toEqual({ ok: false, code: 'shape', reason: 'Dense expects (batch, features), got (batch, 28, 28, 1) — add Flatten' });
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
