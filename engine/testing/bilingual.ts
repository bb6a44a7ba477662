/**
 * The check every translated message passes in the i18n tests: it exists, its English is the
 * text the error or problem shows (word for word), and its Korean has Hangul, no placeholder
 * left, every given value, and none of the given English words outside those values. For tests
 * only (it calls Vitest's `expect`).
 */
import { expect } from 'vitest';
import { englishText, translateMessage, type Message } from '../i18n/index';

export const HANGUL = /[\uac00-\ud7a3]/;

export interface BilingualCheck {
  /** The English text the message must read as; omitted: not compared. */
  readonly english?: string;
  /** Names, numbers and shapes the Korean must contain as they are. */
  readonly values?: readonly (string | number)[];
  /** English words that must not be left in the Korean once the values are taken out. */
  readonly englishWords?: RegExp;
  /** Parts of the Korean that are the user's or a file's own words, taken out before `englishWords` is looked for. */
  readonly foreign?: RegExp;
}

/** Checks `m` (see the file's comment) and returns its Korean text. */
export function expectBilingual(m: Message | undefined, check: BilingualCheck = {}): string {
  expect(m, check.english ?? 'a message').toBeDefined();
  if (check.english !== undefined) {
    expect(englishText(m!)).toBe(check.english);
    expect(translateMessage('en', m!)).toBe(check.english);
  }
  const ko = translateMessage('ko', m!);
  expect(ko).toMatch(HANGUL);
  expect(ko).not.toMatch(/\{[A-Za-z_]+\}/);
  const values = check.values ?? [];
  for (const v of values) expect(ko).toContain(String(v));
  if (check.englishWords) {
    let rest = check.foreign ? ko.replace(check.foreign, ' ') : ko;
    for (const v of values) rest = rest.split(String(v)).join(' ');
    expect(rest, ko).not.toMatch(check.englishWords);
  }
  return ko;
}
