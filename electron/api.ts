/**
 * The contract between the desktop app's main process and the editor: the API the preload
 * exposes as `window.deepwire` (and nothing else), the IPC channels behind it, and zod schemas
 * the main process validates every incoming argument with. Types only plus schemas: no Electron
 * import, so the renderer may `import type` from here and tests may import the schemas.
 */
import { z } from 'zod';

/** IPC channel names. `invoke` channels return a value; `send` channels are one-way. */
export const IPC = {
  // editor → main (invoke)
  openDialog: 'dw:file:open-dialog',
  openPath: 'dw:file:open-path',
  save: 'dw:file:save',
  exportFile: 'dw:file:export',
  recentFiles: 'dw:file:recent',
  takeRecovery: 'dw:autosave:take-recovery',
  discardRecovery: 'dw:autosave:discard-recovery',
  // editor → main (send)
  documentState: 'dw:window:document-state',
  backup: 'dw:autosave:backup',
  closeAnswer: 'dw:window:close-answer',
  engineConnect: 'dw:engine:connect',
  setLocale: 'dw:app:locale',
  // main → editor
  menuCommand: 'dw:menu:command',
  fileOpened: 'dw:file:opened',
  closeRequest: 'dw:window:close-request',
  enginePort: 'dw:engine:port',
  engineRestarted: 'dw:engine:restarted',
} as const;

/** What the application menu asks the editor to do (roles such as copy/paste are handled natively). */
export const MENU_COMMANDS = [
  'new', 'open', 'save', 'saveAs', 'exportWeights', 'templates',
  'undo', 'redo', 'selectAll', 'delete', 'duplicate', 'autoLayout',
  'fitView', 'togglePanels', 'train', 'pause', 'stop', 'language', 'about',
  // The Lab menu: each opens one experiment of the learning lab.
  'labPaths', 'labInit', 'labBatchnorm', 'labOverfitting', 'labGradcheck', 'labPerceptron', 'labSearch', 'labPaired',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface OpenedFile {
  /** Absolute path on disk. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /**
   * True for an example bundled with the app (the first start opens one): show it as a new,
   * untitled project named after the file, and save it with `path: null` so Save asks where.
   * (Main refuses to write into the app's own folder either way: a Save with the example's path
   * shows the Save As dialog.)
   */
  readonly example?: boolean;
}

export interface SavedFile {
  readonly path: string;
}

/** A crash backup found at start-up. */
export interface Recovery {
  readonly bytes: Uint8Array;
  /** Where the backed-up project was saved last, if it ever was. */
  readonly path: string | null;
  /** ms since the epoch. */
  readonly savedAt: number;
}

/** Bytes travel as Uint8Array; the cap keeps a forged call from asking main to hold gigabytes. */
const MAX_BYTES = 1024 * 1024 * 1024;
const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BYTES, 'larger than 1 GiB');
const filePath = z.string().min(1).max(4096);

export const schemas = {
  openPath: z.tuple([filePath]),
  save: z.tuple([z.object({
    /** null: ask where (Save As). */
    path: filePath.nullable(),
    bytes,
    /** Suggested file name for the dialog, e.g. "MNIST MLP.dwire". */
    suggestedName: z.string().min(1).max(255),
  }).strict()]),
  exportFile: z.tuple([z.object({
    bytes,
    suggestedName: z.string().min(1).max(255),
    /** The file kind, which picks the dialog's filter. */
    kind: z.enum(['safetensors', 'csv', 'png', 'svg', 'python', 'onnx']),
  }).strict()]),
  documentState: z.tuple([z.object({
    path: filePath.nullable(),
    name: z.string().max(255),
    dirty: z.boolean(),
  }).strict()]),
  backup: z.tuple([z.object({ bytes, path: filePath.nullable() }).strict()]),
  closeAnswer: z.tuple([z.enum(['close', 'cancel'])]),
  setLocale: z.tuple([z.enum(['en', 'ko'])]),
  none: z.tuple([]),
};

/** The API the preload exposes to the editor as `window.deepwire`. */
export interface DesktopApi {
  readonly platform: 'darwin' | 'win32' | 'linux';
  /** Shows the open dialog (filtered to *.dwire); null when cancelled. */
  openDialog(): Promise<OpenedFile | null>;
  /** Reads a file by path (Open Recent); rejects with a message naming the path when it fails. */
  openPath(path: string): Promise<OpenedFile>;
  /** Saves atomically; `path: null` shows the Save As dialog. Null when cancelled. Adds to recent files and removes the crash backup. */
  save(request: { path: string | null; bytes: Uint8Array; suggestedName: string }): Promise<SavedFile | null>;
  /** Save dialog filtered to the kind, then an atomic write; the chosen path, or null when cancelled. */
  exportFile(request: { bytes: Uint8Array; suggestedName: string; kind: 'safetensors' | 'csv' | 'png' | 'svg' | 'python' | 'onnx' }): Promise<string | null>;
  recentFiles(): Promise<string[]>;
  /** Tells main the window's document: title (file name + unsaved mark), and whether closing must ask. */
  setDocumentState(state: { path: string | null; name: string; dirty: boolean }): void;
  /** The current unsaved project, for crash recovery (main writes it to the app's data folder). */
  backup(state: { bytes: Uint8Array; path: string | null }): void;
  /** A backup left by a crashed session, if any (asked once at start-up). */
  takeRecovery(): Promise<Recovery | null>;
  discardRecovery(): Promise<void>;
  /** Each returns an unsubscribe function. */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /** A file opened from outside: double-click, argv, macOS open-file, a second instance. */
  onFileOpened(handler: (file: OpenedFile) => void): () => void;
  /**
   * The user asked to close a dirty window; main has already asked Save / Don't Save / Cancel
   * and wants the editor to save first: the editor saves, then calls answerClose('close'), or
   * answerClose('cancel') if the save was cancelled or failed.
   */
  onSaveBeforeClose(handler: () => void): () => void;
  answerClose(answer: 'close' | 'cancel'): void;
  /**
   * Asks main for a MessagePort to the engine host. The preload forwards the port with
   * `window.postMessage({ type: 'deepwire-engine-port' }, '*', [port])`; the editor wraps it
   * as an EngineTransport. Sent again (with a fresh port) after the engine host restarts.
   */
  connectEngine(): void;
  /**
   * The engine host crashed or hung and was restarted: `reason` is a sentence in the menu's
   * language for the user. A fresh port follows (see connectEngine) unless the engine failed too
   * often in a row, which the sentence then says; the next connectEngine() starts it again.
   */
  onEngineRestarted(handler: (reason: string) => void): () => void;
  /** The editor's language, so the menus and dialogs of main speak it too (call at start and on each switch). */
  setLocale(locale: 'en' | 'ko'): void;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    deepwire?: DesktopApi;
  }
}
