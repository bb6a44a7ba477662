/**
 * One parameter edit, decided before it reaches the store: the node's raw parameters (only the
 * values someone set; defaults stay implicit) with one value replaced, checked against the
 * kind's schema. A value the schema refuses is not applied; the reason goes back to the field.
 */
import type { graph as g } from '../../../../engine';

export type ParamEdit =
  | { readonly kind: 'change'; readonly to: Record<string, unknown> }
  /** The parameter already has this value (set, or by default): nothing to record. */
  | { readonly kind: 'same' }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * The raw parameters after setting `name` to `value` on a node of `def` whose raw parameters are
 * `raw`. Refused only for problems with `name` itself, so a file with another bad value can still
 * be repaired one field at a time (that value's problem shows with the node's problems).
 */
export function editParam(def: g.NodeDef, raw: Readonly<Record<string, unknown>>, name: string, value: unknown): ParamEdit {
  const before = def.params.safeParse(raw);
  const current = Object.prototype.hasOwnProperty.call(raw, name) ? raw[name]
    : before.success ? (before.data as Record<string, unknown>)[name] : undefined;
  if (Object.is(current, value)) return { kind: 'same' };
  const to = { ...raw, [name]: value };
  const after = def.params.safeParse(to);
  if (!after.success) {
    const own = after.error.issues.filter((i) => i.path[0] === name || (before.success && i.path.length === 0));
    const issue = own[0] ?? (before.success ? after.error.issues[0] : undefined);
    if (issue) return { kind: 'invalid', message: issue.message };
  }
  return { kind: 'change', to };
}

/** The number typed in a field: NaN for an empty box, so the schema names the problem. */
export function parseNumberText(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}
