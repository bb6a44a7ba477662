/**
 * Whether a new connection may be made, and if not, why — checked as the user drags a wire, so
 * a wrong connection is refused on the spot with a reason ("Dense expects (batch, features),
 * got (batch, 28, 28, 1) — add Flatten").
 */
import { englishText, msg, type Message } from '../i18n/message';
import { kindName, portName } from './problemText';
import { getNodeDef } from './registry';
import type { Graph, GraphEdge } from './schema';
import type { PortType } from './types';
import { validateGraph } from './validate';

export interface ConnectionRequest {
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

export type ConnectionCheck =
  | { readonly ok: true; readonly replaces?: string }
  /** `reason` is the English text of `msg`, which the editor shows in the reader's language. */
  | { readonly ok: false; readonly code: string; readonly reason: string; readonly msg: Message };

function refuse(code: string, text: Message): ConnectionCheck {
  return { ok: false, code, reason: englishText(text), msg: text };
}

/**
 * Checks connecting `req` in `graph`. Connecting into a single-input port that is already taken
 * is allowed and replaces the old wire (`replaces` names it), as node editors do.
 */
export function checkConnection(graph: Graph, req: ConnectionRequest): ConnectionCheck {
  const source = graph.nodes.find((n) => n.id === req.source);
  const target = graph.nodes.find((n) => n.id === req.target);
  const sDef = source && getNodeDef(source.kind);
  const tDef = target && getNodeDef(target.kind);
  if (!sDef || !tDef) return refuse('unknown-node', msg('problem.connect.unknownNode'));
  const out = sDef.outputs.find((p) => p.id === req.sourcePort);
  const inp = tDef.inputs.find((p) => p.id === req.targetPort);
  if (!out || !inp) return refuse('unknown-port', msg('problem.connect.unknownPort'));
  if (req.source === req.target) return refuse('cycle', msg('problem.selfLoop'));
  if (out.type !== inp.type) {
    return refuse('port-type', msg('problem.connect.portType', {
      source: kindName(sDef.id), sourcePort: portName(out.id), sourceNoun: portNoun(out.type),
      target: kindName(tDef.id), targetPort: portName(inp.id), targetNoun: portNoun(inp.type),
    }));
  }
  if (graph.edges.some((e) => e.source === req.source && e.sourcePort === req.sourcePort && e.target === req.target && e.targetPort === req.targetPort)) {
    return refuse('duplicate', msg('problem.connect.duplicate'));
  }
  if (reaches(graph, req.target, req.source)) {
    return refuse('cycle', msg('problem.connect.cycle', { target: target!.id, source: source!.id }));
  }
  const replaced = inp.multiple ? undefined : graph.edges.find((e) => e.target === req.target && e.targetPort === req.targetPort);
  const edge: GraphEdge = { id: '__candidate__', ...req };
  const candidate: Graph = { nodes: graph.nodes, edges: [...graph.edges.filter((e) => e !== replaced), edge] };
  // Refuse when the target can no longer infer its output because of this input.
  const v = validateGraph(candidate);
  const problem = v.problems.find((p) => p.severity === 'error' && p.nodeId === req.target &&
    ['shape', 'loss-mismatch'].includes(p.code) && (p.port === undefined || p.port === req.targetPort));
  if (problem) return refuse(problem.code, msg('problem.connect.refused', { kind: kindName(tDef.id), problem: problem.msg ?? problem.message }));
  return replaced ? { ok: true, replaces: replaced.id } : { ok: true };
}

/** What a port of `type` carries, as a noun: 'a tensor', 'the targets (y)', 'a loss'. */
function portNoun(type: PortType): Message {
  return msg(`problem.noun.${type}`);
}

/** Whether `from` reaches `to` along edges. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
