/**
 * Autosave and crash recovery, the editor's half (main writes the files: electron/main/autosave.ts).
 *
 * While the document has unsaved changes, every few seconds — and only when something changed
 * since the last backup — the project's bytes go to main with the path it belongs to. At start
 * the editor asks main once for a crashed session's backup; the user restores it (it opens as
 * unsaved work, with its path, and is backed up again at once so main can let the old copy go)
 * or discards it.
 */
import type { DesktopDocument } from './document';
import { errorText, type Api, type DocumentModel, type Recovery } from './model';

/** How often a changed project is backed up. */
export const BACKUP_INTERVAL_MS = 5000;

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export class Autosave {
  /** The revision last handed to main; null when none since start. */
  private backedUp: { revision: number; path: string | null } | null = null;
  private timer: unknown = null;

  constructor(
    private readonly api: Pick<Api, 'backup' | 'takeRecovery' | 'discardRecovery'>,
    private readonly model: DocumentModel,
    private readonly doc: Pick<DesktopDocument, 'path' | 'restore'>,
    private readonly options: { intervalMs?: number; timers?: Timers; log?: (message: string) => void } = {},
  ) {}

  start(): void {
    if (this.timer !== null) return;
    const timers = this.options.timers ?? realTimers;
    this.timer = timers.setInterval(() => this.tick(), this.options.intervalMs ?? BACKUP_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer === null) return;
    (this.options.timers ?? realTimers).clearInterval(this.timer);
    this.timer = null;
  }

  /** Backs up now if the document is unsaved and changed since the last backup; true when it did. */
  tick(): boolean {
    if (!this.model.dirty()) return false;
    const revision = this.model.revision();
    const path = this.doc.path;
    if (this.backedUp && this.backedUp.revision === revision && this.backedUp.path === path) return false;
    return this.backupNow();
  }

  /** Hands the current project to main at once. */
  backupNow(): boolean {
    const revision = this.model.revision();
    const path = this.doc.path;
    let bytes: Uint8Array;
    try {
      bytes = this.model.bytes();
    } catch (e) {
      // The user is still editing; the next change tries again.
      this.options.log?.(`backup skipped: ${errorText(e)}`);
      return false;
    }
    this.api.backup({ bytes, path });
    this.backedUp = { revision, path };
    return true;
  }

  /** Asks main for a crashed session's backup (once, at start); null when there is none. */
  async takeRecovery(): Promise<Recovery | null> {
    try {
      return await this.api.takeRecovery();
    } catch (e) {
      this.options.log?.(`no recovery: ${errorText(e)}`);
      return null;
    }
  }

  /** Opens the backup as unsaved work; true when it loaded. */
  restore(recovery: Recovery): boolean {
    if (!this.doc.restore(recovery.bytes, recovery.path)) return false;
    // Main deletes the taken recovery once a backup of this session holds the work.
    this.backupNow();
    return true;
  }

  /** The user does not want the backup. */
  async discard(): Promise<void> {
    try {
      await this.api.discardRecovery();
    } catch (e) {
      this.options.log?.(`discarding the recovery failed: ${errorText(e)}`);
    }
  }
}
