/**
 * The toolbar: new / templates / open / save / export, the project name with its unsaved mark, undo /
 * redo, auto-layout and zoom to fit, then training (TrainControls).
 */
import { useReactFlow } from '@xyflow/react';
import { useRef, type ChangeEvent } from 'react';
import { tmsg, useLocale } from '../../i18n';
import { openBytes } from '../../io/projectFile';
import { useEditor } from '../../store/editorStore';
import { ExportMenu } from '../Export/ExportMenu';
import { showToast } from '../Toast/Toast';
import { TrainControls } from '../TrainControls/TrainControls';

/**
 * `onOpen`, when given, replaces the browser's file picker (the desktop app opens through main's
 * dialog); `onLayout` lays the graph out (the desktop app's View menu does the same).
 */
export function Toolbar({ onNew, onTemplates, onSave, onOpen, onLayout }: {
  onNew: () => void;
  onTemplates: () => void;
  onSave: () => void;
  onOpen?: () => void;
  onLayout: () => void;
}) {
  const { t } = useLocale();
  const name = useEditor((s) => s.projectName);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const fileInput = useRef<HTMLInputElement>(null);
  const flow = useReactFlow();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (useEditor.getState().dirty && !window.confirm(t('file.confirmDiscard'))) return;
    const result = openBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!result.ok) showToast(tmsg('file.openFailed', { name: file.name, message: result.message }), 'error');
    else requestAnimationFrame(() => void flow.fitView());
  };

  return (
    <header className="dw-toolbar" data-testid="toolbar">
      <button onClick={onNew} data-testid="btn-new">{t('toolbar.new')}</button>
      <button onClick={onTemplates} data-testid="btn-templates">{t('toolbar.templates')}</button>
      <button onClick={() => (onOpen ? onOpen() : fileInput.current?.click())} data-testid="btn-open">{t('toolbar.open')}</button>
      <input ref={fileInput} type="file" accept=".dwire" hidden onChange={(e) => void onFile(e)} data-testid="file-input" />
      <button onClick={onSave} data-testid="btn-save">{t('toolbar.save')}</button>
      <ExportMenu />
      <span className="dw-project-name" data-testid="project-name">
        {name}{dirty && <span className="dw-dirty" title={t('toolbar.unsaved')} aria-label={t('toolbar.unsaved')}> •</span>}
      </span>
      <span className="spacer" />
      <button onClick={() => useEditor.getState().undo()} disabled={!canUndo} data-testid="btn-undo">{t('toolbar.undo')}</button>
      <button onClick={() => useEditor.getState().redo()} disabled={!canRedo} data-testid="btn-redo">{t('toolbar.redo')}</button>
      <button onClick={onLayout} data-testid="btn-layout">{t('toolbar.layout')}</button>
      <button onClick={() => void flow.fitView()} data-testid="btn-fit">{t('toolbar.fit')}</button>
      <TrainControls />
    </header>
  );
}
