/** The runs panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.runs.title': 'Runs',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.runs.title': '실행 기록',
};
