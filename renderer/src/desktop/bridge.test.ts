import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../../../electron/api';
import { useEditor } from '../store/editorStore';
import { DesktopBridge, type UiTargets } from './bridge';
import { MENU_ACTIONS, runMenuCommand, type CommandTargets } from './commands';
import { FakeDesktopApi, projectFile, recordingHost, resetEditor, storeModel } from './fakeDesktop';

/** UI targets that record which one ran. */
function recordingUi(): UiTargets & { ran: string[] } {
  const ran: string[] = [];
  const names: (keyof UiTargets)[] = ['newProject', 'templates', 'undo', 'redo', 'selectAll', 'deleteSelection', 'duplicate', 'autoLayout', 'fitView', 'togglePanels', 'train', 'pause', 'stop', 'toggleLanguage', 'about'];
  return Object.assign(Object.fromEntries(names.map((n) => [n, () => void ran.push(n)])) as unknown as UiTargets, { ran });
}

let api: FakeDesktopApi;
let model: ReturnType<typeof storeModel>;
let ui: ReturnType<typeof recordingUi>;
let bridge: DesktopBridge;
let log: string[];
let events: string[];

beforeEach(() => {
  resetEditor('Net');
  api = new FakeDesktopApi();
  model = storeModel();
  ui = recordingUi();
  log = [];
  events = [];
  bridge = new DesktopBridge({
    api,
    model,
    host: recordingHost(),
    ui,
    engine: { restarted: (s) => void events.push(`engine dropped: ${s}`) },
    requestExport: async (target) => {
      events.push(`engine exports ${target}`);
      return target === 'onnx' ? [{ name: 'model.onnx', bytes: new Uint8Array([8, 1]) }] : [{ name: 'model.py', bytes: new Uint8Array([1]) }, { name: 'data.safetensors', bytes: new Uint8Array([2]) }];
    },
    offerRecovery: (r) => void events.push(`offer ${r.path}`),
    onEngineRestarted: (s) => void events.push(`editor told: ${s}`),
    log: (m) => void log.push(m),
  });
});

afterEach(() => {
  bridge.dispose();
  model.dispose();
});

describe('menu commands', () => {
  it('has an action for every command of the contract, and nothing else', () => {
    expect(Object.keys(MENU_ACTIONS).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('sends each command to its own target', () => {
    const expected: Record<string, keyof CommandTargets> = {
      new: 'newProject', open: 'open', save: 'save', saveAs: 'saveAs', exportWeights: 'exportWeights',
      exportPytorch: 'exportProject', exportKeras: 'exportProject', exportOnnx: 'exportProject', exportHistory: 'exportProject',
      templates: 'templates', undo: 'undo', redo: 'redo', selectAll: 'selectAll', delete: 'deleteSelection',
      duplicate: 'duplicate', autoLayout: 'autoLayout', fitView: 'fitView', togglePanels: 'togglePanels',
      train: 'train', pause: 'pause', stop: 'stop', language: 'toggleLanguage', about: 'about',
      labPaths: 'openLab', labInit: 'openLab', labBatchnorm: 'openLab', labOverfitting: 'openLab', labGradcheck: 'openLab',
      labPerceptron: 'openLab', labSearch: 'openLab', labPaired: 'openLab',
    };
    for (const command of MENU_COMMANDS) {
      const ran: string[] = [];
      const targets = new Proxy({} as CommandTargets, { get: (_, key) => () => void ran.push(String(key)) });
      runMenuCommand(command, targets);
      expect(ran, command).toEqual([expected[command]]);
    }
  });

  it('reports a command it does not know instead of ignoring it', async () => {
    await bridge.start();
    api.emitMenu('formatDisk');
    api.emitMenu('toString');
    expect(log).toEqual(["unknown menu command 'formatDisk'", "unknown menu command 'toString'"]);
    expect(ui.ran).toEqual([]);
  });

  it('routes the UI commands to the editor and the file commands through main', async () => {
    await bridge.start();
    for (const c of ['undo', 'train', 'pause', 'stop', 'language', 'togglePanels', 'templates', 'about']) api.emitMenu(c);
    expect(ui.ran).toEqual(['undo', 'train', 'pause', 'stop', 'toggleLanguage', 'togglePanels', 'templates', 'about']);
    useEditor.getState().addNode('Dense', { x: 0, y: 0 });
    api.emitMenu('save');
    await vi.waitFor(() => expect(bridge.document.path).toBe('/home/user/net.dwire'));
    await new Promise((r) => setTimeout(r, 0)); // the first save has finished
    useEditor.getState().addNode('Dense', { x: 0, y: 0 });
    api.emitMenu('save');
    await vi.waitFor(() => expect(model.dirty()).toBe(false));
    expect(api.callsOf('save')).toHaveLength(2);
    expect((api.callsOf('save') as { path: string | null }[]).map((s) => s.path)).toEqual([null, '/home/user/net.dwire']);
    api.emitMenu('saveAs');
    await vi.waitFor(() => expect(api.callsOf('save')).toHaveLength(3));
    expect((api.callsOf('save')[2] as { path: string | null }).path).toBeNull();
    api.emitMenu('open');
    await vi.waitFor(() => expect(api.callsOf('openDialog')).toHaveLength(1));
  });
});

describe('File ▸ Export', () => {
  it('has the engine write code or ONNX, then main save all of it; the weights as before', async () => {
    await bridge.start();
    api.emitMenu('exportPytorch');
    await vi.waitFor(() => expect(api.callsOf('exportFiles')).toHaveLength(1));
    expect(api.callsOf('exportFiles')[0]).toEqual({
      files: [{ name: 'model.py', bytes: new Uint8Array([1]) }, { name: 'data.safetensors', bytes: new Uint8Array([2]) }], suggestedName: 'model.py', kind: 'python',
    });
    await expect(bridge.exportTarget('onnx')).resolves.toBe(true);
    expect(api.callsOf('exportFiles')[1]).toMatchObject({ suggestedName: 'Net.onnx', kind: 'onnx' });
    expect(events).toEqual(['engine exports pytorch', 'engine exports onnx']);
    // No trained weights: the document says so, and nothing reaches main.
    await expect(bridge.exportTarget('safetensors')).resolves.toBe(false);
    expect(api.callsOf('exportFile')).toEqual([]);
  });
});

describe('main talking to the editor', () => {
  it('reports the document at start and asks once for a recovery, which it offers', async () => {
    api.recovery = { bytes: projectFile('Lost', 2), path: '/p/lost.dwire', savedAt: 5 };
    await bridge.start();
    await bridge.start();
    expect(api.callsOf('setDocumentState')).toEqual([{ path: null, name: 'Net', dirty: false }]);
    expect(api.callsOf('takeRecovery')).toHaveLength(1);
    expect(events).toEqual(['offer /p/lost.dwire']);
  });

  it('loads files opened from outside', async () => {
    await bridge.start();
    api.emitFile({ path: '/p/two.dwire', bytes: projectFile('Two', 2) });
    expect(useEditor.getState().graph.nodes).toHaveLength(2);
    expect(bridge.document.path).toBe('/p/two.dwire');
  });

  it('saves before closing when main asks, then answers', async () => {
    await bridge.start();
    useEditor.getState().addNode('Dense', { x: 0, y: 0 });
    api.emitClose();
    await vi.waitFor(() => expect(api.callsOf('answerClose')).toEqual(['close']));
    expect(model.dirty()).toBe(false);
  });

  it('tells the editor of an engine restart before the engines on the old ports are dropped', async () => {
    await bridge.start();
    api.emitRestarted('The engine stopped (it crashed) and is restarting.');
    expect(events).toEqual(['editor told: The engine stopped (it crashed) and is restarting.', 'engine dropped: The engine stopped (it crashed) and is restarting.']);
  });

  it('unsubscribes everything and stops backing up when disposed', async () => {
    vi.useFakeTimers();
    try {
      await bridge.start();
      expect(api.subscribers).toBe(4);
      bridge.dispose();
      expect(api.subscribers).toBe(0);
      useEditor.getState().addNode('Dense', { x: 0, y: 0 });
      vi.advanceTimersByTime(60_000);
      expect(api.callsOf('backup')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
