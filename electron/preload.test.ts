/**
 * The preloads against a stand-in `electron`: window.deepwire has exactly the DesktopApi methods,
 * each on its own fixed channel with only the known fields, files opened before the editor
 * listens wait for it, and engine ports reach the page by window.postMessage.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC, type DesktopApi, type OpenedFile } from './api';
import { CHANNELS } from './preloadChannels';

type Listener = (event: { ports: unknown[] }, ...args: unknown[]) => void;
const listeners = new Map<string, Set<Listener>>();
const invoked: unknown[][] = [];
const sentToMain: unknown[][] = [];
const exposed: Record<string, unknown> = {};
const posted: { message: unknown; target: string; transfer: unknown[] }[] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    on: (channel: string, l: Listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel: string, l: Listener) => listeners.get(channel)?.delete(l),
    invoke: async (...args: unknown[]) => void invoked.push(args),
    send: (...args: unknown[]) => void sentToMain.push(args),
  },
}));

/** main → renderer */
function emit(channel: string, ports: unknown[], ...args: unknown[]) {
  for (const l of listeners.get(channel) ?? []) l({ ports }, ...args);
}

beforeAll(async () => {
  const g = globalThis as Record<string, unknown>;
  g.document = { readyState: 'complete' };
  g.window = { postMessage: (message: unknown, target: string, transfer: unknown[]) => posted.push({ message, target, transfer }), addEventListener: () => undefined };
  await import('./preload');
});

const api = () => exposed.deepwire as DesktopApi;

describe('the channel copy', () => {
  it('equals api.ts', () => {
    expect(CHANNELS).toEqual(IPC);
  });
});

describe('window.deepwire', () => {
  it('exposes exactly the DesktopApi, nothing generic', () => {
    expect(Object.keys(api()).sort()).toEqual(
      [
        'platform', 'openDialog', 'openPath', 'save', 'exportFile', 'exportFiles', 'recentFiles', 'setDocumentState', 'backup', 'takeRecovery', 'discardRecovery',
        'onMenuCommand', 'onFileOpened', 'onSaveBeforeClose', 'answerClose', 'connectEngine', 'onEngineRestarted', 'setLocale',
      ].sort(),
    );
    expect(['darwin', 'win32', 'linux']).toContain(api().platform);
  });

  it('calls each fixed channel with only the known fields', async () => {
    const bytes = new Uint8Array([1]);
    await api().save({ path: null, bytes, suggestedName: 'x.dwire', sneaky: 1 } as never);
    await api().openPath('/a.dwire');
    await api().exportFiles({ files: [{ name: 'model.py', bytes, extra: 3 } as never], suggestedName: 'model.py', kind: 'python', more: 4 } as never);
    api().setDocumentState({ path: null, name: 'n', dirty: true, extra: 2 } as never);
    api().answerClose('close');
    api().connectEngine();
    api().setLocale('ko');
    expect(invoked).toEqual([
      [IPC.save, { path: null, bytes, suggestedName: 'x.dwire' }],
      [IPC.openPath, '/a.dwire'],
      [IPC.exportFiles, { files: [{ name: 'model.py', bytes }], suggestedName: 'model.py', kind: 'python' }],
    ]);
    expect(sentToMain).toEqual([
      [IPC.documentState, { path: null, name: 'n', dirty: true }],
      [IPC.closeAnswer, 'close'],
      [IPC.engineConnect],
      [IPC.setLocale, 'ko'],
    ]);
  });

  it('keeps files opened before the editor listens, and passes no IPC event to the page', () => {
    const file: OpenedFile = { path: '/p/x.dwire', bytes: new Uint8Array([9]), example: true };
    emit(IPC.fileOpened, [], file);
    const got: unknown[][] = [];
    const off = api().onFileOpened((...args) => got.push(args));
    expect(got).toEqual([[file]]);
    emit(IPC.fileOpened, [], { path: '/q.dwire', bytes: new Uint8Array() });
    expect(got).toHaveLength(2);
    off();
    emit(IPC.fileOpened, [], { path: '/r.dwire', bytes: new Uint8Array() });
    expect(got).toHaveLength(2);
  });

  it('delivers menu commands, close requests and engine restarts, and unsubscribes', () => {
    const commands: unknown[][] = [];
    const off = api().onMenuCommand((...args) => commands.push(args));
    emit(IPC.menuCommand, [], 'train');
    off();
    emit(IPC.menuCommand, [], 'stop');
    expect(commands).toEqual([['train']]);
    const reasons: string[] = [];
    api().onEngineRestarted((r) => reasons.push(r));
    emit(IPC.engineRestarted, [], 'it crashed');
    expect(reasons).toEqual(['it crashed']);
    let asked = 0;
    api().onSaveBeforeClose(() => asked++);
    emit(IPC.closeRequest, []);
    expect(asked).toBe(1);
  });

  it('forwards the engine port to the page', () => {
    const port = { fake: 'port' };
    emit(IPC.enginePort, [port]);
    expect(posted.at(-1)).toEqual({ message: { type: 'deepwire-engine-port' }, target: '*', transfer: [port] });
  });
});
