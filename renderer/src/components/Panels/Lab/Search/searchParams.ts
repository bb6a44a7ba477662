/**
 * The rows of the search's parameter table: a sensible range for a parameter someone adds, what
 * is wrong with a row as typed, and the name a row reads by in the UI language. Pure.
 */
import { i18n, type graph as g, type lab } from '../../../../../../engine';

/** One entry of `lab.searchableParams(graph)`. */
export type Searchable = ReturnType<typeof lab.searchableParams>[number];

/** The pseudo-parameter for L2 weight decay on every layer (not a single node's parameter). */
export const WEIGHT_DECAY = 'weightDecay';

/** Why a row cannot be searched as typed (a message key suffix), or null when it can. */
export type ParamProblem = 'notFinite' | 'range' | 'logPositive' | 'missing';

/**
 * A first range for a parameter added from the list: a decade either side of its value on a log
 * scale for a positive rate-like number, half to double for a whole number, the registry's
 * bounds for a bounded fraction (dropout rate, momentum) — always inside the registry's bounds.
 */
export function paramFor(entry: Searchable): lab.SearchParam {
  const { id, value, integer } = entry;
  const lowBound = entry.min ?? Number.NEGATIVE_INFINITY;
  const highBound = entry.max ?? Number.POSITIVE_INFINITY;
  if (integer) {
    const min = Math.max(lowBound, value > 0 ? Math.max(1, Math.floor(value / 2)) : 0);
    const max = Math.min(highBound, Math.max(min + 1, value > 0 ? Math.ceil(value * 2) : 10));
    return { id, min, max, scale: 'linear', integer: true };
  }
  // A parameter bounded on both sides within a unit range is a fraction: search all of it, linearly.
  // (Not a tiny constant in a wide range, like Adam's ε = 1e-8 in 0…1: that one is searched on a log scale.)
  if (entry.min !== undefined && entry.max !== undefined && entry.max - entry.min <= 1 && value >= (entry.max - entry.min) / 100) {
    return { id, min: entry.min, max: entry.max, scale: 'linear' };
  }
  if (value > 0) {
    const min = Math.max(value / 10, lowBound);
    const max = Math.min(value * 10, highBound);
    if (min > 0 && min < max) return { id, min, max, scale: 'log' };
  }
  const min = Number.isFinite(lowBound) ? lowBound : 0;
  const max = Number.isFinite(highBound) ? highBound : Math.max(min + 1, value * 2);
  return { id, min, max, scale: 'linear' };
}

/** The row for weight decay when someone adds it back: the course's range. */
export function weightDecayParam(): lab.SearchParam {
  return { id: WEIGHT_DECAY, min: 1e-8, max: 1e-4, scale: 'log' };
}

/** What stops `p` from being searched; `known` holds the ids the graph still has. */
export function paramProblem(p: lab.SearchParam, known: ReadonlySet<string>): ParamProblem | null {
  if (p.id !== WEIGHT_DECAY && !known.has(p.id)) return 'missing';
  if (!Number.isFinite(p.min) || !Number.isFinite(p.max)) return 'notFinite';
  if (!(p.min < p.max)) return 'range';
  if (p.scale === 'log' && p.min <= 0) return 'logPositive';
  return null;
}

/** A node id and parameter name from a '<nodeId>.<param>' id (node ids may contain dots, parameter names do not). */
export function splitParamId(id: string): { nodeId: string; param: string } | null {
  const dot = id.lastIndexOf('.');
  return dot > 0 && dot < id.length - 1 ? { nodeId: id.slice(0, dot), param: id.slice(dot + 1) } : null;
}

type T = (key: string, vars?: Record<string, unknown>) => string;

/** A parameter as people read it: the node's name as the canvas shows it (its label, else its id) and the parameter's label ("hidden1 · Units"), or weight decay's own name. */
export function paramName(id: string, graph: g.Graph, locale: i18n.Locale, t: T): string {
  if (id === WEIGHT_DECAY) return t('lab.search.param.weightDecay');
  const parts = splitParamId(id);
  const node = parts ? graph.nodes.find((n) => n.id === parts.nodeId) : undefined;
  if (!parts || !node) return id;
  return t('lab.search.paramName', {
    node: node.label ?? node.id,
    param: i18n.paramLabel(locale, node.kind, parts.param),
  });
}

/** Per-row settings editable in the table (all but the id). */
export type ParamPatch = Partial<Omit<lab.SearchParam, 'id'>>;

/** `params` with the row `id` changed; a switch to log scale lifts a start at or below 0 to a decade under the end. */
export function patchParam(params: readonly lab.SearchParam[], id: string, patch: ParamPatch): lab.SearchParam[] {
  return params.map((p) => {
    if (p.id !== id) return p;
    const next = { ...p, ...patch };
    if (patch.scale === 'log' && p.scale !== 'log' && next.min <= 0 && next.max > 0) next.min = next.max / 1000;
    return next;
  });
}
