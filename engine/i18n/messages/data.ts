/**
 * Catalogue section: data messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 */
export const dataEn = {
} as const;

export const dataKo: Record<keyof typeof dataEn, string> = {
};
