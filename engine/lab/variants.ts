/**
 * CONTRACT STUB (helper H1 implements): graph variants for paired runs and the lab's experiments.
 * Every function returns a new graph (the input is never changed), keeps the Training node's seed,
 * and leaves positions sensible (inserted nodes placed between their neighbours).
 */
import type { Graph } from '../graph/schema';

/** One node's parameter set to `value`. */
export function setParam(graph: Graph, nodeId: string, param: string, value: unknown): Graph {
  void graph; void nodeId; void param; void value;
  throw new Error('not implemented');
}

/**
 * Which nodes can be toggled off for a paired run: nodes with one tensor input `x` and one
 * output `y` whose removal keeps the graph valid (Dropout, BatchNorm, activations between layers…).
 */
export function toggleableNodes(graph: Graph): string[] {
  void graph;
  throw new Error('not implemented');
}

/** The graph without `nodeId`: its input's source is wired to everything its output fed. */
export function bypassNode(graph: Graph, nodeId: string): Graph {
  void graph; void nodeId;
  throw new Error('not implemented');
}

/** Every node with an `init` param set to `preset`. */
export function withInit(graph: Graph, preset: string): Graph {
  void graph; void preset;
  throw new Error('not implemented');
}

/** The hidden activations (ReLU/Sigmoid/Tanh after a hidden Dense) replaced by `kind`. */
export function withActivation(graph: Graph, kind: 'ReLU' | 'Sigmoid' | 'Tanh'): Graph {
  void graph; void kind;
  throw new Error('not implemented');
}

/** on: a BatchNorm after every hidden Dense/Conv2D (before its activation) that lacks one; off: every BatchNorm bypassed. */
export function withBatchNorm(graph: Graph, on: boolean): Graph {
  void graph; void on;
  throw new Error('not implemented');
}

/** L2 weight decay λ on every node with a `regularizer` param; λ = 0 sets regularizer 'none'. */
export function withWeightDecay(graph: Graph, lambda: number): Graph {
  void graph; void lambda;
  throw new Error('not implemented');
}

/** rate > 0: a Dropout after every hidden activation that lacks one (existing ones set to `rate`); 0: every Dropout bypassed. */
export function withDropout(graph: Graph, rate: number): Graph {
  void graph; void rate;
  throw new Error('not implemented');
}

/** The Training node's params patched. */
export function withTraining(graph: Graph, patch: Record<string, unknown>): Graph {
  void graph; void patch;
  throw new Error('not implemented');
}

/** The (first) Dataset node's params patched. */
export function withDataset(graph: Graph, patch: Record<string, unknown>): Graph {
  void graph; void patch;
  throw new Error('not implemented');
}
