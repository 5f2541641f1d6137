// Page strings of issue 17b (stocktake lists, payments, periodicals, labels). zh-CN is the reference; en has the same keys.
export const zh = {
  'cw.st.cancel': '取消盘点',
  'cw.st.cancelAsk': '取消盘点 {id}？已扫描的记录保留在“盘点扫描”表中，没有图书会被记为遗失。',
  'cw.st.scope': '范围：{scope}',
  'cw.st.list.notFound': '未找到（确认后记为遗失）',
  'cw.st.list.recorded': '找到但记录为借出/遗失/注销',
  'cw.st.list.wrongLocation': '放错位置',
  'cw.st.list.empty': '（无）',
  'cw.st.finishAsk': '确认完成盘点？{notFound} 册未找到的图书将记为遗失（盘亏），此操作不能撤销。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'cw.st.cancel': 'Cancel the stocktake',
  'cw.st.cancelAsk': 'Cancel stocktake {id}? Its scans stay in Stocktake scans; no copy is marked lost.',
  'cw.st.scope': 'Scope: {scope}',
  'cw.st.list.notFound': 'Not found (marked lost when you confirm)',
  'cw.st.list.recorded': 'Found but recorded on loan/lost/withdrawn',
  'cw.st.list.wrongLocation': 'Wrong location',
  'cw.st.list.empty': '(none)',
  'cw.st.finishAsk': 'Finish the stocktake? {notFound} copies not found will be marked lost (stocktake loss). This cannot be undone.',
};
