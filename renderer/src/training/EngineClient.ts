/**
 * The editor's end of the engine protocol. It starts an engine through a transport (a Web
 * Worker here; in the desktop app a MessagePort to the hidden engine window), shakes hands,
 * matches replies to requests by id, passes run events on, and watches the engine's health: an
 * error event or silence past the heartbeat timeout marks it dead, and it is never used again —
 * the next Train starts a fresh one. Everything received is checked against the protocol's
 * schemas; a malformed message is a dead engine too (its state cannot be trusted).
 */
import { protocol } from '../../../engine';
import { errorText, tmsg, type Text } from '../i18n';
import { inEnglish, TextError } from '../i18n/TextError';

type EngineMessage = protocol.EngineMessage;

/** How the client reaches an engine. */
export interface EngineTransport {
  post(message: unknown, transfer: Transferable[]): void;
  /** Called with each message the engine sends. */
  onMessage(handler: (data: unknown) => void): void;
  /**
   * Called when the transport itself fails (an uncaught error in the worker, a closed port):
   * the browser's own words, or a catalogue message when there are none.
   */
  onFailure(handler: (reason: Text) => void): void;
  /**
   * Optional: called when the engine went away and `sentence` says so in full, for the user
   * (the desktop app heard that the engine's process was restarted).
   */
  onLost?(handler: (sentence: string) => void): void;
  terminate(): void;
}

/** The browser build's transport: the engine in a module Web Worker. */
export function workerTransport(): EngineTransport {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'deepwire-engine' });
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    onMessage: (h) => worker.addEventListener('message', (e) => h(e.data)),
    onFailure: (h) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        h(e.message || tmsg('app.engine.workerFailed'));
      });
      worker.addEventListener('messageerror', () => h(tmsg('app.engine.messageError')));
    },
    terminate: () => worker.terminate(),
  };
}

export interface EngineClientOptions {
  /** Silence longer than this (ms) means the engine is dead. */
  heartbeatTimeoutMs?: number;
  /** Base URL for the engine's bundled data (MNIST). */
  dataBase?: string;
}

type Pending = { resolve: (m: EngineMessage) => void; reject: (e: Error) => void };

/** A request the engine refused, with the engine's error. */
export class EngineRequestError extends Error {
  /** The error as a catalogue message, when the engine sent one (see errorText). */
  readonly msg?: protocol.ErrorInfo['msg'];
  constructor(readonly info: protocol.ErrorInfo) {
    super(info.message);
    this.name = info.name;
    if (info.msg) this.msg = info.msg;
  }
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(m: EngineMessage) => void>();
  private readonly deathListeners = new Set<(reason: string, text: Text) => void>();
  /** Why it died, in the reader's language (`dead` holds the English). */
  private death: Text | null = null;
  private lastHeard = performance.now();
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** Why the engine is dead, in English (for logs and the run history), or null while it lives. */
  dead: string | null = null;
  backend = '';
  threads = 1;

  private constructor(private readonly transport: EngineTransport, private readonly options: EngineClientOptions) {
    transport.onMessage((data) => this.receive(data));
    transport.onFailure((reason) => this.die(tmsg('app.engine.crashed', { reason })));
    transport.onLost?.((sentence) => this.die(sentence));
    const timeout = options.heartbeatTimeoutMs ?? 10_000;
    this.watchdog = setInterval(() => {
      if (performance.now() - this.lastHeard > timeout) this.die(tmsg('app.engine.silent', { seconds: Math.round(timeout / 1000) }));
    }, Math.min(1000, timeout / 4));
  }

  /** Starts an engine and shakes hands; rejects when it does not answer or speaks another version. */
  static async start(transport: EngineTransport, options: EngineClientOptions = {}): Promise<EngineClient> {
    const client = new EngineClient(transport, options);
    try {
      const ready = await client.request({ type: 'hello', version: protocol.PROTOCOL_VERSION, ...(options.dataBase ? { dataBase: options.dataBase } : {}) });
      if (ready.type !== 'ready') throw new TextError(tmsg('app.engine.handshake', { type: ready.type }));
      client.backend = ready.backend;
      client.threads = ready.threads;
      return client;
    } catch (e) {
      client.terminate();
      throw e;
    }
  }

  /**
   * Sends a request; resolves with the engine's reply, rejects with its error or when it dies.
   * Typed arrays in the message are handed over (transferred) unless `transfer` is false: pass
   * false for bytes the editor keeps (embedded data, weights it will save).
   */
  request(message: DistributiveOmit<protocol.ClientMessage, 'id'>, options: { transfer?: boolean } = {}): Promise<EngineMessage> {
    if (this.dead) return Promise.reject(this.deathError());
    const id = this.nextId++;
    const full = { ...message, id };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.post(full, options.transfer === false ? [] : protocol.transferables(full));
    });
  }

  /** Run events (and anything else not answering a request). Returns an unsubscribe function. */
  onEvent(listener: (m: EngineMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` when the engine dies, with why: in English (`reason`, as `dead`) and as the
   * Text to show (`text`, in the reader's language; see liveRun's engineFailure).
   */
  onDeath(listener: (reason: string, text: Text) => void): () => void {
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  terminate(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.transport.terminate();
    if (!this.dead) this.setDeath(tmsg('app.engine.shutDown'));
    for (const p of this.pending.values()) p.reject(this.deathError());
    this.pending.clear();
  }

  private receive(data: unknown): void {
    if (this.dead) return;
    this.lastHeard = performance.now();
    let m: EngineMessage;
    try {
      m = protocol.parseEngineMessage(data);
    } catch (e) {
      this.die(tmsg('app.engine.unreadable', { detail: errorText(e) }));
      return;
    }
    if (m.type === 'heartbeat') return;
    const id = 'id' in m ? m.id : undefined;
    if (id !== undefined && this.pending.has(id) && (m.type === 'ready' || m.type === 'ack' || m.type === 'prediction' || m.type === 'gradcheck-result' || m.type === 'features' ||
      m.type === 'data-imported' || m.type === 'exported' || m.type === 'error')) {
      const p = this.pending.get(id)!;
      this.pending.delete(id);
      if (m.type === 'error') p.reject(new EngineRequestError(m.error));
      else p.resolve(m);
      return;
    }
    for (const l of this.listeners) l(m);
  }

  private die(reason: Text): void {
    if (this.dead) return;
    this.setDeath(reason);
    this.terminate();
    for (const l of this.deathListeners) l(this.dead!, reason);
  }

  private setDeath(reason: Text): void {
    this.death = reason;
    this.dead = inEnglish(reason);
  }

  /** What a request to a dead engine rejects with: the death, in the reader's language where shown. */
  private deathError(): Error {
    return new TextError(this.death ?? this.dead ?? '');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
