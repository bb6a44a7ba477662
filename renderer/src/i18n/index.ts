/**
 * i18next with one catalogue per language: the engine's node texts plus the editor's own.
 * Placeholders are `{name}` in both.
 */
import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { i18n as engineI18n } from '../../../engine';
import { hangulFontsReady } from './fonts';
import { uiEn, uiKo } from './ui';

export { hangulFontsReady };

type Locale = engineI18n.Locale;

function detectLocale(): Locale {
  const saved = globalThis.localStorage?.getItem('deepwire.locale');
  if (engineI18n.isLocale(saved)) return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: {
    en: { translation: { ...engineI18n.catalogues.en, ...uiEn } },
    ko: { translation: { ...engineI18n.catalogues.ko, ...uiKo } },
  },
  lng: detectLocale(),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  returnNull: false,
});

let switching = 0;

/**
 * Switches the editor's language (and remembers it). Korean waits for the Hangul font first
 * (see fonts.ts); without a font API the switch is immediate. A later call wins over an earlier
 * one still waiting.
 */
export function setLocale(locale: Locale): Promise<void> {
  globalThis.localStorage?.setItem('deepwire.locale', locale);
  const turn = ++switching;
  const apply = () => {
    if (turn === switching) void i18next.changeLanguage(locale);
  };
  const ready = locale === 'ko' ? hangulFontsReady() : null;
  if (!ready) {
    apply();
    return Promise.resolve();
  }
  return ready.then(apply);
}

/** The page's `lang` follows the language (screen readers, hyphenation, CJK line breaking). */
i18next.on('languageChanged', (lng) => {
  const root = (globalThis as { document?: Document }).document?.documentElement;
  if (root) root.lang = lng;
});

/** The language the editor starts in; main.tsx waits for `hangulFontsReady()` when it is Korean. */
export function startLocale(): Locale {
  return engineI18n.isLocale(i18next.language) ? i18next.language : 'en';
}

/**
 * A text to show: a catalogue Message (translated where it is shown, so it follows a language
 * switch) or a plain string (the user's own words, a file name, an error without a message).
 */
export type Text = UiMessage | string;

/** A Message of the editor's catalogue (engine keys or the editor's own); engine Messages fit it. */
export interface UiMessage {
  readonly key: string;
  readonly vars?: Readonly<Record<string, string | number | UiMessage>>;
}

/** A UiMessage of `key` with `vars`: `showToast(tmsg('file.saved', { name }))`. */
export function tmsg(key: string, vars?: UiMessage['vars']): UiMessage {
  return vars ? { key, vars } : { key };
}

type TFn = (key: string, vars?: Record<string, unknown>) => string;

function render(t: TFn, text: Text | null | undefined): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.vars ?? {})) vars[name] = typeof value === 'object' ? render(t, value) : value;
  return t(text.key, vars);
}

/** The Text of an error: its catalogue message when it has one (engine errors, EngineRequestError), else its message. */
export function errorText(e: unknown): Text {
  const m = engineI18n.messageOfError(e);
  if (m) return m;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The Text of an error as the engine sent it (protocol ErrorInfo). */
export function infoText(info: { readonly message: string; readonly msg?: UiMessage }): Text {
  return info.msg ?? info.message;
}

/**
 * Plurals and numbers by locale: when `vars.count` is a number, the key's plural form for it is
 * chosen (`<key>_one` where the catalogue has one and the locale's rule says 'one'; Korean has
 * no plural forms, English has 'one' for 1) and the count is written with the locale's digit
 * grouping (12,345). Other values are left as they are.
 */
export function pluralize(locale: Locale, key: string, vars: Record<string, unknown>, has: (key: string) => boolean): [string, Record<string, unknown>] {
  const count = vars.count;
  if (typeof count !== 'number' || !Number.isFinite(count)) return [key, vars];
  const form = `${key}_${new Intl.PluralRules(locale).select(count)}`;
  return [has(form) ? form : key, { ...vars, count: count.toLocaleString(locale) }];
}

function currentLocale(): Locale {
  return engineI18n.isLocale(i18next.language) ? i18next.language : 'en';
}

function translateNow(t: (key: string, vars: Record<string, unknown>) => string, locale: Locale, key: string, vars?: Record<string, unknown>): string {
  const [k, v] = pluralize(locale, key, vars ?? {}, (form) => i18next.exists(form, { lng: locale }));
  return t(k, v);
}

/** A Text in the current language, outside React (stores, callbacks). Prefer `tm` from useLocale in components. */
export function textNow(text: Text | null | undefined): string {
  return render((key, vars) => translateNow((k, v) => i18next.t(k, v) as string, currentLocale(), key, vars), text);
}

/** The current locale, `t` and `tm` (a Text in this language), re-rendering on a language switch. */
export function useLocale(): { locale: Locale; t: TFn; tm: (text: Text | null | undefined) => string } {
  const { t, i18n } = useTranslation();
  const locale = engineI18n.isLocale(i18n.language) ? i18n.language : 'en';
  // Stable while the language stays, so memoised components and effects may depend on it.
  const tt = useCallback((key: string, vars?: Record<string, unknown>) => translateNow((k, v) => t(k, v) as string, locale, key, vars), [t, locale]);
  const tm = useCallback((text: Text | null | undefined) => render(tt, text), [tt]);
  return { locale, t: tt, tm };
}

export { i18next };
