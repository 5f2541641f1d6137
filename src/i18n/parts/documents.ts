// Messages of the monthly plan, the term report, the weekly bulletin. zh-CN is the reference; en has exactly the same keys.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
