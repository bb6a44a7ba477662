/**
 * The editor window's document behaviour: the title ("● MNIST MLP — DeepWire" while unsaved, and
 * macOS's edited dot and proxy icon), and closing with unsaved changes, which asks
 * Save / Don't Save / Cancel; on Save the editor saves first (IPC.closeRequest) and answers
 * (IPC.closeAnswer) whether the window may close.
 *
 * Works on the parts of a BrowserWindow it needs, so tests drive it with a fake window.
 */
import type { BrowserWindowConstructorOptions, MessageBoxOptions } from 'electron';
import { i18n } from '../../engine';
import { IPC } from '../api';
import { secureWebPreferences } from './security';

type Locale = i18n.Locale;

export interface DocumentState {
  readonly path: string | null;
  readonly name: string;
  readonly dirty: boolean;
}

/** The parts of the editor's BrowserWindow used here. */
export interface DocumentWindowLike {
  setTitle(title: string): void;
  setDocumentEdited(edited: boolean): void;
  setRepresentedFilename(file: string): void;
  close(): void;
  isDestroyed(): boolean;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  readonly webContents: { send(channel: string, ...args: unknown[]): void; isCrashed(): boolean };
}

export interface DocumentWindowOptions {
  readonly window: DocumentWindowLike;
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly locale: () => Locale;
  /** dialog.showMessageBox bound to the window. */
  readonly showMessageBox: (options: MessageBoxOptions) => Promise<{ response: number }>;
  /** The user cancelled the close (Cancel, or the save before closing did not happen): a pending quit is off. */
  readonly onCloseCancelled?: () => void;
  readonly log?: (message: string) => void;
}

/** The unsaved mark in the title. */
export const UNSAVED_MARK = '●';

/** The window title for a document. */
export function windowTitle(state: DocumentState, appName: string, locale: Locale): string {
  const name = state.name.trim() || i18n.translate(locale, 'desktop.untitled');
  return `${state.dirty ? `${UNSAVED_MARK} ` : ''}${name} — ${appName}`;
}

/** The editor window's options: hidden until its first paint, sandboxed, with the editor preload. */
export function editorWindowOptions(preload: string, platform: NodeJS.Platform, appName: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: appName,
    backgroundColor: '#1e1e1e',
    // macOS keeps its own traffic lights; others get the standard frame (and the menu bar).
    ...(platform === 'darwin' ? { titleBarStyle: 'default' as const } : { autoHideMenuBar: false }),
    webPreferences: secureWebPreferences(preload),
  };
}

const SAVE = 0;
const DONT_SAVE = 1;
const CANCEL = 2;

export class DocumentWindow {
  private state: DocumentState = { path: null, name: '', dirty: false };
  /** The user chose; the next close goes through. */
  private closeAllowed = false;
  /** The Save / Don't Save / Cancel box is open. */
  private prompting = false;
  /** The editor was asked to save before closing and has not answered yet. */
  private awaitingSave = false;

  constructor(private readonly options: DocumentWindowOptions) {
    options.window.on('close', (event) => this.onClose(event));
    this.refreshTitle();
  }

  get document(): DocumentState {
    return this.state;
  }

  /** The editor's document changed (name, path, unsaved changes). */
  setState(state: DocumentState): void {
    this.state = state;
    this.refreshTitle();
    const win = this.options.window;
    if (this.options.platform === 'darwin' && !win.isDestroyed()) {
      win.setDocumentEdited(state.dirty);
      win.setRepresentedFilename(state.path ?? '');
    }
  }

  /** Re-titles the window (also after a language switch, for "Untitled"). */
  refreshTitle(): void {
    if (!this.options.window.isDestroyed()) this.options.window.setTitle(windowTitle(this.state, this.options.appName, this.options.locale()));
  }

  /** The editor's answer to a save-before-close request. */
  answerClose(answer: 'close' | 'cancel'): void {
    if (!this.awaitingSave) {
      this.options.log?.(`close answer '${answer}' arrived without a pending close request; ignored`);
      return;
    }
    this.awaitingSave = false;
    if (answer === 'close') this.closeNow();
    else this.options.onCloseCancelled?.();
  }

  private closeNow(): void {
    this.closeAllowed = true;
    if (!this.options.window.isDestroyed()) this.options.window.close();
  }

  private onClose(event: { preventDefault(): void }): void {
    const win = this.options.window;
    // Nothing to lose, the user already chose, or the editor is gone (its backup holds the work).
    if (this.closeAllowed || !this.state.dirty || win.webContents.isCrashed()) return;
    event.preventDefault();
    if (this.prompting) return;
    this.prompting = true;
    void this.ask().then(
      (choice) => {
        this.prompting = false;
        if (choice === SAVE) {
          this.awaitingSave = true;
          win.webContents.send(IPC.closeRequest);
        } else if (choice === DONT_SAVE) {
          this.closeNow();
        } else {
          this.options.onCloseCancelled?.();
        }
      },
      (err: unknown) => {
        this.prompting = false;
        this.options.log?.(`close prompt failed: ${err instanceof Error ? err.message : String(err)}`);
        this.options.onCloseCancelled?.();
      },
    );
  }

  private async ask(): Promise<number> {
    const locale = this.options.locale();
    const t = (key: string, vars?: i18n.MessageVars) => i18n.translate(locale, `desktop.dialog.${key}`, vars);
    const name = this.state.name.trim() || i18n.translate(locale, 'desktop.untitled');
    const { response } = await this.options.showMessageBox({
      type: 'warning',
      buttons: [t('save'), t('dontSave'), t('cancel')],
      defaultId: SAVE,
      cancelId: CANCEL,
      noLink: true,
      message: t('unsavedMessage', { name }),
      detail: t('unsavedDetail'),
    });
    return response === SAVE || response === DONT_SAVE ? response : CANCEL;
  }
}
