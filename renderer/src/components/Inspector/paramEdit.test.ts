import { describe, expect, it } from 'vitest';
import { graph as g } from '../../../../engine';
import { editParam, parseNumberText } from './paramEdit';

const def = (kind: string) => {
  const d = g.getNodeDef(kind);
  if (!d) throw new Error(`no kind ${kind}`);
  return d;
};

describe('editParam', () => {
  const dense = def('Dense');
  it('replaces one value, keeping the other set values and leaving defaults implicit', () => {
    expect(editParam(dense, { units: 4 }, 'init', 'xavierUniform')).toEqual({ kind: 'change', to: { units: 4, init: 'xavierUniform' } });
  });
  it('records nothing for the value a parameter already has, set or by default', () => {
    expect(editParam(dense, { units: 4 }, 'units', 4)).toEqual({ kind: 'same' });
    expect(editParam(dense, {}, 'units', 100)).toEqual({ kind: 'same' });
  });
  it("refuses a value the schema refuses, with the schema's reason", () => {
    const edit = editParam(dense, {}, 'units', 0);
    expect(edit.kind).toBe('invalid');
    expect(edit.kind === 'invalid' && edit.message).toMatch(/1/);
    expect(editParam(dense, {}, 'units', 2.5).kind).toBe('invalid');
    expect(editParam(dense, {}, 'units', parseNumberText('')).kind).toBe('invalid');
    expect(editParam(def('SGD'), {}, 'learningRate', 0).kind).toBe('invalid');
  });
  it('lets a node with another bad value be repaired one field at a time', () => {
    expect(editParam(dense, { units: -3 }, 'init', 'zeros')).toEqual({ kind: 'change', to: { units: -3, init: 'zeros' } });
    expect(editParam(dense, { units: -3 }, 'units', 8)).toEqual({ kind: 'change', to: { units: 8 } });
  });
  it('reads typed numbers, empty as NaN', () => {
    expect(parseNumberText(' 1e-3 ')).toBe(0.001);
    expect(parseNumberText('')).toBeNaN();
  });
});
