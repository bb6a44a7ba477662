/**
 * One parameter edit, decided before it reaches the store: the node's raw parameters (only the
 * values someone set; defaults stay implicit) with one value replaced, checked against the
 * kind's schema. A value the schema refuses is not applied; the reason goes back to the field.
 */
import type { z } from 'zod';
import type { graph as g } from '../../../../engine';
import { tmsg, type Text } from '../../i18n';
import { inEnglish } from '../../i18n/TextError';

export type ParamEdit =
  | { readonly kind: 'change'; readonly to: Record<string, unknown> }
  /** The parameter already has this value (set, or by default): nothing to record. */
  | { readonly kind: 'same' }
  /** Refused: why, as a Text to show in the reader's language (`text`) and in English (`message`). */
  | { readonly kind: 'invalid'; readonly message: string; readonly text: Text };

/**
 * Why the schema refused a value, as a catalogue message for the refusals a field can meet
 * (limits, whole numbers, types, choices); anything else keeps the schema's own words.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return tmsg(issue.inclusive ? 'app.param.atLeast' : 'app.param.above', { limit: Number(issue.minimum) });
      break;
    case 'too_big':
      if (issue.origin === 'number') return tmsg(issue.inclusive ? 'app.param.atMost' : 'app.param.below', { limit: Number(issue.maximum) });
      if (issue.origin === 'string') return tmsg('app.param.tooLong', { limit: Number(issue.maximum) });
      break;
    case 'invalid_type':
      if (issue.expected === 'int') return tmsg('app.param.integer');
      if (issue.expected === 'number') return tmsg('app.param.number');
      if (issue.expected === 'string') return tmsg('app.param.text');
      break;
    case 'invalid_value':
      return tmsg('app.param.choice', { values: issue.values.map(String).join(', ') });
  }
  return issue.message;
}

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
    if (issue) {
      const text = issueText(issue);
      return { kind: 'invalid', message: inEnglish(text), text };
    }
  }
  return { kind: 'change', to };
}

/** The number typed in a field: NaN for an empty box, so the schema names the problem. */
export function parseNumberText(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}
