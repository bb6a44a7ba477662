/**
 * From a node kind's parameter schema to the inspector's form fields. The registry's zod schema
 * is the one declaration of each parameter (type, default, range, choices); this module reads it
 * through `z.toJSONSchema` and adds the editor hints (`def.ui`) and the texts of `locale`.
 */
import { z } from 'zod';
import { graph as g, i18n } from '../../../../engine';

export type FieldKind = 'enum' | 'boolean' | 'number' | 'integer' | 'string';

/** An enum parameter's allowed value and its label. */
export interface FieldOption {
  readonly value: string | number | boolean | null;
  readonly label: string;
}

/** One parameter as the inspector shows it. */
export interface FieldDesc {
  readonly name: string;
  readonly kind: FieldKind;
  /** Lower bound; `exclusiveMin` when the value must be strictly greater (`.gt`). */
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  /** Spinner step: 1 for integers, a fitting power of ten for bounded numbers. */
  readonly step?: number;
  /** Shown with a log-scale slider (learning rates, λ, ε); see `logRange`. */
  readonly log?: boolean;
  readonly unit?: string;
  /** A `%` unit on a fraction (0.2 = 20 %): the value stays a fraction, a percentage is shown beside it. */
  readonly fraction?: boolean;
  readonly maxLength?: number;
  readonly options?: readonly FieldOption[];
  readonly default: unknown;
  readonly label: string;
  readonly help: string;
}

interface JsonProp {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
}

type Option = FieldOption['value'];

function isOptionValue(v: unknown): v is Option {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function kindOf(p: JsonProp): FieldKind {
  if (Array.isArray(p.enum) || p.const !== undefined) return 'enum';
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
  if (type === 'boolean' || type === 'integer' || type === 'number') return type;
  // Strings, and anything the form has no widget for: the schema still judges what is typed.
  return 'string';
}

/** `.int()` alone bounds a number by ±2^53−1; that is no range a person needs to see. */
function bound(v: number | undefined): number | undefined {
  return v === undefined || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? undefined : v;
}

/** 10ⁿ exactly (`10 ** -5` is 0.000009999999999999999 in floating point). */
function pow10(n: number): number {
  return Number(`1e${n}`);
}

/** Decimal places of `x` (0.999 → 3, 1e-8 → 8), at most 12. */
function decimals(x: number): number {
  let d = 0;
  while (d < 12 && Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) > 1e-9) d++;
  return d;
}

/** A spinner step for a non-integer number: a hundredth-ish of its range, fine enough for its default. */
function floatStep(min: number | undefined, max: number | undefined, dflt: unknown): number | undefined {
  const steps: number[] = [];
  if (min !== undefined && max !== undefined && max > min) steps.push(pow10(Math.floor(Math.log10(max - min)) - 1));
  if (typeof dflt === 'number' && dflt !== 0 && Number.isFinite(dflt)) steps.push(pow10(-decimals(dflt)));
  return steps.length ? Math.min(...steps) : undefined;
}

function describe(def: g.NodeDef, name: string, p: JsonProp, locale: i18n.Locale): FieldDesc {
  const ui = (def.ui as Record<string, g.ParamUi | undefined> | undefined)?.[name];
  const kind = kindOf(p);
  const base = {
    name, kind, default: p.default,
    label: i18n.paramLabel(locale, def.id, name),
    help: i18n.paramHelp(locale, def.id, name),
    ...(ui?.unit !== undefined && { unit: ui.unit }),
  };
  if (kind === 'enum') {
    const values = (p.enum ?? [p.const]).filter(isOptionValue);
    return {
      ...base,
      options: values.map((value) => ({ value, label: i18n.optionLabel(locale, name, String(value)) })),
    };
  }
  if (kind === 'integer' || kind === 'number') {
    const exclusiveMin = p.exclusiveMinimum !== undefined;
    const exclusiveMax = p.exclusiveMaximum !== undefined;
    const min = bound(p.exclusiveMinimum ?? p.minimum);
    const max = bound(p.exclusiveMaximum ?? p.maximum);
    const log = kind === 'number' && !!ui?.log;
    const step = kind === 'integer' ? 1 : log ? undefined : floatStep(min, max, p.default);
    return {
      ...base,
      ...(min !== undefined && { min, ...(exclusiveMin && { exclusiveMin }) }),
      ...(max !== undefined && { max, ...(exclusiveMax && { exclusiveMax }) }),
      ...(step !== undefined && { step }),
      ...(log && { log }),
      ...(ui?.unit === '%' && max !== undefined && max <= 1 && { fraction: true }),
    };
  }
  return { ...base, ...(kind === 'string' && p.maxLength !== undefined && { maxLength: p.maxLength }) };
}

const cache = new WeakMap<g.NodeDef, Map<i18n.Locale, readonly FieldDesc[]>>();

/**
 * The form fields of `def`'s parameters, in schema order, with the texts of `locale`.
 * Cached per kind and locale (the registry's declarations never change).
 */
export function describeFields(def: g.NodeDef, locale: i18n.Locale): readonly FieldDesc[] {
  let perLocale = cache.get(def);
  if (!perLocale) cache.set(def, (perLocale = new Map()));
  let fields = perLocale.get(locale);
  if (!fields) {
    const schema = z.toJSONSchema(def.params, { unrepresentable: 'any' }) as { properties?: Record<string, JsonProp> };
    // Hidden parameters are set by a kind's own editor (a data node's files), not by a form field.
    const hidden = (name: string) => (def.ui as Record<string, g.ParamUi | undefined> | undefined)?.[name]?.hidden === true;
    fields = Object.entries(schema.properties ?? {}).filter(([name]) => !hidden(name)).map(([name, p]) => describe(def, name, p, locale));
    perLocale.set(locale, fields);
  }
  return fields;
}

/** The defaults of every field, by name. */
export function fieldDefaults(fields: readonly FieldDesc[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
}

/**
 * The span of a log slider: the field's own bounds where they are positive and at most 1, else
 * from 10⁻⁵ (or two decades under the default, if lower) up to 1 (or the decade over the
 * default, if higher). Learning rates get 10⁻⁵…1; the number box still takes the full range.
 */
export function logRange(f: FieldDesc): { lo: number; hi: number } {
  const dflt = typeof f.default === 'number' && f.default > 0 ? f.default : undefined;
  const lo = f.min !== undefined && f.min > 0 ? f.min : Math.min(1e-5, dflt !== undefined ? pow10(Math.floor(Math.log10(dflt)) - 2) : 1e-5);
  const wanted = Math.max(1, dflt !== undefined ? pow10(Math.ceil(Math.log10(dflt))) : 1);
  const hi = f.max !== undefined ? Math.min(f.max, wanted) : wanted;
  return { lo, hi: Math.max(hi, lo * 10) };
}

/** Slider steps per decade. */
export const LOG_STEPS_PER_DECADE = 20;

/** A slider position (log₁₀ of the value) from a value, clamped to the slider's span. */
export function toLogPosition(value: number, range: { lo: number; hi: number }): number {
  const v = Number.isFinite(value) && value > 0 ? value : range.lo;
  return Math.log10(Math.min(range.hi, Math.max(range.lo, v)));
}

/** The value at a slider position, rounded to two significant digits (0.0043, not 0.004266). */
export function fromLogPosition(position: number, range: { lo: number; hi: number }): number {
  const v = Number((10 ** position).toPrecision(2));
  return Math.min(range.hi, Math.max(range.lo, v));
}

/** A number for people: grouped digits in `locale`, tiny ones in exponent form (1e-8). */
export function formatNumber(x: number, locale: i18n.Locale): string {
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential().replace(/\.?0+e/, 'e').replace('e-', 'e−');
  return x.toLocaleString(locale, { maximumSignificantDigits: 6 });
}

/** The allowed range in math notation (`(0, 100]`, `≥ 1`), or undefined when unbounded. */
export function rangeText(f: FieldDesc, locale: i18n.Locale): string | undefined {
  const lo = f.min !== undefined ? formatNumber(f.min, locale) : undefined;
  const hi = f.max !== undefined ? formatNumber(f.max, locale) : undefined;
  if (lo !== undefined && hi !== undefined) return `${f.exclusiveMin ? '(' : '['}${lo}, ${hi}${f.exclusiveMax ? ')' : ']'}`;
  if (lo !== undefined) return `${f.exclusiveMin ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${f.exclusiveMax ? '<' : '≤'} ${hi}`;
  return undefined;
}
