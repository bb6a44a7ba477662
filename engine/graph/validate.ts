/**
 * Graph validation and shape inference. Returns every problem at once, each tied to the node or
 * edge it belongs to, and the value (shape) flowing along every edge that could be inferred.
 */
import { englishText, msg, type Message, type MessageKey } from '../i18n/index';
import { TrainingParams } from './nodes/training';
import { kindName, paramIssue, portName, typeName } from './problemText';
import { getNodeDef, NodeInferenceError, parseParams, type NodeDef } from './registry';
import type { Graph, GraphEdge } from './schema';
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

/**
 * A problem as it is reported: its text as a catalogue Message (the English `message` is made
 * from it), or plain English from a NodeInferenceError thrown without one.
 */
type ProblemReport = Omit<Problem, 'severity' | 'message' | 'msg'> & { readonly msg: Message | string };

function problem(severity: Severity, { msg: text, ...where }: ProblemReport): Problem {
  return typeof text === 'string'
    ? { severity, ...where, message: text }
    : { severity, ...where, message: englishText(text), msg: text };
}

/** Validates `graph` and infers the shape on every edge. Never throws for a well-typed Graph. */
export function validateGraph(graph: Graph): Validation {
  const problems: Problem[] = [];
  const error: Report = (p) => problems.push(problem('error', p));
  const warn: Report = (p) => problems.push(problem('warning', p));

  const defs = new Map<string, NodeDef>();
  const params = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      error({ code: 'duplicate-id', msg: msg('problem.duplicateNode', { id: node.id }), nodeId: node.id });
      continue;
    }
    seen.add(node.id);
    const def = getNodeDef(node.kind);
    if (!def) {
      error({ code: 'unknown-kind', msg: msg('problem.unknownKind', { kind: node.kind }), nodeId: node.id });
      continue;
    }
    defs.set(node.id, def);
    const parsed = parseParams(def, node.params);
    if (parsed.success) params.set(node.id, parsed.data as Record<string, unknown>);
    else {
      for (const issue of parsed.error.issues) error({ code: 'param', msg: paramIssue(node.kind, issue), nodeId: node.id });
    }
  }

  // Edges: endpoints, ports, port types, fan-in.
  const incoming = new Map<string, Record<string, GraphEdge[]>>();
  const outgoing = new Map<string, GraphEdge[]>();
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) {
      error({ code: 'duplicate-id', msg: msg('problem.duplicateEdge', { id: edge.id }), edgeId: edge.id });
      continue;
    }
    edgeIds.add(edge.id);
    const from = defs.get(edge.source);
    const to = defs.get(edge.target);
    if (!seen.has(edge.source) || !seen.has(edge.target)) {
      error({ code: 'dangling-edge', msg: msg('problem.danglingEdge', { id: seen.has(edge.source) ? edge.target : edge.source }), edgeId: edge.id });
      continue;
    }
    if (!from || !to) continue; // unknown kind, reported above
    const out = from.outputs.find((p) => p.id === edge.sourcePort);
    const inp = to.inputs.find((p) => p.id === edge.targetPort);
    if (!out || !inp) {
      const text = !out
        ? msg('problem.noOutputPort', { kind: kindName(from.id), port: edge.sourcePort })
        : msg('problem.noInputPort', { kind: kindName(to.id), port: edge.targetPort });
      error({ code: 'unknown-port', msg: text, edgeId: edge.id });
      continue;
    }
    if (out.type !== inp.type) {
      const text = msg('problem.portType', {
        source: kindName(from.id), sourcePort: portName(out.id), sourceType: typeName(out.type),
        target: kindName(to.id), targetPort: portName(inp.id), targetType: typeName(inp.type),
      });
      error({ code: 'port-type', msg: text, edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    if (edge.source === edge.target) {
      error({ code: 'cycle', msg: msg('problem.selfLoop'), edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    const ports = incoming.get(edge.target) ?? {};
    const list = (ports[edge.targetPort] ??= []);
    if (list.length > 0 && !inp.multiple) {
      const text = msg('problem.fanIn', { port: portName(inp.id), kind: kindName(to.id), add: kindName('Add'), concat: kindName('Concat') });
      error({ code: 'fan-in', msg: text, edgeId: edge.id, nodeId: edge.target });
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
    error({ code: 'cycle', msg: msg('problem.cycle', { nodes: onCycle.join(', ') }), nodeId: id });
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
        error({ code: 'missing-input', msg: msg('problem.missingInput', { port: portName(port.id) }), nodeId: id, port: port.id });
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
      error({ code: e.code, msg: e.msg ?? e.message, nodeId: id, port: e.port, edgeId: edge?.id });
    }
  }

  checkStructure(graph, defs, incoming, problems, error, warn);
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    problems, order, params, outputs, edgeValues, incoming, paramCounts,
  };
}

type Report = (p: ProblemReport) => void;

/** One dataset, loss, optimiser; unused nodes; a step function behind weights without the perceptron rule. */
function checkStructure(graph: Graph, defs: Map<string, NodeDef>, incoming: Map<string, Record<string, GraphEdge[]>>,
  problems: Problem[], error: Report, warn: Report): void {
  const byCategory = (c: string) => graph.nodes.filter((n) => defs.get(n.id)?.category === c);
  const single = (category: string, required: boolean) => {
    const nodes = byCategory(category);
    const role = msg(`problem.role.${category}` as MessageKey);
    if (nodes.length === 0 && required) error({ code: `no-${category.toLowerCase()}`, msg: msg('problem.noRole', { role }) });
    for (const extra of nodes.slice(1)) error({ code: 'duplicate-role', msg: msg('problem.duplicateRole', { role }), nodeId: extra.id });
    return nodes[0];
  };
  single('Data', true);
  const loss = single('Loss', true);
  const optimizer = single('Optimizer', true);
  const training = single('Training', false);
  if (!training) {
    const defaults = TrainingParams.parse({});
    warn({ code: 'no-training', msg: msg('problem.noTraining', { epochs: defaults.epochs, batchSize: defaults.batchSize }) });
  }

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
      warn({ code: 'unused', msg: msg('problem.unused'), nodeId: n.id });
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
      warn({ code: 'zero-gradient', msg: msg('problem.zeroGradient'), nodeId: n.id });
    }
  }
}

/** A short description of an edge's value, for labels and the CLI. */
export function edgeLabel(v: PortValue): string {
  return describePortValue(v);
}
