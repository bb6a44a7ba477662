/**
 * The status bar: nodes, layers, parameters, problems — and the language switch.
 */
import { graph as g, i18n } from '../../../../engine';
import { setLocale, useLocale } from '../../i18n';
import { useValidation } from '../../hooks/useValidation';
import { useEditor } from '../../store/editorStore';

export function StatusBar() {
  const { locale, t, tm } = useLocale();
  const nodes = useEditor((s) => s.graph.nodes);
  const v = useValidation();
  const layers = nodes.filter((n) => g.getNodeDef(n.kind)?.category === 'Layer').length;
  const params = [...v.paramCounts.values()].reduce((a, b) => a + b, 0);
  const errors = v.problems.filter((p) => p.severity === 'error');
  const warnings = v.problems.length - errors.length;
  const fmt = (n: number) => n.toLocaleString(locale);
  return (
    <footer className="dw-status" data-testid="status">
      <span>{t('status.nodes', { count: fmt(nodes.length) })}</span>
      <span>{t('status.layers', { count: fmt(layers) })}</span>
      <span data-testid="status-params">{t('status.params', { count: fmt(params) })}</span>
      {errors.length === 0
        ? <span className="ok" data-testid="status-valid">✓ {t('status.valid')}</span>
        : <span className="bad" data-testid="status-errors" title={errors.map((e) => tm(e.msg ?? e.message)).join('\n')}>✗ {t('status.errors', { count: fmt(errors.length) })}</span>}
      {warnings > 0 && <span className="warn">{t('status.warnings', { count: fmt(warnings) })}</span>}
      <span className="spacer" />
      <label>
        {t('toolbar.language')}{' '}
        <select value={locale} onChange={(e) => void setLocale(e.target.value as i18n.Locale)} data-testid="language">
          {i18n.LOCALES.map((l) => <option key={l} value={l}>{i18n.LOCALE_NAMES[l]}</option>)}
        </select>
      </label>
    </footer>
  );
}
