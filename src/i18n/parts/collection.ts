// Messages of collection work: new books, labels, repairs, stocktake, weeding, the school year. zh-CN is the reference; en has exactly the same keys.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
