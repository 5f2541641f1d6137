// Messages only the school-year page shows about the calendar (issue 15): forcing a promotion outside the
// year end, the own slots a promotion clears. zh-CN is the reference; en has exactly the same keys.
export const zh = {
  'sy.force': '学年未结束，仍要升级',
  'sy.clearsSlot': '清除本班借阅时间：{slot}（改按年级借书时间）',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'sy.force': 'The year has not ended: promote anyway',
  'sy.clearsSlot': 'Clears the class\'s own slot: {slot} (the grade\'s rota applies)',
};
