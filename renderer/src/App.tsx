/**
 * The editor window: toolbar, palette, canvas, inspector, panels, status bar (UI.md's layout).
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Canvas } from './components/Canvas/Canvas';
import { Gallery } from './components/Gallery/Gallery';
import { Inspector } from './components/Inspector/Inspector';
import { Palette } from './components/Palette/Palette';
import { Panels, type PanelTab } from './components/Panels/Panels';
import { StatusBar } from './components/StatusBar/StatusBar';
import { Toasts, showToast } from './components/Toast/Toast';
import { Toolbar } from './components/Toolbar/Toolbar';
import { useShortcuts } from './hooks/useShortcuts';
import { useLocale } from './i18n';
import { openBytes, saveToDisk } from './io/projectFile';
import { TEMPLATES, templateBytes, type Template } from './io/templates';
import { useEditor } from './store/editorStore';

/** Opened on first start, so a new user sees something real. */
const FIRST_TEMPLATE = 'mnist-mlp';

function Editor() {
  const { t } = useLocale();
  const [galleryOpen, setGalleryOpen] = useState(false);
  const [panelTab, setPanelTab] = useState<PanelTab>('curves');
  const flow = useReactFlow();
  const name = useEditor((s) => s.projectName);
  const dirty = useEditor((s) => s.dirty);

  useEffect(() => {
    document.title = `${name}${dirty ? ' •' : ''} — ${t('app.title')}`;
  }, [name, dirty, t]);

  /** Opens a template; with `onlyIfEmpty`, not when the user has started something meanwhile. */
  const openTemplate = useCallback(async (tpl: Template, onlyIfEmpty = false) => {
    let bytes: Uint8Array;
    try {
      bytes = await templateBytes(tpl);
    } catch (e) {
      showToast(t('file.openFailed', { name: tpl.name, message: (e as Error).message }), 'error');
      return;
    }
    const now = useEditor.getState();
    if (onlyIfEmpty && (now.graph.nodes.length > 0 || now.dirty)) return;
    const result = openBytes(bytes, `${tpl.name}.dwire`);
    if (!result.ok) showToast(t('file.openFailed', { name: tpl.name, message: result.message }), 'error');
    else useEditor.setState({ projectName: t(`template.${tpl.name}`) });
    requestAnimationFrame(() => void flow.fitView());
  }, [flow, t]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const first = TEMPLATES.find((x) => x.name === FIRST_TEMPLATE);
    if (first && useEditor.getState().graph.nodes.length === 0) void openTemplate(first, true);
  }, [openTemplate]);

  const save = useCallback(() => {
    saveToDisk().then((file) => file && showToast(t('file.saved', { name: file })), (e: Error) => showToast(e.message, 'error'));
  }, [t]);
  useShortcuts(save);

  const confirmDiscard = () => !useEditor.getState().dirty || window.confirm(t('file.confirmDiscard'));
  const newBlank = () => {
    if (!confirmDiscard()) return;
    useEditor.getState().load(t('app.untitled'), { nodes: [], edges: [] });
    setGalleryOpen(false);
  };

  return (
    <div className="dw-app" data-testid="app">
      <Toolbar onNew={newBlank} onTemplates={() => setGalleryOpen(true)} onSave={save} />
      <aside className="dw-left"><Palette /></aside>
      <main className="dw-center"><Canvas /></main>
      <aside className="dw-right"><Inspector /></aside>
      <Panels tab={panelTab} onTab={setPanelTab} />
      <StatusBar />
      {galleryOpen && <Gallery onPick={(tpl) => {
        if (!confirmDiscard()) return;
        setGalleryOpen(false);
        void openTemplate(tpl);
      }} onBlank={newBlank} onClose={() => setGalleryOpen(false)} />}
      <Toasts />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
