/**
 * A compact way to write graphs in code (examples, tests): nodes as [id, kind, params] and wires
 * as 'source.port -> target.port'. Nodes are laid out left to right in the order given.
 */
import { ArgumentError } from '../core/errors';
import type { Graph } from './schema';

export type NodeSpec = readonly [id: string, kind: string, params?: Record<string, unknown>];

export function makeGraph(nodes: readonly NodeSpec[], wires: readonly string[]): Graph {
  return {
    nodes: nodes.map(([id, kind, params = {}], i) => ({ id, kind, position: { x: i * 220, y: (i % 2) * 60 }, params })),
    edges: wires.map((w, i) => {
      const m = /^\s*([\w.-]+)\.(\w+)\s*->\s*([\w.-]+)\.(\w+)\s*$/.exec(w);
      if (!m) throw new ArgumentError(`makeGraph: '${w}' is not of the form 'a.port -> b.port'`);
      return { id: `e${i + 1}`, source: m[1], sourcePort: m[2], target: m[3], targetPort: m[4] };
    }),
  };
}
