/**
 * Whether a new connection may be made, and if not, why — checked as the user drags a wire, so
 * a wrong connection is refused on the spot with a reason ("Dense expects (batch, features),
 * got (batch, 28, 28, 1) — add Flatten").
 */
import { getNodeDef } from './registry';
import type { Graph, GraphEdge } from './schema';
import { validateGraph } from './validate';

export interface ConnectionRequest {
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

export type ConnectionCheck =
  | { readonly ok: true; readonly replaces?: string }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * Checks connecting `req` in `graph`. Connecting into a single-input port that is already taken
 * is allowed and replaces the old wire (`replaces` names it), as node editors do.
 */
export function checkConnection(graph: Graph, req: ConnectionRequest): ConnectionCheck {
  const source = graph.nodes.find((n) => n.id === req.source);
  const target = graph.nodes.find((n) => n.id === req.target);
  const sDef = source && getNodeDef(source.kind);
  const tDef = target && getNodeDef(target.kind);
  if (!sDef || !tDef) return { ok: false, code: 'unknown-node', reason: 'one end of this connection is not a known node' };
  const out = sDef.outputs.find((p) => p.id === req.sourcePort);
  const inp = tDef.inputs.find((p) => p.id === req.targetPort);
  if (!out || !inp) return { ok: false, code: 'unknown-port', reason: 'that port does not exist' };
  if (req.source === req.target) return { ok: false, code: 'cycle', reason: 'a node cannot feed itself' };
  if (out.type !== inp.type) {
    return { ok: false, code: 'port-type', reason: `${sDef.id} '${out.id}' carries ${portNoun(out.type)}, but ${tDef.id} '${inp.id}' takes ${portNoun(inp.type)}` };
  }
  if (graph.edges.some((e) => e.source === req.source && e.sourcePort === req.sourcePort && e.target === req.target && e.targetPort === req.targetPort)) {
    return { ok: false, code: 'duplicate', reason: 'these ports are already connected' };
  }
  if (reaches(graph, req.target, req.source)) {
    return { ok: false, code: 'cycle', reason: `${target!.id} already feeds ${source!.id}: this connection would make a cycle` };
  }
  const replaced = inp.multiple ? undefined : graph.edges.find((e) => e.target === req.target && e.targetPort === req.targetPort);
  const edge: GraphEdge = { id: '__candidate__', ...req };
  const candidate: Graph = { nodes: graph.nodes, edges: [...graph.edges.filter((e) => e !== replaced), edge] };
  // Refuse when the target can no longer infer its output because of this input.
  const v = validateGraph(candidate);
  const problem = v.problems.find((p) => p.severity === 'error' && p.nodeId === req.target &&
    ['shape', 'loss-mismatch'].includes(p.code) && (p.port === undefined || p.port === req.targetPort));
  if (problem) return { ok: false, code: problem.code, reason: `${tDef.id} ${problem.message}` };
  return replaced ? { ok: true, replaces: replaced.id } : { ok: true };
}

function portNoun(type: string): string {
  return type === 'tensor' ? 'a tensor' : type === 'target' ? 'the targets (y)' : 'a loss';
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
