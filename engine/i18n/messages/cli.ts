/**
 * Catalogue section: cli messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 */
export const cliEn = {
} as const;

export const cliKo: Record<keyof typeof cliEn, string> = {
};
