/**
 * The editor's side of the desktop app, wired together: when `window.deepwire` exists, Open,
 * Save and Save As go through main; the document's state goes to main on every change; every
 * menu command is handled (File ▸ Export through the engine and main's dialog); files opened from outside load (a damaged one changes nothing);
 * closing a changed window saves first when the user asks; unsaved work is backed up every few
 * seconds and a crashed session's backup is offered back; the engine runs behind a MessagePort
 * and a restart of its process is shown. Without `window.deepwire` none of this runs and the
 * editor behaves as in a browser.
 */
import { requestExport } from '../components/Export/exporting';
import { Autosave, type Timers } from './autosave';
import { runMenuCommand, type CommandTargets } from './commands';
import { DesktopDocument } from './document';
import type { DesktopEngine } from './engineConnection';
import { DesktopExporter, type ExportedFile, type ExportTarget } from './exporting';
import type { Api, DocumentModel, EditorHost, Recovery } from './model';

/** The commands the editor's UI carries out itself (the file commands are the bridge's). */
export type UiTargets = Omit<CommandTargets, 'open' | 'save' | 'saveAs' | 'exportWeights' | 'exportProject'>;

export interface BridgeOptions {
  readonly api: Api;
  readonly model: DocumentModel;
  readonly host: EditorHost;
  readonly ui: UiTargets;
  /** The engine connection, when the bridge should tell it about engine restarts. */
  readonly engine?: Pick<DesktopEngine, 'restarted'>;
  /** A crashed session's backup was found: offer it (Restore / Discard). */
  readonly offerRecovery?: (recovery: Recovery) => void;
  /** The engine host was restarted; `sentence` (main's, in the menu's language) says why. Called before the engines are dropped. */
  readonly onEngineRestarted?: (sentence: string) => void;
  /** Asks the engine for an export's files (default: the editor's engine, components/Export). */
  readonly requestExport?: (target: ExportTarget) => Promise<readonly ExportedFile[]>;
  readonly backupIntervalMs?: number;
  readonly timers?: Timers;
  readonly log?: (message: string) => void;
}

export class DesktopBridge {
  readonly document: DesktopDocument;
  readonly autosave: Autosave;
  readonly exporter: DesktopExporter;
  private readonly unsubscribes: (() => void)[] = [];
  private readonly log: (message: string) => void;
  private started = false;

  constructor(private readonly options: BridgeOptions) {
    this.log = options.log ?? ((m) => console.warn(`[deepwire] ${m}`));
    this.document = new DesktopDocument(options.api, options.model, options.host);
    this.exporter = new DesktopExporter(options.api, options.host, options.requestExport ?? requestExport, () => options.model.name());
    this.autosave = new Autosave(options.api, options.model, this.document, {
      ...(options.backupIntervalMs !== undefined ? { intervalMs: options.backupIntervalMs } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
      log: this.log,
    });
  }

  /** Subscribes to main, reports the document, starts autosave, asks for a recovery. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    const { api } = this.options;
    this.unsubscribes.push(
      api.onMenuCommand((command) => this.command(command)),
      api.onFileOpened((file) => {
        this.document.openFile(file);
      }),
      api.onSaveBeforeClose(() => void this.document.saveBeforeClose()),
      api.onEngineRestarted((sentence) => {
        // First the editor hears it (it can still see the run that is about to fail), then the
        // engines on the old ports are dropped.
        this.options.onEngineRestarted?.(sentence);
        this.options.engine?.restarted(sentence);
      }),
    );
    this.document.start();
    this.autosave.start();
    return this.autosave.takeRecovery().then((recovery) => {
      if (recovery && this.started) this.options.offerRecovery?.(recovery);
    });
  }

  dispose(): void {
    this.started = false;
    for (const u of this.unsubscribes.splice(0)) u();
    this.autosave.stop();
    this.document.dispose();
  }

  /** Carries out one menu command. */
  command(command: string): void {
    try {
      runMenuCommand(command, this.targets());
    } catch (e) {
      this.log((e as Error).message);
    }
  }

  /**
   * Exports through main (File ▸ Export, and the toolbar's Export menu in the desktop app): the
   * weights as the document has always saved them, the rest written by the engine.
   */
  exportTarget(target: ExportTarget): Promise<boolean> {
    return target === 'safetensors' ? this.document.exportWeights() : this.exporter.export(target);
  }

  /** Every command's target: the file commands here, the rest in the editor's UI. */
  targets(): CommandTargets {
    return {
      ...this.options.ui,
      open: () => void this.document.open(),
      save: () => void this.document.save(),
      saveAs: () => void this.document.saveAs(),
      exportWeights: () => void this.document.exportWeights(),
      exportProject: (target) => void this.exportTarget(target),
    };
  }
}
