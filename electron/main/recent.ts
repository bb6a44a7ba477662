/**
 * The recent files list (File ▸ Open Recent): newest first, at most `max` entries, each path once,
 * files that no longer exist dropped when the list is read. Kept in `recent.json` in the app's
 * data folder, written atomically; a damaged list file is treated as empty, never as an error
 * that stops the app.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { fileExists, readJson, realFs, writeJson, type FileSystem } from './files';

const RecentFileSchema = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)) });

export interface RecentFilesOptions {
  /** Where the list lives (userData/recent.json). */
  readonly file: string;
  readonly fs?: FileSystem;
  /** Whether a listed project still exists (defaults to a stat of the path). */
  readonly exists?: (file: string) => Promise<boolean>;
  /** Longest list kept. */
  readonly max?: number;
  /** Windows and macOS compare paths without case (the default follows this platform). */
  readonly caseInsensitive?: boolean;
  /** Called after every change with the new list (to rebuild the menu, tell the OS). */
  readonly onChange?: (files: readonly string[]) => void;
  readonly onError?: (err: unknown) => void;
}

export const DEFAULT_MAX_RECENT = 10;

export class RecentFiles {
  private files: string[] | null = null;
  private readonly fs: FileSystem;
  private readonly exists: (file: string) => Promise<boolean>;
  private readonly max: number;
  private readonly caseInsensitive: boolean;
  /** Changes are applied one after another (an add while a read is pending must not be lost). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RecentFilesOptions) {
    this.fs = options.fs ?? realFs;
    this.exists = options.exists ?? ((file) => fileExists(file, this.fs));
    this.max = options.max ?? DEFAULT_MAX_RECENT;
    this.caseInsensitive = options.caseInsensitive ?? (process.platform === 'win32' || process.platform === 'darwin');
  }

  /** The list, newest first, without files that have disappeared (which are dropped for good). */
  list(): Promise<string[]> {
    return this.serial(async () => {
      const files = await this.load();
      const present = (await Promise.all(files.map(async (f) => ((await this.exists(f)) ? f : null)))).filter((f): f is string => f !== null);
      if (present.length !== files.length) await this.store(present);
      return [...present];
    });
  }

  /** The last list read or written, without touching the disk (for building a menu synchronously). */
  cached(): readonly string[] {
    return this.files ?? [];
  }

  /** Puts `file` at the top (moving it if listed already) and trims the list to `max`. */
  add(file: string): Promise<void> {
    return this.serial(async () => {
      const absolute = path.resolve(file);
      const files = (await this.load()).filter((f) => !this.same(f, absolute));
      await this.store([absolute, ...files].slice(0, this.max));
    });
  }

  remove(file: string): Promise<void> {
    return this.serial(async () => {
      const files = await this.load();
      const kept = files.filter((f) => !this.same(f, path.resolve(file)));
      if (kept.length !== files.length) await this.store(kept);
    });
  }

  clear(): Promise<void> {
    return this.serial(() => this.store([]));
  }

  private same(a: string, b: string): boolean {
    return this.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<string[]> {
    if (this.files) return this.files;
    let files: string[] = [];
    try {
      const parsed = RecentFileSchema.safeParse(await readJson(this.options.file, this.fs));
      if (parsed.success) files = parsed.data.files;
    } catch (err) {
      // Unreadable or not JSON: start a fresh list rather than failing the menu.
      this.options.onError?.(err);
    }
    // Dedupe and cap whatever was on disk (an older or hand-edited list).
    const unique: string[] = [];
    for (const f of files) if (path.isAbsolute(f) && !unique.some((u) => this.same(u, f))) unique.push(f);
    this.files = unique.slice(0, this.max);
    return this.files;
  }

  private async store(files: string[]): Promise<void> {
    this.files = files;
    this.options.onChange?.([...files]);
    try {
      await writeJson(this.options.file, { version: 1, files }, this.fs);
    } catch (err) {
      // The in-memory list still works this session; losing the list is not worth an error dialog.
      this.options.onError?.(err);
    }
  }
}
