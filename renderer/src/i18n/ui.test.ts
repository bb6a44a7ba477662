import { describe, expect, it } from 'vitest';
import { i18n } from '../../../engine';
import { pluralize } from './index';
import { uiEn, uiKo } from './ui';

describe('editor message catalogue', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(uiKo).sort()).toEqual(Object.keys(uiEn).sort());
    for (const key of Object.keys(uiEn) as (keyof typeof uiEn)[]) {
      expect(uiEn[key].trim(), key).not.toBe('');
      expect(uiKo[key].trim(), key).not.toBe('');
      expect(i18n.placeholders(uiKo[key]).sort(), key).toEqual(i18n.placeholders(uiEn[key]).sort());
    }
  });

  it('does not collide with the engine catalogue', () => {
    for (const key of Object.keys(uiEn)) expect(i18n.hasMessage(key), key).toBe(false);
  });

  it('has a title for every example template', async () => {
    const { EXAMPLES } = await import('../../../assets/examples/definitions');
    for (const ex of EXAMPLES) expect(Object.keys(uiEn), ex.name).toContain(`template.${ex.name}`);
  });

  it('has a plural form only beside its base key, and Korean (no plural forms) repeats the base text', () => {
    const ko = uiKo as Record<string, string>;
    const en = uiEn as Record<string, string>;
    const ones = Object.keys(en).filter((k) => k.endsWith('_one'));
    expect(ones.length).toBeGreaterThan(5);
    for (const key of ones) {
      const base = key.slice(0, -'_one'.length);
      expect(Object.keys(en), key).toContain(base);
      expect(ko[key], key).toBe(ko[base]);
      expect(en[key], key).not.toBe(en[base]);
    }
  });

  it('picks the plural form and groups digits by locale', () => {
    const has = (k: string) => Object.prototype.hasOwnProperty.call(uiEn, k);
    const render = (locale: 'en' | 'ko', key: string, count: number) => {
      const [k, v] = pluralize(locale, key, { count }, has);
      const table = (locale === 'en' ? uiEn : uiKo) as Record<string, string>;
      return table[k].replace('{count}', String(v.count));
    };
    expect(render('en', 'datafile.summary.samples', 1)).toBe('1 sample');
    expect(render('en', 'datafile.summary.samples', 0)).toBe('0 samples');
    expect(render('en', 'datafile.summary.samples', 60000)).toBe('60,000 samples');
    expect(render('ko', 'datafile.summary.samples', 1)).toBe('샘플 1개');
    expect(render('ko', 'datafile.summary.samples', 60000)).toBe('샘플 60,000개');
    expect(render('en', 'inspector.parameters', 1)).toBe('1 parameter');
    expect(render('en', 'inspector.parameters', 2)).toBe('2 parameters');
    // A count given as text is left alone (no plural choice, no regrouping).
    expect(pluralize('en', 'inspector.parameters', { count: '1' }, has)).toEqual(['inspector.parameters', { count: '1' }]);
  });
});
