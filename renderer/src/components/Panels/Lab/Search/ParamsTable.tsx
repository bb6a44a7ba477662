/**
 * The table of hyperparameters to search: each row's range and scale editable, removable, and a
 * list to add any other numeric parameter of the graph (or weight decay back).
 */
import type { graph as g, lab } from '../../../../../../engine';
import { useLocale } from '../../../../i18n';
import { NumberInput } from './NumberInput';
import { paramFor, paramName, paramProblem, patchParam, WEIGHT_DECAY, weightDecayParam, type Searchable } from './searchParams';

export interface ParamsTableProps {
  readonly graph: g.Graph;
  readonly params: readonly lab.SearchParam[];
  readonly searchable: readonly Searchable[];
  readonly disabled: boolean;
  readonly onChange: (params: lab.SearchParam[]) => void;
  readonly onReset: () => void;
}

export function ParamsTable({ graph, params, searchable, disabled, onChange, onReset }: ParamsTableProps) {
  const { t, locale } = useLocale();
  const known = new Set(searchable.map((s) => s.id));
  const chosen = new Set(params.map((p) => p.id));
  const addable = searchable.filter((s) => !chosen.has(s.id) && s.id !== WEIGHT_DECAY);
  const name = (id: string) => paramName(id, graph, locale, t);

  const add = (id: string) => {
    if (id === WEIGHT_DECAY) {
      onChange([...params, weightDecayParam()]);
      return;
    }
    const entry = searchable.find((s) => s.id === id);
    if (entry) onChange([...params, paramFor(entry)]);
  };

  return (
    <div className="dw-search-params">
      <table className="dw-search-table" data-testid="lab-search-params">
        <caption>{t('lab.search.params.title')}</caption>
        <thead>
          <tr>
            <th>{t('lab.search.col.param')}</th>
            <th>{t('lab.search.col.min')}</th>
            <th>{t('lab.search.col.max')}</th>
            <th>{t('lab.search.col.scale')}</th>
            <th><span className="dw-search-sr">{t('lab.search.remove')}</span></th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => {
            const problem = paramProblem(p, known);
            const rowName = name(p.id);
            const set = (patch: Partial<lab.SearchParam>) => onChange(patchParam(params, p.id, patch));
            return (
              <tr key={p.id} data-testid="lab-search-param" data-param={p.id} data-invalid={problem ?? undefined}>
                <td className="dw-search-param-name">
                  {rowName}
                  {p.integer && <span className="dw-search-tag">{t('lab.search.integer')}</span>}
                  {problem && <div className="dw-search-problem" role="alert">{t(`lab.search.error.${problem}`)}</div>}
                </td>
                <td>
                  <NumberInput className="dw-search-num" value={p.min} onValue={(min) => set({ min })} disabled={disabled}
                    invalid={problem === 'notFinite' || problem === 'range' || problem === 'logPositive'}
                    label={`${rowName}: ${t('lab.search.col.min')}`} testId="lab-search-param-min" />
                </td>
                <td>
                  <NumberInput className="dw-search-num" value={p.max} onValue={(max) => set({ max })} disabled={disabled}
                    invalid={problem === 'notFinite' || problem === 'range'}
                    label={`${rowName}: ${t('lab.search.col.max')}`} testId="lab-search-param-max" />
                </td>
                <td>
                  <select value={p.scale} disabled={disabled} aria-label={`${rowName}: ${t('lab.search.col.scale')}`} data-testid="lab-search-param-scale"
                    onChange={(e) => set({ scale: e.target.value === 'log' ? 'log' : 'linear' })}>
                    <option value="log">{t('lab.search.scale.log')}</option>
                    <option value="linear">{t('lab.search.scale.linear')}</option>
                  </select>
                </td>
                <td>
                  <button type="button" className="dw-search-remove" disabled={disabled} title={t('lab.search.removeHint', { name: rowName })}
                    aria-label={t('lab.search.removeHint', { name: rowName })} data-testid="lab-search-param-remove"
                    onClick={() => onChange(params.filter((q) => q.id !== p.id))}>×</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {params.length === 0 && <p className="dw-search-problem" role="alert">{t('lab.search.error.noParams')}</p>}
      <div className="dw-search-row">
        <select value="" disabled={disabled || (addable.length === 0 && chosen.has(WEIGHT_DECAY))} aria-label={t('lab.search.addLabel')}
          data-testid="lab-search-add" onChange={(e) => add(e.target.value)}>
          <option value="" disabled>{t('lab.search.add')}</option>
          {!chosen.has(WEIGHT_DECAY) && <option value={WEIGHT_DECAY}>{name(WEIGHT_DECAY)}</option>}
          {addable.map((s) => <option key={s.id} value={s.id}>{name(s.id)}</option>)}
        </select>
        <button type="button" disabled={disabled} onClick={onReset} data-testid="lab-search-reset">{t('lab.search.reset')}</button>
      </div>
    </div>
  );
}
