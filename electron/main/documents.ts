/**
 * What the editor's file requests do in main: the open, save and export dialogs (filtered by
 * file kind), reading and atomic writing, the recent files list, and removing the crash backup
 * after a save. The dialogs are injected (Electron's, bound to the editor window), so tests can
 * answer them.
 *
 * Projects bundled with the app (the examples) are never written to: a Save of one asks where,
 * like Save As, so neither an installed app nor a developer's checkout gets its examples
 * overwritten.
 */
import * as path from 'node:path';
import { i18n } from '../../engine';
import { isPlainFileName, type ExportKind, type OpenedFile, type SavedFile } from '../api';
import type { Autosave } from './autosave';
import { FileError, fileErrorText, fileExists, isInside, readFileChecked, realFs, withExtension, writeFileAtomic, writeFilesAtomic, type FileSystem } from './files';
import { PROJECT_EXTENSION } from './openArgs';
import type { RecentFiles } from './recent';

type Locale = i18n.Locale;

export type { ExportKind };

/** The file extension each export kind is saved with. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportKind, string>> = {
  safetensors: 'safetensors',
  csv: 'csv',
  png: 'png',
  svg: 'svg',
  python: 'py',
  onnx: 'onnx',
};

export interface FileFilter {
  readonly name: string;
  readonly extensions: string[];
}

/** The dialogs, already bound to the editor window (Electron's dialog.showOpenDialog(win, …)). */
export interface Dialogs {
  showOpenDialog(options: { title: string; defaultPath?: string; filters: FileFilter[]; properties: ['openFile'] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(options: {
    type: 'warning'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number;
  }): Promise<{ response: number }>;
}

export interface DocumentsOptions {
  readonly dialogs: Dialogs;
  readonly recent: RecentFiles;
  readonly autosave: Autosave;
  readonly locale: () => Locale;
  /** Folders of the installed app (its examples): never saved into. */
  readonly bundledFolders: readonly string[];
  /** Where dialogs start before the user has picked a folder (the Documents folder). */
  readonly defaultFolder: () => string;
  readonly fs?: FileSystem;
}

/** Characters that no file name may hold on some platform; they (and control characters) become '-'. */
const UNSAFE_NAME = /[\\/:*?"<>|]/g;

/** A file name for a dialog's suggestion: no folders, no characters Windows refuses, never empty. */
export function safeFileName(name: string, fallback: string): string {
  const visible = [...name].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 ? '-' : ch)).join('');
  const cleaned = visible.replace(UNSAFE_NAME, '-').replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned === '' ? fallback : cleaned;
}

export class Documents {
  private readonly fs: FileSystem;
  /** The folder of the last file opened or saved: the next dialog starts there. */
  private lastFolder: string | null = null;

  constructor(private readonly options: DocumentsOptions) {
    this.fs = options.fs ?? realFs;
  }

  private t(key: string, vars?: i18n.MessageVars): string {
    return i18n.translate(this.options.locale(), key, vars);
  }

  private projectFilter(): FileFilter {
    return { name: this.t('desktop.filter.dwire'), extensions: [PROJECT_EXTENSION] };
  }

  /** Whether `file` is one of the app's own (bundled) files. */
  isBundled(file: string): boolean {
    return this.options.bundledFolders.some((folder) => isInside(file, folder));
  }

  /** Shows the open dialog; the chosen project, or null when cancelled. */
  async openDialog(): Promise<OpenedFile | null> {
    const result = await this.options.dialogs.showOpenDialog({
      title: this.t('desktop.dialog.openTitle'),
      defaultPath: this.lastFolder ?? this.options.defaultFolder(),
      filters: [this.projectFilter()],
      properties: ['openFile'],
    });
    const chosen = result.filePaths[0];
    if (result.canceled || !chosen) return null;
    return this.openPath(chosen);
  }

  /** Reads a project by path; a missing file also leaves the recent list. */
  async openPath(file: string): Promise<OpenedFile> {
    const absolute = path.resolve(file);
    try {
      const bytes = await readFileChecked(absolute, this.fs);
      if (!this.isBundled(absolute)) {
        this.lastFolder = path.dirname(absolute);
        await this.options.recent.add(absolute);
      }
      return { path: absolute, bytes };
    } catch (err) {
      if (err instanceof FileError && err.code === 'ENOENT') await this.options.recent.remove(absolute);
      throw this.localized(err);
    }
  }

  /**
   * Saves a project atomically; asks where first when it has no path yet (or its path is a
   * bundled example). Adds it to the recent files and removes the crash backup.
   */
  async save(request: { path: string | null; bytes: Uint8Array; suggestedName: string }): Promise<SavedFile | null> {
    let target = request.path !== null && !this.isBundled(request.path) ? path.resolve(request.path) : null;
    if (target === null) {
      target = await this.askWhere(this.t('desktop.dialog.saveTitle'), request.suggestedName, PROJECT_EXTENSION, this.projectFilter());
      if (target === null) return null;
    }
    try {
      await writeFileAtomic(target, request.bytes, this.fs);
    } catch (err) {
      throw this.localized(err);
    }
    this.lastFolder = path.dirname(target);
    await this.options.recent.add(target);
    await this.options.autosave.clear();
    return { path: target };
  }

  /** Asks where to export (filtered to the kind), then writes atomically; the path, or null when cancelled. */
  async exportFile(request: { bytes: Uint8Array; suggestedName: string; kind: ExportKind }): Promise<string | null> {
    const ext = EXPORT_EXTENSIONS[request.kind];
    const filter = { name: this.t(`desktop.filter.${request.kind}`), extensions: [ext] };
    const target = await this.askWhere(this.t('desktop.dialog.exportTitle'), request.suggestedName, ext, filter);
    if (target === null) return null;
    try {
      await writeFileAtomic(target, request.bytes, this.fs);
    } catch (err) {
      throw this.localized(err);
    }
    return target;
  }

  /**
   * Exports several files (code with its data and weights): asks where the main one goes
   * (`files[0]`, filtered to the kind), and writes the others beside it under their own names —
   * the code reads them by name — asking before it replaces any that exist. All are written
   * atomically as a set (files.ts). The main file's path, or null when cancelled.
   */
  async exportFiles(request: { files: readonly { name: string; bytes: Uint8Array }[]; suggestedName: string; kind: ExportKind }): Promise<string | null> {
    const [main, ...others] = request.files;
    // The schema checked these already; main joins them to a folder, so check again where it matters.
    const bad = request.files.find((f) => !isPlainFileName(f.name));
    if (!main || bad) throw new Error(`exportFiles: ${bad ? `'${bad.name}' is not a plain file name` : 'no files'}`);
    const ext = EXPORT_EXTENSIONS[request.kind];
    const filter = { name: this.t(`desktop.filter.${request.kind}`), extensions: [ext] };
    const target = await this.askWhere(this.t('desktop.dialog.exportTitle'), request.suggestedName, ext, filter);
    if (target === null) return null;
    const folder = path.dirname(target);
    const mainName = path.basename(target);
    const clash = others.find((f) => f.name.toLowerCase() === mainName.toLowerCase());
    if (clash) throw new Error(this.t('desktop.error.exportName', { name: mainName }));
    const beside = others.map((f) => ({ path: path.join(folder, f.name), bytes: f.bytes }));
    const existing: string[] = [];
    for (const f of beside) if (await fileExists(f.path, this.fs)) existing.push(path.basename(f.path));
    if (existing.length > 0) {
      const { response } = await this.options.dialogs.showMessageBox({
        type: 'warning', title: this.t('desktop.dialog.exportTitle'),
        message: this.t('desktop.dialog.replaceMessage', { folder, names: existing.join(', ') }),
        detail: this.t('desktop.dialog.replaceDetail'),
        buttons: [this.t('desktop.dialog.replace'), this.t('desktop.dialog.cancel')], defaultId: 1, cancelId: 1,
      });
      if (response !== 0) return null;
    }
    try {
      await writeFilesAtomic([{ path: target, bytes: main.bytes }, ...beside], this.fs);
    } catch (err) {
      throw this.localized(err);
    }
    this.lastFolder = folder;
    return target;
  }

  private async askWhere(title: string, suggestedName: string, ext: string, filter: FileFilter): Promise<string | null> {
    const name = withExtension(safeFileName(suggestedName, this.t('desktop.untitled')), ext);
    const result = await this.options.dialogs.showSaveDialog({
      title,
      defaultPath: path.join(this.lastFolder ?? this.options.defaultFolder(), name),
      filters: [filter],
    });
    if (result.canceled || !result.filePath) return null;
    // Linux dialogs do not add the extension the filter names.
    const chosen = withExtension(path.resolve(result.filePath), ext);
    if (this.isBundled(chosen)) throw new Error(this.t('desktop.error.bundled', { path: chosen }));
    return chosen;
  }

  /** A FileError in the user's language (other errors pass unchanged). */
  private localized(err: unknown): unknown {
    return err instanceof FileError ? new Error(fileErrorText(err, this.options.locale())) : err;
  }
}
