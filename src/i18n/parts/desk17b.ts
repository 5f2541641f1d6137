// Messages of issue 17b: stocktake lists and cancelling, compensation owed and paid, confirmations,
// roster updates, periodicals, labels. Each key once, with its [zh-CN, en] pair.
export const messages = {
  'collection.stocktake.unknownLocation': ['没有馆藏地点「{location}」的图书：请检查拼写（已有的地点写在图书表的“馆藏地点”列）。', 'No copy has the location “{location}”: check the spelling (the locations in use are in the Location column of Items).'],
  'collection.stocktake.cancelled': ['盘点 {id} 已取消：没有图书被记为遗失。', 'Stocktake {id} cancelled: no copy was marked lost.'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;
