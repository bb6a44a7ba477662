/**
 * Copy and paste of sub-graphs: the selected nodes and the edges between them, pasted with fresh
 * ids (so a paste never collides, within or across projects) and offset positions. The clipboard
 * is plain JSON, so it also travels through the system clipboard between windows.
 */
import type { graph } from '../../../engine';
import { freshId, type GraphChange, type Position } from './changes';

type Graph = graph.Graph;

export interface Clipboard {
  readonly format: 'deepwire-clipboard';
  readonly nodes: graph.GraphNode[];
  readonly edges: graph.GraphEdge[];
}

/** The selected nodes and the edges with both ends selected; null when nothing is selected. */
export function copySelection(g: Graph, selected: ReadonlySet<string>): Clipboard | null {
  const nodes = g.nodes.filter((n) => selected.has(n.id));
  if (nodes.length === 0) return null;
  const edges = g.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  return structuredClone({ format: 'deepwire-clipboard', nodes, edges });
}

/** Changes adding `clip` to `g` with fresh ids, offset by (dx, dy) or centred at `at`. */
export function pasteChanges(g: Graph, clip: Clipboard, placement: { dx: number; dy: number } | { at: Position }): { changes: GraphChange[]; nodeIds: string[] } {
  const taken = new Set([...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)]);
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = freshId(n.id, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  let dx: number;
  let dy: number;
  if ('at' in placement) {
    const minX = Math.min(...clip.nodes.map((n) => n.position.x));
    const minY = Math.min(...clip.nodes.map((n) => n.position.y));
    dx = placement.at.x - minX;
    dy = placement.at.y - minY;
  } else {
    ({ dx, dy } = placement);
  }
  const changes: GraphChange[] = clip.nodes.map((n) => ({
    type: 'addNode',
    node: { ...structuredClone(n), id: rename.get(n.id)!, position: { x: n.position.x + dx, y: n.position.y + dy } },
  }));
  for (const e of clip.edges) {
    const id = freshId('e', taken);
    taken.add(id);
    changes.push({ type: 'addEdge', edge: { ...e, id, source: rename.get(e.source)!, target: rename.get(e.target)! } });
  }
  return { changes, nodeIds: [...rename.values()] };
}
