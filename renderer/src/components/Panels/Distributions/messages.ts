/** The distributions panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.distributions.title': 'Distributions',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.distributions.title': '분포',
};
