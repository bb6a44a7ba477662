/**
 * DeepWire's message catalogue: every user-facing text in English and Korean, keyed by stable
 * ids (see en.ts for the key scheme), with small helpers that look up a node kind's, a
 * parameter's, an option's, a port's or a category's text.
 *
 * Pure TypeScript for the engine core: no DOM, no Node, no i18n library. The renderer can load
 * `catalogues` into i18next as flat resources (`keySeparator: false`, `nsSeparator: false`,
 * interpolation prefix `{` and suffix `}`).
 *
 * A missing key is a bug: under a test runner (Vitest, NODE_ENV=test) `translate` throws, so a
 * test shows it at once; otherwise it falls back to English, then to the key itself, so a user
 * never sees a crash for a missing text. `setMissingMessagePolicy` overrides the choice.
 */
import { DeepWireError } from '../core/errors';
import { en, type MessageKey } from './en';
import { ko } from './ko';
import { PLACEHOLDER, resolveVars, type Message } from './message';

export { en, ko };
export type { MessageKey };

export type Locale = 'en' | 'ko';

/** Every locale the app ships, English (the fallback) first. */
export const LOCALES: readonly Locale[] = ['en', 'ko'];

/** Each language's name in that language, for the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' };

export type Catalogue = Readonly<Record<MessageKey, string>>;

/** The catalogue of each locale. */
export const catalogues: Readonly<Record<Locale, Catalogue>> = { en, ko };

/** Values for `{name}` placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;

export { PLACEHOLDER, englishText, isMessage, messageOfError, msg, resolveVars } from './message';
export type { Message, MessageVar } from './message';

export type MissingMessagePolicy = 'throw' | 'fallback';

/** Thrown (under the 'throw' policy) for a missing key or a placeholder without a value. */
export class MissingMessageError extends DeepWireError {
  constructor(message: string, readonly key: string, readonly locale: Locale) {
    super(message);
  }
}

function runningUnderTest(): boolean {
  // Read through globalThis: the engine core has no Node types, and a browser has no `process`.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return !!env && (!!env.VITEST || env.NODE_ENV === 'test');
}

let policy: MissingMessagePolicy = runningUnderTest() ? 'throw' : 'fallback';

/** Whether a missing key throws or falls back; returns the previous policy. */
export function setMissingMessagePolicy(next: MissingMessagePolicy): MissingMessagePolicy {
  const previous = policy;
  policy = next;
  return previous;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Whether the catalogue has `key` (the locales share their keys). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The names of the `{name}` placeholders in `text`, in order of appearance. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

function lookup(locale: Locale, key: string): string | undefined {
  const catalogue = catalogues[locale] as Readonly<Record<string, string>> | undefined;
  return catalogue && Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : undefined;
}

/**
 * The text of `key` in `locale`, with each `{name}` replaced by `vars.name`.
 * A missing key throws under test, else falls back to English, then to the key itself.
 */
export function translate(locale: Locale, key: MessageKey | (string & {}), vars?: MessageVars): string {
  let text = lookup(locale, key);
  if (text === undefined) {
    if (policy === 'throw') throw new MissingMessageError(`no message '${key}' in locale '${locale}'`, key, locale);
    text = lookup('en', key) ?? key;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars && Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    if (value === undefined) {
      if (policy === 'throw') throw new MissingMessageError(`message '${key}' needs a value for {${name}}`, key, locale);
      return whole;
    }
    return String(value);
  });
}

/** The text of a Message in `locale`, its Message-valued placeholders resolved first. */
export function translateMessage(locale: Locale, m: Message): string {
  return translate(locale, m.key, resolveVars(m, (inner) => translateMessage(locale, inner)));
}

/** A Message's text, or a plain (untranslatable) text as it is. */
export function textOf(locale: Locale, m: Message | string): string {
  return typeof m === 'string' ? m : translateMessage(locale, m);
}

/** The kind-specific key when the catalogue has one, else the shared key. */
function specificOr(specific: string, shared: string): string {
  return hasMessage(specific) ? specific : shared;
}

/** A node kind's short title (palette, node header). */
export function nodeLabel(locale: Locale, kind: string): string {
  return translate(locale, `node.${kind}.label`);
}

/** A node kind's one-line explanation. */
export function nodeHelp(locale: Locale, kind: string): string {
  return translate(locale, `node.${kind}.help`);
}

/** A parameter's label: the kind's own text if it has one, else the shared one. */
export function paramLabel(locale: Locale, kind: string, param: string): string {
  return translate(locale, specificOr(`node.${kind}.param.${param}.label`, `param.${param}.label`));
}

/** A parameter's help line: the kind's own text if it has one, else the shared one. */
export function paramHelp(locale: Locale, kind: string, param: string): string {
  return translate(locale, specificOr(`node.${kind}.param.${param}.help`, `param.${param}.help`));
}

/** The label of one value of an enum parameter, e.g. ('init', 'heNormal') → 'He (normal)'. */
export function optionLabel(locale: Locale, param: string, value: string): string {
  return translate(locale, `option.${param}.${value}`);
}

/** A port's name on a node of `kind`: the kind's own text if it has one, else the shared one. */
export function portLabel(locale: Locale, kind: string, port: string): string {
  return translate(locale, specificOr(`node.${kind}.port.${port}`, `port.${port}`));
}

/** A palette category's name. */
export function categoryLabel(locale: Locale, category: string): string {
  return translate(locale, `category.${category}`);
}
export { formatDuration } from './duration';
