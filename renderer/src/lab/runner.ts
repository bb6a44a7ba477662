/**
 * The learning lab's runs. A batch of graphs (an experiment's variants, a search's trials) trains
 * through engines of its own — one after the other, or on the CPU several at once in parallel
 * engine workers — separate from the toolbar's run, which stays free. Every run handed to an engine
 * joins the project's history when it ends (completed, stopped or failed) with its label and lab
 * tag, so it can be overlaid and compared like any run; runs a cancel dropped before they were
 * sent end 'stopped' and are not recorded.
 *
 * Engines are kept between batches (starting one costs a worker and, for MNIST, a data load), up
 * to MAX_IDLE_ENGINES idle ones; a dead one is dropped and replaced on demand. The engine that
 * trained a run still holds its model until it trains another, which `requestFeatures` relies on.
 *
 * Every engine comes from `engineFactory.transport()`, one transport per engine. In the browser
 * build each is a Web Worker of its own, so several train at once. In the desktop app each is a
 * port to the hidden engine-host window, and that page (renderer/src/engineHost/main.ts) keeps a
 * single worker and ends it whenever a new port arrives. There, until that page keeps a worker per
 * port, starting a lab engine ends the toolbar's engine and every other lab engine (a run on one
 * fails when its heartbeat stops), so neither parallel batches nor a lab batch beside the
 * toolbar's run work in the desktop app.
 */
import type { graph, protocol } from '../../../engine';
import { errorText, tmsg } from '../i18n';
import { TextError } from '../i18n/TextError';
import { sendTo } from '../store/dataStore';
import { useEditor } from '../store/editorStore';
import { engineFactory, toRecord } from '../store/trainingStore';
import { EngineClient } from '../training/EngineClient';
import { applyMessage, engineFailure, failRun, isActive, newRun, type LiveRun } from '../training/liveRun';

export interface LabRunSpec {
  readonly graph: graph.Graph;
  /** The run's name in legends and the runs panel ("BatchNorm on", "trial 3"). */
  readonly label: string;
  readonly lab: { experiment: string; batch: string; values?: Record<string, number> };
  readonly options?: protocol.TrainOptions;
}

export interface LabRun {
  readonly spec: LabRunSpec;
  /** The run as it streams in (status 'starting' until its engine takes it). */
  readonly run: LiveRun;
}

export interface BatchProgress {
  /** Runs ended (any status). */
  readonly done: number;
  readonly total: number;
  /** Seconds left for the whole batch, from the runs' own ETAs and the pace so far; null before any estimate. */
  readonly etaSeconds: number | null;
}

export interface BatchOptions {
  /** Engines training at once (default 1). */
  readonly parallel?: number;
  /** Called whenever a run changes (callers throttle their rendering). */
  readonly onChange: (runs: readonly LabRun[], progress: BatchProgress) => void;
}

export interface LabBatch {
  /** Also each spec's `lab.batch`. */
  readonly id: string;
  /** Resolves when every run has ended or the batch was cancelled (unstarted runs end 'stopped'). */
  readonly finished: Promise<readonly LabRun[]>;
  /** Stops the runs training and drops the ones not started. */
  cancel(): void;
}

/** A lab engine: its client, and the run it trained last (whose model it still holds). */
interface LabEngine {
  readonly client: EngineClient;
  busy: boolean;
  lastRun: string | null;
}

const engines: LabEngine[] = [];
let counter = 0;

/** A new batch id ('lab-…'), unique in this editor session. */
export function newBatchId(): string {
  return `lab-${Date.now().toString(36)}-${(++counter).toString(36)}`;
}

const newRunId = () => `lab-run-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/** How many engines a parallel batch may use here (CPU cores − 1, at least 1, at most 4). */
export function parallelLimit(): number {
  const cores = globalThis.navigator?.hardwareConcurrency;
  return typeof cores === 'number' && cores > 0 ? Math.min(4, Math.max(1, cores - 1)) : 1;
}

function alive(): LabEngine[] {
  for (let i = engines.length - 1; i >= 0; i--) if (engines[i].client.dead) engines.splice(i, 1);
  return engines;
}

/** Idle engines kept for later batches beyond this are shut down. */
const MAX_IDLE_ENGINES = 4;

/** An idle engine, or a new one when none is idle; marked busy until `release`. */
async function acquire(): Promise<LabEngine> {
  const idle = alive().find((e) => !e.busy);
  if (idle) {
    idle.busy = true;
    return idle;
  }
  const client = await EngineClient.start(engineFactory.transport(), engineFactory.options());
  const engine: LabEngine = { client, busy: true, lastRun: null };
  engines.push(engine);
  return engine;
}

/** Hands an engine back; shuts down the oldest idle ones past MAX_IDLE_ENGINES. */
function release(engine: LabEngine): void {
  engine.busy = false;
  const idle = alive().filter((e) => !e.busy);
  for (const e of idle.slice(0, Math.max(0, idle.length - MAX_IDLE_ENGINES))) {
    e.client.terminate();
    engines.splice(engines.indexOf(e), 1);
  }
}

/**
 * When several engines train at once, a trial left on "one thread per core" (threads 0) trains on
 * one thread, so the engines do not each claim every core. An explicit count is kept: the search
 * panel gives each trial its share of the cores (the result does not depend on the thread count).
 */
function withThreads(g: graph.Graph, threads: number): graph.Graph {
  return {
    ...g,
    nodes: g.nodes.map((n) => (n.kind === 'Training' && !n.params.threads ? { ...n, params: { ...n.params, threads } } : n)),
  };
}

export function startBatch(specs: readonly LabRunSpec[], options: BatchOptions): LabBatch {
  const id = specs[0]?.lab.batch ?? newBatchId();
  const parallel = Math.max(1, Math.floor(options.parallel ?? 1));
  const runs: LabRun[] = specs.map((spec) => ({ spec, run: newRun(newRunId(), parallel > 1 ? withThreads(spec.graph, 1) : spec.graph) }));
  let next = 0;
  let cancelled = false;
  const durations: number[] = [];
  const running = new Map<number, LabEngine>();

  const progress = (): BatchProgress => {
    const done = runs.filter((r) => !isActive(r.run)).length;
    const total = runs.length;
    const left = total - done;
    let eta: number | null = null;
    if (left === 0) eta = 0;
    else if (durations.length) {
      const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
      const runningLeft = [...running.keys()].reduce((s, i) => s + (runs[i].run.progress?.etaSeconds ?? mean), 0);
      const queued = total - done - running.size;
      eta = (runningLeft + queued * mean) / Math.min(parallel, Math.max(1, left));
    } else {
      const etas = [...running.keys()].map((i) => runs[i].run.progress?.etaSeconds).filter((v): v is number => typeof v === 'number');
      if (etas.length) {
        const mean = etas.reduce((a, b) => a + b, 0) / etas.length;
        eta = mean * Math.ceil(left / parallel);
      }
    }
    return { done, total, etaSeconds: eta };
  };
  // A new array each time: subscribers (React) see a change by identity.
  const changed = () => options.onChange([...runs], progress());
  const update = (i: number, run: LiveRun) => {
    runs[i] = { ...runs[i], run };
    changed();
  };

  /**
   * A run handed to an engine has ended: it joins the history whatever its status (a graph the
   * engine refused is recorded failed with why, as the toolbar's runs are); only runs that trained
   * inform the batch's pace.
   */
  const settle = (i: number, run: LiveRun) => {
    running.delete(i);
    update(i, run);
    if (run.info) durations.push(run.seconds ?? (Date.now() - Date.parse(run.startedAt)) / 1000);
    const spec = runs[i].spec;
    useEditor.getState().addRun({ ...toRecord(run), label: spec.label, lab: spec.lab });
  };

  /** Trains run i on `engine`; resolves when it ended. */
  const train = (i: number, engine: LabEngine) => new Promise<void>((resolve) => {
    const { client } = engine;
    running.set(i, engine);
    const runId = runs[i].run.runId;
    engine.lastRun = runId;
    let done = false;
    const finish = (run: LiveRun) => {
      if (done) return;
      done = true;
      unsubscribe();
      undie();
      settle(i, run);
      resolve();
    };
    const unsubscribe = client.onEvent((m) => {
      const run = runs[i].run;
      const next = applyMessage(run, m);
      if (next === run) return;
      if (m.type === 'done' || m.type === 'error') {
        // The engine's state is suspect after an unexpected exception or running out of memory.
        if (m.type === 'error' && (m.error.kind === 'internal' || m.error.kind === 'memory')) client.terminate();
        finish(next);
      } else update(i, next);
    });
    const undie = client.onDeath((_, reason) => finish(failRun(runs[i].run, engineFailure(reason))));
    // The user's data files ("From file" nodes) go first, each once per engine.
    sendTo(client, runs[i].run.graph).then(() => client.request({ type: 'train', runId, graph: runs[i].run.graph, options: runs[i].spec.options ?? {} })).catch((e: unknown) => {
      finish(failRun(runs[i].run, engineFailure(errorText(e))));
    });
  });

  /** One lane: an engine of its own, taking the next queued run until none is left. */
  const lane = async (): Promise<void> => {
    let engine: LabEngine | null = null;
    try {
      while (!cancelled && next < runs.length) {
        if (!engine || engine.client.dead) {
          try {
            engine = await acquire();
          } catch (e) {
            // No engine could start: the queued runs fail with why.
            const failure = engineFailure(tmsg('app.engine.couldNotStart', { message: errorText(e) }));
            while (next < runs.length) {
              const i = next++;
              update(i, failRun(runs[i].run, failure));
            }
            return;
          }
          if (cancelled || next >= runs.length) return;
        }
        await train(next++, engine);
      }
    } finally {
      if (engine) release(engine);
    }
  };

  const finished = (async () => {
    changed();
    await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, () => lane()));
    // Cancelled: the runs never started end 'stopped' (not recorded: they never trained).
    for (let i = 0; i < runs.length; i++) {
      if (runs[i].run.status === 'starting' && !running.has(i)) {
        update(i, { ...runs[i].run, status: 'stopped', finishedAt: new Date().toISOString(), version: runs[i].run.version + 1 });
      }
    }
    changed();
    return [...runs] as readonly LabRun[];
  })();

  return {
    id,
    finished,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      for (const [i, engine] of running) {
        void engine.client.request({ type: 'stop', runId: runs[i].run.runId }).catch(() => {});
      }
    },
  };
}

/**
 * A request answered by the engine that trained `runId` (it still holds the model until it trains
 * another): the hidden features of a 2-D model. Rejects when no engine holds the run.
 */
export async function requestFeatures(runId: string, nodeId: string, resolution: number): Promise<protocol.Features> {
  const engine = alive().find((e) => e.lastRun === runId);
  if (!engine) throw new TextError(tmsg('labError.noEngineForRun', { runId }));
  const reply = await engine.client.request({ type: 'features', runId, nodeId, resolution });
  if (reply.type !== 'features') throw new Error(`unexpected reply '${reply.type}' to 'features'`);
  return reply;
}

/** A gradient check of `graph` in a lab engine (an idle one, or a new one). */
export async function requestGradCheck(g: graph.Graph, options?: { threshold?: number; samplesPerTensor?: number; batchRows?: number }): Promise<protocol.GradCheckResult> {
  const engine = await acquire();
  try {
    await sendTo(engine.client, g);
    const reply = await engine.client.request({ type: 'gradcheck', graph: g, options: options ?? {} });
    if (reply.type !== 'gradcheck-result') throw new Error(`unexpected reply '${reply.type}' to 'gradcheck'`);
    return reply;
  } finally {
    release(engine);
  }
}

/** For tests: ends every lab engine. */
export function resetLabEnginesForTests(): void {
  for (const e of engines) e.client.terminate();
  engines.length = 0;
}
