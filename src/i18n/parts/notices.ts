// Messages of overdue notices, the daily job, overdue slips. zh-CN is the reference; en has exactly the same keys.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
