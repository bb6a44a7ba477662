/**
 * A compact way to write graphs in code (examples, tests): nodes as [id, kind, params] and wires
 * as 'source.port -> target.port'. Nodes are laid out in rows of five, in the order given.
 */
import { ArgumentError } from '../core/errors';
import type { Graph } from './schema';

/** Nodes per row of the default layout. */
const ROW = 5;

export type NodeSpec = readonly [id: string, kind: string, params?: Record<string, unknown>];

export function makeGraph(nodes: readonly NodeSpec[], wires: readonly string[]): Graph {
  return {
    nodes: nodes.map(([id, kind, params = {}], i) => ({ id, kind, position: { x: (i % ROW) * 240, y: Math.floor(i / ROW) * 170 }, params })),
    edges: wires.map((w, i) => {
      const m = /^\s*([\w.-]+)\.(\w+)\s*->\s*([\w.-]+)\.(\w+)\s*$/.exec(w);
      if (!m) throw new ArgumentError(`makeGraph: '${w}' is not of the form 'a.port -> b.port'`);
      return { id: `e${i + 1}`, source: m[1], sourcePort: m[2], target: m[3], targetPort: m[4] };
    }),
  };
}
