// Messages of the per-class loan spreadsheets. Each key once, with its [zh-CN, en] pair.
// The tab names, headers and marks are written in the workbook's language (a Chinese workbook gets
// Chinese class sheets); the menu and the answers follow the user's language.
export const messages = {
  'menu.classSheets': ['更新班级借阅表', 'Update class loan sheets'],
  'classSheets.bookName': ['{className} · 借阅情况 · {school}', '{className} · Loans · {school}'],
  'classSheets.tab.current': ['当前在借', 'On loan'],
  'classSheets.tab.term': ['本学期', 'This term'],
  'classSheets.tab.overdue': ['逾期', 'Overdue'],
  'classSheets.col.student': ['学生', 'Student'],
  'classSheets.col.title': ['题名', 'Title'],
  'classSheets.col.lent': ['借出日期', 'Lent'],
  'classSheets.col.due': ['应还日期', 'Due'],
  'classSheets.col.daysOverdue': ['逾期天数', 'Days overdue'],
  'classSheets.col.termLoans': ['本学期借阅（册）', 'Loans this term'],
  'classSheets.col.min': ['最低要求', 'Minimum'],
  'classSheets.col.target': ['目标', 'Target'],
  'classSheets.col.stars': ['阅读星', 'Reading stars'],
  'classSheets.col.note': ['说明', 'Note'],
  'classSheets.note.target': ['已达目标', 'Target reached'],
  'classSheets.note.min': ['已达最低要求，距目标还差 {n} 册', 'Minimum reached, {n} more to the target'],
  'classSheets.note.below': ['未达最低要求，还差 {n} 册', 'Below the minimum, {n} more needed'],
  'classSheets.done': ['班级借阅表已更新：{total} 个班级（新建 {created}，更新 {updated}，无变化 {unchanged}）。', 'Class loan sheets updated. Classes: {total} ({created} new, {updated} updated, {unchanged} unchanged).'],
  'classSheets.partial': ['已处理 {processed} 个班级，其余 {left} 个班级下次继续（新建 {created}，更新 {updated}，无变化 {unchanged}）。', 'Classes done: {processed}; the other {left} continue on the next run ({created} new, {updated} updated, {unchanged} unchanged).'],
  'classSheets.unshared': ['{n} 个班级没有班主任邮箱，借阅表未共享：{classes}。', 'Not shared, no homeroom teacher e-mail ({n}): {classes}.'],
  'classSheets.none': ['班级表中还没有班级。', 'There are no classes in the Classes tab yet.'],
  'classSheets.noTime': ['本次运行时间已用完，班级借阅表下次更新。', 'No time left in this run: the class sheets are updated on the next one.'],
  'classSheets.shareFailed': ['{className}的借阅表未能共享给班主任：{error}', 'The sheet of {className} could not be shared with its teacher: {error}'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;
