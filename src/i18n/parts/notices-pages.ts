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
  'slips.headingTeacher': '{name}（教师）催还单',
  'slips.asOfTeacher': '截至 {date}，您借阅的以下图书已逾期，请归还到图书馆：',
  'slips.signTeacher': '签收：__________  日期：__________',
  'slips.count': '共 {classes} 张催还单，{count} 本逾期图书。短的催还单几张合印一页（A4）。',
  'slips.sign': '班主任签收：__________  日期：__________',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'slips.heading': '{className}: overdue slip',
  'slips.teacher': 'Homeroom teacher: {teacher}',
  'slips.asOf': 'As of {date}, these books are overdue; please remind the students to return them:',
  'slips.print': 'Print',
  'slips.none': 'No overdue books right now.',
  'slips.loading': 'Reading the overdue books…',
  'slips.headingTeacher': '{name} (teacher): overdue slip',
  'slips.asOfTeacher': 'As of {date}, these books you borrowed are overdue; please return them to the library:',
  'slips.signTeacher': 'Received: __________  Date: __________',
  'slips.count': '{classes} slips, {count} overdue books. Short slips share an A4 page.',
  'slips.sign': 'Received by the homeroom teacher: __________  Date: __________',
};
