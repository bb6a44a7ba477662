/**
 * Test doubles for the desktop bridge's unit tests: a DesktopApi that records every call and
 * lets a test play main (emit menu commands, opened files, close requests, engine restarts),
 * a DocumentModel over the real editor store and the engine's real project file, and a host that
 * records toasts. Not shipped (nothing but tests imports it).
 */
import { graph as g, project } from '../../../engine';
import { errorText, type Text } from '../i18n';
import { embeddedEntries } from '../io/projectFile';
import { embeddedData, useData } from '../store/dataStore';
import { useEditor } from '../store/editorStore';
import type { DesktopApi, DocumentModel, EditorHost, MenuCommand, OpenedFile, Recovery } from './model';

type Call = { method: string; args: unknown[] };

export class FakeDesktopApi implements DesktopApi {
  readonly platform = 'linux' as const;
  readonly calls: Call[] = [];
  /** What the next save dialog answers: a path, or null (cancelled); `path` requests keep theirs. */
  saveAs: string | null = '/home/user/net.dwire';
  saveError: Error | null = null;
  openAnswer: OpenedFile | null = null;
  recovery: Recovery | null = null;
  private readonly handlers = { menu: new Set<(c: MenuCommand) => void>(), file: new Set<(f: OpenedFile) => void>(), close: new Set<() => void>(), restarted: new Set<(r: string) => void>() };

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  /** The calls to `method`, their first arguments. */
  callsOf(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args[0]);
  }

  openDialog = async () => {
    this.record('openDialog');
    return this.openAnswer;
  };
  openPath = async (path: string) => {
    this.record('openPath', path);
    throw new Error(`not found: ${path}`);
  };
  save = async (request: { path: string | null; bytes: Uint8Array; suggestedName: string }) => {
    this.record('save', request);
    await Promise.resolve();
    if (this.saveError) throw this.saveError;
    const path = request.path ?? this.saveAs;
    return path ? { path } : null;
  };
  exportFile = async (request: { bytes: Uint8Array; suggestedName: string; kind: 'safetensors' | 'csv' | 'png' | 'svg' | 'python' | 'onnx' }) => {
    this.record('exportFile', request);
    return `/home/user/${request.suggestedName}`;
  };
  /** What the next export dialog answers for exportFiles: a folder to write into, or null (cancelled). */
  exportFolder: string | null = '/home/user';
  exportFiles = async (request: { files: { name: string; bytes: Uint8Array }[]; suggestedName: string; kind: 'safetensors' | 'csv' | 'png' | 'svg' | 'python' | 'onnx' }) => {
    this.record('exportFiles', request);
    await Promise.resolve();
    return this.exportFolder === null ? null : `${this.exportFolder}/${request.suggestedName}`;
  };
  recentFiles = async () => [];
  setDocumentState = (state: { path: string | null; name: string; dirty: boolean }) => this.record('setDocumentState', state);
  backup = (state: { bytes: Uint8Array; path: string | null }) => this.record('backup', state);
  takeRecovery = async () => {
    this.record('takeRecovery');
    return this.recovery;
  };
  discardRecovery = async () => this.record('discardRecovery');
  onMenuCommand = (h: (c: MenuCommand) => void) => this.subscribe(this.handlers.menu, h);
  onFileOpened = (h: (f: OpenedFile) => void) => this.subscribe(this.handlers.file, h);
  onSaveBeforeClose = (h: () => void) => this.subscribe(this.handlers.close, h);
  answerClose = (answer: 'close' | 'cancel') => this.record('answerClose', answer);
  connectEngine = () => this.record('connectEngine');
  onEngineRestarted = (h: (r: string) => void) => this.subscribe(this.handlers.restarted, h);
  setLocale = (locale: 'en' | 'ko') => this.record('setLocale', locale);

  emitMenu(command: string): void {
    this.handlers.menu.forEach((h) => h(command as MenuCommand));
  }
  emitFile(file: OpenedFile): void {
    this.handlers.file.forEach((h) => h(file));
  }
  emitClose(): void {
    this.handlers.close.forEach((h) => h());
  }
  emitRestarted(sentence: string): void {
    this.handlers.restarted.forEach((h) => h(sentence));
  }
  /** How many handlers are subscribed, all kinds together. */
  get subscribers(): number {
    return Object.values(this.handlers).reduce((n, s) => n + s.size, 0);
  }

  private subscribe<T>(set: Set<T>, h: T): () => void {
    set.add(h);
    return () => set.delete(h);
  }
}

/** A small graph of `nodes` unconnected layers (enough for a project file). */
export function sampleGraph(nodes = 2): g.Graph {
  const kinds = ['Dense', 'Flatten', 'Dense', 'Dropout'];
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, kind: kinds[i % kinds.length], position: { x: i * 200, y: 0 }, params: {} })),
    edges: [],
  };
}

/** `.dwire` bytes of a project named `name` with `nodes` nodes. */
export function projectFile(name: string, nodes: number): Uint8Array {
  return project.saveProject(project.createProject(name, sampleGraph(nodes)));
}

/** A DocumentModel over the real editor store, saving and loading real project files. */
export function storeModel(): DocumentModel & { weights: Uint8Array | null; dispose(): void } {
  let revision = 0;
  const stop = useEditor.subscribe((s, prev) => {
    if (s.graph !== prev.graph || s.runs !== prev.runs || s.projectName !== prev.projectName) revision++;
  });
  const model = {
    weights: null as Uint8Array | null,
    name: () => useEditor.getState().projectName,
    rename: (name: string) => useEditor.setState({ projectName: name }),
    dirty: () => useEditor.getState().dirty,
    markDirty: () => useEditor.setState({ dirty: true }),
    markSaved: () => useEditor.getState().markSaved(),
    revision: () => revision,
    subscribe: (listener: () => void) => useEditor.subscribe(listener),
    bytes: () => {
      const { projectName, graph, runs } = useEditor.getState();
      return project.saveProject({ ...project.createProject(projectName, graph), runs }, undefined, { data: embeddedData(graph) });
    },
    suggestedFileName: () => `${useEditor.getState().projectName}.dwire`,
    load: (bytes: Uint8Array, fileName: string) => {
      const result = project.loadProject(bytes, { isKnownKind: g.isKnownKind });
      if (!result.ok) return { ok: false as const, message: errorText(result.error) };
      const name = result.project.name || fileName.replace(/\.dwire$/i, '');
      if (result.data) useData.getState().put(embeddedEntries(result.project.graph, result.data));
      useEditor.getState().load(name, result.project.graph, result.project.runs);
      return { ok: true as const, name };
    },
    clear: () => useEditor.getState().load('Untitled', { nodes: [], edges: [] }),
    weightsSafetensors: () => model.weights,
    dispose: stop,
  };
  return model;
}

/**
 * A host that records what it shows (toasts as the Texts given, so a test sees whether they are
 * messages that follow the language); `confirm` answers the discard question.
 */
export function recordingHost(confirm = true): EditorHost & { toasts: { text: Text; kind: string }[]; confirms: number; fits: number } {
  const host = {
    toasts: [] as { text: Text; kind: string }[],
    confirms: 0,
    fits: 0,
    t: (key: string, vars?: Record<string, unknown>) => (vars ? `${key} ${JSON.stringify(vars)}` : key),
    toast: (text: Text, kind: 'info' | 'error' = 'info') => void host.toasts.push({ text, kind }),
    confirmDiscard: () => {
      host.confirms++;
      return confirm;
    },
    exampleTitle: (fileName: string) => (fileName === 'mnist-mlp.dwire' ? 'MNIST digits' : null),
    fitView: () => void host.fits++,
  };
  return host;
}

/** Resets the editor store to an empty, saved project named `name`. */
export function resetEditor(name = 'Untitled'): void {
  useEditor.getState().load(name, { nodes: [], edges: [] });
}
