/** The lab's Runs texts (joined in Lab/messages.ts). */
export const en = {} as const;

export const ko: Record<keyof typeof en, string> = {};
