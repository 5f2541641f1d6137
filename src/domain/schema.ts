// The workbook's shape: every tab, every column the code knows, in both languages.
// Pure data; src/sheets maps it onto real sheets by header text (either language), never by position.

export type Lang = 'zh' | 'en';

/** Enumerations stored in cells. Code works with the key; cells hold the label of the workbook's language
 *  (either language is accepted when reading, so a librarian may type 借出 in an English workbook). */
export const ENUMS = {
  itemStatus: {
    available: { zh: '在架', en: 'On shelf' },
    on_loan: { zh: '借出', en: 'On loan' },
    repair: { zh: '修补中', en: 'In repair' },
    lost: { zh: '遗失', en: 'Lost' },
    withdrawn: { zh: '注销', en: 'Withdrawn' },
  },
  itemType: {
    book: { zh: '普通图书', en: 'Book' },
    reference: { zh: '工具书', en: 'Reference' },
    teacher: { zh: '教师用书', en: 'Teacher book' },
    periodical: { zh: '期刊', en: 'Periodical' },
    pinyin: { zh: '拼音读物', en: 'Pinyin reader' },
  },
  readerType: {
    student: { zh: '学生', en: 'Student' },
    teacher: { zh: '教师', en: 'Teacher' },
  },
  readerStatus: {
    active: { zh: '在读', en: 'Active' },
    graduated: { zh: '毕业', en: 'Graduated' },
    left: { zh: '离校', en: 'Left' },
    suspended: { zh: '停用', en: 'Suspended' },
  },
  loanResult: {
    returned: { zh: '已还', en: 'Returned' },
    lost: { zh: '遗失', en: 'Lost' },
    damaged: { zh: '损坏', en: 'Damaged' },
  },
  condition: {
    good: { zh: '完好', en: 'Good' },
    damaged: { zh: '损坏', en: 'Damaged' },
    lost: { zh: '遗失', en: 'Lost' },
  },
  writeOffReason: {
    weeded: { zh: '剔旧', en: 'Weeded' },
    damaged: { zh: '破损', en: 'Damaged' },
    lost: { zh: '遗失', en: 'Lost' },
    stocktake: { zh: '盘亏', en: 'Stocktake loss' },
  },
  batchStatus: {
    open: { zh: '进行中', en: 'Open' },
    closed: { zh: '已结账', en: 'Closed' },
  },
  stocktakeStatus: {
    running: { zh: '进行中', en: 'Running' },
    finished: { zh: '已完成', en: 'Finished' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  frequency: {
    monthly: { zh: '月刊', en: 'Monthly' },
    semimonthly: { zh: '半月刊', en: 'Semi-monthly' },
    weekly: { zh: '周刊', en: 'Weekly' },
  },
  yesNo: {
    yes: { zh: '是', en: 'Yes' },
    no: { zh: '否', en: 'No' },
  },
  sharing: { sheet: { zh: '表格', en: 'Spreadsheet' }, mail: { zh: '邮件', en: 'Mail' } },
  // ---- reading promotion (issue 19)
  listKind: {
    required: { zh: '必读', en: 'Required' },
    optional: { zh: '选读', en: 'Optional' },
  },
  roomUse: {
    visit: { zh: '个人阅览', en: 'Visit' },
    classReading: { zh: '集体阅览', en: 'Class reading' },
  },
  activityKind: {
    reading: { zh: '读书活动', en: 'Reading activity' },
    essay: { zh: '征文比赛', en: 'Essay contest' },
  },
} as const;

export type EnumName = keyof typeof ENUMS;
export type EnumKey<E extends EnumName> = keyof (typeof ENUMS)[E] & string;
export type ItemStatus = EnumKey<'itemStatus'>;
export type ItemType = EnumKey<'itemType'>;
export type ReaderType = EnumKey<'readerType'>;
export type ReaderStatus = EnumKey<'readerStatus'>;
export type LoanResult = EnumKey<'loanResult'>;
export type Condition = EnumKey<'condition'>;
export type WriteOffReason = EnumKey<'writeOffReason'>;
export type BatchStatus = EnumKey<'batchStatus'>;
export type StocktakeStatus = EnumKey<'stocktakeStatus'>;
export type Frequency = EnumKey<'frequency'>;

export type ColumnKind = 'text' | 'number' | 'money' | 'int' | 'date' | 'datetime' | 'enum' | 'email' | 'link';

export interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  kind: ColumnKind;
  enumName?: EnumName;
  /** the code cannot work without it: a missing required column is an error naming it */
  required?: boolean;
  /** the table's key column: rows are found by it with TextFinder */
  key_?: boolean;
}

export interface TabDef {
  key: TabKey;
  zh: string;
  en: string;
  columns: readonly ColumnDef[];
  /** machine-kept: protected (warning only) against hand edits */
  machineKept?: boolean;
}

const c = (key: string, zh: string, en: string, kind: ColumnKind, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  key, zh, en, kind, required: true, ...extra,
});
const opt = (key: string, zh: string, en: string, kind: ColumnKind, extra: Partial<ColumnDef> = {}): ColumnDef =>
  c(key, zh, en, kind, { required: false, ...extra });

export const TABS = {
  settings: {
    key: 'settings', zh: '设置', en: 'Settings',
    columns: [c('item', '项目', 'Item', 'text', { key_: true }), c('value', '值', 'Value', 'text'), opt('note', '说明', 'Note', 'text')],
  },
  loanRules: {
    key: 'loanRules', zh: '借阅规则', en: 'Loan rules',
    columns: [
      c('readerType', '读者类型', 'Reader type', 'enum', { enumName: 'readerType' }),
      c('itemType', '文献类型', 'Item type', 'enum', { enumName: 'itemType' }),
      c('maxLoans', '可借册数', 'Max loans', 'int'),
      c('loanDays', '借期天数', 'Loan days', 'int'),
      c('renewals', '续借次数', 'Renewals', 'int'),
      c('inRoom', '馆内当日', 'In room, same day', 'enum', { enumName: 'yesNo' }),
    ],
  },
  calendar: {
    key: 'calendar', zh: '校历', en: 'Calendar',
    columns: [c('date', '日期', 'Date', 'date'), c('kind', '类型', 'Kind', 'text'), opt('note', '说明', 'Note', 'text')],
  },
  // the school calendar (issue 15): one row per term, past and future; the days between terms are breaks
  terms: {
    key: 'terms', zh: '学期', en: 'Terms',
    columns: [c('name', '学期', 'Term', 'text', { key_: true }), c('start', '开始', 'Start', 'date'), c('end', '结束', 'End', 'date')],
  },
  items: {
    key: 'items', zh: '图书', en: 'Items',
    columns: [
      c('barcode', '登记号', 'Accession no.', 'text', { key_: true }),
      opt('isbn', 'ISBN', 'ISBN', 'text'),
      c('title', '题名', 'Title', 'text'),
      opt('periodical', '刊名', 'Periodical', 'text'),
      opt('author', '责任者', 'Author', 'text'),
      opt('publisher', '出版者', 'Publisher', 'text'),
      opt('pubYear', '出版年', 'Year', 'int'),
      opt('classNo', '分类号', 'Class no.', 'text'),
      opt('callNo', '索书号', 'Call no.', 'text'),
      opt('price', '价格', 'Price', 'money'),
      c('itemType', '文献类型', 'Item type', 'enum', { enumName: 'itemType' }),
      opt('location', '馆藏地点', 'Location', 'text'),
      c('status', '状态', 'Status', 'enum', { enumName: 'itemStatus' }),
      opt('addedOn', '入藏日期', 'Added on', 'date'),
      opt('batchNo', '批次号', 'Batch no.', 'text'),
    ],
  },
  readers: {
    key: 'readers', zh: '读者', en: 'Readers',
    columns: [
      c('readerId', '证号', 'Card no.', 'text', { key_: true }),
      c('name', '姓名', 'Name', 'text'),
      c('readerType', '读者类型', 'Reader type', 'enum', { enumName: 'readerType' }),
      opt('grade', '年级', 'Grade', 'int'),
      opt('className', '班级', 'Class', 'text'),
      opt('email', '邮箱', 'E-mail', 'email'),
      c('status', '状态', 'Status', 'enum', { enumName: 'readerStatus' }),
    ],
  },
  classes: {
    key: 'classes', zh: '班级', en: 'Classes',
    columns: [
      c('className', '班级', 'Class', 'text', { key_: true }),
      c('grade', '年级', 'Grade', 'int'),
      opt('teacher', '班主任', 'Homeroom teacher', 'text'),
      opt('teacherEmail', '班主任邮箱', 'Teacher e-mail', 'email'),
      opt('weekday', '借阅日', 'Borrowing day', 'text'),
      opt('slot', '借阅时间', 'Borrowing time', 'text'),
      opt('sheetLink', '班级借阅表', 'Class sheet', 'link'),
      opt('sharing', '分享方式', 'Sharing', 'enum', { enumName: 'sharing' }),
    ],
  },
  loans: {
    key: 'loans', zh: '在借', en: 'Loans', machineKept: true,
    columns: [
      c('loanId', '流水号', 'Loan no.', 'text', { key_: true }),
      c('barcode', '登记号', 'Accession no.', 'text'),
      c('readerId', '证号', 'Card no.', 'text'),
      opt('readerName', '姓名', 'Name', 'text'),
      opt('className', '班级', 'Class', 'text'),
      opt('title', '题名', 'Title', 'text'),
      opt('itemType', '文献类型', 'Item type', 'enum', { enumName: 'itemType' }),
      opt('price', '价格', 'Price', 'money'),
      c('lentAt', '借出时间', 'Lent at', 'datetime'),
      c('dueDate', '应还日期', 'Due', 'date'),
      c('renewals', '续借次数', 'Renewals', 'int'),
      opt('staff', '经办人', 'Staff', 'text'),
      // The request ids of the lend and of each renewal of this loan (space-separated): a retried call is
      // recognised from the row itself, whatever the cache has forgotten (issue 9).
      opt('requestId', '请求号', 'Request id', 'text'),
    ],
  },
  history: {
    key: 'history', zh: '借阅记录', en: 'History', machineKept: true,
    columns: [
      c('loanId', '流水号', 'Loan no.', 'text', { key_: true }),
      c('barcode', '登记号', 'Accession no.', 'text'),
      c('readerId', '证号', 'Card no.', 'text'),
      opt('className', '班级', 'Class', 'text'),
      opt('itemType', '文献类型', 'Item type', 'enum', { enumName: 'itemType' }),
      c('lentAt', '借出时间', 'Lent at', 'datetime'),
      c('dueDate', '应还日期', 'Due', 'date'),
      c('returnedAt', '归还时间', 'Returned at', 'datetime'),
      c('renewals', '续借次数', 'Renewals', 'int'),
      c('overdueDays', '逾期天数', 'Days overdue', 'int'),
      c('result', '结果', 'Result', 'enum', { enumName: 'loanResult' }),
      opt('staff', '经办人', 'Staff', 'text'),
      opt('requestId', '请求号', 'Request id', 'text'),
    ],
  },
  acquisitions: {
    key: 'acquisitions', zh: '总括登记', en: 'Acquisitions',
    columns: [
      c('batchNo', '批次号', 'Batch no.', 'text', { key_: true }),
      c('addedOn', '入藏日期', 'Added on', 'date'),
      opt('source', '来源', 'Source', 'text'),
      c('titles', '种数', 'Titles', 'int'),
      c('copies', '册数', 'Copies', 'int'),
      c('amount', '金额', 'Amount', 'money'),
    ],
  },
  writeOffs: {
    key: 'writeOffs', zh: '注销登记', en: 'Write-offs',
    columns: [
      c('barcode', '登记号', 'Accession no.', 'text', { key_: true }),
      c('date', '注销日期', 'Date', 'date'),
      c('reason', '原因', 'Reason', 'enum', { enumName: 'writeOffReason' }),
      opt('price', '价格', 'Price', 'money'),
      opt('compensation', '赔偿金额', 'Compensation', 'money'),
      opt('readerId', '证号', 'Card no.', 'text'),
      opt('staff', '经办人', 'Staff', 'text'),
      opt('foundOn', '找回日期', 'Found on', 'date'),
      opt('paidOn', '赔偿日期', 'Paid on', 'date'),
    ],
  },
  notices: {
    key: 'notices', zh: '通知记录', en: 'Notices', machineKept: true,
    columns: [
      c('time', '时间', 'Time', 'datetime'),
      c('kind', '类型', 'Kind', 'text'),
      c('recipient', '收件人', 'Recipient', 'email'),
      opt('className', '班级', 'Class', 'text'),
      c('count', '条数', 'Count', 'int'),
      c('result', '结果', 'Result', 'text'),
    ],
  },
  repairs: {
    key: 'repairs', zh: '修补记录', en: 'Repairs',
    columns: [
      c('barcode', '登记号', 'Accession no.', 'text', { key_: true }),
      c('date', '送修日期', 'Sent on', 'date'),
      opt('readerId', '证号', 'Card no.', 'text'),
      opt('note', '说明', 'Note', 'text'),
      opt('doneOn', '修好日期', 'Done on', 'date'),
      opt('staff', '经办人', 'Staff', 'text'),
    ],
  },
  activities: {
    key: 'activities', zh: '活动', en: 'Activities',
    columns: [
      c('date', '日期', 'Date', 'date'), c('name', '活动', 'Activity', 'text'), opt('classes', '参与班级', 'Classes', 'text'), opt('note', '说明', 'Note', 'text'),
      // issue 19: the kind, and the winners by card number ('S20230001 一等奖；S20230002')
      opt('kind', '类型', 'Kind', 'enum', { enumName: 'activityKind' }), opt('winners', '获奖读者', 'Winners', 'text'),
    ],
  },
  readingRoom: {
    key: 'readingRoom', zh: '阅览登记', en: 'Reading room',
    // issue 19: one line per reader per day (a visit scanned at the desk's 阅览 mode) or per class reading
    // (集体阅览: the class, no card, the copies used); 日期 and 证号 side by side (one read finds today's visitors)
    columns: [
      c('date', '日期', 'Date', 'date'), opt('readerId', '证号', 'Card no.', 'text'), opt('name', '姓名', 'Name', 'text'), opt('note', '说明', 'Note', 'text'),
      opt('time', '时间', 'Time', 'datetime'), opt('use', '类型', 'Kind', 'enum', { enumName: 'roomUse' }),
      opt('readerType', '读者类型', 'Reader type', 'enum', { enumName: 'readerType' }), opt('className', '班级', 'Class', 'text'),
      opt('barcodes', '登记号', 'Accession nos.', 'text'), opt('staff', '经办人', 'Staff', 'text'),
    ],
  },
  readingLists: {
    key: 'readingLists', zh: '推荐书目', en: 'Reading lists',
    columns: [
      c('grade', '年级', 'Grade', 'int'), c('title', '题名', 'Title', 'text'), opt('author', '责任者', 'Author', 'text'),
      opt('kind', '类别', 'Kind', 'enum', { enumName: 'listKind' }), opt('isbn', 'ISBN', 'ISBN', 'text'),
      // issue 19: the list price (purchase suggestions) and where the list came from
      opt('price', '定价', 'List price', 'money'), opt('source', '来源', 'Source', 'text'),
    ],
  },
  // documents (issue 8): the weekly bulletin's class ranking, rewritten by generateWeeklyBulletin
  weeklyBoard: {
    key: 'weeklyBoard', zh: '每周公示', en: 'Weekly board', machineKept: true,
    columns: [
      c('rank', '排名', 'Rank', 'int'),
      c('className', '班级', 'Class', 'text'),
      opt('grade', '年级', 'Grade', 'int'),
      opt('students', '学生数', 'Students', 'int'),
      c('weekLoans', '本周借阅', 'Loans this week', 'int'),
      opt('termLoans', '本学期借阅', 'Loans this term', 'int'),
      opt('perStudent', '本学期人均', 'Per student this term', 'number'),
      opt('stars', '本周阅读之星', 'Reading stars this week', 'text'),
      opt('week', '周次', 'Week', 'text'),
    ],
  },
  // ---- collection work (issue 11)
  batches: {
    key: 'batches', zh: '批次', en: 'Batches',
    columns: [
      c('batchNo', '批次号', 'Batch no.', 'text', { key_: true }),
      c('date', '日期', 'Date', 'date'),
      opt('source', '来源', 'Source', 'text'),
      opt('invoiceAmount', '发票金额', 'Invoice amount', 'money'),
      c('status', '状态', 'Status', 'enum', { enumName: 'batchStatus' }),
      opt('closedOn', '结账日期', 'Closed on', 'date'),
      opt('staff', '经办人', 'Staff', 'text'),
    ],
  },
  stocktakes: {
    key: 'stocktakes', zh: '盘点', en: 'Stocktakes', machineKept: true,
    columns: [
      c('stocktakeId', '盘点号', 'Stocktake no.', 'text', { key_: true }),
      c('startedAt', '开始时间', 'Started at', 'datetime'),
      opt('scope', '范围', 'Scope', 'text'),
      c('status', '状态', 'Status', 'enum', { enumName: 'stocktakeStatus' }),
      opt('finishedAt', '完成时间', 'Finished at', 'datetime'),
      opt('staff', '经办人', 'Staff', 'text'),
    ],
  },
  // 期刊 (issue 17b): one row per subscription (a title for a year); 已到期号 is kept by 期刊登记.
  periodicals: {
    key: 'periodicals', zh: '期刊', en: 'Periodicals',
    columns: [
      c('title', '刊名', 'Title', 'text'),
      opt('issn', 'CN/ISSN', 'CN/ISSN', 'text'),
      c('frequency', '刊期', 'Frequency', 'enum', { enumName: 'frequency' }),
      c('year', '订阅年份', 'Year', 'int'),
      c('copies', '份数', 'Copies', 'int'),
      opt('classNo', '分类号', 'Class no.', 'text'),
      opt('price', '单价', 'Price', 'money'),
      opt('location', '馆藏地点', 'Location', 'text'),
      opt('received', '已到期号', 'Issues received', 'text'),
    ],
  },
  stocktakeScans: {
    key: 'stocktakeScans', zh: '盘点扫描', en: 'Stocktake scans', machineKept: true,
    columns: [
      c('stocktakeId', '盘点号', 'Stocktake no.', 'text'),
      c('barcode', '登记号', 'Accession no.', 'text', { key_: true }),
      c('scannedAt', '扫描时间', 'Scanned at', 'datetime'),
      opt('location', '馆藏地点', 'Location', 'text'),
      opt('staff', '经办人', 'Staff', 'text'),
    ],
  },
} as const satisfies Record<string, Omit<TabDef, 'key'> & { key: string }>;

export type TabKey = keyof typeof TABS;
export const TAB_KEYS = Object.keys(TABS) as TabKey[];

export function tabDef(key: TabKey): TabDef {
  return TABS[key] as unknown as TabDef;
}

/** The label of an enum value in a language. */
export function enumLabel<E extends EnumName>(e: E, value: EnumKey<E>, lang: Lang): string {
  const entry = (ENUMS[e] as Record<string, { zh: string; en: string }>)[value];
  return entry ? entry[lang] : String(value);
}

/** The enum key for a cell's text in either language (or the key itself), or undefined. */
export function enumKeyOf<E extends EnumName>(e: E, text: unknown): EnumKey<E> | undefined {
  const s = String(text ?? '').trim();
  if (!s) return undefined;
  const table = ENUMS[e] as Record<string, { zh: string; en: string }>;
  for (const [k, v] of Object.entries(table)) {
    if (k === s || v.zh === s || v.en.toLowerCase() === s.toLowerCase()) return k as EnumKey<E>;
  }
  return undefined;
}

/** A column's letters (1 → A, 27 → AA), for naming a cell like B3. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
