/**
 * Training as the editor sees it: the engine client, the live run the panels draw, and the
 * actions of the toolbar (train, pause, resume, stop) and of the predictions panel (predict).
 *
 * The run trains a snapshot of the graph taken when Train was pressed; the user may keep
 * editing. When the engine fails — an error it reports, or the worker dying — the run is marked
 * failed with the message, the engine is dropped, and the next Train starts a fresh one. The
 * editor's graph is never touched by any of this; only the finished run is added to the
 * project's history (`runs`), which is not part of undo.
 */
import { create } from 'zustand';
import { graph as g, project, type protocol } from '../../../engine';
import { EngineClient, workerTransport, type EngineClientOptions, type EngineTransport } from '../training/EngineClient';
import { applyMessage, engineFailure, failRun, graphKey, isActive, newRun, type LiveRun } from '../training/liveRun';
import { errorText, tmsg, type Text } from '../i18n';
import { TextError } from '../i18n/TextError';
import { sendTo } from './dataStore';
import { useEditor } from './editorStore';

export interface TrainingState {
  /** The engine's backend in words and its threads (and why fewer than asked), once an engine has started. */
  engine: {
    backend: string; threads: number; limited?: 'no-shared-memory';
    /** The device of the latest run: a WebGPU adapter by name, and why WebGPU was not used when preferred. */
    device?: { kind: 'cpu' | 'webgpu'; adapter?: string; fallback?: Text };
  } | null;
  run: LiveRun | null;
  /** Run ids of the project's history drawn over the live curves. */
  overlay: string[];
  /** Starts a run of the editor's current graph; resolves once the engine accepted it (or it failed). */
  train(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** Class probabilities (or outputs) of the latest run's model for `count` raw samples. */
  predict(input: Float32Array, count: number): Promise<Float32Array>;
  toggleOverlay(runId: string): void;
}

/** How engines are made (tests and the desktop app swap the transport). */
export const engineFactory: { transport: () => EngineTransport; options: () => EngineClientOptions } = {
  transport: workerTransport,
  options: () => {
    const q = new URLSearchParams(globalThis.location?.search ?? '');
    const timeout = Number(q.get('engineTimeout'));
    return { dataBase: document.baseURI, ...(timeout > 0 ? { heartbeatTimeoutMs: timeout } : {}) };
  },
};

let client: EngineClient | null = null;
/** Runs stopped before their train request reached the engine (it was still starting). */
const stoppedEarly = new Set<string>();
let starting: Promise<EngineClient> | null = null;
let runCounter = 0;

/** The toolbar's engine (started on first use; a dead one is replaced). Data imports use it too. */
export function engineClient(): Promise<EngineClient> {
  return engine();
}

async function engine(): Promise<EngineClient> {
  if (client && !client.dead) return client;
  starting ??= EngineClient.start(engineFactory.transport(), engineFactory.options()).then((c) => {
    client = c;
    useTraining.setState({ engine: { backend: c.backend, threads: c.threads } });
    c.onEvent((m) => receive(m));
    c.onDeath((_, reason) => {
      // A run that already ended is not touched (nor is the project marked changed).
      const run = useTraining.getState().run;
      if (run && isActive(run)) settle(failRun(run, engineFailure(reason)));
    });
    return c;
  }).finally(() => {
    starting = null;
  });
  return starting;
}

function receive(m: protocol.EngineMessage): void {
  const run = useTraining.getState().run;
  if (!run) return;
  const next = applyMessage(run, m);
  if (next === run) return;
  if (m.type === 'run-start') useTraining.setState({ engine: { backend: m.backend, threads: m.threads, ...(m.threadsLimited ? { limited: m.threadsLimited } : {}), ...(m.device ? { device: deviceOf(m.device) } : {}) } });
  if (m.type === 'device-fallback') {
    const engineState = useTraining.getState().engine;
    if (engineState) useTraining.setState({ engine: { ...engineState, backend: 'CPU', device: { kind: 'cpu', fallback: gpuFallback(m, engineState.device?.adapter) } } });
  }
  if (m.type === 'done' || m.type === 'error') settle(next);
  else useTraining.setState({ run: next });
  // After an unexpected exception or running out of memory the engine's state is suspect: the
  // next Train starts a fresh one. (A diverged run or a bad graph leaves the engine sound.)
  if (m.type === 'error' && (m.error.kind === 'internal' || m.error.kind === 'memory') && client) {
    client.terminate();
    client = null;
  }
}

/** The device of run-start as the badge shows it: why not WebGPU in the reader's language where the engine says it so. */
function deviceOf(d: NonNullable<protocol.RunStart['device']>): NonNullable<NonNullable<TrainingState['engine']>['device']> {
  const fallback = d.fallbackMsg ?? d.fallback;
  return { kind: d.kind, ...(d.adapter ? { adapter: d.adapter } : {}), ...(fallback ? { fallback } : {}) };
}

/** The keys of why a run left the GPU, by the engine's reason. */
const GPU_FALLBACK = { 'lost': 'app.gpu.lost', 'out-of-memory': 'app.gpu.outOfMemory', 'too-large': 'app.gpu.tooLarge', 'validation': 'app.gpu.validation' } as const;

/**
 * Why a run went on on the CPU, in the reader's language, as a reason inside train.gpuFallback's
 * sentence: from the engine's reason code and the adapter's name (from run-start). The engine's
 * own message is a sentence of its own, with the driver's English words in it.
 */
export function gpuFallback(m: protocol.MessageOf<'device-fallback'>, adapter: string | undefined): Text {
  return tmsg(GPU_FALLBACK[m.reason], { adapter: adapter ?? 'WebGPU' });
}

/** A run has ended: keep it, and add it to the project's history. */
function settle(run: LiveRun): void {
  useTraining.setState({ run });
  useEditor.getState().addRun(toRecord(run));
}

/** The project-file record of a finished run. */
export function toRecord(run: LiveRun): project.RunRecord {
  const training = run.graph.nodes.find((n) => n.kind === 'Training')?.params ?? {};
  const optimizer = run.graph.nodes.find((n) => g.getNodeDef(n.kind)?.category === 'Optimizer');
  const loss = run.graph.nodes.find((n) => g.getNodeDef(n.kind)?.category === 'Loss');
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const settings: project.TrainingSettings = {
    ...(run.info ? { epochs: run.info.epochs } : num(training.epochs) !== undefined ? { epochs: num(training.epochs) } : {}),
    ...(num(training.batchSize) !== undefined ? { batchSize: num(training.batchSize) } : {}),
    ...(num(training.seed) !== undefined ? { seed: num(training.seed) } : {}),
    ...(run.info ? { backend: run.info.backend } : {}),
    ...(optimizer ? { optimizer: optimizer.kind } : {}),
    ...(num(optimizer?.params.learningRate) !== undefined ? { learningRate: num(optimizer?.params.learningRate) } : {}),
    ...(loss ? { loss: loss.kind } : {}),
  };
  const status = run.status === 'completed' || run.status === 'stopped' ? run.status : 'failed';
  return {
    id: run.runId,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    status,
    ...(run.error ? { error: run.error.message } : {}),
    settings,
    graphHash: hashKey(run.graphKey),
    epochs: run.epochs.map((e) => ({
      epoch: e.epoch, loss: e.loss, seconds: e.seconds,
      ...(e.accuracy !== undefined ? { accuracy: e.accuracy } : {}),
      ...(e.valLoss !== undefined ? { valLoss: e.valLoss } : {}),
      ...(e.valAccuracy !== undefined ? { valAccuracy: e.valAccuracy } : {}),
    })),
    ...(run.test ? { test: run.test } : {}),
  };
}

/** A short, stable hash of a graph key (FNV-1a, 2 × 32 bits) for RunRecord.graphHash. */
export function hashKey(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x811c9dc5);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The trained weights of the latest run, when it trained exactly the editor's current graph. */
export function currentWeights(): Map<string, { dtype: 'float32'; shape: number[]; data: Float32Array } | { dtype: 'float64'; shape: number[]; data: Float64Array }> | undefined {
  const run = useTraining.getState().run;
  if (!run?.weights || run.graphKey !== graphKey(useEditor.getState().graph)) return undefined;
  return new Map(run.weights.map((w) => [w.name, w.data instanceof Float64Array
    ? { dtype: 'float64' as const, shape: w.shape, data: w.data }
    : { dtype: 'float32' as const, shape: w.shape, data: w.data }]));
}

export const useTraining = create<TrainingState>()((set, get) => ({
  engine: null,
  run: null,
  overlay: [],

  async train() {
    if (isActive(get().run)) return;
    const snapshot = structuredClone(useEditor.getState().graph);
    const runId = `run-${Date.now().toString(36)}-${(++runCounter).toString(36)}`;
    set({ run: newRun(runId, snapshot) });
    let c: EngineClient;
    try {
      c = await engine();
    } catch (e) {
      settle(failRun(get().run!, engineFailure(tmsg('app.engine.couldNotStart', { message: errorText(e) }))));
      return;
    }
    if (stoppedEarly.delete(runId)) {
      const run = get().run!;
      settle({ ...run, status: 'stopped', finishedAt: new Date().toISOString(), version: run.version + 1 });
      return;
    }
    try {
      // The user's data files first ("From file" nodes), each once per engine.
      await sendTo(c, snapshot);
      await c.request({ type: 'train', runId, graph: snapshot, options: {} });
    } catch (e) {
      const run = get().run;
      if (run?.runId === runId) settle(failRun(run, engineFailure(errorText(e))));
    }
  },

  async pause() {
    const run = get().run;
    if (run?.status === 'running' && client) await client.request({ type: 'pause', runId: run.runId }).catch(() => {});
  },

  async resume() {
    const run = get().run;
    if (run?.status === 'paused' && client) await client.request({ type: 'resume', runId: run.runId }).catch(() => {});
  },

  async stop() {
    const run = get().run;
    if (!run || !isActive(run)) return;
    // The engine may still be starting: then the run is dropped before it is sent.
    if (!client || client.dead) stoppedEarly.add(run.runId);
    else await client.request({ type: 'stop', runId: run.runId }).catch(() => {});
  },

  async predict(input, count) {
    const run = get().run;
    if (!run || !client || client.dead) throw new TextError(tmsg('train.noModel'));
    const reply = await client.request({ type: 'predict', runId: run.runId, input, count });
    if (reply.type !== 'prediction') throw new TextError(tmsg('app.engine.predictReply', { type: reply.type }));
    return reply.outputs;
  },

  toggleOverlay(runId) {
    const overlay = get().overlay;
    set({ overlay: overlay.includes(runId) ? overlay.filter((r) => r !== runId) : [...overlay, runId] });
  },
}));

/** For tests: forget the engine (the next Train starts a new one). */
export function resetEngineForTests(): void {
  client?.terminate();
  client = null;
}
