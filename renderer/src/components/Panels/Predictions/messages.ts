/** The predictions panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.predictions.title': 'Predictions',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.predictions.title': '예측',
};
