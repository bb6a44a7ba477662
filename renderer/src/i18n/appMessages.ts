/**
 * The editor's messages about failures and outcomes (engine start, run errors, file results),
 * joined into the catalogue by ui.ts. Both languages must have every key (ui.test.ts checks).
 */
export const en = {
} as const;

export const ko: Record<keyof typeof en, string> = {
};
