/**
 * The editor window: toolbar, palette, canvas, inspector, panels, status bar (UI.md's layout).
 * In the desktop app (window.deepwire present) files go through main, the menu drives the same
 * actions as the toolbar, and a crashed session's work is offered back (desktop/).
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Canvas } from './components/Canvas/Canvas';
import { Gallery } from './components/Gallery/Gallery';
import { Inspector } from './components/Inspector/Inspector';
import { Palette } from './components/Palette/Palette';
import { Panels, type PanelTab } from './components/Panels/Panels';
import { useLab } from './lab/labStore';
import { StatusBar } from './components/StatusBar/StatusBar';
import { Toasts, showToast } from './components/Toast/Toast';
import { Toolbar } from './components/Toolbar/Toolbar';
import { AboutDialog } from './desktop/AboutDialog';
import { RecoveryBanner } from './desktop/RecoveryBanner';
import { desktopApi, desktopBridge, useDesktop } from './desktop/useDesktop';
import { useShortcuts } from './hooks/useShortcuts';
import { validationOf } from './hooks/useValidation';
import { errorText, setLocale, tmsg, useLocale } from './i18n';
import { openBytes, saveToDisk } from './io/projectFile';
import { TEMPLATES, templateBytes, type Template } from './io/templates';
import { layoutChanges } from './layout/autoLayout';
import { useEditor } from './store/editorStore';
import { useTraining } from './store/trainingStore';

/** Whether the keyboard focus is in a text field (the menu's Edit commands then edit the text). */
function inTextField(): boolean {
  const el = document.activeElement as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');
}

/** Opened on first start, so a new user sees something real. */
const FIRST_TEMPLATE = 'mnist-mlp';

function Editor() {
  const { t, locale } = useLocale();
  const [galleryOpen, setGalleryOpen] = useState(false);
  const [panelTab, setPanelTab] = useState<PanelTab>('curves');
  // The gallery or the Lab menu opened an experiment: show the lab.
  const labShown = useLab((s) => s.shown);
  useEffect(() => {
    if (labShown === 0) return;
    setPanelTab('lab');
    setPanelsCollapsed(false);
  }, [labShown]);
  const [panelsCollapsed, setPanelsCollapsed] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const closeAbout = useCallback(() => setAboutOpen(false), []);
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
      showToast(tmsg('file.openFailed', { name: tmsg(`template.${tpl.name}`), message: errorText(e) }), 'error');
      return;
    }
    const now = useEditor.getState();
    if (onlyIfEmpty && (now.graph.nodes.length > 0 || now.dirty)) return;
    const result = openBytes(bytes, `${tpl.name}.dwire`);
    if (!result.ok) showToast(tmsg('file.openFailed', { name: tmsg(`template.${tpl.name}`), message: result.message }), 'error');
    else {
      useEditor.setState({ projectName: t(`template.${tpl.name}`) });
      // A template is a new project: it belongs to no file yet.
      desktopBridge()?.document.untitled();
    }
    requestAnimationFrame(() => void flow.fitView());
  }, [flow, t]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // The desktop app's main process decides what a start opens (the example on the first start).
    if (desktopApi()) return;
    const first = TEMPLATES.find((x) => x.name === FIRST_TEMPLATE);
    if (first && useEditor.getState().graph.nodes.length === 0) void openTemplate(first, true);
  }, [openTemplate]);

  const confirmDiscard = () => !useEditor.getState().dirty || window.confirm(t('file.confirmDiscard'));
  const fitView = () => requestAnimationFrame(() => void flow.fitView());
  const layout = async () => {
    const s = useEditor.getState();
    s.commit(await layoutChanges(s.graph));
    fitView();
  };
  const editCommand = (command: 'undo' | 'redo' | 'selectAll' | 'delete', graph: () => void) => () => {
    // Typing in a field: the menu's Edit commands edit the text, as everywhere else.
    if (inTextField()) document.execCommand(command);
    else graph();
  };

  const desktop = useDesktop({
    newProject: () => newBlank(),
    templates: () => setGalleryOpen(true),
    undo: editCommand('undo', () => useEditor.getState().undo()),
    redo: editCommand('redo', () => useEditor.getState().redo()),
    selectAll: editCommand('selectAll', () => useEditor.getState().selectAll()),
    deleteSelection: editCommand('delete', () => useEditor.getState().deleteSelection()),
    duplicate: () => useEditor.getState().duplicateSelection(),
    autoLayout: () => void layout(),
    fitView,
    togglePanels: () => setPanelsCollapsed((c) => !c),
    train: () => {
      const errors = validationOf(useEditor.getState().graph).problems.filter((p) => p.severity === 'error').length;
      if (errors > 0) showToast(tmsg('train.fixFirst', { count: errors }), 'error');
      else void useTraining.getState().train();
    },
    pause: () => {
      const training = useTraining.getState();
      void (training.run?.status === 'paused' ? training.resume() : training.pause());
    },
    stop: () => void useTraining.getState().stop(),
    toggleLanguage: () => setLocale(locale === 'ko' ? 'en' : 'ko'),
    about: () => setAboutOpen(true),
    openLab: (experiment) => useLab.getState().openExperiment(experiment),
  });
  const desktopDoc = desktop?.bridge.document ?? null;

  const save = useCallback(() => {
    if (desktopDoc) {
      void desktopDoc.save();
      return;
    }
    saveToDisk().then((file) => file && showToast(tmsg('file.saved', { name: file })), (e: unknown) => showToast(tmsg('app.saveFailed', { message: errorText(e) }), 'error'));
  }, [desktopDoc]);
  const saveAs = useCallback(() => void desktopDoc?.saveAs(), [desktopDoc]);
  useShortcuts(save, desktopDoc ? saveAs : undefined);

  function newBlank() {
    if (desktopDoc) {
      if (desktopDoc.newDocument()) setGalleryOpen(false);
      return;
    }
    if (!confirmDiscard()) return;
    useEditor.getState().load(t('app.untitled'), { nodes: [], edges: [] });
    setGalleryOpen(false);
  }

  return (
    <div className="dw-app" data-testid="app">
      <Toolbar onNew={newBlank} onTemplates={() => setGalleryOpen(true)} onSave={save} onLayout={() => void layout()}
        {...(desktopDoc ? { onOpen: () => void desktopDoc.open() } : {})} />
      <aside className="dw-left"><Palette /></aside>
      <main className="dw-center"><Canvas /></main>
      <aside className="dw-right"><Inspector /></aside>
      <Panels tab={panelTab} onTab={setPanelTab} collapsed={panelsCollapsed} setCollapsed={setPanelsCollapsed} />
      <StatusBar />
      {galleryOpen && <Gallery onPick={(tpl) => {
        if (!confirmDiscard()) return;
        setGalleryOpen(false);
        void openTemplate(tpl);
      }} onBlank={newBlank} onLab={(experiment) => {
        setGalleryOpen(false);
        useLab.getState().openExperiment(experiment);
      }} onClose={() => setGalleryOpen(false)} />}
      {desktop?.recovery && <RecoveryBanner recovery={desktop.recovery} onRestore={desktop.restore} onDiscard={desktop.discard} />}
      {aboutOpen && <AboutDialog onClose={closeAbout} />}
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
