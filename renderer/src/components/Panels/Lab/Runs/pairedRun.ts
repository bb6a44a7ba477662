/**
 * The paired run without React: which nodes of the user's graph can be changed and how, and the
 * two runs a change makes — the graph as it is and the graph with that one change, both with
 * the graph's own seed. Pure, so it is tested directly.
 */
import { graph as g, i18n, lab } from '../../../../../../engine';
import type { LabRunSpec } from '../../../../lab/runner';
import { describeFields, type FieldDesc } from '../../../Inspector/fields';

export type PairedChange =
  | { readonly mode: 'toggle'; readonly nodeId: string }
  | { readonly mode: 'param'; readonly nodeId: string; readonly param: string; readonly value: unknown };

/** Parameters a paired run never changes: the seed is what keeps the pair comparable; backend and threads do not change results. */
const FIXED_PARAMS = new Set(['seed', 'backend', 'threads']);

/** The parameters of a node a paired run may change: its numbers and choices. */
export function changeableFields(node: g.GraphNode, locale: i18n.Locale): FieldDesc[] {
  const def = g.getNodeDef(node.kind);
  if (!def) return [];
  // Visibility reads the values in effect, defaults included (an unset regularizer is 'none').
  const parsed = def.params.safeParse(node.params);
  const params = parsed.success ? (parsed.data as Record<string, unknown>) : node.params;
  return describeFields(def, locale).filter((f) =>
    !FIXED_PARAMS.has(f.name) && (f.kind === 'number' || f.kind === 'integer' || f.kind === 'enum') && g.isParamVisible(def, f.name, params));
}

/** A node's name in lists and labels: the user's label, else its kind in the UI language with its id. */
export function nodeName(node: g.GraphNode, locale: i18n.Locale): string {
  if (node.label) return node.label;
  const kind = i18n.hasMessage(`node.${node.kind}.label`) ? i18n.nodeLabel(locale, node.kind) : node.kind;
  return `${kind} (${node.id})`;
}

/** A node's current value of `param` (its default when not set). */
export function currentValue(node: g.GraphNode, param: string): unknown {
  if (Object.prototype.hasOwnProperty.call(node.params, param)) return node.params[param];
  const def = g.getNodeDef(node.kind);
  const parsed = def?.params.safeParse(node.params);
  return parsed?.success ? (parsed.data as Record<string, unknown>)[param] : undefined;
}

/** The changed graph. */
export function applyChange(graph: g.Graph, change: PairedChange): g.Graph {
  return change.mode === 'toggle' ? lab.bypassNode(graph, change.nodeId) : lab.setParam(graph, change.nodeId, change.param, change.value);
}

/** The pair: baseline first, then the variant; same seed (the graph's own), one batch. */
export function pairedSpecs(graph: g.Graph, change: PairedChange, batch: string, labels: { baseline: string; variant: string }): LabRunSpec[] {
  const variant = applyChange(graph, change);
  const values = change.mode === 'param' && typeof change.value === 'number' ? { [`${change.nodeId}.${change.param}`]: change.value } : undefined;
  const tag = (v?: Record<string, number>) => ({ experiment: 'paired', batch, ...(v ? { values: v } : {}) });
  return [
    { graph, label: labels.baseline, lab: tag() },
    { graph: variant, label: labels.variant, lab: tag(values) },
  ];
}
