/**
 * Validation of the current graph, recomputed only when its structure (kinds, parameters,
 * edges) changes — not while nodes are dragged.
 */
import { useEditor } from '../store/editorStore';
import { graph as g } from '../../../engine';

let last: { graph: g.Graph; validation: g.Validation } | null = null;

function sameStructure(a: g.Graph, b: g.Graph): boolean {
  return a.edges === b.edges && a.nodes.length === b.nodes.length &&
    a.nodes.every((n, i) => n.id === b.nodes[i].id && n.kind === b.nodes[i].kind && n.params === b.nodes[i].params);
}

export function validationOf(graph: g.Graph): g.Validation {
  if (!last || (last.graph !== graph && !sameStructure(last.graph, graph))) {
    last = { graph, validation: g.validateGraph(graph) };
  }
  return last.validation;
}

export function useValidation(): g.Validation {
  return validationOf(useEditor((s) => s.graph));
}
