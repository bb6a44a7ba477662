import { afterEach, describe, expect, it } from 'vitest';
import { graph as g } from '../../../../engine';
import { setLocale, textNow } from '../../i18n';
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
  it('says why in the reader\'s language: limits, whole numbers, numbers, choices', () => {
    const why = (kind: string, name: string, value: unknown) => {
      const edit = editParam(def(kind), {}, name, value);
      if (edit.kind !== 'invalid') throw new Error(`${kind}.${name} = ${String(value)} was not refused`);
      return { en: edit.message, ko: (setLocale('ko'), textNow(edit.text)) };
    };
    expect(why('Dense', 'units', 0)).toEqual({ en: 'must be at least 1', ko: '1 이상이어야 합니다' });
    expect(why('Dense', 'units', 70000)).toEqual({ en: 'must be at most 65536', ko: '65536 이하여야 합니다' });
    expect(why('Dense', 'units', 2.5)).toEqual({ en: 'must be a whole number', ko: '정수여야 합니다' });
    expect(why('Dense', 'units', parseNumberText(''))).toEqual({ en: 'must be a number', ko: '숫자여야 합니다' });
    expect(why('Dense', 'init', 'ones').ko).toMatch(/^다음 중 하나여야 합니다: .*heNormal/);
    expect(why('Dropout', 'rate', 0.99)).toEqual({ en: 'must be at most 0.95', ko: '0.95 이하여야 합니다' });
  });
  afterEach(() => setLocale('en'));

  it('lets a node with another bad value be repaired one field at a time', () => {
    expect(editParam(dense, { units: -3 }, 'init', 'zeros')).toEqual({ kind: 'change', to: { units: -3, init: 'zeros' } });
    expect(editParam(dense, { units: -3 }, 'units', 8)).toEqual({ kind: 'change', to: { units: 8 } });
  });
  it('reads typed numbers, empty as NaN', () => {
    expect(parseNumberText(' 1e-3 ')).toBe(0.001);
    expect(parseNumberText('')).toBeNaN();
  });
});
