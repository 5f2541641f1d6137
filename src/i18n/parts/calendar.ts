// Messages of the school calendar (issue 15): terms, breaks, holidays, due dates at a term's edges,
// the year end. Each key once, with its [zh-CN, en] pair.
export const messages = {
  // --- the 学期 tab ---
  'domain.terms.order': ['「{tab}」表 {cell}：{name} 的结束日期（{end}）早于开始日期（{start}），这一行暂不采用。', 'Tab “{tab}” {cell}: {name} ends ({end}) before it starts ({start}); this row is left out.'],
  'domain.terms.overlap': ['「{tab}」表 {cell}：{name}（{start}至{end}）与第 {otherRow} 行的 {other} 日期重叠，这一行暂不采用。', 'Tab “{tab}” {cell}: {name} ({start} to {end}) overlaps {other} (row {otherRow}); this row is left out.'],
  'domain.terms.notDate': ['「{tab}」表 {cell}（{item}）不是日期：{value}，这一行暂不采用。', 'Tab “{tab}” {cell} ({item}) is not a date: {value}; this row is left out.'],
  // --- the desk at a term's edges ---
  'domain.refuse.NO_NEXT_TERM': ['学期已经结束，下学期的日期还没有填写（学期表），现在不能借出。请在「学期」表中填写下学期的开始和结束日期。', 'The term is over and the next term\'s dates have not been entered (Terms tab), so nothing can be lent now. Enter the next term\'s start and end in the “Terms” tab.'],
  'domain.warn.HARD_DUE_TERM_END': ['学期即将结束：应还日期为本学期最后一个上学日（{due}）。', 'The term ends soon: due on its last school day ({due}).'],
  'domain.warn.HOLIDAY_LENDING': ['{season}借阅：应还日期为下学期第一周（{due}）。', '{season} lending: due in the first week of the next term ({due}).'],
  'calendar.season.winter': ['寒假', 'Winter break'],
  'calendar.season.summer': ['暑假', 'Summer break'],
  'calendar.season.other': ['假期', 'Break'],
  'calendar.holiday': ['节假日', 'a holiday'],
  // --- the daily job outside school days ---
  'notices.off.break': ['{season}：{from}至{to}，不发逾期通知。', '{season}: {from} to {to}, no overdue notices.'],
  'notices.off.holiday': ['{date} 是{name}，不是上学日，今天不发逾期通知。', '{date} is a holiday ({name}), not a school day: no overdue notices today.'],
  'notices.off.weekend': ['{date} 是周末，今天不发逾期通知。', '{date} is a weekend day: no overdue notices today.'],
  'notices.off.noTerm': ['{date} 不在任何学期内（「学期」表中没有这一天所在的学期），不发逾期通知。', '{date} is in no term (the “Terms” tab has no term for it): no overdue notices.'],
  'job.termProblems': ['「学期」表有 {n} 行暂不采用（其余学期照常）：', '{n} rows of the “Terms” tab are left out (the other terms work as usual):'],
  // --- the year end (promotion) ---
  'schoolYear.notYearEnd.inTerm': ['现在是 {term}（{end} 结束），学年还没有结束：升级要在本学年最后一个学期结束后、新学年开始前进行。如确需现在升级，请勾选“学年未结束，仍要升级”。', 'It is {term} now (it ends {end}); the school year has not ended. Promotion is done after the year\'s last term ends and before the next year begins. To promote now anyway, tick “The year has not ended: promote anyway”.'],
  'schoolYear.notYearEnd': ['今天（{today}）不在学年末：升级要在本学年最后一个学期结束后、新学年开始前进行（请在「学期」表中填写本学年的学期）。如确需现在升级，请勾选“学年未结束，仍要升级”。', 'Today ({today}) is not the year end: promotion is done after the school year\'s last term ends and before the next year begins (enter the year\'s terms in the “Terms” tab). To promote now anyway, tick “The year has not ended: promote anyway”.'],
} as const;
