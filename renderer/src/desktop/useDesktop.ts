/**
 * The desktop app inside the editor: when `window.deepwire` exists, starts the bridge over the
 * real stores (once), routes the training store's engine through main's MessagePort, keeps
 * main's menus in the editor's language, and holds the recovery offer and the About box for the
 * editor to show. Returns null in a plain browser, where none of this runs.
 */
import { useEffect, useRef, useState } from 'react';
import { showToast } from '../components/Toast/Toast';
import { i18next } from '../i18n';
import { TEMPLATES } from '../io/templates';
import { useEditor } from '../store/editorStore';
import { engineFactory, useTraining } from '../store/trainingStore';
import { isActive } from '../training/liveRun';
import { DesktopBridge, type UiTargets } from './bridge';
import { editorDocumentModel } from './editorModel';
import { DesktopEngine, type MessageTarget } from './engineConnection';
import { stem, type EditorHost, type Recovery } from './model';

export interface DesktopSession {
  readonly bridge: DesktopBridge;
  /** A crashed session's backup waiting for the user's answer, or null. */
  readonly recovery: Recovery | null;
  restore(): void;
  discard(): void;
}

const t = (key: string, vars?: Record<string, unknown>) => i18next.t(key, vars ?? {}) as string;

/** The preload's API, when the editor runs in the desktop app. */
export function desktopApi() {
  return globalThis.window?.deepwire ?? null;
}

function startBridge(ui: () => UiTargets, onRecovery: (r: Recovery) => void): () => void {
  const api = desktopApi();
  if (!api) return () => {};
  const model = editorDocumentModel(() => t('app.untitled'));
  const engine = new DesktopEngine(api, window as unknown as MessageTarget, window);
  const browserTransport = engineFactory.transport;
  engineFactory.transport = () => engine.transport();

  const host: EditorHost = {
    t,
    toast: showToast,
    confirmDiscard: () => window.confirm(t('file.confirmDiscard')),
    exampleTitle: (fileName) => {
      const name = stem(fileName);
      return TEMPLATES.some((x) => x.name === name) ? t(`template.${name}`) : null;
    },
    fitView: () => ui().fitView(),
  };
  // Each command reaches the UI's target of the current render.
  const to = <K extends Exclude<keyof UiTargets, 'openLab'>>(key: K) => () => ui()[key]();
  const targets: UiTargets = {
    newProject: to('newProject'), templates: to('templates'), undo: to('undo'), redo: to('redo'),
    selectAll: to('selectAll'), deleteSelection: to('deleteSelection'), duplicate: to('duplicate'),
    autoLayout: to('autoLayout'), fitView: to('fitView'), togglePanels: to('togglePanels'), train: to('train'),
    pause: to('pause'), stop: to('stop'), toggleLanguage: to('toggleLanguage'), about: to('about'),
    openLab: (experiment) => ui().openLab(experiment),
  };
  const bridge = new DesktopBridge({
    api,
    model,
    host,
    ui: targets,
    engine,
    offerRecovery: onRecovery,
    onEngineRestarted: (sentence) => {
      // A run in progress fails with the sentence (and says so); otherwise say it here.
      if (!isActive(useTraining.getState().run)) showToast(sentence);
    },
  });
  current = bridge;

  const sendLocale = () => api.setLocale(i18next.language === 'ko' ? 'ko' : 'en');
  sendLocale();
  i18next.on('languageChanged', sendLocale);
  void bridge.start();

  return () => {
    i18next.off('languageChanged', sendLocale);
    bridge.dispose();
    engine.dispose();
    model.dispose();
    engineFactory.transport = browserTransport;
    if (current === bridge) current = null;
  };
}

/** The running bridge (null in a browser): for the toolbar and the shortcuts. */
let current: DesktopBridge | null = null;

export function desktopBridge(): DesktopBridge | null {
  return current;
}

/** Starts the desktop bridge when there is a desktop app around the editor. */
export function useDesktop(ui: UiTargets): DesktopSession | null {
  const uiRef = useRef(ui);
  uiRef.current = ui;
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  const [bridge, setBridge] = useState<DesktopBridge | null>(null);

  useEffect(() => {
    const stop = startBridge(() => uiRef.current, setRecovery);
    setBridge(current);
    return () => {
      stop();
      setBridge(null);
    };
  }, []);

  if (!bridge) return null;
  return {
    bridge,
    recovery,
    restore: () => {
      if (!recovery) return;
      // Work begun since the start would be replaced: ask first (and keep the offer if not).
      if (useEditor.getState().dirty && !window.confirm(t('file.confirmDiscard'))) return;
      bridge.autosave.restore(recovery);
      setRecovery(null);
    },
    discard: () => {
      void bridge.autosave.discard();
      setRecovery(null);
    },
  };
}
