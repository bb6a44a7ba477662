/**
 * Supervises the engine host: a hidden, sandboxed, node-less window that loads
 * app://deepwire/engine-host.html and runs the engine worker (DESIGN.md: a separate process that
 * still has WebGPU). The editor asks for a connection (IPC.engineConnect); main makes a
 * MessageChannelMain and posts one port to the editor and the other to the host, both on
 * IPC.enginePort; the two preloads hand them to their pages.
 *
 * When the host's renderer dies (crash, out of memory, killed) or hangs, the host is destroyed
 * and started again; the editor hears why (IPC.engineRestarted) and gets a fresh port. Restarts
 * back off, and after too many within a minute the supervisor stops and says so; the editor's
 * next connect (the user trains again) starts a host afresh.
 *
 * Electron is injected (a window factory, a channel factory, timers), so tests can crash fake
 * hosts at will.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { i18n } from '../../engine';
import { IPC } from '../api';
import { realTimers, type Timers } from './timers';
import { ENGINE_HOST_URL } from './origin';
import { secureWebPreferences } from './security';

type Locale = i18n.Locale;

/** Why a host went away: Electron's render-process-gone reasons, plus our own. */
export type GoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction'
  | 'unresponsive'
  | 'load-failed';

/** The parts of the host's BrowserWindow used here. */
export interface HostWindowLike<Port = unknown> {
  loadURL(url: string): Promise<unknown>;
  destroy(): void;
  isDestroyed(): boolean;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  readonly webContents: {
    postMessage(channel: string, message: unknown, transfer: Port[]): void;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  };
}

/** The editor's webContents, as far as the supervisor talks to it. */
export interface EditorContentsLike<Port = unknown> {
  postMessage(channel: string, message: unknown, transfer: Port[]): void;
  send(channel: string, ...args: unknown[]): void;
}

export interface EngineHostOptions<Port> {
  readonly createWindow: () => HostWindowLike<Port>;
  /** A fresh MessageChannelMain. */
  readonly createChannel: () => { port1: Port; port2: Port };
  /** The editor's webContents, or null while there is no editor. */
  readonly editor: () => EditorContentsLike<Port> | null;
  readonly locale: () => Locale;
  readonly url?: string;
  readonly timers?: Timers;
  readonly now?: () => number;
  /** Restarts allowed within `windowMs` before giving up. */
  readonly maxRestarts?: number;
  readonly windowMs?: number;
  /** The second restart in a row waits this long, each further one twice as long, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How long a hung host may stay unresponsive before it is replaced. */
  readonly unresponsiveGraceMs?: number;
  readonly log?: (message: string) => void;
}

/** The catalogue key (desktop.engine.reason.*) for each reason. */
const REASON_KEYS: Readonly<Record<GoneReason, string>> = {
  'clean-exit': 'exited',
  'abnormal-exit': 'crashed',
  crashed: 'crashed',
  'integrity-failure': 'crashed',
  oom: 'oom',
  killed: 'killed',
  'memory-eviction': 'killed',
  'launch-failed': 'launchFailed',
  unresponsive: 'unresponsive',
  'load-failed': 'loadFailed',
};

function asGoneReason(reason: string): GoneReason {
  return reason in REASON_KEYS ? (reason as GoneReason) : 'crashed';
}

export class EngineHostSupervisor<Port = unknown> {
  private host: HostWindowLike<Port> | null = null;
  private loaded: Promise<boolean> | null = null;
  private editorConnected = false;
  private crashes: number[] = [];
  private restartTimer: unknown = null;
  private hangTimer: unknown = null;
  private gaveUp = false;
  private disposed = false;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly options: EngineHostOptions<Port>) {
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
  }

  /** Whether a host window exists now. */
  get running(): boolean {
    return this.host !== null;
  }

  /** Whether it stopped restarting after too many failures (until the next connect). */
  get stopped(): boolean {
    return this.gaveUp;
  }

  /** The editor asks for a port to the engine: start the host if needed, then hand out a fresh channel. */
  connect(): void {
    if (this.disposed) return;
    this.editorConnected = true;
    if (this.gaveUp) {
      // The user asked again: a fresh start with a fresh budget.
      this.gaveUp = false;
      this.crashes = [];
    }
    if (this.restartTimer !== null) return; // the scheduled restart will bring a port
    this.ensureHost();
    void this.deliverPort();
  }

  /** The editor went away (its window closed): no ports until it connects again. */
  editorGone(): void {
    this.editorConnected = false;
  }

  /** Stops supervising and closes the host (app quit, or the editor's window closed for good). */
  dispose(): void {
    this.disposed = true;
    this.cancel('restartTimer');
    this.cancel('hangTimer');
    const host = this.host;
    this.host = null;
    this.loaded = null;
    if (host && !host.isDestroyed()) host.destroy();
  }

  private ensureHost(): void {
    if (this.host && !this.host.isDestroyed()) return;
    const host = this.options.createWindow();
    this.host = host;
    host.webContents.on('render-process-gone', (_event, details) => this.onGone(host, asGoneReason(details.reason), `exit code ${details.exitCode}`));
    host.on('unresponsive', () => {
      if (this.host !== host || this.hangTimer !== null) return;
      this.hangTimer = this.timers.setTimeout(() => {
        this.hangTimer = null;
        this.onGone(host, 'unresponsive', 'no response');
      }, this.options.unresponsiveGraceMs ?? 10_000);
    });
    host.on('responsive', () => {
      if (this.host === host) this.cancel('hangTimer');
    });
    this.loaded = host.loadURL(this.options.url ?? ENGINE_HOST_URL).then(
      () => true,
      (err: unknown) => {
        this.onGone(host, 'load-failed', err instanceof Error ? err.message : String(err));
        return false;
      },
    );
  }

  /** Posts a fresh channel's ports to the host and to the editor, once the host page has loaded. */
  private async deliverPort(): Promise<void> {
    const host = this.host;
    const loaded = this.loaded;
    if (!host || !loaded || !(await loaded)) return;
    // The host may have died (or been replaced) while loading; its successor brings its own port.
    if (this.disposed || this.host !== host || host.isDestroyed() || !this.editorConnected) return;
    const editor = this.options.editor();
    if (!editor) return;
    const { port1, port2 } = this.options.createChannel();
    host.webContents.postMessage(IPC.enginePort, null, [port2]);
    editor.postMessage(IPC.enginePort, null, [port1]);
  }

  private onGone(host: HostWindowLike<Port>, reason: GoneReason, detail: string): void {
    if (this.disposed || host !== this.host) return; // an old host, or one we closed ourselves
    this.cancel('hangTimer');
    this.host = null;
    this.loaded = null;
    if (!host.isDestroyed()) host.destroy();
    this.options.log?.(`engine host gone: ${reason} (${detail})`);

    const now = this.now();
    const windowMs = this.options.windowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < windowMs), now];
    const locale = this.options.locale();
    const reasonText = i18n.translate(locale, `desktop.engine.reason.${REASON_KEYS[reason]}`);

    if (this.crashes.length > (this.options.maxRestarts ?? 5)) {
      this.gaveUp = true;
      this.tellEditor(i18n.translate(locale, 'desktop.engine.gaveUp', { count: this.crashes.length, reason: reasonText }));
      return;
    }
    this.tellEditor(i18n.translate(locale, 'desktop.engine.restarting', { reason: reasonText }));
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null;
      if (this.disposed) return;
      this.ensureHost();
      void this.deliverPort();
    }, this.restartDelay(this.crashes.length));
  }

  /** No wait for a first failure; then base, 2×base, 4×base … up to the cap. */
  restartDelay(failuresInWindow: number): number {
    if (failuresInWindow <= 1) return 0;
    const base = this.options.baseDelayMs ?? 500;
    return Math.min(base * 2 ** (failuresInWindow - 2), this.options.maxDelayMs ?? 8000);
  }

  private tellEditor(reason: string): void {
    if (!this.editorConnected) return;
    this.options.editor()?.send(IPC.engineRestarted, reason);
  }

  private cancel(which: 'restartTimer' | 'hangTimer'): void {
    if (this[which] !== null) this.timers.clearTimeout(this[which]);
    this[which] = null;
  }
}

/** The engine host window's options: hidden, sandboxed, never throttled (it trains in the background). */
export function engineHostWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 400,
    height: 300,
    skipTaskbar: true,
    webPreferences: secureWebPreferences(preload, { backgroundThrottling: false }),
  };
}
