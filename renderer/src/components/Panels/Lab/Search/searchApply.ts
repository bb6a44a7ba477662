/**
 * A trial applied to the editor's graph as one undoable step: the engine's `applyTrial` says
 * what the graph becomes, and the difference is recorded as `setParams` changes (one per node
 * whose parameters differ), which the editor commits together.
 */
import { lab, type graph as g } from '../../../../../../engine';
import type { GraphChange } from '../../../../store/changes';

/** Same JSON value (parameters are plain data). Key order is ignored. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The `setParams` changes turning `before`'s node parameters into `after`'s. Only parameters
 * change in a trial: nodes added or removed by `after` are not the search's business and are ignored.
 */
export function paramChanges(before: g.Graph, after: g.Graph): GraphChange[] {
  const next = new Map(after.nodes.map((n) => [n.id, n]));
  const changes: GraphChange[] = [];
  for (const node of before.nodes) {
    const to = next.get(node.id);
    if (to && !sameValue(node.params, to.params)) changes.push({ type: 'setParams', id: node.id, from: node.params, to: { ...to.params } });
  }
  return changes;
}

/** The changes that give `graph` a trial's values (empty when it already has them). */
export function trialChanges(graph: g.Graph, values: Readonly<Record<string, number>>): GraphChange[] {
  return paramChanges(graph, lab.applyTrial(graph, { values }));
}
