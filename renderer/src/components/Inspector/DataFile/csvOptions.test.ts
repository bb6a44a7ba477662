import { describe, expect, it } from 'vitest';
import { applyCsvChange, AUTO_OPTIONS, optionsFromSchema, type CsvSchema } from './csvOptions';

const schema: CsvSchema = {
  delimiter: ';',
  header: true,
  columns: [
    { name: 'x', role: 'feature', type: 'number', encoding: 'onehot', missing: 0 },
    { name: 'colour', role: 'feature', type: 'category', encoding: 'index', levels: ['red', 'blue'], missing: 1 },
    { name: 'label', role: 'target', type: 'category', encoding: 'onehot', levels: ['a', 'b'], missing: 0 },
  ],
  rows: 10,
  usableRows: 9,
  missing: 'drop',
  task: 'classification',
  classes: ['a', 'b'],
  featureSize: 2,
  targetSize: 1,
};

describe('CSV options', () => {
  it('rebuilds from a stored schema the options that give it again', () => {
    expect(optionsFromSchema(schema)).toEqual({
      delimiter: ';', header: 'yes', missing: 'drop', task: 'classification',
      columns: {
        0: { role: 'feature', type: 'number', encoding: 'onehot' },
        1: { role: 'feature', type: 'category', encoding: 'index' },
        2: { role: 'target', type: 'category', encoding: 'onehot' },
      },
    });
  });

  it('drops the column settings with another delimiter, and the types with another header choice', () => {
    const o = optionsFromSchema(schema);
    expect(applyCsvChange(o, schema, { option: 'delimiter', value: ',' })).toMatchObject({ delimiter: ',', columns: {} });
    const header = applyCsvChange(o, schema, { option: 'header', value: 'no' });
    expect(header.header).toBe('no');
    expect(header.columns).toEqual({ 0: { role: 'feature', encoding: 'onehot' }, 1: { role: 'feature', encoding: 'index' }, 2: { role: 'target', encoding: 'onehot' } });
  });

  it("lets the target's type be found again when the task changes", () => {
    const next = applyCsvChange(optionsFromSchema(schema), schema, { option: 'task', value: 'regression' });
    expect(next.task).toBe('regression');
    expect(next.columns?.[2]).toEqual({ role: 'target', encoding: 'onehot' });
    expect(next.columns?.[1]).toEqual({ role: 'feature', type: 'category', encoding: 'index' });
  });

  it('makes the previous target a feature when another column becomes the target of a classification', () => {
    const next = applyCsvChange(AUTO_OPTIONS, schema, { option: 'column', index: 0, value: { role: 'target' } });
    expect(next.columns).toEqual({ 0: { role: 'target' }, 2: { role: 'feature' } });
    // Under regression several targets are fine.
    const regression = applyCsvChange({ ...AUTO_OPTIONS, task: 'regression' }, { ...schema, task: 'regression' }, { option: 'column', index: 0, value: { role: 'target' } });
    expect(regression.columns).toEqual({ 0: { role: 'target' } });
  });

  it('changes only the missing-value policy when that is what changed', () => {
    const o = optionsFromSchema(schema);
    expect(applyCsvChange(o, schema, { option: 'missing', value: 'fill' })).toEqual({ ...o, missing: 'fill' });
  });
});
