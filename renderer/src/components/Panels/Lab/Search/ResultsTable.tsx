/**
 * The search's results: one row per trial with its values and how it did on the validation
 * data, sortable by any column (best first until a header is clicked), each finished trial one
 * click from being applied to the graph.
 */
import { useLocale } from '../../../../i18n';
import type { lab } from '../../../../../../engine';
import { formatCount, formatMetric, formatPercent } from '../../Runs/runsFormat';
import { formatParamValue } from './searchFormat';
import { isResult, METRIC_COLUMNS, type SortColumn, type SortState, type TrialRow } from './searchResults';

export interface ResultsTableProps {
  readonly rows: readonly TrialRow[];
  readonly params: readonly lab.SearchParam[];
  readonly names: ReadonlyMap<string, string>;
  readonly sort: SortState | null;
  readonly best: number | null;
  readonly onSort: (col: SortColumn) => void;
  readonly onApply: (row: TrialRow) => void;
}

export function ResultsTable({ rows, params, names, sort, best, onSort, onApply }: ResultsTableProps) {
  const { t, tm, locale } = useLocale();
  const dash = '—';
  // The optimiser's learning rate, when searched, as a plain number on each row (for tests and tools).
  const lrId = params.find((p) => p.id.endsWith('.learningRate'))?.id;

  const header = (col: SortColumn, label: string, numeric: boolean) => {
    const active = sort?.col === col;
    return (
      <th key={col} className={numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="dw-search-sort" data-testid={`lab-search-sort-${col}`} title={t('lab.search.sortHint', { col: label })}
          onClick={() => onSort(col)}>
          {label}{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    );
  };

  return (
    <table className="dw-search-table dw-search-results" data-testid="lab-search-results" data-sort={sort ? `${sort.col}:${sort.dir}` : 'best'}>
      <thead>
        <tr>
          {header('trial', t('lab.search.col.trial'), true)}
          {params.map((p) => header(p.id, names.get(p.id) ?? p.id, true))}
          {METRIC_COLUMNS.map((c) => header(c, t(`lab.search.col.${c}`), true))}
          {header('status', t('lab.search.col.status'), false)}
          <th><span className="dw-search-sr">{t('lab.search.col.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const n = r.index + 1;
          const isBest = r.index === best;
          return (
            <tr key={r.index} data-testid="lab-search-row" data-trial={n} data-status={r.status} data-best={isBest || undefined}
              data-val-accuracy={r.valAccuracy ?? ''} data-learning-rate={lrId !== undefined ? r.values[lrId] : undefined} className={isBest ? 'best' : undefined}>
              <td className="num">
                {formatCount(n, locale)}
                {isBest && <span className="dw-search-best">{t('lab.search.best')}</span>}
              </td>
              {params.map((p) => (
                <td key={p.id} className="num">{r.values[p.id] !== undefined ? formatParamValue(r.values[p.id], p, locale) : dash}</td>
              ))}
              <td className="num">{r.valAccuracy !== undefined ? formatPercent(r.valAccuracy, locale) : dash}</td>
              <td className="num">{r.valLoss !== undefined ? formatMetric(r.valLoss, locale) : dash}</td>
              <td className="num">{r.accuracy !== undefined ? formatPercent(r.accuracy, locale) : dash}</td>
              <td className="dw-search-status-cell">
                <span className={`dw-search-status ${r.status}`}>
                  {r.status === 'queued' ? t('lab.search.status.queued') : t(`panel.runs.status.${r.status}`)}
                </span>
                {r.error && <div className="dw-search-error-line" title={tm(r.error)}>{tm(r.error)}</div>}
              </td>
              <td>
                <button type="button" disabled={!isResult(r)} title={t('lab.search.applyHint', { n: formatCount(n, locale) })}
                  data-testid="lab-search-apply" data-trial={n} onClick={() => onApply(r)}>
                  {t('lab.search.apply')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
