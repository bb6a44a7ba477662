/**
 * Graph variants for paired runs and the lab's experiments: the same network with BatchNorm,
 * dropout, weight decay, another initialiser or activation, one node left out, one setting
 * changed. Every function returns a new graph (the input is never changed), keeps the Training
 * node's seed, and places inserted nodes between their neighbours. A variant is only a graph:
 * it trains through the same compiler and engine as anything the user wires by hand.
 */
import { ArgumentError } from '../core/errors';
import { msg, type Message } from '../i18n/message';
// The built-in node kinds, registered on import: the lab reads their declarations.
import '../graph/nodes';
import { getNodeDef } from '../graph/registry';
import type { Graph, GraphEdge, GraphNode } from '../graph/schema';
import { validateGraph } from '../graph/validate';

/** Kinds whose weights the lab's experiments act on. */
const WEIGHT_LAYERS: ReadonlySet<string> = new Set(['Dense', 'Conv2D']);
/** Activations that end a network rather than sit between layers. */
const OUTPUT_ACTIVATIONS: ReadonlySet<string> = new Set(['Softmax', 'Identity']);

/** The Dropout node's largest rate (its schema's bound). */
const MAX_DROPOUT = (() => {
  const rate = (getNodeDef('Dropout')?.params as unknown as { shape?: Record<string, { maxValue?: number | null }> } | undefined)?.shape?.rate;
  return typeof rate?.maxValue === 'number' ? rate.maxValue : 0.95;
})();

const copy = (graph: Graph): Graph => JSON.parse(JSON.stringify(graph)) as Graph;

/** The node `nodeId`; throws naming the operation (`what`, a message) when the graph has none. */
function node(graph: Graph, nodeId: string, what: Message): GraphNode {
  const n = graph.nodes.find((x) => x.id === nodeId);
  if (!n) throw new ArgumentError(msg('labError.variant.noNode', { what, node: nodeId }));
  return n;
}

/** The names of a node kind's parameters (empty for unknown kinds). */
function paramNames(kind: string): string[] {
  const shape = (getNodeDef(kind)?.params as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function hasPorts(kind: string): boolean {
  const def = getNodeDef(kind);
  return !!def && def.inputs.length === 1 && def.inputs[0].id === 'x' && !def.inputs[0].multiple
    && def.outputs.length === 1 && def.outputs[0].id === 'y';
}

/** Ids of every node reachable downstream of `nodeId` (not itself). */
function downstream(graph: Graph, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of graph.edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** A node feeds a later weight layer: it is hidden, not the output. */
function feedsWeightLayer(graph: Graph, nodeId: string): boolean {
  for (const id of downstream(graph, nodeId)) if (WEIGHT_LAYERS.has(graph.nodes.find((n) => n.id === id)?.kind ?? '')) return true;
  return false;
}

/** The hidden weight layers (Dense/Conv2D that feed another one). */
function hiddenLayers(graph: Graph): GraphNode[] {
  return graph.nodes.filter((n) => WEIGHT_LAYERS.has(n.kind) && feedsWeightLayer(graph, n.id));
}

/** The activations between layers (not the output's Softmax/Identity). */
function hiddenActivations(graph: Graph): GraphNode[] {
  return graph.nodes.filter((n) => getNodeDef(n.kind)?.category === 'Activation' && !OUTPUT_ACTIVATIONS.has(n.kind) && feedsWeightLayer(graph, n.id));
}

/** The nodes `nodeId`'s output feeds directly. */
const successors = (graph: Graph, nodeId: string) =>
  graph.edges.filter((e) => e.source === nodeId && e.sourcePort === 'y').map((e) => graph.nodes.find((n) => n.id === e.target)!);

function freshId(graph: Graph, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id), ...taken]);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Inserts a new node after `afterId` (mutates `graph`, a copy): it takes over every wire of afterId.y. */
function insertAfter(graph: Graph, afterId: string, kind: string, idBase: string, params: Record<string, unknown>): void {
  const after = node(graph, afterId, msg('labError.variant.what.insert'));
  const outgoing = graph.edges.filter((e) => e.source === afterId && e.sourcePort === 'y');
  const id = freshId(graph, idBase);
  const next = outgoing.length ? graph.nodes.find((n) => n.id === outgoing[0].target) : undefined;
  const position = next
    ? { x: (after.position.x + next.position.x) / 2, y: (after.position.y + next.position.y) / 2 + 40 }
    : { x: after.position.x + 120, y: after.position.y + 60 };
  // Listed right after its predecessor, so the file reads in chain order.
  graph.nodes.splice(graph.nodes.indexOf(after) + 1, 0, { id, kind, position, params });
  for (const e of outgoing) e.source = id;
  graph.edges.push({ id: freshId(graph, `e-${id}`), source: afterId, sourcePort: 'y', target: id, targetPort: 'x' });
}

/** One node's parameter set to `value`. */
export function setParam(graph: Graph, nodeId: string, param: string, value: unknown): Graph {
  const out = copy(graph);
  node(out, nodeId, msg('labError.variant.what.setParam')).params[param] = value;
  return out;
}

/**
 * Which nodes can be toggled off for a paired run: nodes with one tensor input `x` and one
 * output `y` whose removal leaves a valid graph (Dropout, BatchNorm, activations between layers…).
 * Not the node that feeds a loss (the output's Softmax): without it the loss would read raw
 * outputs as probabilities, a pair that teaches nothing.
 */
export function toggleableNodes(graph: Graph): string[] {
  const feedsLoss = (id: string) => graph.edges.some((e) => e.source === id && getNodeDef(graph.nodes.find((n) => n.id === e.target)?.kind ?? '')?.category === 'Loss');
  return graph.nodes
    .filter((n) => hasPorts(n.kind) && !feedsLoss(n.id) && graph.edges.some((e) => e.target === n.id && e.targetPort === 'x'))
    .filter((n) => validateGraph(bypassNode(graph, n.id)).ok)
    .map((n) => n.id);
}

/** The graph without `nodeId`: its input's source is wired to everything its output fed. */
export function bypassNode(graph: Graph, nodeId: string): Graph {
  const out = copy(graph);
  const n = node(out, nodeId, msg('labError.variant.what.bypass'));
  if (!hasPorts(n.kind)) throw new ArgumentError(msg('labError.variant.bypassPorts', { node: nodeId, kind: n.kind }));
  const incoming = out.edges.filter((e) => e.target === nodeId);
  if (incoming.length !== 1) throw new ArgumentError(msg('labError.variant.bypassInputs', { node: nodeId, count: incoming.length }));
  const source = incoming[0];
  const kept: GraphEdge[] = out.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
  for (const e of out.edges) {
    if (e.source === nodeId) kept.push({ ...e, source: source.source, sourcePort: source.sourcePort });
  }
  out.edges = kept;
  out.nodes = out.nodes.filter((x) => x.id !== nodeId);
  return out;
}

/** Every node with an `init` param set to `preset`. */
export function withInit(graph: Graph, preset: string): Graph {
  const initSchema = (getNodeDef('Dense')?.params as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> } | undefined)?.shape?.init;
  if (initSchema && !initSchema.safeParse(preset).success) throw new ArgumentError(msg('labError.variant.unknownInit', { preset }));
  const out = copy(graph);
  for (const n of out.nodes) if (paramNames(n.kind).includes('init')) n.params.init = preset;
  return out;
}

/** The hidden activations (ReLU/Sigmoid/Tanh … between layers) replaced by `kind`. */
export function withActivation(graph: Graph, kind: 'ReLU' | 'Sigmoid' | 'Tanh'): Graph {
  const out = copy(graph);
  for (const n of hiddenActivations(out)) {
    n.kind = kind;
    n.params = {};
  }
  return out;
}

/** on: a BatchNorm after every hidden Dense/Conv2D (before its activation) that lacks one; off: every BatchNorm bypassed. */
export function withBatchNorm(graph: Graph, on: boolean): Graph {
  let out = copy(graph);
  if (!on) {
    for (const n of graph.nodes) if (n.kind === 'BatchNorm') out = bypassNode(out, n.id);
    return out;
  }
  for (const layer of hiddenLayers(out)) {
    if (successors(out, layer.id).some((s) => s.kind === 'BatchNorm')) continue;
    insertAfter(out, layer.id, 'BatchNorm', `bn-${layer.id}`, {});
  }
  return out;
}

/** L2 weight decay λ on every node with a `regularizer` param; λ = 0 sets regularizer 'none'. */
export function withWeightDecay(graph: Graph, lambda: number): Graph {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new ArgumentError(msg('labError.variant.weightDecay', { lambda: String(lambda) }));
  const out = copy(graph);
  for (const n of out.nodes) {
    if (!paramNames(n.kind).includes('regularizer')) continue;
    if (lambda === 0) n.params.regularizer = 'none';
    else {
      n.params.regularizer = 'l2';
      n.params.lambda = lambda;
    }
  }
  return out;
}

/** rate > 0: a Dropout after every hidden activation that lacks one (existing ones set to `rate`); 0: every Dropout bypassed. */
export function withDropout(graph: Graph, rate: number): Graph {
  if (!(rate >= 0 && rate <= MAX_DROPOUT)) throw new ArgumentError(msg('labError.variant.dropoutRate', { max: MAX_DROPOUT, rate: String(rate) }));
  let out = copy(graph);
  if (rate === 0) {
    for (const n of graph.nodes) if (n.kind === 'Dropout') out = bypassNode(out, n.id);
    return out;
  }
  for (const n of out.nodes) if (n.kind === 'Dropout') n.params.rate = rate;
  for (const act of hiddenActivations(out)) {
    if (successors(out, act.id).some((s) => s.kind === 'Dropout')) continue;
    insertAfter(out, act.id, 'Dropout', `drop-${act.id}`, { rate });
  }
  return out;
}

/** The first node `match` picks with `patch` set; throws `missing` when the graph has none. */
function patchFirst(graph: Graph, match: (n: GraphNode) => boolean, patch: Record<string, unknown>, missing: Message): Graph {
  const out = copy(graph);
  const n = out.nodes.find(match);
  if (!n) throw new ArgumentError(missing);
  Object.assign(n.params, patch);
  return out;
}

/** The Training node's params patched. */
export function withTraining(graph: Graph, patch: Record<string, unknown>): Graph {
  return patchFirst(graph, (n) => n.kind === 'Training', patch, msg('labError.variant.noTraining'));
}

/** The (first) Dataset node's params patched. */
export function withDataset(graph: Graph, patch: Record<string, unknown>): Graph {
  return patchFirst(graph, (n) => getNodeDef(n.kind)?.category === 'Data', patch, msg('labError.variant.noData'));
}
