/** The confusion panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.confusion.title': 'Confusion',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.confusion.title': '혼동 행렬',
};
