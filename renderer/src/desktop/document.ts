/**
 * The open document in the desktop app: which file it is (its path), opening and saving through
 * main, and telling main the window's document state (path, name, unsaved mark) whenever it
 * changes, so the title shows it and closing a changed document asks.
 *
 * Saves are one at a time (a second Save while one runs gets the first one's answer), and a save
 * marks the document saved only if nothing changed while main was writing.
 */
import { tmsg } from '../i18n';
import { baseName, errorText, stem, type Api, type DocumentModel, type EditorHost, type OpenedFile } from './model';

export interface DocumentState {
  readonly path: string | null;
  readonly name: string;
  readonly dirty: boolean;
}

export class DesktopDocument {
  private filePath: string | null = null;
  private reported: DocumentState | null = null;
  private saving: Promise<boolean> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly pathListeners = new Set<() => void>();

  constructor(
    private readonly api: Pick<Api, 'save' | 'openDialog' | 'setDocumentState' | 'exportFile' | 'answerClose'>,
    private readonly model: DocumentModel,
    private readonly host: EditorHost,
  ) {}

  /** Where the document was last opened from or saved to; null when it never was. */
  get path(): string | null {
    return this.filePath;
  }

  /** Starts reporting the document's state to main (now, and after every change). */
  start(): void {
    this.unsubscribe ??= this.model.subscribe(() => this.report());
    this.report();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Calls `listener` whenever the path changes. */
  onPathChange(listener: () => void): () => void {
    this.pathListeners.add(listener);
    return () => this.pathListeners.delete(listener);
  }

  /** The state main shows: the file's name once there is a file, else the project's. */
  state(): DocumentState {
    const name = this.filePath ? stem(baseName(this.filePath)) : this.model.name();
    return { path: this.filePath, name, dirty: this.model.dirty() };
  }

  /** Sends the state to main if it differs from what main was told last. */
  report(): void {
    const next = this.state();
    const last = this.reported;
    if (last && last.path === next.path && last.name === next.name && last.dirty === next.dirty) return;
    this.reported = next;
    this.api.setDocumentState({ ...next });
  }

  /** Save: to the file's path, or (never saved) where the user picks. False when cancelled or failed. */
  save(): Promise<boolean> {
    return this.runSave(this.filePath);
  }

  /** Save As: always asks where. */
  saveAs(): Promise<boolean> {
    return this.runSave(null);
  }

  /** Open…: asks first if there are unsaved changes, then shows main's open dialog. */
  async open(): Promise<void> {
    if (this.model.dirty() && !this.host.confirmDiscard()) return;
    let file: OpenedFile | null;
    try {
      file = await this.api.openDialog();
    } catch (e) {
      this.host.toast(tmsg('desktopUi.openFailed', { message: errorText(e) }), 'error');
      return;
    }
    if (file) this.load(file);
  }

  /**
   * A file opened from outside (double-click, Open Recent, the first start's example): asks first
   * if there are unsaved changes. True when it was loaded.
   */
  openFile(file: OpenedFile): boolean {
    if (this.model.dirty() && !this.host.confirmDiscard()) return false;
    return this.load(file);
  }

  /** Loads `file`; a damaged file shows the error and changes nothing. */
  load(file: OpenedFile): boolean {
    const fileName = baseName(file.path);
    const result = this.model.load(file.bytes, fileName);
    if (!result.ok) {
      this.host.toast(tmsg('file.openFailed', { name: fileName, message: result.message }), 'error');
      return false;
    }
    if (file.example) {
      // A bundled example opens as a new project named after it; Save asks where.
      const title = this.host.exampleTitle(fileName);
      if (title) this.model.rename(title);
      this.setPath(null);
    } else {
      this.setPath(file.path);
    }
    this.host.fitView();
    return true;
  }

  /** Loads a crash backup as unsaved work, with the path it was saved to last. */
  restore(bytes: Uint8Array, path: string | null): boolean {
    const result = this.model.load(bytes, path ? baseName(path) : this.host.t('app.untitled'));
    if (!result.ok) {
      this.host.toast(tmsg('desktopUi.recovery.failed', { message: result.message }), 'error');
      return false;
    }
    this.setPath(path);
    this.model.markDirty();
    this.report();
    this.host.fitView();
    return true;
  }

  /** The editor replaced the project itself (New, a template): it belongs to no file. */
  untitled(): void {
    this.setPath(null);
  }

  /** New: asks first if there are unsaved changes. */
  newDocument(): boolean {
    if (this.model.dirty() && !this.host.confirmDiscard()) return false;
    this.model.clear();
    this.setPath(null);
    return true;
  }

  /** Main asks to save before the window closes: save, then let it close, or keep it open. */
  async saveBeforeClose(): Promise<void> {
    const saved = await this.save();
    this.api.answerClose(saved ? 'close' : 'cancel');
  }

  /** Exports the trained weights as safetensors through main's save dialog. */
  async exportWeights(): Promise<boolean> {
    const bytes = this.model.weightsSafetensors();
    if (!bytes) {
      this.host.toast(tmsg('desktopUi.noWeights'), 'error');
      return false;
    }
    const suggestedName = `${stem(this.filePath ? baseName(this.filePath) : this.model.suggestedFileName())}.safetensors`;
    try {
      const written = await this.api.exportFile({ bytes, suggestedName, kind: 'safetensors' });
      if (!written) return false;
      this.host.toast(tmsg('desktopUi.exported', { name: baseName(written) }));
      return true;
    } catch (e) {
      this.host.toast(tmsg('desktopUi.exportFailed', { message: errorText(e) }), 'error');
      return false;
    }
  }

  private runSave(path: string | null): Promise<boolean> {
    this.saving ??= this.write(path).finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  private async write(path: string | null): Promise<boolean> {
    const revision = this.model.revision();
    let bytes: Uint8Array;
    try {
      bytes = this.model.bytes();
    } catch (e) {
      this.host.toast(tmsg('desktopUi.saveFailed', { message: errorText(e) }), 'error');
      return false;
    }
    const suggestedName = path ? baseName(path) : this.model.suggestedFileName();
    let saved: { path: string } | null;
    try {
      saved = await this.api.save({ path, bytes, suggestedName });
    } catch (e) {
      this.host.toast(tmsg('desktopUi.saveFailed', { message: errorText(e) }), 'error');
      return false;
    }
    if (!saved) return false;
    this.setPath(saved.path);
    // Edits made while main wrote are not in the file: the document stays unsaved then.
    if (this.model.revision() === revision) this.model.markSaved();
    this.report();
    this.host.toast(tmsg('file.saved', { name: baseName(saved.path) }));
    return true;
  }

  private setPath(path: string | null): void {
    if (path === this.filePath) {
      this.report();
      return;
    }
    this.filePath = path;
    this.report();
    for (const l of this.pathListeners) l();
  }
}
