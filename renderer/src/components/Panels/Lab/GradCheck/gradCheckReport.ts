/**
 * What a gradient check's result says, worked out for the table and the timing comparison:
 * each tensor's readable name and size, and how long numerical differentiation would take for
 * one whole gradient if every parameter were checked at the measured pace, and what went wrong
 * when it could not run (as Texts, shown in the reader's language). Pure (Intl and the catalogue).
 */
import type { graph as g, protocol } from '../../../../../../engine';
import { errorText, type Text } from '../../../../i18n';
import { formatCount } from '../../Runs/runsFormat';

/** Elements of a tensor of `shape` (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export interface GradCheckTiming {
  /** Parameters in all checked tensors: what one gradient covers. */
  readonly parameters: number;
  /** Elements differentiated numerically (the sample). */
  readonly checked: number;
  readonly backpropSeconds: number;
  readonly numericalSeconds: number;
  /** Seconds numerical differentiation took per element; null when nothing was checked. */
  readonly perElementSeconds: number | null;
  /** Seconds numerical differentiation would take for every parameter: one gradient. */
  readonly numericalAllSeconds: number | null;
  /** How many times longer that is than backpropagation; null when backprop took no measurable time. */
  readonly ratio: number | null;
}

/**
 * The extrapolation: numerical time per checked element × all parameters, against the
 * backpropagation time (which already covers all parameters). Each element costs two forward
 * passes whatever its tensor, so the pace measured on the sample holds for the rest.
 */
export function extrapolate(result: Pick<protocol.GradCheckResult, 'tensors' | 'backpropSeconds' | 'numericalSeconds'>): GradCheckTiming {
  const parameters = result.tensors.reduce((a, t) => a + elementCount(t.shape), 0);
  const checked = result.tensors.reduce((a, t) => a + t.checked, 0);
  const perElementSeconds = checked > 0 ? result.numericalSeconds / checked : null;
  const numericalAllSeconds = perElementSeconds === null ? null : perElementSeconds * parameters;
  const ratio = numericalAllSeconds !== null && result.backpropSeconds > 0 ? numericalAllSeconds / result.backpropSeconds : null;
  return { parameters, checked, backpropSeconds: result.backpropSeconds, numericalSeconds: result.numericalSeconds, perElementSeconds, numericalAllSeconds, ratio };
}

/**
 * A node's name as the canvas shows it under the kind: its own label, else its id (two Dense
 * layers both called "Dense" would not say which is which); undefined when not in the graph.
 */
export function nodeName(graph: g.Graph, id: string): string | undefined {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? node.label ?? node.id : undefined;
}

/**
 * A tensor named '<nodeId>.<param>' as people read it: the node's name (its label, else its id) and the parameter ('W', 'b', 'gamma'); the raw name when the node is not in the graph.
 */
export function tensorName(name: string, graph: g.Graph): { node: string; param: string } {
  const dot = name.lastIndexOf('.');
  const node = dot > 0 ? nodeName(graph, name.slice(0, dot)) : undefined;
  return node === undefined ? { node: name, param: '' } : { node, param: name.slice(dot + 1) };
}

/** A shape as "784 × 100" with the locale's grouping ("scalar" is the caller's: an empty shape gives ''). */
export function formatShape(shape: readonly number[], locale: string): string {
  return shape.map((d) => formatCount(d, locale)).join(' × ');
}

const UNITS: readonly { unit: string; seconds: number }[] = [
  { unit: 'year', seconds: 365.25 * 86_400 },
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
  { unit: 'millisecond', seconds: 1e-3 },
  { unit: 'microsecond', seconds: 1e-6 },
];

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A duration in the largest unit that keeps it at least 1 ("12.3 ms", "4.1 hr", "2,300 yr"), 3 significant digits, in the locale's words. */
export function formatSeconds(seconds: number, locale: string): string {
  if (!Number.isFinite(seconds)) return formatCount(seconds, locale);
  const a = Math.abs(seconds);
  const { unit, seconds: size } = UNITS.find((u) => a >= u.seconds) ?? UNITS[UNITS.length - 1];
  const key = `${locale}|${unit}`;
  let f = unitFormats.get(key);
  if (!f) unitFormats.set(key, (f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumSignificantDigits: 3 })));
  return f.format(seconds / size);
}

/** A ratio as "×40" or "×12,000" (whole numbers from 10 up, 2 significant digits below). */
export function formatRatio(ratio: number, locale: string): string {
  const digits = ratio >= 10 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(locale, digits).format(ratio);
}

/** One problem of a graph: the name of its node as the canvas shows it (when it has one), and what is wrong. */
export interface ProblemLine {
  readonly node?: string;
  readonly text: Text;
}

/** What went wrong, and the node it belongs to when there is one. Texts, so it follows a language switch. */
export type CheckError =
  /** Found before asking the engine: the graph's first errors (at most three) and how many more it has. */
  | { readonly kind: 'invalid'; readonly problems: readonly ProblemLine[]; readonly more: number; readonly nodeId?: string }
  /** The engine's answer. */
  | { readonly kind: 'engine'; readonly text: Text; readonly nodeId?: string };

/** Graph problems listed by name; the rest are counted. */
const LISTED_PROBLEMS = 3;

/** An engine's rejection (an EngineRequestError carries the engine's `info`) as a CheckError. */
export function engineError(e: unknown): CheckError {
  const text = errorText(e);
  const info = typeof e === 'object' && e !== null && 'info' in e ? (e as { info?: { nodeId?: unknown } }).info : undefined;
  return typeof info?.nodeId === 'string' ? { kind: 'engine', text, nodeId: info.nodeId } : { kind: 'engine', text };
}

/** The graph's errors as one CheckError (the first three, each with its node's name), or null when it is valid. */
export function invalidGraphError(v: Pick<g.Validation, 'ok' | 'problems'>, graph: g.Graph): CheckError | null {
  if (v.ok) return null;
  const errors = v.problems.filter((p) => p.severity === 'error');
  const problems = errors.slice(0, LISTED_PROBLEMS).map((p): ProblemLine => {
    const node = p.nodeId ? nodeName(graph, p.nodeId) : undefined;
    // The problem's catalogue message when it has one, so it reads in the reader's language.
    const text: Text = p.msg ?? p.message;
    return node ? { node, text } : { text };
  });
  const more = Math.max(0, errors.length - LISTED_PROBLEMS);
  return { kind: 'invalid', problems, more, ...(errors[0]?.nodeId ? { nodeId: errors[0].nodeId } : {}) };
}

/**
 * What a CheckError says, in the language of `tm`: the engine's words, or the graph's problems as
 * "node: problem; …" with "(+n)" for those not listed.
 */
export function checkErrorDetail(error: CheckError, tm: (text: Text) => string, locale: string): string {
  if (error.kind === 'engine') return tm(error.text);
  const lines = error.problems.map((p) => (p.node ? `${p.node}: ${tm(p.text)}` : tm(p.text)));
  return lines.join('; ') + (error.more > 0 ? ` (+${formatCount(error.more, locale)})` : '');
}
