// Messages of reading promotion (issue 19): reading lists, stars, non-borrowers, the reading room, activities.
// Each key once, with its [zh-CN, en] pair.
export const messages = {
  'menu.reading': ['阅读推广（推荐书目、阅读之星、阅览、活动）…', 'Reading promotion (lists, stars, reading room, activities)…'],
  'reading.title': ['阅读推广', 'Reading promotion'],
  // checking a list
  'reading.row.noTitle': ['没有题名', 'no title'],
  'reading.row.badGrade': ['年级「{value}」不是 1–6 年级', 'grade "{value}" is not 1–6'],
  'reading.row.badKind': ['类别「{value}」应为 必读 或 选读', 'kind "{value}" should be 必读 (required) or 选读 (optional)'],
  'reading.row.badIsbn': ['ISBN「{value}」校验位不对', 'ISBN "{value}" has a wrong check digit'],
  'reading.row.badPrice': ['定价「{value}」不是金额', 'list price "{value}" is not an amount'],
  'reading.row.duplicate': ['《{title}》已在{grade}年级书目中', '"{title}" is already on the grade {grade} list'],
  'reading.missingColumns': ['书目缺少列：{columns}（第一行应为表头：年级、类别、题名、责任者、ISBN）。', 'The list lacks the columns: {columns} (the first row should be the header: grade, kind, title, author, ISBN).'],
  'reading.col.grade': ['年级', 'grade'],
  'reading.col.title': ['题名', 'title'],
  'reading.imported': ['已写入推荐书目 {n} 条。', '{n} reading-list entries written.'],
  'reading.nothingToImport': ['没有可写入的书目行。', 'There are no rows to write.'],
  'error.LIST_EXPIRED': ['书目在预览之后有了改动，请重新预览。', 'The list changed since it was previewed: preview it again.'],
  'error.CLASS_NOT_FOUND': ['没有班级「{className}」。', 'There is no class "{className}".'],
  // the desk's mark on a lend
  'reading.mark.required': ['{grade}年级必读', 'Grade {grade} required reading'],
  'reading.mark.optional': ['{grade}年级选读', 'Grade {grade} optional reading'],
  // the reading room
  'reading.visit.recorded': ['{name}（{who}）阅览已登记，{time}。', '{name} ({who}): visit recorded at {time}.'],
  'reading.visit.already': ['{name} 今天已经登记过阅览，不重复登记。', '{name} has already been recorded today; not recorded twice.'],
  'reading.visit.inactive': ['{name} 的读者状态是「{status}」，未登记。', '{name} is “{status}”: not recorded.'],
  'reading.visit.teacher': ['教师', 'teacher'],
  'reading.classReading.recorded': ['{className} 集体阅览已登记：{n} 册。', '{className}: class reading recorded, {n} copies.'],
  'reading.classReading.unknown': ['登记号 {barcodes} 不在图书中，未登记。', 'Accession nos. {barcodes} are not in Items: nothing recorded.'],
  'reading.classReading.note': ['拼音读物集体阅览', 'Class reading of pinyin readers'],
  'reading.classReading.noteUpper': ['推荐名著集体阅览', 'Class reading of recommended classics'],
  // activities
  'reading.activity.recorded': ['活动「{name}」已登记（{date}），获奖 {n} 人。', 'Activity “{name}” recorded ({date}), {n} winners.'],
  'reading.activity.unknownWinners': ['获奖读者证号 {ids} 不存在，未登记。', 'Winner card numbers {ids} do not exist: nothing recorded.'],
  // purchase suggestions CSV
  'reading.buy.head': ['年级,类别,题名,责任者,ISBN,已有册数,应有册数,建议购买,单价,价格来源,金额', 'Grades,Kind,Title,Author,ISBN,Held,Needed,To buy,Price,Price from,Amount'],
  'reading.buy.list': ['书目定价', 'list price'],
  'reading.buy.average': ['馆藏均价', 'average price'],
  'reading.buy.file': ['推荐书目采购建议', 'reading-list purchase suggestions'],
} as const;
