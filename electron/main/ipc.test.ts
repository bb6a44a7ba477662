import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../api';
import { CHANNELS, IpcRefusedError, registerIpc, senderProblem, type IpcEventLike, type IpcHandlers, type IpcMainLike } from './ipc';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** An ipcMain that records handlers so a test can call them as a renderer would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, listener);
  }
  removeListener(channel: string) {
    this.listeners.delete(channel);
  }
  /** ipcRenderer.invoke: the handler's result, or its error as a rejection. */
  async invoke(event: IpcEventLike, channel: string, ...args: unknown[]) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
  send(event: IpcEventLike, channel: string, ...args: unknown[]) {
    this.listeners.get(channel)!(event, ...args);
  }
}

const editorContents = { id: 1 };
const hostContents = { id: 2 };
const fromEditor: IpcEventLike = { sender: editorContents, senderFrame: { url: 'app://deepwire/index.html', origin: 'app://deepwire', parent: null } };

function setup() {
  const ipc = new FakeIpcMain();
  const handlers = {
    openDialog: vi.fn(async () => null),
    openPath: vi.fn(async (path: string) => ({ path, bytes: new Uint8Array([1]) })),
    save: vi.fn(async (r: { path: string | null }) => ({ path: r.path ?? '/chosen.dwire' })),
    exportFile: vi.fn(async () => '/w.safetensors'),
    exportFiles: vi.fn(async () => '/m/model.py'),
    recentFiles: vi.fn(async () => ['/a.dwire']),
    takeRecovery: vi.fn(async () => null),
    discardRecovery: vi.fn(async () => undefined),
    documentState: vi.fn(),
    backup: vi.fn(),
    closeAnswer: vi.fn(),
    engineConnect: vi.fn(),
    setLocale: vi.fn(),
  } satisfies IpcHandlers;
  const log: string[] = [];
  const unregister = registerIpc({ ipcMain: ipc, editorContents: () => editorContents, handlers, log: (m) => log.push(m) });
  return { ipc, handlers, log, unregister };
}

describe('IPC registration', () => {
  it('registers every editor → main channel of api.ts, invoke or send', () => {
    const { ipc } = setup();
    const mainToEditor = [IPC.menuCommand, IPC.fileOpened, IPC.closeRequest, IPC.enginePort, IPC.engineRestarted];
    const editorToMain = Object.values(IPC).filter((c) => !mainToEditor.includes(c as never));
    expect([...ipc.handlers.keys(), ...ipc.listeners.keys()].sort()).toEqual([...editorToMain].sort());
    expect(Object.keys(CHANNELS).length).toBe(editorToMain.length);
  });

  it('removes them all again', () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.handlers.size + ipc.listeners.size).toBe(0);
  });
});

describe('a call from the editor', () => {
  it('reaches its handler with the checked arguments', async () => {
    const { ipc, handlers } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(ipc.invoke(fromEditor, IPC.save, { path: null, bytes, suggestedName: 'XOR.dwire' })).resolves.toEqual({ path: '/chosen.dwire' });
    expect(handlers.save).toHaveBeenCalledWith({ path: null, bytes, suggestedName: 'XOR.dwire' });
    await expect(ipc.invoke(fromEditor, IPC.recentFiles)).resolves.toEqual(['/a.dwire']);
    ipc.send(fromEditor, IPC.documentState, { path: null, name: 'XOR', dirty: true });
    expect(handlers.documentState).toHaveBeenCalledWith({ path: null, name: 'XOR', dirty: true });
    ipc.send(fromEditor, IPC.engineConnect);
    expect(handlers.engineConnect).toHaveBeenCalledTimes(1);
  });

  it('takes a Buffer for bytes (Buffer is a Uint8Array)', async () => {
    const { ipc, handlers } = setup();
    ipc.send(fromEditor, IPC.backup, { bytes: Buffer.from('abc'), path: '/p.dwire' });
    expect(handlers.backup).toHaveBeenCalledTimes(1);
  });
});

describe('a forged or malformed call', () => {
  it('from another window (the engine host) is refused', async () => {
    const { ipc, handlers } = setup();
    const forged = { ...fromEditor, sender: hostContents };
    await expect(ipc.invoke(forged, IPC.openPath, '/etc/passwd')).rejects.toThrow(
      new IpcRefusedError(IPC.openPath, 'it came from another window than the editor'),
    );
    expect(handlers.openPath).not.toHaveBeenCalled();
  });

  it('from a page of another origin in the editor window is refused, naming the URL', async () => {
    const { ipc, handlers } = setup();
    for (const url of ['https://evil.example/x.html', 'file:///tmp/x.html', 'app://evil/index.html', 'about:blank', '']) {
      const forged = { sender: editorContents, senderFrame: { url, parent: null } };
      await expect(ipc.invoke(forged, IPC.save, { path: '/x', bytes: new Uint8Array(), suggestedName: 'x' })).rejects.toThrow(/^Refused IPC call dw:file:save: it came from .* not the app \(app:\/\/deepwire\)$/);
    }
    expect(handlers.save).not.toHaveBeenCalled();
  });

  it('from a sub-frame, or a frame that is gone, is refused', async () => {
    const { ipc } = setup();
    const sub = { sender: editorContents, senderFrame: { url: 'app://deepwire/index.html', parent: {} } };
    await expect(ipc.invoke(sub, IPC.recentFiles)).rejects.toThrow(/sub-frame/);
    await expect(ipc.invoke({ sender: editorContents, senderFrame: null }, IPC.recentFiles)).rejects.toThrow(/frame is gone/);
  });

  it('whose frame claims another origin than its URL is refused', async () => {
    const { ipc } = setup();
    const odd = { sender: editorContents, senderFrame: { url: 'app://deepwire/index.html', origin: 'null', parent: null } };
    await expect(ipc.invoke(odd, IPC.recentFiles)).rejects.toThrow(IpcRefusedError);
  });

  it('with bad arguments is refused with what is wrong', async () => {
    const { ipc, handlers } = setup();
    await expect(ipc.invoke(fromEditor, IPC.save, { path: null, bytes: [1, 2, 3], suggestedName: 'x' })).rejects.toThrow(
      /^Refused IPC call dw:file:save: bad arguments \(argument 1\.bytes: /,
    );
    await expect(ipc.invoke(fromEditor, IPC.save, { path: null, bytes: new Uint8Array(), suggestedName: 'x', extra: 1 })).rejects.toThrow(/extra/);
    await expect(ipc.invoke(fromEditor, IPC.openPath)).rejects.toThrow(/bad arguments/);
    await expect(ipc.invoke(fromEditor, IPC.openPath, '/a', '/b')).rejects.toThrow(/bad arguments/);
    await expect(ipc.invoke(fromEditor, IPC.exportFile, { bytes: new Uint8Array(), suggestedName: 'w', kind: 'exe' })).rejects.toThrow(/kind/);
    await expect(ipc.invoke(fromEditor, IPC.openPath, 'x'.repeat(5000))).rejects.toThrow(/bad arguments/);
    expect(handlers.save).not.toHaveBeenCalled();
    expect(handlers.openPath).not.toHaveBeenCalled();
    expect(handlers.exportFile).not.toHaveBeenCalled();
  });

  it('to export files with paths instead of plain names, or twice the same name, is refused', async () => {
    const { ipc, handlers } = setup();
    const file = (name: string) => ({ name, bytes: new Uint8Array([1]) });
    const call = (files: unknown[]) => ipc.invoke(fromEditor, IPC.exportFiles, { files, suggestedName: 'model.py', kind: 'python' });
    for (const name of ['../x.py', '/etc/passwd', 'a\\b.py', 'C:x.py', '..', '.', '', 'con', 'NUL.txt', 'x.py.', 'a\nb', 'x'.repeat(256)]) {
      await expect(call([file('model.py'), file(name)]), JSON.stringify(name)).rejects.toThrow(/bad arguments \(argument 1\.files\.1\.name: not a plain file name/);
    }
    await expect(call([file('model.py'), file('MODEL.PY')])).rejects.toThrow(/two files with one name/);
    await expect(call([])).rejects.toThrow(/bad arguments/);
    await expect(call(Array.from({ length: 9 }, (_, i) => file(`f${i}`)))).rejects.toThrow(/bad arguments/);
    expect(handlers.exportFiles).not.toHaveBeenCalled();
    await expect(call([file('model.py'), file('data.safetensors'), file('.hidden ok')])).resolves.toBe('/m/model.py');
    expect(handlers.exportFiles).toHaveBeenCalledTimes(1);
  });

  it('on a one-way channel is dropped and logged, never thrown into main', () => {
    const { ipc, handlers, log } = setup();
    expect(() => ipc.send({ ...fromEditor, sender: hostContents }, IPC.closeAnswer, 'close')).not.toThrow();
    expect(() => ipc.send(fromEditor, IPC.closeAnswer, 'maybe')).not.toThrow();
    expect(() => ipc.send(fromEditor, IPC.setLocale, 'fr')).not.toThrow();
    expect(handlers.closeAnswer).not.toHaveBeenCalled();
    expect(handlers.setLocale).not.toHaveBeenCalled();
    expect(log).toEqual([
      'Refused IPC call dw:window:close-answer: it came from another window than the editor',
      expect.stringMatching(/^Refused IPC call dw:window:close-answer: bad arguments \(argument 1: /),
      expect.stringMatching(/^Refused IPC call dw:app:locale: bad arguments/),
    ]);
  });

  it('is refused while there is no editor window', () => {
    expect(senderProblem(fromEditor, null)).toBe('it came from another window than the editor');
    expect(senderProblem(fromEditor, editorContents)).toBeNull();
  });
});
