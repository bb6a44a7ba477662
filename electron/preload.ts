/**
 * The editor window's preload: exposes `window.deepwire` (DesktopApi of electron/api.ts) through
 * contextBridge and nothing else. Each method talks on one fixed channel; there is no generic
 * send/invoke and the page never sees an IpcRendererEvent. Runs sandboxed: only `electron`'s
 * renderer modules, no Node.
 *
 * Files opened from outside (first start, double-click, Open Recent in the menu) may arrive
 * before the editor subscribes; they wait here until the first onFileOpened handler.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi, MenuCommand, OpenedFile } from './api';
import { CHANNELS, forwardPortToPage } from './preloadChannels';

type Unsubscribe = () => void;

/** Subscribes `handler` to a main → editor channel, without passing the event to the page. */
function subscribe<A extends unknown[]>(channel: string, handler: (...args: A) => void): Unsubscribe {
  const listener = (_event: IpcRendererEvent, ...args: unknown[]) => handler(...(args as A));
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

// Files opened before the editor listens wait here.
const fileHandlers = new Set<(file: OpenedFile) => void>();
const waitingFiles: OpenedFile[] = [];
ipcRenderer.on(CHANNELS.fileOpened, (_event, file: OpenedFile) => {
  if (fileHandlers.size === 0) waitingFiles.push(file);
  else for (const handler of fileHandlers) handler(file);
});

// The engine port arrives on its own after connectEngine() (and again after a restart).
ipcRenderer.on(CHANNELS.enginePort, (event) => {
  const [port] = event.ports;
  if (port) forwardPortToPage(port);
});

function platform(): DesktopApi['platform'] {
  const p = process.platform;
  return p === 'darwin' || p === 'win32' ? p : 'linux';
}

const api: DesktopApi = {
  platform: platform(),
  openDialog: () => ipcRenderer.invoke(CHANNELS.openDialog),
  openPath: (path) => ipcRenderer.invoke(CHANNELS.openPath, path),
  // Only the known fields travel: main's schemas are strict.
  save: ({ path, bytes, suggestedName }) => ipcRenderer.invoke(CHANNELS.save, { path, bytes, suggestedName }),
  exportFile: ({ bytes, suggestedName, kind }) => ipcRenderer.invoke(CHANNELS.exportFile, { bytes, suggestedName, kind }),
  exportFiles: ({ files, suggestedName, kind }) =>
    ipcRenderer.invoke(CHANNELS.exportFiles, { files: files.map(({ name, bytes }) => ({ name, bytes })), suggestedName, kind }),
  recentFiles: () => ipcRenderer.invoke(CHANNELS.recentFiles),
  setDocumentState: ({ path, name, dirty }) => ipcRenderer.send(CHANNELS.documentState, { path, name, dirty }),
  backup: ({ bytes, path }) => ipcRenderer.send(CHANNELS.backup, { bytes, path }),
  takeRecovery: () => ipcRenderer.invoke(CHANNELS.takeRecovery),
  discardRecovery: () => ipcRenderer.invoke(CHANNELS.discardRecovery),
  onMenuCommand: (handler) => subscribe<[MenuCommand]>(CHANNELS.menuCommand, (command) => handler(command)),
  onFileOpened: (handler) => {
    fileHandlers.add(handler);
    for (const file of waitingFiles.splice(0)) handler(file);
    return () => {
      fileHandlers.delete(handler);
    };
  },
  onSaveBeforeClose: (handler) => subscribe<[]>(CHANNELS.closeRequest, () => handler()),
  answerClose: (answer) => ipcRenderer.send(CHANNELS.closeAnswer, answer),
  connectEngine: () => ipcRenderer.send(CHANNELS.engineConnect),
  onEngineRestarted: (handler) => subscribe<[string]>(CHANNELS.engineRestarted, (reason) => handler(reason)),
  setLocale: (locale) => ipcRenderer.send(CHANNELS.setLocale, locale),
};

contextBridge.exposeInMainWorld('deepwire', api);
