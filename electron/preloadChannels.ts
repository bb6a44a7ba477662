/**
 * The IPC channel names for the preloads, as a copy of `IPC` in electron/api.ts that the compiler
 * proves equal (`satisfies typeof IPC`: every name, each exact string). Why a copy: api.ts also
 * builds the zod schemas, and importing its values would bundle zod (~750 kB) into both preloads,
 * which every window parses on every load. Only types come from api.ts here.
 */
import type { IPC } from './api';

export const CHANNELS = {
  openDialog: 'dw:file:open-dialog',
  openPath: 'dw:file:open-path',
  save: 'dw:file:save',
  exportFile: 'dw:file:export',
  exportFiles: 'dw:file:export-files',
  recentFiles: 'dw:file:recent',
  takeRecovery: 'dw:autosave:take-recovery',
  discardRecovery: 'dw:autosave:discard-recovery',
  documentState: 'dw:window:document-state',
  backup: 'dw:autosave:backup',
  closeAnswer: 'dw:window:close-answer',
  engineConnect: 'dw:engine:connect',
  setLocale: 'dw:app:locale',
  menuCommand: 'dw:menu:command',
  fileOpened: 'dw:file:opened',
  closeRequest: 'dw:window:close-request',
  enginePort: 'dw:engine:port',
  engineRestarted: 'dw:engine:restarted',
} as const satisfies typeof IPC;

/** The message both preloads post to their page with the engine port attached. */
export const ENGINE_PORT_MESSAGE = { type: 'deepwire-engine-port' } as const;

/**
 * Hands a MessagePort to the page: `window.postMessage({ type: 'deepwire-engine-port' }, '*', [port])`,
 * after the page's scripts have run (a message posted earlier would find no listener).
 */
export function forwardPortToPage(port: MessagePort): void {
  const post = () => window.postMessage(ENGINE_PORT_MESSAGE, '*', [port]);
  if (document.readyState === 'loading') window.addEventListener('DOMContentLoaded', post, { once: true });
  else post();
}
