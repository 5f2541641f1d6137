// Messages only the overdue slips page shows. The pages' side of the catalogue (src/i18n/pages.ts);
// zh-CN is the reference; en has exactly the same keys.
export const zh = {
  // --- slips ---
  'slips.heading': '{className} 催还单',
  'slips.teacher': '班主任：{teacher}',
  'slips.asOf': '截至 {date}，以下图书已逾期，请督促学生尽快归还：',
  'slips.print': '打印',
  'slips.none': '目前没有逾期未还的图书。',
  'slips.loading': '正在读取逾期图书…',
  'slips.count': '共 {classes} 个班级，{count} 本逾期图书。每个班级单独一页（A4）。',
  'slips.sign': '班主任签收：__________  日期：__________',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'slips.heading': '{className}: overdue slip',
  'slips.teacher': 'Homeroom teacher: {teacher}',
  'slips.asOf': 'As of {date}, these books are overdue; please remind the students to return them:',
  'slips.print': 'Print',
  'slips.none': 'No overdue books right now.',
  'slips.loading': 'Reading the overdue books…',
  'slips.count': '{classes} classes, {count} overdue books. One class per page (A4).',
  'slips.sign': 'Received by the homeroom teacher: __________  Date: __________',
};
