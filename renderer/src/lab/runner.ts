/**
 * CONTRACT STUB (helper H2 implements): the learning lab's runs. A batch of graphs (an
 * experiment's variants, a search's trials) trains through engines of its own — one after the
 * other, or on the CPU several at once in parallel engine workers — separate from the toolbar's
 * run. Every finished run (completed, stopped or failed) joins the project's history with its
 * label and lab tag, so it can be overlaid and compared like any run.
 */
import type { graph, protocol } from '../../../engine';
import type { LiveRun } from '../training/liveRun';

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
  /** Called (throttled to animation pace by the caller if needed) whenever a run changes. */
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

/** A new batch id ('lab-…'), unique in this editor session. */
export function newBatchId(): string {
  throw new Error('not implemented');
}

export function startBatch(specs: readonly LabRunSpec[], options: BatchOptions): LabBatch {
  void specs; void options;
  throw new Error('not implemented');
}

/** How many engines a parallel batch may use here (CPU cores − 1, at least 1, at most 4). */
export function parallelLimit(): number {
  throw new Error('not implemented');
}

/**
 * A request answered by the engine that trained `runId` (it still holds the model until it trains
 * another): the hidden features of a 2-D model. Rejects when no engine holds the run.
 */
export function requestFeatures(runId: string, nodeId: string, resolution: number): Promise<protocol.Features> {
  void runId; void nodeId; void resolution;
  throw new Error('not implemented');
}

/** A gradient check of `graph` in a lab engine. */
export function requestGradCheck(g: graph.Graph, options?: { threshold?: number; samplesPerTensor?: number; batchRows?: number }): Promise<protocol.GradCheckResult> {
  void g; void options;
  throw new Error('not implemented');
}
