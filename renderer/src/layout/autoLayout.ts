/**
 * Auto-layout of the whole graph with elkjs (layered, left to right), as one undoable step.
 */
import type { graph as g } from '../../../engine';
import type { GraphChange } from '../store/changes';

// elkjs is large; it loads the first time someone asks for a layout.
let elk: Promise<{ layout: (graph: ElkGraph) => Promise<ElkGraph> }> | null = null;
interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: { id: string; width?: number; height?: number; x?: number; y?: number }[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
}
const NODE_W = 190;
const NODE_H = 90;

/** Move changes that lay `graph` out in layers from data to loss. */
export async function layoutChanges(graph: g.Graph): Promise<GraphChange[]> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK() as unknown as { layout: (graph: ElkGraph) => Promise<ElkGraph> });
  const result = await (await elk).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: NODE_W, height: NODE_H })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const changes: GraphChange[] = [];
  for (const child of result.children ?? []) {
    const node = graph.nodes.find((n) => n.id === child.id);
    if (!node || child.x === undefined || child.y === undefined) continue;
    const to = { x: Math.round(child.x), y: Math.round(child.y) };
    if (to.x !== node.position.x || to.y !== node.position.y) changes.push({ type: 'moveNode', id: node.id, from: node.position, to });
  }
  return changes;
}
