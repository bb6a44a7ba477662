/**
 * Errors the editor itself raises for the user (the engine could not start, a picture could not
 * be encoded): like the engine's DeepWireError, each keeps its catalogue message as `msg`, so
 * `errorText(e)` shows it in the reader's language wherever it is caught, and an English
 * `message` for logs and for the project file's run history (which must not depend on the
 * language it was saved in).
 *
 * Only the catalogue tables are imported (no i18next, no React), so the English text is the same
 * whatever language the editor shows.
 */
import { i18n as engineI18n } from '../../../engine';
import type { Text, UiMessage } from './index';
import { uiEn } from './ui';

const ENGLISH: Readonly<Record<string, string>> = { ...engineI18n.catalogues.en, ...uiEn };

/**
 * The English text of `text`: a message's English sentence with its values (nested messages in
 * English too), a plain string as it is. A key the catalogue lacks gives the key, and a missing
 * value leaves its placeholder (an error must never fail while it is being built).
 */
export function inEnglish(text: Text): string {
  if (typeof text === 'string') return text;
  const template = Object.prototype.hasOwnProperty.call(ENGLISH, text.key) ? ENGLISH[text.key] : text.key;
  const vars = text.vars ?? {};
  return template.replace(engineI18n.PLACEHOLDER, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) return whole;
    const value = vars[name];
    return typeof value === 'object' ? inEnglish(value) : String(value);
  });
}

/** An error whose text is a catalogue message (or, for the user's own words, a plain string). */
export class TextError extends Error {
  /** The message shown in the reader's language; absent for a plain string. */
  readonly msg?: UiMessage;
  constructor(text: Text) {
    super(inEnglish(text));
    this.name = 'TextError';
    if (typeof text !== 'string') this.msg = text;
  }
}
