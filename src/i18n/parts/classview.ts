// Messages of issue 16's class sheet presentation and of the classes served by mail (分享方式 邮件): the
// line saying when a class sheet was brought up to date, its class summary, and the sheet's content in the
// class mail. Each key once, with its [zh-CN, en] pair.
export const messages = {
  'classView.updated': ['{className} · 更新于 {time}', '{className} · updated {time}'],
  'classView.summary': ['学生 {students} 人 · 在借 {out} 册 · 逾期 {overdue} 册', 'Students {students} · On loan {out} · Overdue {overdue}'],
  'classView.summary.term': [
    '本学期人均借阅 {avg} 册 · 达到最低要求（{min} 册）{reachedMin} 人 · 达到目标（{target} 册）{reachedTarget} 人',
    'Loans per student this term {avg} · At the minimum ({min}) {reachedMin} · At the target ({target}) {reachedTarget}',
  ],
  'classView.summary.overdue': ['逾期 {overdue} 册', 'Overdue {overdue}'],
  'classView.mail.heading': ['本班借阅表', 'Your class loan sheet'],
  'classView.mail.none': ['（无）', '(none)'],
  'classView.mail.attached': ['附件：本班借阅表（Excel 文件）。', 'Attached: the class loan sheet (Excel file).'],
  'classView.mail.notAttached': ['这次未能附上 Excel 文件。', 'The Excel file could not be attached this time.'],
  'classView.noSheet': ['本班借阅表尚未生成', 'no class sheet yet'],
  'classView.log.noAttachment': ['已发送（未附借阅表：{error}）', 'Sent (class sheet not attached: {error})'],
} as const;
