/**
 * Catalogue section: run messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 */
export const runEn = {
} as const;

export const runKo: Record<keyof typeof runEn, string> = {
};
