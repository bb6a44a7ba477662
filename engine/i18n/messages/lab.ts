/**
 * Catalogue section: lab messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 */
export const labEn = {
} as const;

export const labKo: Record<keyof typeof labEn, string> = {
};
