/**
 * Catalogue section: graph messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 */
export const graphEn = {
} as const;

export const graphKo: Record<keyof typeof graphEn, string> = {
};
