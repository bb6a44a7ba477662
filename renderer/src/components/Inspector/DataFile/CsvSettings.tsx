/**
 * How a CSV is read: delimiter, header, missing values, task, and each column's role, type and
 * encoding. The selects show the user's choices ('auto' with what the scan found); every change
 * goes to `onChange`, which scans the same file again.
 */
import { useLocale } from '../../../i18n';
import type { CsvChange, CsvOptions, CsvSchema } from './csvOptions';

const DELIMITERS = [[',', 'comma'], [';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']] as const;

export interface CsvSettingsProps {
  readonly options: CsvOptions;
  readonly schema: CsvSchema | undefined;
  readonly disabled: boolean;
  readonly onChange: (change: CsvChange) => void;
}

export function CsvSettings({ options, schema, disabled, onChange }: CsvSettingsProps) {
  const { t } = useLocale();
  const delimiterName = (d: string) => t(`datafile.csv.delimiter.${DELIMITERS.find(([c]) => c === d)?.[1] ?? 'comma'}`);
  const found = (key: string, value: string | undefined) => (value === undefined ? t(`${key}.auto`) : t(`${key}.autoFound`, { found: value }));
  return (
    <div className="dw-datafile-section">
      <h3>{t('datafile.csv.options')}</h3>
      <div className="dw-datafile-grid">
        <label htmlFor="dw-csv-delimiter">{t('datafile.csv.delimiter')}</label>
        <select id="dw-csv-delimiter" data-testid="csv-delimiter" disabled={disabled} value={options.delimiter ?? 'auto'}
          onChange={(e) => onChange({ option: 'delimiter', value: e.target.value as NonNullable<CsvOptions['delimiter']> })}>
          <option value="auto">{found('datafile.csv.delimiter', schema && delimiterName(schema.delimiter))}</option>
          {DELIMITERS.map(([c, name]) => <option key={name} value={c}>{t(`datafile.csv.delimiter.${name}`)}</option>)}
        </select>
        <label htmlFor="dw-csv-header">{t('datafile.csv.header')}</label>
        <select id="dw-csv-header" data-testid="csv-header" disabled={disabled} value={options.header ?? 'auto'}
          onChange={(e) => onChange({ option: 'header', value: e.target.value as NonNullable<CsvOptions['header']> })}>
          <option value="auto">{found('datafile.csv.header', schema && t(`datafile.csv.header.${schema.header ? 'yes' : 'no'}`))}</option>
          <option value="yes">{t('datafile.csv.header.yes')}</option>
          <option value="no">{t('datafile.csv.header.no')}</option>
        </select>
        <label htmlFor="dw-csv-missing">{t('datafile.csv.missing')}</label>
        <select id="dw-csv-missing" data-testid="csv-missing" disabled={disabled} value={options.missing ?? 'error'}
          onChange={(e) => onChange({ option: 'missing', value: e.target.value as NonNullable<CsvOptions['missing']> })}>
          {(['error', 'drop', 'fill'] as const).map((m) => <option key={m} value={m}>{t(`datafile.csv.missing.${m}`)}</option>)}
        </select>
        <label htmlFor="dw-csv-task">{t('datafile.csv.task')}</label>
        <select id="dw-csv-task" data-testid="csv-task" disabled={disabled} value={options.task ?? 'auto'}
          onChange={(e) => onChange({ option: 'task', value: e.target.value as NonNullable<CsvOptions['task']> })}>
          <option value="auto">{found('datafile.csv.task', schema && t(`datafile.csv.task.${schema.task}`))}</option>
          <option value="classification">{t('datafile.csv.task.classification')}</option>
          <option value="regression">{t('datafile.csv.task.regression')}</option>
        </select>
      </div>
      {schema && <ColumnTable schema={schema} disabled={disabled} onChange={onChange} />}
    </div>
  );
}

function ColumnTable({ schema, disabled, onChange }: { readonly schema: CsvSchema; readonly disabled: boolean; readonly onChange: (c: CsvChange) => void }) {
  const { t, locale } = useLocale();
  const number = (v: number) => v.toLocaleString(locale, { maximumSignificantDigits: 4 });
  return (
    <>
      <h3>{t('datafile.csv.columns')} <span className="dw-datafile-muted">{t('datafile.csv.rows', { usable: schema.usableRows.toLocaleString(locale), rows: schema.rows.toLocaleString(locale) })}</span></h3>
      <div className="dw-datafile-scroll">
        <table className="dw-datafile-table dw-datafile-columns" data-testid="csv-columns">
          <thead>
            <tr>
              <th scope="col">{t('datafile.csv.col.name')}</th>
              <th scope="col">{t('datafile.csv.col.role')}</th>
              <th scope="col">{t('datafile.csv.col.type')}</th>
              <th scope="col">{t('datafile.csv.col.encoding')}</th>
              <th scope="col">{t('datafile.csv.col.about')}</th>
            </tr>
          </thead>
          <tbody>
            {schema.columns.map((c, i) => {
              const about = [
                c.type === 'number' && c.min !== undefined && c.max !== undefined ? t('datafile.csv.range', { min: number(c.min), max: number(c.max) }) : null,
                c.type === 'category' && c.levels ? t('datafile.csv.levels', { count: c.levels.length }) : null,
                c.missing > 0 ? t('datafile.csv.missingCount', { count: c.missing }) : null,
              ].filter(Boolean).join(' · ');
              return (
                <tr key={i} data-testid={`csv-col-${i}`} data-role={c.role}>
                  <th scope="row" title={c.name}>{c.name}</th>
                  <td>
                    <select aria-label={`${c.name}: ${t('datafile.csv.col.role')}`} data-testid={`csv-col-role-${i}`} disabled={disabled} value={c.role}
                      onChange={(e) => onChange({ option: 'column', index: i, value: { role: e.target.value as CsvSchema['columns'][number]['role'] } })}>
                      {(['feature', 'target', 'ignore'] as const).map((r) => <option key={r} value={r}>{t(`datafile.csv.role.${r}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${c.name}: ${t('datafile.csv.col.type')}`} data-testid={`csv-col-type-${i}`} disabled={disabled || c.role === 'ignore'} value={c.type}
                      onChange={(e) => onChange({ option: 'column', index: i, value: { type: e.target.value as CsvSchema['columns'][number]['type'] } })}>
                      {(['number', 'category'] as const).map((ty) => <option key={ty} value={ty}>{t(`datafile.csv.type.${ty}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    {c.type === 'category' && c.role === 'feature' && (
                      <select aria-label={`${c.name}: ${t('datafile.csv.col.encoding')}`} data-testid={`csv-col-encoding-${i}`} disabled={disabled} value={c.encoding}
                        onChange={(e) => onChange({ option: 'column', index: i, value: { encoding: e.target.value as CsvSchema['columns'][number]['encoding'] } })}>
                        <option value="onehot">{t('datafile.csv.encoding.onehot')}</option>
                        <option value="index">{t('datafile.csv.encoding.index')}</option>
                      </select>
                    )}
                  </td>
                  <td className="dw-datafile-muted">{about}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
