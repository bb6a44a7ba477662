/**
 * Graph validation and shape inference. Returns every problem at once, each tied to the node or
 * edge it belongs to, and the value (shape) flowing along every edge that could be inferred.
 */
import { getNodeDef, NodeInferenceError, parseParams, type NodeDef } from './registry';
import type { Graph, GraphEdge } from './schema';
import type { Message } from '../i18n/message';
import { describePortValue, type PortValue } from './types';
import './nodes';

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  /** Stable code for translations and tests ('missing-input', 'cycle', 'shape' …). */
  readonly code: string;
  /** English text (logs, the CLI without a catalogue). */
  readonly message: string;
  /** The same text as a catalogue message, shown in the reader's language. */
  readonly msg?: Message;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly port?: string;
}

export interface Validation {
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Nodes in dependency order (those in cycles omitted). */
  readonly order: readonly string[];
  /** Parsed parameters (defaults filled) of every node whose parameters are valid. */
  readonly params: ReadonlyMap<string, Record<string, unknown>>;
  /** Inferred output values per node and port. */
  readonly outputs: ReadonlyMap<string, Readonly<Record<string, PortValue>>>;
  /** Trainable scalars per node (nodes with weights whose inputs are known). */
  readonly paramCounts: ReadonlyMap<string, number>;
  /** The value on each edge, for labels such as `(batch, 784)`. */
  readonly edgeValues: ReadonlyMap<string, PortValue>;
  /** Edges arriving at each node, by input port. */
  readonly incoming: ReadonlyMap<string, Readonly<Record<string, readonly GraphEdge[]>>>;
}

/** Validates `graph` and infers the shape on every edge. Never throws for a well-typed Graph. */
export function validateGraph(graph: Graph): Validation {
  const problems: Problem[] = [];
  const error = (p: Omit<Problem, 'severity'>) => problems.push({ severity: 'error', ...p });
  const warn = (p: Omit<Problem, 'severity'>) => problems.push({ severity: 'warning', ...p });

  const defs = new Map<string, NodeDef>();
  const params = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      error({ code: 'duplicate-id', message: `two nodes have the id '${node.id}'`, nodeId: node.id });
      continue;
    }
    seen.add(node.id);
    const def = getNodeDef(node.kind);
    if (!def) {
      error({ code: 'unknown-kind', message: `unknown node kind '${node.kind}'`, nodeId: node.id });
      continue;
    }
    defs.set(node.id, def);
    const parsed = parseParams(def, node.params);
    if (parsed.success) params.set(node.id, parsed.data as Record<string, unknown>);
    else {
      for (const issue of parsed.error.issues) {
        error({ code: 'param', message: `${issue.path.join('.') || 'parameters'}: ${issue.message}`, nodeId: node.id });
      }
    }
  }

  // Edges: endpoints, ports, port types, fan-in.
  const incoming = new Map<string, Record<string, GraphEdge[]>>();
  const outgoing = new Map<string, GraphEdge[]>();
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) {
      error({ code: 'duplicate-id', message: `two edges have the id '${edge.id}'`, edgeId: edge.id });
      continue;
    }
    edgeIds.add(edge.id);
    const from = defs.get(edge.source);
    const to = defs.get(edge.target);
    if (!seen.has(edge.source) || !seen.has(edge.target)) {
      error({ code: 'dangling-edge', message: `edge connects a node that does not exist ('${seen.has(edge.source) ? edge.target : edge.source}')`, edgeId: edge.id });
      continue;
    }
    if (!from || !to) continue; // unknown kind, reported above
    const out = from.outputs.find((p) => p.id === edge.sourcePort);
    const inp = to.inputs.find((p) => p.id === edge.targetPort);
    if (!out || !inp) {
      error({ code: 'unknown-port', message: `edge uses a port that does not exist: ${!out ? `${from.id} has no output '${edge.sourcePort}'` : `${to.id} has no input '${edge.targetPort}'`}`, edgeId: edge.id });
      continue;
    }
    if (out.type !== inp.type) {
      error({ code: 'port-type', message: `cannot connect ${from.id} '${out.id}' (${out.type}) to ${to.id} '${inp.id}' (${inp.type})`, edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    if (edge.source === edge.target) {
      error({ code: 'cycle', message: 'a node cannot feed itself', edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    const ports = incoming.get(edge.target) ?? {};
    const list = (ports[edge.targetPort] ??= []);
    if (list.length > 0 && !inp.multiple) {
      error({ code: 'fan-in', message: `input '${inp.id}' of ${to.id} already has a connection; use Add or Concat to merge branches`, edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    list.push(edge);
    incoming.set(edge.target, ports);
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  }

  // Dependency order (Kahn); whatever remains sits on a cycle.
  const indegree = new Map<string, number>();
  for (const id of defs.keys()) indegree.set(id, 0);
  for (const [target, ports] of incoming) indegree.set(target, Object.values(ports).flat().length);
  const order: string[] = [];
  const ready = [...defs.keys()].filter((id) => indegree.get(id) === 0);
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  // Nodes left over either sit on a cycle or only depend on one; report the former.
  const placed = new Set(order);
  const left = [...defs.keys()].filter((id) => !placed.has(id));
  const reaches = (from: string, to: string) => {
    const stack = [from];
    const visited = new Set<string>();
    while (stack.length) {
      for (const e of outgoing.get(stack.pop()!) ?? []) {
        if (e.target === to) return true;
        if (!placed.has(e.target) && !visited.has(e.target)) {
          visited.add(e.target);
          stack.push(e.target);
        }
      }
    }
    return false;
  };
  const onCycle = left.filter((id) => reaches(id, id));
  for (const id of onCycle) {
    error({ code: 'cycle', message: `is part of a cycle (${onCycle.join(', ')}); a network must flow one way`, nodeId: id });
  }

  // Shape inference in dependency order.
  const outputs = new Map<string, Record<string, PortValue>>();
  const edgeValues = new Map<string, PortValue>();
  const paramCounts = new Map<string, number>();
  for (const id of order) {
    const def = defs.get(id)!;
    const p = params.get(id);
    const ports = incoming.get(id) ?? {};
    const inputs: Record<string, PortValue[]> = {};
    let blocked = !p;
    for (const port of def.inputs) {
      const edges = ports[port.id] ?? [];
      if (edges.length === 0) {
        error({ code: 'missing-input', message: `input '${port.id}' is not connected`, nodeId: id, port: port.id });
        blocked = true;
        continue;
      }
      const values = edges.map((e) => outputs.get(e.source)?.[e.sourcePort]);
      if (values.some((v) => !v)) blocked = true; // upstream problem already reported
      else inputs[port.id] = values as PortValue[];
    }
    if (blocked) continue;
    try {
      const out = def.infer({ params: p!, inputs });
      outputs.set(id, out);
      if (def.countParams) paramCounts.set(id, def.countParams({ params: p!, inputs }));
      for (const e of outgoing.get(id) ?? []) {
        const v = out[e.sourcePort];
        if (v) edgeValues.set(e.id, v);
      }
    } catch (e) {
      if (!(e instanceof NodeInferenceError)) throw e;
      const edge = e.port ? ports[e.port]?.[0] : undefined;
      error({ code: e.code, message: e.message, nodeId: id, port: e.port, edgeId: edge?.id });
    }
  }

  checkStructure(graph, defs, incoming, problems, error, warn);
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    problems, order, params, outputs, edgeValues, incoming, paramCounts,
  };
}

type Report = (p: Omit<Problem, 'severity'>) => void;

/** One dataset, loss, optimiser; unused nodes; a step function behind weights without the perceptron rule. */
function checkStructure(graph: Graph, defs: Map<string, NodeDef>, incoming: Map<string, Record<string, GraphEdge[]>>,
  problems: Problem[], error: Report, warn: Report): void {
  const byCategory = (c: string) => graph.nodes.filter((n) => defs.get(n.id)?.category === c);
  const single = (category: string, what: string, required: boolean) => {
    const nodes = byCategory(category);
    if (nodes.length === 0 && required) error({ code: `no-${category.toLowerCase()}`, message: `the graph has no ${what}; add one from the palette` });
    for (const extra of nodes.slice(1)) error({ code: 'duplicate-role', message: `only one ${what} per graph is supported`, nodeId: extra.id });
    return nodes[0];
  };
  single('Data', 'Dataset node', true);
  const loss = single('Loss', 'loss node', true);
  const optimizer = single('Optimizer', 'optimizer node', true);
  const training = single('Training', 'Training node', false);
  if (!training) warn({ code: 'no-training', message: 'no Training node: default settings are used (10 epochs, batch 32)' });

  // Everything the loss depends on is used; so are the optimiser and the training node.
  const used = new Set<string>();
  const visit = (id: string) => {
    if (used.has(id)) return;
    used.add(id);
    for (const edges of Object.values(incoming.get(id) ?? {})) for (const e of edges) visit(e.source);
  };
  if (loss) visit(loss.id);
  if (optimizer) used.add(optimizer.id);
  if (training) used.add(training.id);
  for (const n of graph.nodes) {
    if (!used.has(n.id) && defs.has(n.id) && !problems.some((p) => p.nodeId === n.id && p.severity === 'error')) {
      warn({ code: 'unused', message: 'is not connected to the loss, so it does not take part in training', nodeId: n.id });
    }
  }

  const perceptron = optimizer && optimizer.kind === 'Perceptron';
  for (const n of graph.nodes.filter((x) => x.kind === 'Step' && used.has(x.id))) {
    const upstream = new Set<string>();
    const up = (id: string) => {
      for (const edges of Object.values(incoming.get(id) ?? {})) for (const e of edges) if (!upstream.has(e.source)) { upstream.add(e.source); up(e.source); }
    };
    up(n.id);
    const weighted = [...upstream].some((id) => ['Dense', 'Conv2D'].includes(graph.nodes.find((x) => x.id === id)?.kind ?? ''));
    if (weighted && !perceptron) {
      warn({ code: 'zero-gradient', nodeId: n.id,
        message: "the step function's gradient is zero everywhere, so backpropagation cannot train the layers before it: use Sigmoid, Tanh or ReLU, or the Perceptron optimizer for a single-layer step network" });
    }
  }
}

/** A short description of an edge's value, for labels and the CLI. */
export function edgeLabel(v: PortValue): string {
  return describePortValue(v);
}
