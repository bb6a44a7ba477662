/**
 * The inspector: the selected node's kind, name and parameters, as a form built from the
 * registry's declaration of that kind; below it the node's parameter count and problems. Every
 * change is one undoable `setParams` (or `setLabel`) step, checked against the schema first.
 */
import { useCallback, useMemo } from 'react';
import { graph as g, i18n } from '../../../../engine';
import { useLocale } from '../../i18n';
import { validationOf } from '../../hooks/useValidation';
import { useEditor, type EditorState } from '../../store/editorStore';
import { CATEGORY_COLORS } from '../Canvas/portColors';
import { DataFileEditor } from './DataFile/DataFileEditor';
import { describeFields, fieldDefaults } from './fields';
import { editParam } from './paramEdit';
import { ParamField, useDraft, type CommitParam } from './ParamField';
import './Inspector.css';

/** The one selected node's id, or null. */
function singleSelection(s: EditorState): string | null {
  if (s.selectedNodes.size !== 1) return null;
  const [id] = s.selectedNodes;
  return s.graph.nodes.some((n) => n.id === id) ? id : null;
}

function findNode(s: EditorState, id: string): g.GraphNode | undefined {
  return s.graph.nodes.find((n) => n.id === id);
}

export function Inspector() {
  const { t } = useLocale();
  const count = useEditor((s) => s.selectedNodes.size);
  const id = useEditor(singleSelection);
  return (
    <section className="dw-inspector" data-testid="inspector" aria-label={t('inspector.title')}>
      {id !== null
        ? <NodeInspector key={id} id={id} />
        : <p className="dw-inspector-empty">{count > 1 ? t('inspector.many', { count }) : t('inspector.none')}</p>}
    </section>
  );
}

function NodeInspector({ id }: { readonly id: string }) {
  const { locale, t, tm } = useLocale();
  // Narrow subscriptions: a node being dragged gets a new object but keeps its kind, label and
  // params, and the validation is recomputed only when the graph's structure changes.
  const kind = useEditor((s) => findNode(s, id)?.kind);
  const label = useEditor((s) => findNode(s, id)?.label);
  const raw = useEditor((s) => findNode(s, id)?.params);
  const validation = useEditor((s) => validationOf(s.graph));
  const def = kind === undefined ? undefined : g.getNodeDef(kind);
  const fields = useMemo(() => (def ? describeFields(def, locale) : []), [def, locale]);
  const values = validation.params.get(id) ?? { ...fieldDefaults(fields), ...raw };
  const problems = useMemo(() => validation.problems.filter((p) => p.nodeId === id), [validation, id]);
  const paramCount = validation.paramCounts.get(id);

  const commit = useCallback<CommitParam>((name, value) => {
    const store = useEditor.getState();
    const node = findNode(store, id);
    if (!node || !def) return null;
    const edit = editParam(def, node.params, name, value);
    if (edit.kind === 'invalid') return edit.text;
    if (edit.kind === 'change') store.commit([{ type: 'setParams', id, from: node.params, to: edit.to }]);
    return null;
  }, [id, def]);

  if (kind === undefined) return null;
  const visible = def ? fields.filter((f) => g.isParamVisible(def, f.name, values)) : [];
  return (
    <>
      <header className="dw-inspector-head">
        <h2 className="dw-inspector-kind" data-testid="inspector-kind">
          <span className="dw-inspector-dot" style={{ background: def ? CATEGORY_COLORS[def.category] : undefined }} aria-hidden />
          {def ? i18n.nodeLabel(locale, kind) : kind}
        </h2>
        {def && <p className="dw-inspector-help">{i18n.nodeHelp(locale, kind)}</p>}
        <LabelField id={id} label={label} />
      </header>
      {kind === 'DataFile' && <DataFileEditor id={id} />}
      {def && (visible.length > 0
        ? <div className="dw-inspector-fields">
          {visible.map((f) => <ParamField key={f.name} field={f} value={values[f.name]} commit={commit} />)}
        </div>
        : <p className="dw-inspector-note">{t('inspector.noParams')}</p>)}
      {paramCount !== undefined && (
        <p className="dw-inspector-count" data-testid="inspector-params">
          {t('inspector.parameters', { count: paramCount })}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="dw-inspector-problems" aria-label={t('inspector.problems')} data-testid="inspector-problems">
          {problems.map((p, i) => <li key={i} className={p.severity}>{tm(p.msg ?? p.message)}</li>)}
        </ul>
      )}
    </>
  );
}

/** The node's name: empty means none (the canvas then shows the id). Enter or leaving applies. */
function LabelField({ id, label }: { readonly id: string; readonly label: string | undefined }) {
  const { t } = useLocale();
  const [draft, setDraft] = useDraft(label ?? '');
  const apply = () => {
    const to = draft.trim() || undefined;
    if (to !== label) useEditor.getState().commit([{ type: 'setLabel', id, from: label, to }]);
    else setDraft(label ?? '');
  };
  return (
    <label className="dw-inspector-name">
      <span>{t('inspector.label')}</span>
      <input type="text" value={draft} placeholder={id} spellCheck={false} data-testid="node-label"
        onChange={(e) => setDraft(e.target.value)} onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setDraft(label ?? '');
          }
        }} />
    </label>
  );
}
