/**
 * The engine in the desktop app: the editor asks main for a channel (deepwire.connectEngine()),
 * the preload hands the editor's end over as a window message `{ type: 'deepwire-engine-port' }`
 * with the port attached, and the engine worker in the hidden engine window holds the other end.
 *
 * Each transport the training store asks for gets the next port. A port that arrives while no
 * transport waits (main sends a fresh one after it restarted the engine host) is kept for the
 * next one, so the next Train needs no new connection. When main says the engine host was
 * restarted, every live transport is lost at once — its client dies with main's sentence, the
 * run in progress fails with it — and the next Train starts on the fresh port.
 */
import { PortTransport, isEnginePortMessage, type PortLike } from '../training/portTransport';
import type { Api } from './model';

/** A window message as far as it matters here. */
export interface PortMessageEvent {
  readonly data: unknown;
  readonly ports: readonly PortLike[];
  readonly source: unknown;
}

/** The window (or a fake): where the preload posts the ports. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (e: PortMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: PortMessageEvent) => void): void;
}

export class DesktopEngine {
  private spare: PortLike | null = null;
  private readonly waiting: PortTransport[] = [];
  private readonly live = new Set<PortTransport>();
  private readonly listener = (e: PortMessageEvent) => {
    // Only this window's own preload posts ports (it posts from this window).
    if (e.source !== this.self || !isEnginePortMessage(e.data)) return;
    const port = e.ports[0];
    if (port) this.deliver(port);
  };

  /**
   * @param target where the ports arrive (the window)
   * @param self the window itself: a port message must come from it
   */
  constructor(
    private readonly api: Pick<Api, 'connectEngine'>,
    private readonly target: MessageTarget,
    private readonly self: unknown = target,
  ) {
    target.addEventListener('message', this.listener);
  }

  /** A transport for a new engine client; its port comes now (a spare) or once main sends one. */
  transport(): PortTransport {
    const transport = new PortTransport((t) => this.forget(t));
    this.live.add(transport);
    if (this.spare) {
      const port = this.spare;
      this.spare = null;
      transport.attach(port);
    } else {
      this.waiting.push(transport);
      this.api.connectEngine();
    }
    return transport;
  }

  /** Main restarted the engine host: the engines on the old ports are gone. */
  restarted(sentence: string): void {
    this.spare?.close();
    this.spare = null;
    for (const t of [...this.live]) {
      // One still waiting for its port keeps waiting: the fresh port after the restart is its.
      if (t.connected) t.lose(sentence);
    }
  }

  /** Whether an engine is connected now (a client talks to it). */
  get connected(): boolean {
    return [...this.live].some((t) => t.connected);
  }

  dispose(): void {
    this.target.removeEventListener('message', this.listener);
    for (const t of [...this.live]) t.terminate();
    this.spare?.close();
    this.spare = null;
  }

  private deliver(port: PortLike): void {
    const next = this.waiting.shift();
    if (next) {
      next.attach(port);
      return;
    }
    this.spare?.close();
    this.spare = port;
  }

  private forget(t: PortTransport): void {
    this.live.delete(t);
    const i = this.waiting.indexOf(t);
    if (i >= 0) this.waiting.splice(i, 1);
  }
}
