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
  'cw.repair.scan': '扫描在架图书的条码送修，回车',
  'cw.repair.beyondAsk': '《{title}》（{barcode}）无法修复？它将被注销（破损），此操作不能撤销。',
  'cw.weed.offAsk': '注销选中的 {n} 册（剔旧）？注销后不能撤销。',
  'desk.owed.title': '未付赔偿：共 {amount} 元',
  'desk.owed.amount': '应赔 {amount} 元',
  'desk.owed.pay': '已付',
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
  'cw.repair.scan': 'Scan an on-shelf copy to send it to repair, then Enter',
  'cw.repair.beyondAsk': '“{title}” ({barcode}) beyond repair? It will be written off (damaged). This cannot be undone.',
  'cw.weed.offAsk': 'Write off the {n} ticked copies (weeded)? This cannot be undone.',
  'desk.owed.title': 'Compensation owed: {amount} yuan in all',
  'desk.owed.amount': '{amount} yuan owed',
  'desk.owed.pay': 'Paid',
};
