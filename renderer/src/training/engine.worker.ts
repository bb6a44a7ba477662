/**
 * The engine's Web Worker: the browser build's engine host (and, in the desktop app, the
 * worker inside the hidden engine window). It wraps the engine's `EngineSession` with the
 * worker's postMessage, a fast task-queue yield, a heartbeat the editor watches, and MNIST
 * fetched from the editor's own server.
 *
 * In the desktop app the engine host hands it the editor's MessagePort
 * (`{ type: 'deepwire-engine-port' }`, the port attached) before anything else: from then on the
 * protocol travels over that port, straight between the editor and this worker, and an uncaught
 * error is reported on it (the editor cannot see this worker's `error` event there).
 */
import { cpu, data, protocol, webgpu } from '../../../engine';
import type { UiMessage } from '../i18n';
import { ENGINE_CLOSE_MESSAGE, ENGINE_FAILURE_MESSAGE, isEnginePortMessage } from './portTransport';

/** The parts of a dedicated worker's global scope used here (the DOM lib types a window). */
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  readonly location: { readonly href: string };
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  /** Ends this worker (and the CPU pool's workers it started). */
  close(): void;
}
const scope = self as unknown as WorkerScope;

/**
 * `error` with the editor's catalogue message `msg` beside its English message: the engine
 * sends it on as the ErrorInfo's `msg`, and the editor shows it in the reader's language. (The
 * worker does not load the catalogue, so the English is written here too.)
 */
function withMessage<E extends Error>(error: E, msg: UiMessage): E {
  return Object.assign(error, { msg });
}

/** Where the engine speaks: the worker's own channel, or the editor's port once handed one. */
let out: { postMessage(message: unknown, transfer: Transferable[]): void } = {
  postMessage: (message, transfer) => scope.postMessage(message, transfer),
};

/** A task-queue turn without setTimeout's 4 ms clamp: a message to ourselves. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToHost = () => new Promise<void>((resolve) => {
  waiting.push(resolve);
  channel.port2.postMessage(0);
});

let mnist: Promise<data.MnistRaw> | null = null;
function fetchMnist(base: string | undefined): Promise<data.MnistRaw> {
  mnist ??= (async () => {
    const url = new URL('datasets/mnist.dwdata', base ?? scope.location.href);
    const res = await fetch(url);
    if (!res.ok) {
      throw withMessage(new data.DatasetError(`Dataset 'mnist': cannot fetch ${url.pathname} (HTTP ${res.status})`),
        { key: 'app.engine.mnistFetch', vars: { path: url.pathname, status: res.status } });
    }
    return data.unpackMnist(new Uint8Array(await res.arrayBuffer()));
  })();
  mnist.catch(() => (mnist = null));
  return mnist;
}

/** Starts one CPU pool thread (a nested Web Worker) and waits for it to join. */
const spawnCpuWorker: cpu.SpawnCpuWorker = (init) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./cpu.worker.ts', import.meta.url), { type: 'module', name: `deepwire-cpu-${init.index}` });
  worker.onmessage = () => resolve({ terminate: () => worker.terminate() });
  worker.onerror = (e) => reject(withMessage(new Error(`a CPU thread failed to start: ${e.message}`), { key: 'app.engine.cpuThread', vars: { detail: e.message } }));
  worker.postMessage(init);
});

let threads = 1;
/**
 * The CPU pool for the next run: `requested` threads (0: one per core). Without cross-origin
 * isolation there is no SharedArrayBuffer, so one thread, and the editor says why.
 */
async function setThreads(requested: number): Promise<{ threads: number; limited?: 'no-shared-memory' }> {
  const want = requested > 0 ? requested : Math.max(1, (self as unknown as { navigator: { hardwareConcurrency?: number } }).navigator.hardwareConcurrency ?? 1);
  const isolated = (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (want === threads) return { threads };
  if (want === 1 || !isolated) {
    cpu.installThreadedGemm(null);
    threads = 1;
    return want > 1 ? { threads, limited: 'no-shared-memory' } : { threads };
  }
  const pool = await cpu.ThreadedGemm.start(want, spawnCpuWorker);
  cpu.installThreadedGemm(pool);
  threads = pool?.threads ?? 1;
  return threads < want ? { threads, limited: 'no-shared-memory' } : { threads };
}

/** The WebGPU backend, asked for once (navigator.gpu exists in workers where WebGPU does). */
let gpu: Promise<webgpu.WebGpuConnection> | null = null;
function connectGpu(): Promise<webgpu.WebGpuConnection> {
  gpu ??= webgpu.connectWebGpu((self as unknown as { navigator: { gpu?: GPU } }).navigator.gpu);
  return gpu;
}

const session = new protocol.EngineSession({
  post: (message, transfer) => out.postMessage(message, transfer),
  now: () => performance.now(),
  yieldToHost,
  sources: (base) => ({ mnist: () => fetchMnist(base) }),
  backend: `CPU · ${cpu.cpuKernelName()}`,
  threads: 1,
  setThreads,
  webgpu: connectGpu,
});

/** The desktop app's engine host handed over the editor's port: speak the protocol on it alone. */
function adoptPort(port: MessagePort): void {
  scope.onmessage = null;
  scope.onmessageerror = null;
  out = port;
  port.onmessage = (e) => {
    // The editor is done with this engine: end the worker (the host runs one per port).
    if ((e.data as { type?: unknown } | null)?.type === ENGINE_CLOSE_MESSAGE) {
      port.close();
      scope.close();
      return;
    }
    session.handle(e.data);
  };
  port.onmessageerror = () => session.handle({ type: 'messageerror' });
  scope.addEventListener('error', (e) => {
    // Without the browser's words the editor says that the engine failed, in the reader's language.
    port.postMessage({ type: ENGINE_FAILURE_MESSAGE, reason: e.message });
  });
}

scope.onmessage = (e: MessageEvent) => {
  if (isEnginePortMessage(e.data) && e.ports[0]) adoptPort(e.ports[0]);
  else session.handle(e.data);
};
scope.onmessageerror = () => session.handle({ type: 'messageerror' });
/** The editor treats a silent engine as a dead one (a worker can die without an error event). */
setInterval(() => out.postMessage({ type: 'heartbeat', time: performance.now() }, []), 1000);
