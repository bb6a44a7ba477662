/**
 * i18next with one catalogue per language: the engine's node texts plus the editor's own.
 * Placeholders are `{name}` in both.
 */
import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { i18n as engineI18n } from '../../../engine';
import { uiEn, uiKo } from './ui';

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

export function setLocale(locale: Locale): void {
  globalThis.localStorage?.setItem('deepwire.locale', locale);
  void i18next.changeLanguage(locale);
}

/** The current locale and `t`, re-rendering on a language switch. */
export function useLocale(): { locale: Locale; t: (key: string, vars?: Record<string, unknown>) => string } {
  const { t, i18n } = useTranslation();
  const locale = engineI18n.isLocale(i18n.language) ? i18n.language : 'en';
  // Stable while the language stays, so memoised components and effects may depend on it.
  const tt = useCallback((key: string, vars?: Record<string, unknown>) => t(key, vars ?? {}) as string, [t]);
  return { locale, t: tt };
}

export { i18next };
