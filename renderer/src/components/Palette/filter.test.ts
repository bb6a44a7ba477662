import { describe, expect, it } from 'vitest';
import { graph as g, i18n } from '../../../../engine';
import { filterPalette } from './filter';

const defs = g.listNodeDefs();
const ids = (query: string, locale: i18n.Locale = 'en') => filterPalette(defs, query, locale).map((d) => d.id);

describe('filterPalette', () => {
  it('shows every kind, in registry order, for an empty or blank query', () => {
    expect(ids('')).toEqual(defs.map((d) => d.id));
    expect(ids('   ')).toEqual(defs.map((d) => d.id));
  });

  it('finds kinds by id and by label, ignoring case', () => {
    expect(ids('dense')).toContain('Dense');
    expect(ids('CONV')).toEqual(['Conv2D']);
    expect(ids('leakyrelu')).toEqual(['LeakyReLU']);
    expect(ids('ＡＤＡＭ')).toEqual(['Adam']); // full-width letters fold to ASCII
  });

  it('finds kinds by words of their help text in the current language', () => {
    const word = 'overfitting';
    const expected = defs.filter((d) => i18n.nodeHelp('en', d.id).toLowerCase().includes(word)).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const id of expected) expect(ids(word)).toContain(id);
  });

  it('searches Korean texts in Korean, and ids in every language', () => {
    const label = i18n.nodeLabel('ko', 'Dropout');
    expect(ids(label, 'ko')).toContain('Dropout');
    expect(ids('Dropout', 'ko')).toContain('Dropout');
    expect(ids(label, 'en')).not.toContain('Dropout');
  });

  it('finds a whole category by its name', () => {
    expect(ids(i18n.categoryLabel('en', 'Optimizer'))).toEqual(expect.arrayContaining(['SGD', 'Adam', 'RMSProp', 'Momentum']));
  });

  it('needs every word of a query to match', () => {
    expect(ids('max pool')).toEqual(['MaxPool2D']);
    expect(ids('dense zzzz')).toEqual([]);
    expect(ids('no-such-node-at-all')).toEqual([]);
  });
});
