// Messages only the documents dialog shows. The pages' side of the catalogue (src/i18n/pages.ts);
// zh-CN is the reference; en has exactly the same keys.
export const zh = {
  "docs.pick.month": "月份",
  "docs.pick.term": "学期",
  "docs.pick.week": "周（任选该周一天）",
  "docs.generate": "生成文档",
  "docs.open": "打开文档",
  "docs.pdf": "PDF",
  "docs.failed": "没有生成：{detail}",
  "docs.close": "关闭",
  "docs.working": "正在生成，请稍候…",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "docs.pick.month": "Month",
  "docs.pick.term": "Term",
  "docs.pick.week": "Week (any day of it)",
  "docs.generate": "Generate",
  "docs.open": "Open the document",
  "docs.pdf": "PDF",
  "docs.failed": "Not generated: {detail}",
  "docs.close": "Close",
  "docs.working": "Generating, please wait…",
};
