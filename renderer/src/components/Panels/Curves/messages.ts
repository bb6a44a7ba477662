/** The curves panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.curves.title': 'Curves',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.curves.title': '학습 곡선',
};
