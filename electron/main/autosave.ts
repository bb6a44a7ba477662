/**
 * Autosave and crash recovery. The editor hands main its unsaved project whenever it changes;
 * main writes it (atomically, at most once every few seconds, newest wins) to the backups folder
 * in the app's data folder. A clean save removes the backup.
 *
 * A marker file says a session is running; a clean exit removes it (and the backup). At the next
 * start, a marker still there means the last session crashed: its backup is set aside as the
 * recovery the editor is offered (`takeRecovery`). A recovery nobody decided on (the app quit
 * before the user answered) is offered again; one the editor took is deleted once the editor's
 * own next backup or save holds the work.
 *
 *   backups/session.json               { version, pid, startedAt } while a session runs
 *   backups/autosave.dwire + .json     this session's backup and { path, savedAt }
 *   backups/recovery.dwire + .json     a crashed session's backup, waiting for the user
 */
import * as path from 'node:path';
import { z } from 'zod';
import type { Recovery } from '../api';
import { readFileChecked, readJson, realFs, writeFileAtomic, writeJson, type FileSystem } from './files';
import { realTimers, type Timers } from './timers';

const MetaSchema = z.object({ version: z.literal(1), path: z.string().min(1).nullable(), savedAt: z.number() });

/** How often a changing project is written at most, by default. */
export const DEFAULT_BACKUP_INTERVAL_MS = 3000;

export interface AutosaveOptions {
  /** The backups folder (userData/backups). */
  readonly folder: string;
  readonly fs?: FileSystem;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly intervalMs?: number;
  /** A backup that could not be written: logged, never shown (the user is still editing). */
  readonly onError?: (err: unknown) => void;
}

interface Pending {
  readonly bytes: Uint8Array;
  readonly path: string | null;
}

export class Autosave {
  private readonly fs: FileSystem;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private pending: Pending | null = null;
  private timer: unknown = null;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private recoveryTaken = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AutosaveOptions) {
    this.fs = options.fs ?? realFs;
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  }

  private file(name: string): string {
    return path.join(this.options.folder, name);
  }

  /**
   * Starts the session: if the last one crashed, its backup becomes the recovery; a backup left
   * by a clean exit that could not delete it is dropped. Then marks this session as running.
   * Returns whether a recovery waits for the user.
   */
  start(): Promise<boolean> {
    return this.serial(async () => {
      await this.fs.mkdir(this.options.folder, { recursive: true });
      const crashed = (await readJson(this.file('session.json'), this.fs).catch(() => ({}))) !== null;
      if (crashed) await this.moveBackupToRecovery();
      else await this.removeFiles('autosave.dwire', 'autosave.json');
      await writeJson(this.file('session.json'), { version: 1, pid: process.pid, startedAt: this.now() }, this.fs);
      return this.exists('recovery.dwire');
    });
  }

  /**
   * The editor's renderer crashed within this session: its latest backup becomes the recovery,
   * so the reloaded editor is offered its work back. Returns whether there was a backup.
   */
  setAsideAfterEditorCrash(): Promise<boolean> {
    this.cancelTimer();
    return this.writePending().then(() => this.serial(() => this.moveBackupToRecovery()));
  }

  /** autosave.* → recovery.* (replacing an older recovery); whether there was a backup to move. */
  private async moveBackupToRecovery(): Promise<boolean> {
    if (!(await this.exists('autosave.dwire'))) return false;
    await this.removeFiles('recovery.dwire', 'recovery.json');
    // The meta first: a recovery .dwire never sits next to an older session's meta.
    if (await this.exists('autosave.json')) await this.fs.rename(this.file('autosave.json'), this.file('recovery.json'));
    await this.fs.rename(this.file('autosave.dwire'), this.file('recovery.dwire'));
    this.recoveryTaken = false;
    return true;
  }

  /** The crashed session's work, or null. It stays on disk until the editor's next backup or save holds it. */
  takeRecovery(): Promise<Recovery | null> {
    return this.serial(async () => {
      if (!(await this.exists('recovery.dwire'))) return null;
      const bytes = await readFileChecked(this.file('recovery.dwire'), this.fs);
      let meta: z.infer<typeof MetaSchema> | null = null;
      try {
        const parsed = MetaSchema.safeParse(await readJson(this.file('recovery.json'), this.fs));
        if (parsed.success) meta = parsed.data;
      } catch (err) {
        this.options.onError?.(err);
      }
      this.recoveryTaken = true;
      return { bytes, path: meta?.path ?? null, savedAt: meta?.savedAt ?? this.now() };
    });
  }

  /** The user does not want the crashed session's work. */
  discardRecovery(): Promise<void> {
    return this.serial(() => this.removeFiles('recovery.dwire', 'recovery.json'));
  }

  /**
   * The editor's current unsaved project. Written at once if nothing was written for an
   * interval, else when the interval is up (only the newest state is kept).
   */
  backup(bytes: Uint8Array, projectPath: string | null): void {
    this.pending = { bytes, path: projectPath };
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - this.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.writePending();
    }, wait);
  }

  /** Writes a backup that is waiting for its interval now. */
  flush(): Promise<void> {
    this.cancelTimer();
    return this.writePending();
  }

  /** Resolves when the writes and removals started so far are done. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** The project was saved (or closed on purpose): its backup is no longer needed. */
  clear(): Promise<void> {
    this.cancelTimer();
    this.pending = null;
    return this.serial(async () => {
      await this.removeFiles('autosave.dwire', 'autosave.json');
      if (this.recoveryTaken) await this.dropTakenRecovery();
    });
  }

  /** A normal quit: nothing to recover next time (an undecided recovery is kept for then). */
  cleanExit(): Promise<void> {
    this.cancelTimer();
    this.pending = null;
    return this.serial(async () => {
      await this.removeFiles('autosave.dwire', 'autosave.json');
      if (this.recoveryTaken) await this.dropTakenRecovery();
      await this.removeFiles('session.json');
    });
  }

  private writePending(): Promise<void> {
    return this.serial(async () => {
      const pending = this.pending;
      if (!pending) return;
      this.pending = null;
      this.lastWrite = this.now();
      try {
        await writeFileAtomic(this.file('autosave.dwire'), pending.bytes, this.fs);
        await writeJson(this.file('autosave.json'), { version: 1, path: pending.path, savedAt: this.lastWrite }, this.fs);
        if (this.recoveryTaken) await this.dropTakenRecovery();
      } catch (err) {
        this.options.onError?.(err);
      }
    });
  }

  private async dropTakenRecovery(): Promise<void> {
    await this.removeFiles('recovery.dwire', 'recovery.json');
    this.recoveryTaken = false;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async exists(name: string): Promise<boolean> {
    try {
      return (await this.fs.stat(this.file(name))).isFile();
    } catch {
      return false;
    }
  }

  private async removeFiles(...names: string[]): Promise<void> {
    for (const name of names) await this.fs.rm(this.file(name), { force: true });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
