/**
 * A message as data: a catalogue key and the values of its `{name}` placeholders, so a text is
 * chosen in the reader's language where it is shown (the renderer, the CLI), not where it
 * arises. Errors, graph problems, data problems and engine errors carry one beside their English
 * `message` (kept for logs and for readers without a catalogue).
 *
 * A value may itself be a Message (a reason inside a sentence, a translated node kind), which is
 * resolved first, in the same language. Pure TypeScript: imports only the English catalogue.
 */
import { en, type MessageKey } from './en';

/** A placeholder's value: text, a number, or another message in the same language. */
export type MessageVar = string | number | Message;

export interface Message {
  readonly key: MessageKey;
  readonly vars?: Readonly<Record<string, MessageVar>>;
}

/** A `{name}` placeholder; the name is an identifier. */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A message of `key` with `vars`: `msg('problem.cycle', { nodes: 'a, b' })`. */
export function msg(key: MessageKey, vars?: Readonly<Record<string, MessageVar>>): Message {
  return vars ? { key, vars } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string'
    && ((value as { vars?: unknown }).vars === undefined || typeof (value as { vars?: unknown }).vars === 'object');
}

/**
 * The vars of `m` with every Message value replaced by its text from `render` (recursively), so
 * the result only holds strings and numbers.
 */
export function resolveVars(
  m: Message,
  render: (inner: Message) => string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(m.vars ?? {})) out[name] = isMessage(value) ? render(value) : value;
  return out;
}

/**
 * The English text of `m`, without the missing-key checks of `translate` (errors are built with
 * it, and an error must never throw while being built): a missing key gives the key, a missing
 * value leaves its placeholder.
 */
export function englishText(m: Message): string {
  const table = en as Readonly<Record<string, string>>;
  const text = Object.prototype.hasOwnProperty.call(table, m.key) ? table[m.key] : m.key;
  const vars = resolveVars(m, englishText);
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}

/** The message of an error thrown by DeepWire, when it has one. */
export function messageOfError(e: unknown): Message | undefined {
  const m = typeof e === 'object' && e !== null ? (e as { msg?: unknown }).msg : undefined;
  return isMessage(m) ? m : undefined;
}
