// Messages of issue 17b: stocktake lists and cancelling, compensation owed and paid, confirmations,
// roster updates, periodicals, labels. Each key once, with its [zh-CN, en] pair.
export const messages = {
  'collection.stocktake.unknownLocation': ['没有馆藏地点「{location}」的图书：请检查拼写（已有的地点写在图书表的“馆藏地点”列）。', 'No copy has the location “{location}”: check the spelling (the locations in use are in the Location column of Items).'],
  'collection.stocktake.cancelled': ['盘点 {id} 已取消：没有图书被记为遗失。', 'Stocktake {id} cancelled: no copy was marked lost.'],
  'collection.repair.sent': ['《{title}》（{barcode}）已送修，状态为“修补中”。', '“{title}” ({barcode}) sent to repair: status In repair.'],
  'collection.repair.notOnShelf': ['《{title}》（{barcode}）的状态是「{status}」，只有在架的图书可以这样送修（借出的书请在还书时选“损坏”）。', '“{title}” ({barcode}) is “{status}”: only a copy on the shelf can be sent this way (a lent copy: choose Damaged when it is returned).'],
  'payment.owingBlocks': ['{name} 还有丢失图书的赔偿 {amount} 元未付，付清后才能借书（设置：赔偿未付停借）。', '{name} still owes {amount} yuan for a lost book: no lending until it is paid (setting: Unpaid compensation blocks lending).'],
  'payment.nothingOwed': ['登记号「{barcode}」没有未付的赔偿。', 'Nothing is owed for accession no. “{barcode}”.'],
  'payment.badDate': ['付款日期「{date}」不对：请写成 2026-11-24 这样的日期，不能晚于今天。', 'Payment date “{date}” is not right: write a date like 2026-11-24, not after today.'],
  'payment.noColumn': ['注销登记表缺少“赔偿日期”列：请先运行“初始化图书馆工作簿”。', 'Write-offs has no “Paid on” column: run “Set up the library workbook” first.'],
  'payment.paid': ['已记录：{readerId} 赔偿《{title}》{amount} 元，付款日期 {date}。', 'Recorded: {readerId} paid {amount} yuan for “{title}” on {date}.'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;
