/**
 * What the editor knows about a training run while it streams in: the engine's updates folded
 * into one object the panels read. Pure functions (no React, no store) so they are tested
 * directly.
 *
 * Large series (per-batch losses, probes) grow in place — copying thousands of points twenty
 * times a second would be waste — and `version` goes up on every change; panels redraw when it
 * does.
 */
import type { graph, protocol } from '../../../engine';
import type { Text, UiMessage } from '../i18n';
import { inEnglish } from '../i18n/TextError';

/**
 * Why a run failed: the engine's ErrorInfo, or one the editor made (the engine died or could not
 * start). The protocol types `msg` with the engine's keys; the editor's own failures carry its
 * `app.` keys, so `msg` is widened to any catalogue message here.
 */
export type RunError = Omit<protocol.ErrorInfo, 'msg'> & { readonly msg?: UiMessage };

export type RunStatus = 'starting' | 'running' | 'paused' | 'completed' | 'stopped' | 'failed';

export interface Progress {
  epoch: number;
  batch: number;
  batches: number;
  samplesPerSec: number;
  etaSeconds: number;
}

export interface LiveRun {
  readonly runId: string;
  status: RunStatus;
  readonly startedAt: string;
  finishedAt?: string;
  /** The graph as it was when Train was pressed (the run trains this snapshot). */
  readonly graph: graph.Graph;
  /** `graphKey(graph)`: compared with the editor's graph to say "changed since". */
  readonly graphKey: string;
  /** Set by run-start. */
  info: protocol.RunStart | null;
  progress: Progress | null;
  /** Per batch: x = position in epochs (1.5 = half-way through epoch 2), y = the batch loss. */
  readonly batchX: number[];
  readonly batchLoss: number[];
  readonly epochs: protocol.EpochInfo[];
  /** Probes (histograms per layer) in arrival order; thinned to at most MAX_PROBES. */
  readonly probes: protocol.Probe[];
  boundary: protocol.Boundary | null;
  samples: protocol.Samples | null;
  confusion: { classes: number; counts: Uint32Array } | null;
  test: { loss: number; accuracy?: number } | null;
  seconds: number | null;
  error: RunError | null;
  weights: protocol.Weight[] | null;
  /** Goes up on every change. */
  version: number;
}

/** Probes kept per run: older ones are thinned (every other dropped) past this. */
export const MAX_PROBES = 64;
/** Batch points kept per run: thinned the same way past this. */
export const MAX_BATCH_POINTS = 50_000;

/**
 * The part of a graph that decides what trains: nodes (id, kind, params) and wires, not
 * positions or names. Two graphs with the same key train the same network.
 */
export function graphKey(g: graph.Graph): string {
  const nodes = [...g.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)).map((n) => [n.id, n.kind, sortKeys(n.params)]);
  const edges = [...g.edges].map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`).sort();
  return JSON.stringify([nodes, edges]);
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function newRun(runId: string, g: graph.Graph, now = new Date()): LiveRun {
  return {
    runId, status: 'starting', startedAt: now.toISOString(), graph: g, graphKey: graphKey(g), info: null, progress: null,
    batchX: [], batchLoss: [], epochs: [], probes: [], boundary: null, samples: null, confusion: null, test: null,
    seconds: null, error: null, weights: null, version: 0,
  };
}

/** Drops every other element of the first half (keeps recent detail, bounds memory). */
function thin<T>(a: T[], max: number): void {
  if (a.length <= max) return;
  const half = Math.floor(a.length / 2);
  const kept = a.slice(0, half).filter((_, i) => i % 2 === 0);
  a.splice(0, half, ...kept);
}

/**
 * Folds one engine message into the run (messages of other runs are ignored); returns a new
 * top-level object (so stores notice) sharing the grown arrays.
 */
export function applyMessage(run: LiveRun, m: protocol.EngineMessage): LiveRun {
  if (!('runId' in m) || m.runId !== run.runId) return run;
  const next: LiveRun = { ...run, version: run.version + 1 };
  switch (m.type) {
    case 'run-start':
      next.info = m;
      next.status = 'running';
      break;
    case 'update': {
      next.progress = { epoch: m.epoch, batch: m.batch, batches: m.batches, samplesPerSec: m.samplesPerSec, etaSeconds: m.etaSeconds };
      const perEpoch = run.info?.batchesPerEpoch ?? m.batches;
      for (let i = 0; i < m.batchLosses.length; i++) {
        next.batchX.push((m.firstBatch + i + 1) / perEpoch);
        next.batchLoss.push(m.batchLosses[i]);
      }
      thinPairs(next.batchX, next.batchLoss, MAX_BATCH_POINTS);
      next.epochs.push(...m.epochs);
      if (m.probe) {
        next.probes.push(m.probe);
        thin(next.probes, MAX_PROBES);
      }
      if (m.boundary) next.boundary = m.boundary;
      if (m.samples) next.samples = m.samples;
      break;
    }
    case 'paused':
      next.status = 'paused';
      break;
    case 'resumed':
      next.status = 'running';
      break;
    case 'done':
      next.status = m.status;
      next.finishedAt = new Date().toISOString();
      next.seconds = m.seconds;
      next.test = m.test ?? null;
      next.confusion = m.confusion ?? null;
      next.weights = m.weights;
      break;
    case 'device-fallback':
      // The engine continues on the CPU: the run stays alive; the device badge says why (trainingStore).
      break;
    case 'error':
      next.status = 'failed';
      next.finishedAt = new Date().toISOString();
      next.error = m.error;
      break;
  }
  return next;
}

function thinPairs(x: number[], y: number[], max: number): void {
  if (x.length <= max) return;
  const half = Math.floor(x.length / 2);
  const keep = (a: number[]) => a.splice(0, half, ...a.slice(0, half).filter((_, i) => i % 2 === 0));
  keep(x);
  keep(y);
}

/**
 * The failure of a run the editor saw itself (the engine died, could not start, refused the run):
 * `text` shown in the reader's language, its English kept as `message` (the run history's).
 */
export function engineFailure(text: Text): RunError {
  return { name: 'EngineFailure', message: inEnglish(text), ...(typeof text === 'string' ? {} : { msg: text }), kind: 'internal' };
}

/** A failure that did not come from the engine's own report (the engine died). */
export function failRun(run: LiveRun, error: RunError): LiveRun {
  if (run.status === 'completed' || run.status === 'stopped' || run.status === 'failed') return run;
  return { ...run, status: 'failed', finishedAt: new Date().toISOString(), error, version: run.version + 1 };
}

export const isActive = (run: LiveRun | null): boolean => !!run && (run.status === 'starting' || run.status === 'running' || run.status === 'paused');
