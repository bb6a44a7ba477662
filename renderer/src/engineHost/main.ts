/**
 * The desktop app's engine host: the page main loads in a hidden, sandboxed, node-less window
 * (app://deepwire/engine-host.html), so the engine trains in its own process and still has
 * Chromium's Web Workers and WebGPU (DESIGN.md).
 *
 * It runs the browser build's engine worker and hands it the engine's end of each editor ↔
 * engine channel: the preload posts
 * `{ type: 'deepwire-engine-port' }` with the port attached; the worker then speaks the protocol
 * straight over that port. Each port is an engine of its own — the toolbar's, and the learning
 * lab's (a batch may train in several at once) — so each gets its own worker, side by side. A
 * worker ends itself when the editor closes its port (ENGINE_CLOSE_MESSAGE); the oldest are ended
 * here if more than MAX_WORKERS pile up (an editor that vanished without closing its ports).
 */
import { ENGINE_PORT_MESSAGE, isEnginePortMessage } from '../training/portTransport';

/** The toolbar's engine, four parallel lab engines and a few kept idle for later lab batches. */
const MAX_WORKERS = 10;
const workers: Worker[] = [];

function connect(port: MessagePort): void {
  while (workers.length >= MAX_WORKERS) workers.shift()!.terminate();
  const w = new Worker(new URL('../training/engine.worker.ts', import.meta.url), { type: 'module', name: 'deepwire-engine' });
  workers.push(w);
  // Logged here (this window's console reaches main's log in development); the editor hears of
  // uncaught errors over the port, and of a worker that never starts by its silence.
  w.addEventListener('error', (e) => console.error(`DeepWire engine worker: ${e.message || 'failed to start'}`));
  w.postMessage({ type: ENGINE_PORT_MESSAGE }, [port]);
}

window.addEventListener('message', (e: MessageEvent) => {
  // Only this window's own preload hands out ports (it posts from this window).
  if (e.source !== window || !isEnginePortMessage(e.data)) return;
  const port = e.ports[0];
  if (port) connect(port);
});
