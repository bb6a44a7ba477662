/** The boundary panel's texts (merged into the editor's catalogue in i18n/ui.ts). */
export const en = {
  'panel.boundary.title': 'Boundary',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'panel.boundary.title': '결정 경계',
};
