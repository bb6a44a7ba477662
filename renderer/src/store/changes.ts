/**
 * Graph edits as plain change objects, applied by pure functions. Every change carries what its
 * inverse needs (a removed node travels whole; a move knows where it came from), so undo is the
 * reversed diff (tldraw's way) and redo re-applies it.
 */
import type { graph } from '../../../engine';

type Graph = graph.Graph;
type GraphNode = graph.GraphNode;
type GraphEdge = graph.GraphEdge;
export type Position = { x: number; y: number };

export type GraphChange =
  | { type: 'addNode'; node: GraphNode; index?: number }
  | { type: 'removeNode'; node: GraphNode; index?: number }
  | { type: 'moveNode'; id: string; from: Position; to: Position }
  | { type: 'setParams'; id: string; from: Record<string, unknown>; to: Record<string, unknown> }
  | { type: 'setLabel'; id: string; from: string | undefined; to: string | undefined }
  | { type: 'addEdge'; edge: GraphEdge; index?: number }
  | { type: 'removeEdge'; edge: GraphEdge; index?: number };

/** The change that undoes `c`. */
export function invert(c: GraphChange): GraphChange {
  switch (c.type) {
    case 'addNode':
      return { type: 'removeNode', node: c.node, index: c.index };
    case 'removeNode':
      return { type: 'addNode', node: c.node, index: c.index };
    case 'moveNode':
      return { ...c, from: c.to, to: c.from };
    case 'setParams':
      return { ...c, from: c.to, to: c.from };
    case 'setLabel':
      return { ...c, from: c.to, to: c.from };
    case 'addEdge':
      return { type: 'removeEdge', edge: c.edge, index: c.index };
    case 'removeEdge':
      return { type: 'addEdge', edge: c.edge, index: c.index };
  }
}

function mapNode(g: Graph, id: string, f: (n: GraphNode) => GraphNode): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

/** `list` with `item` inserted at `index` (the end when absent), so undo restores order too. */
function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const out = [...list];
  out.splice(index === undefined ? out.length : Math.min(index, out.length), 0, item);
  return out;
}

/** The graph after `c` (a new object; `g` is never mutated). */
export function applyChange(g: Graph, c: GraphChange): Graph {
  switch (c.type) {
    case 'addNode':
      return { ...g, nodes: insertAt(g.nodes, c.node, c.index) };
    case 'removeNode':
      return { ...g, nodes: g.nodes.filter((n) => n.id !== c.node.id) };
    case 'moveNode':
      return mapNode(g, c.id, (n) => ({ ...n, position: { ...c.to } }));
    case 'setParams':
      return mapNode(g, c.id, (n) => ({ ...n, params: { ...c.to } }));
    case 'setLabel':
      return mapNode(g, c.id, (n) => {
        const { label: _old, ...rest } = n;
        return c.to === undefined ? rest : { ...rest, label: c.to };
      });
    case 'addEdge':
      return { ...g, edges: insertAt(g.edges, c.edge, c.index) };
    case 'removeEdge':
      return { ...g, edges: g.edges.filter((e) => e.id !== c.edge.id) };
  }
}

export function applyChanges(g: Graph, changes: readonly GraphChange[]): Graph {
  return changes.reduce(applyChange, g);
}

/** The changes that undo `changes` (inverses in reverse order). */
export function invertAll(changes: readonly GraphChange[]): GraphChange[] {
  return [...changes].reverse().map(invert);
}

/**
 * Changes removing nodes `ids`, edges `edgeIds` and every edge touching those nodes. Each removal
 * records its index (taken in the order the removals apply), so undo restores the exact order —
 * which matters for the inputs of Concat.
 */
export function removeNodesChanges(g: Graph, ids: ReadonlySet<string>, edgeIds: ReadonlySet<string> = new Set()): GraphChange[] {
  const changes: GraphChange[] = [];
  const edges = g.edges.map((edge, index) => ({ edge, index })).filter(({ edge }) => edgeIds.has(edge.id) || ids.has(edge.source) || ids.has(edge.target));
  // Remove from the back so each recorded index is the item's index at the time it is removed.
  for (const { edge, index } of edges.reverse()) changes.push({ type: 'removeEdge', edge, index });
  const nodes = g.nodes.map((node, index) => ({ node, index })).filter(({ node }) => ids.has(node.id));
  for (const { node, index } of nodes.reverse()) changes.push({ type: 'removeNode', node, index });
  return changes;
}

/** A fresh id `<base><n>` not used in `taken`. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_.-]/g, '').replace(/\d+$/, '') || 'node';
  for (let i = 1; ; i++) {
    const id = `${stem}${i}`;
    if (!taken.has(id)) return id;
  }
}
