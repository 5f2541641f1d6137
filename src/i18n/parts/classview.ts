// Messages of issue 16's class sheet presentation and of the classes served by mail (分享方式 邮件): the
// line saying when a class sheet was brought up to date, its class summary, and the sheet's content in the
// class mail. Each key once, with its [zh-CN, en] pair.
export const messages = {
  'classView.updated': ['{className} · 更新于 {time}', '{className} · updated {time}'],
  'classView.summary': [
    '学生 {students} 人 · 在借 {out} 册 · 逾期 {overdue} 册 · 本学期人均借阅 {avg} 册 · 达到最低要求（{min} 册）{reachedMin} 人 · 达到目标（{target} 册）{reachedTarget} 人',
    'Students: {students} · On loan: {out} · Overdue: {overdue} · Loans this term per student: {avg} · Reached the minimum ({min}): {reachedMin} · Reached the target ({target}): {reachedTarget}',
  ],
} as const;
