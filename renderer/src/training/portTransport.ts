/**
 * The engine over a MessagePort: the desktop app's transport, where the engine worker lives in a
 * hidden engine window (another process) and the editor holds one end of a channel main made.
 *
 * Two messages travel outside the engine protocol, as transport signals:
 * - `{ type: 'deepwire-engine-port' }` with the port attached hands a port to a page (the preloads
 *   post it to the editor and the engine host) and from the engine host to its worker;
 * - `{ type: 'deepwire-engine-failure', reason }` is the worker saying it failed (an uncaught
 *   error), which a Web Worker's `error` event says in the browser build.
 *
 * The port may arrive after the client has started talking: posts wait in a queue until then.
 */
import type { Text } from '../i18n';
import type { EngineTransport } from './EngineClient';

/** The message that carries an engine port (`ports[0]`). */
export const ENGINE_PORT_MESSAGE = 'deepwire-engine-port';
/** The engine worker's own failure, sent on its port: `{ type, reason }`. */
export const ENGINE_FAILURE_MESSAGE = 'deepwire-engine-failure';
/**
 * The editor's last word on a port it is done with: the engine worker behind it ends itself. (The
 * desktop engine host runs one worker per port — the toolbar's engine and the lab's side by side.)
 */
export const ENGINE_CLOSE_MESSAGE = 'deepwire-engine-close';
// Messages here are written as `{ key }` rather than with tmsg: the engine worker imports this
// file's constants, and must not load i18next and React for them.

/** Whether `data` is the port-handover message. */
export function isEnginePortMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === ENGINE_PORT_MESSAGE;
}

/** The parts of a MessagePort used here (the DOM's, or Node's in tests). */
export interface PortLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  start?(): void;
  close(): void;
}

/** An EngineTransport over a port that is given now or later (`attach`). */
export class PortTransport implements EngineTransport {
  private port: PortLike | null = null;
  private queue: [unknown, Transferable[]][] = [];
  private readonly messageHandlers: ((data: unknown) => void)[] = [];
  private readonly failureHandlers: ((reason: Text) => void)[] = [];
  private readonly lostHandlers: ((sentence: string) => void)[] = [];
  private ended = false;

  constructor(private readonly onTerminate: (t: PortTransport) => void = () => {}) {}

  /** Whether it was terminated or lost: it takes no port any more. */
  get closed(): boolean {
    return this.ended;
  }

  /** Whether a port is attached. */
  get connected(): boolean {
    return this.port !== null;
  }

  /** Connects the port: what waited is sent, and what the engine says is passed on. */
  attach(port: PortLike): void {
    if (this.ended || this.port) {
      port.close();
      return;
    }
    this.port = port;
    port.onmessage = (e) => {
      const data = e.data as { type?: unknown; reason?: unknown } | null;
      if (data && typeof data === 'object' && data.type === ENGINE_FAILURE_MESSAGE) {
        this.fail(typeof data.reason === 'string' && data.reason ? data.reason : { key: 'app.engine.failed' });
        return;
      }
      for (const h of this.messageHandlers) h(e.data);
    };
    port.onmessageerror = () => this.fail({ key: 'app.engine.messageError' });
    port.start?.();
    for (const [m, transfer] of this.queue.splice(0)) port.postMessage(m, transfer);
  }

  post(message: unknown, transfer: Transferable[]): void {
    if (this.ended) return;
    if (this.port) this.port.postMessage(message, transfer);
    else this.queue.push([message, transfer]);
  }

  onMessage(handler: (data: unknown) => void): void {
    this.messageHandlers.push(handler);
  }

  onFailure(handler: (reason: Text) => void): void {
    this.failureHandlers.push(handler);
  }

  onLost(handler: (sentence: string) => void): void {
    this.lostHandlers.push(handler);
  }

  /** The engine's process went away; `sentence` tells the user (the client dies with it). */
  lose(sentence: string): void {
    if (this.ended) return;
    for (const h of this.lostHandlers) h(sentence);
    this.terminate();
  }

  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    if (this.port) {
      this.port.onmessage = null;
      this.port.onmessageerror = null;
      this.port.postMessage({ type: ENGINE_CLOSE_MESSAGE }, []);
      this.port.close();
    }
    this.onTerminate(this);
  }

  private fail(reason: Text): void {
    if (this.ended) return;
    for (const h of this.failureHandlers) h(reason);
  }
}
