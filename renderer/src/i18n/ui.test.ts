import { describe, expect, it } from 'vitest';
import { i18n } from '../../../engine';
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
});
