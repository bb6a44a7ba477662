/**
 * CONTRACT STUB (helper H1 implements): random hyperparameter search as the course does it —
 * values sampled uniformly on a log scale (or linearly), each trial judged on the validation split
 * only; the test split is never used for choosing.
 */
import type { Graph } from '../graph/schema';

/**
 * A searched parameter: `id` is 'weightDecay' (L2 λ on every node with a `regularizer` param;
 * the sampled λ sets regularizer 'l2') or '<nodeId>.<param>' for one node's numeric parameter.
 */
export interface SearchParam {
  id: string;
  min: number;
  max: number;
  scale: 'log' | 'linear';
  /** Rounds samples to integers (units, batch size, epochs). */
  integer?: boolean;
}

export interface Trial {
  /** 0-based. */
  readonly index: number;
  /** By SearchParam id. */
  readonly values: Readonly<Record<string, number>>;
}

/** `count` trials drawn with a seeded generator: log scale ⇒ 10^U(log10 min, log10 max). */
export function sampleTrials(params: readonly SearchParam[], count: number, seed: number): Trial[] {
  void params; void count; void seed;
  throw new Error('not implemented');
}

/** The graph with the trial's values set (a new graph; the input is not changed). */
export function applyTrial(graph: Graph, trial: Pick<Trial, 'values'>): Graph {
  void graph; void trial;
  throw new Error('not implemented');
}

/** The course's search: the optimiser's learning rate 1e-6…1e-2 and weight decay 1e-8…1e-4, both log-scale. */
export function defaultSearchParams(graph: Graph): SearchParam[] {
  void graph;
  throw new Error('not implemented');
}

/** Every numeric parameter of the graph's nodes that a search could vary (with the registry's bounds where it has them). */
export function searchableParams(graph: Graph): { id: string; nodeId: string; param: string; value: number; integer: boolean; min?: number; max?: number }[] {
  void graph;
  throw new Error('not implemented');
}

/**
 * A graph made ready for a search trial: a validation split of at least `minValidation`
 * (default 0.2) so there is something to choose on, and `epochs` when given.
 */
export function searchTrialGraph(graph: Graph, options: { epochs?: number; minValidation?: number; threads?: number }): Graph {
  void graph; void options;
  throw new Error('not implemented');
}

/** Trials best first, by validation accuracy (else lowest validation loss); ones without validation metrics last. Never reads test metrics. */
export function rankTrials<T extends { valAccuracy?: number; valLoss?: number }>(results: readonly T[]): T[] {
  void results;
  throw new Error('not implemented');
}
