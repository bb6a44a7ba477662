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
  exportFiles: 'dw:file:export-files',
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
  'new', 'open', 'save', 'saveAs', 'exportWeights', 'exportPytorch', 'exportKeras', 'exportOnnx', 'exportHistory', 'templates',
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

/** The file kinds an export is saved as; each picks the dialog's filter and extension. */
export const EXPORT_KINDS = ['safetensors', 'csv', 'png', 'svg', 'python', 'onnx'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Names Windows reserves for devices, with or without an extension. */
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Whether `name` is a plain file name that is safe on every platform: no folder separators,
 * not `.` or `..`, no characters Windows refuses or control characters, no trailing dot or
 * space, not a device name. Files an export writes beside its main file must be such names:
 * main joins them to the folder the user chose, and nothing may climb out of it.
 */
export function isPlainFileName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name === '.' || name === '..') return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\/:*?"<>|]/.test(name)) return false;
  if (/[. ]$/.test(name) || RESERVED_NAME.test(name)) return false;
  return true;
}

const plainFileName = z.string().refine(isPlainFileName, 'not a plain file name (no folders, no characters a file system refuses)');

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
    kind: z.enum(EXPORT_KINDS),
  }).strict()]),
  exportFiles: z.tuple([z.object({
    /** The main file first (its kind is `kind`), then the files that go beside it, by plain name. */
    files: z.array(z.object({ name: plainFileName, bytes }).strict()).min(1).max(8)
      .refine((fs) => new Set(fs.map((f) => f.name.toLowerCase())).size === fs.length, 'two files with one name')
      .refine((fs) => fs.reduce((n, f) => n + f.bytes.byteLength, 0) <= MAX_BYTES, 'larger than 1 GiB together'),
    suggestedName: z.string().min(1).max(255),
    kind: z.enum(EXPORT_KINDS),
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
  exportFile(request: { bytes: Uint8Array; suggestedName: string; kind: ExportKind }): Promise<string | null>;
  /**
   * An export of several files (code with its data and weights): the save dialog for the main
   * file (`files[0]`, filtered to `kind`), then every file written into the chosen folder —
   * the main one under the chosen name, the others under their own names, after asking before
   * replacing any that exist. The main file's path, or null when cancelled.
   */
  exportFiles(request: { files: { name: string; bytes: Uint8Array }[]; suggestedName: string; kind: ExportKind }): Promise<string | null>;
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
