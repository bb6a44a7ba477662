/**
 * The CSV import's options as the user sets them in the inspector, and how one change carries
 * over to the others before the file is scanned again. The node stores only the scan's result
 * (its column schema); the options that produced it are rebuilt from that schema when the
 * editor has none of its own (a project just opened), so a re-scan changes only what was asked.
 */
import type { graph as g, protocol } from '../../../../../engine';

type ImportRequest = protocol.RequestOf<'import-data'>['request'];
export type CsvOptions = Extract<ImportRequest, { format: 'csv' }>['options'];
export type CsvSchema = NonNullable<g.DataFileParams['csv']>;
export type ColumnOverride = NonNullable<CsvOptions['columns']>[string];

/** A fresh import: everything found by the scan. */
export const AUTO_OPTIONS: CsvOptions = { delimiter: 'auto', header: 'auto', missing: 'error', task: 'auto' };

/** The options that give `schema` again: every choice explicit, each column as it is. */
export function optionsFromSchema(schema: CsvSchema): CsvOptions {
  return {
    delimiter: schema.delimiter,
    header: schema.header ? 'yes' : 'no',
    missing: schema.missing,
    task: schema.task,
    columns: Object.fromEntries(schema.columns.map((c, i) => [String(i), { role: c.role, type: c.type, encoding: c.encoding }])),
  };
}

export type CsvChange =
  | { readonly option: 'delimiter'; readonly value: NonNullable<CsvOptions['delimiter']> }
  | { readonly option: 'header'; readonly value: NonNullable<CsvOptions['header']> }
  | { readonly option: 'missing'; readonly value: NonNullable<CsvOptions['missing']> }
  | { readonly option: 'task'; readonly value: NonNullable<CsvOptions['task']> }
  | { readonly option: 'column'; readonly index: number; readonly value: ColumnOverride };

const without = (o: ColumnOverride, key: keyof ColumnOverride): ColumnOverride => {
  const { [key]: _dropped, ...rest } = o;
  return rest;
};

/**
 * The options after one change, given the schema the current options produced. Another
 * delimiter splits the rows into other columns, so the column settings go; a header row read
 * as data (or no longer) changes what a column holds, so the types are found again; another
 * task lets the target's type be found again (a class column may be numbers); a second target
 * under classification turns the previous one into a feature.
 */
export function applyCsvChange(options: CsvOptions, schema: CsvSchema | undefined, change: CsvChange): CsvOptions {
  const columns = { ...(options.columns ?? {}) };
  switch (change.option) {
    case 'delimiter':
      return { ...options, delimiter: change.value, columns: {} };
    case 'header':
      return { ...options, header: change.value, columns: Object.fromEntries(Object.entries(columns).map(([k, o]) => [k, without(o, 'type')])) };
    case 'missing':
      return { ...options, missing: change.value };
    case 'task': {
      schema?.columns.forEach((c, i) => {
        if (c.role === 'target' && columns[String(i)]) columns[String(i)] = without(columns[String(i)], 'type');
      });
      return { ...options, task: change.value, columns };
    }
    case 'column': {
      const key = String(change.index);
      columns[key] = { ...columns[key], ...change.value };
      const classification = options.task === 'classification' || (options.task !== 'regression' && schema?.task !== 'regression');
      if (change.value.role === 'target' && classification && schema) {
        schema.columns.forEach((c, i) => {
          if (i !== change.index && c.role === 'target') columns[String(i)] = { ...columns[String(i)], role: 'feature' };
        });
      }
      return { ...options, columns };
    }
  }
}
