/**
 * What the desktop bridge needs of the editor, as two narrow interfaces: the document (the
 * project in the editor store and its file bytes) and the host (texts, toasts, questions, views).
 * editorModel.ts implements them over the real stores; the unit tests pass fakes.
 */
import type { DesktopApi } from '../../../electron/api';
import { i18n } from '../../../engine';
import type { Text } from '../i18n';

export type { DesktopApi, MenuCommand, OpenedFile, Recovery } from '../../../electron/api';

/** The result of loading project bytes: a damaged file changes nothing and says why. */
export type LoadResult = { ok: true; name: string } | { ok: false; message: Text };

/** The project being edited, as the bridge sees it. */
export interface DocumentModel {
  /** The project's name (the toolbar shows it). */
  name(): string;
  rename(name: string): void;
  /** Whether it changed since it was opened or saved. */
  dirty(): boolean;
  /** Marks it changed (a restored backup is unsaved work). */
  markDirty(): void;
  markSaved(): void;
  /** Grows on every change of what a save would write; equal numbers mean equal contents. */
  revision(): number;
  /** Calls `listener` after every change of the name, the contents or the unsaved mark. */
  subscribe(listener: () => void): () => void;
  /** The project as `.dwire` bytes (graph, runs, the latest run's weights). */
  bytes(): Uint8Array;
  /** A file name for a save dialog, e.g. "MNIST MLP.dwire". */
  suggestedFileName(): string;
  /** Replaces the project with the file's; on failure nothing changes. */
  load(bytes: Uint8Array, fileName: string): LoadResult;
  /** An empty, untitled project. */
  clear(): void;
  /** The trained weights as safetensors, or null when no run trained the graph as it is. */
  weightsSafetensors(): Uint8Array | null;
}

/** The editor around the bridge. */
export interface EditorHost {
  t(key: string, vars?: Record<string, unknown>): string;
  /** Shows a toast; a Message (`tmsg(key, vars)`) follows a language switch while shown. */
  toast(text: Text, kind?: 'info' | 'error'): void;
  /** Asks before unsaved changes are thrown away; true to go on. */
  confirmDiscard(): boolean;
  /** The gallery's title for a bundled example's file name ("mnist-mlp.dwire"), if it is one. */
  exampleTitle(fileName: string): string | null;
  /** Zooms the canvas to the loaded graph. */
  fitView(): void;
}

/** The subset of the preload API each part uses (tests fake only what they need). */
export type Api = DesktopApi;

/** The last path segment, on any platform. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "net.dwire" → "net". */
export function stem(fileName: string): string {
  return fileName.replace(/\.dwire$/i, '');
}

/**
 * What to show for a failure: the error's catalogue message when it has one (an engine error
 * thrown here), else the readable part of its message — a rejected IPC call carries main's
 * sentence only, which Electron wraps as "Error invoking remote method 'dw:file:save': Error:
 * Could not save …" (main wrote it in the editor's language).
 */
export function errorText(err: unknown): Text {
  const m = i18n.messageOfError(err);
  if (m) return m;
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^(?:[A-Za-z]*Error): /, '');
}
