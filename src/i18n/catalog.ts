// The one message catalogue, server side: every string the server shows (menus, e-mails, documents,
// errors, answers). Strings only the browser pages show are its pages' side, ./pages.ts (kept out of
// dist/Code.js); pages import t() from there.
// zh-CN is the reference; `en` must have exactly the same keys (the type checker enforces it).
// Placeholders are {name}; fill them with t(locale, key, { name }).
// A feature with many strings keeps them in its own part (src/i18n/parts/*.ts: a `zh` object and an `en`
// of the same keys); they are spread in here, so there is still one catalogue, one key type, one t() per
// side. A string only a page shows goes to the pages' side (./pages.ts, parts/*-pages.ts) instead.
import * as notices from './parts/notices';
import * as classSheets from './parts/classsheets';
import * as documents from './parts/documents';
import * as collection from './parts/collection';
import * as input from './parts/input';

const zh = {
  // --- app ---
  'app.name': '小学图书馆',
  'menu.desk': '打开借还书台',
  'menu.setup': '初始化图书馆工作簿',
  'menu.sample': '载入示例数据',
  'menu.import': '导入读者或图书…',
  // --- errors ---
  'error.INVALID_INPUT': '输入无效：{detail}',
  'error.INTERNAL': '出现意外错误：{detail}',
  'error.BUSY': '另一台借还书台正在操作，请稍后再试。',
  'error.READER_NOT_FOUND': '找不到读者「{readerId}」。',
  'error.ITEM_NOT_FOUND': '找不到登记号「{barcode}」的图书。',
  'error.NOT_ON_LOAN': '《{title}》（{barcode}）没有借出记录，无需还书。',
  'error.SETTINGS_INVALID': '设置有误：{detail}',
  'error.MISSING_COLUMN': '工作表「{tab}」缺少必需的列：{column}。',
  'error.NOT_SET_UP': '缺少工作表「{tab}」，请先在菜单中运行「初始化图书馆工作簿」。',
  'error.IMPORT_EXPIRED': '导入预览已过期，请重新预览后再确认。',
  // --- domain ---
  'domain.settings.empty': '第 {row} 行「{item}」不能为空',
  'domain.settings.notDate': '第 {row} 行「{item}」不是日期：{value}',
  'domain.settings.notNumber': '第 {row} 行「{item}」不是有效的数字：{value}',
  'domain.settings.notTimeRange': '第 {row} 行「{item}」不是时间段（如 12:10-13:00）：{value}',
  'domain.settings.notSlot': '第 {row} 行「{item}」不是借书时间（如 周一下午、周二 12:10-13:00）：{value}',
  'domain.settings.notPattern': '第 {row} 行「{item}」不是有效的正则表达式：{value}',
  'domain.settings.notEmail': '第 {row} 行「{item}」不是有效的邮箱：{value}',
  'domain.settings.notYesNo': '第 {row} 行「{item}」应填“是”或“否”：{value}',
  'domain.settings.badChoice': '第 {row} 行「{item}」无法识别：{value}',
  'domain.settings.duplicateRule': '第 {row} 行：{item} 的规则重复（第 {first} 行已有）',
  'domain.settings.termOrder': '第 {row} 行「{item}」：学期结束（{end}）早于学期开始（{start}）',
  'domain.refuse.READER_INACTIVE': '{name} 的借书证状态为「{status}」，不能借书。',
  'domain.refuse.NOT_LENDABLE': '《{title}》不能外借。',
  'domain.refuse.NOT_LENDABLE.repair': '《{title}》正在修补中，修好后才能外借。',
  'domain.refuse.NOT_LENDABLE.lost': '《{title}》已登记遗失，不能外借（找回后请先把状态改回“在架”）。',
  'domain.refuse.NOT_LENDABLE.withdrawn': '《{title}》已注销，不能外借。',
  'domain.refuse.NOT_LENDABLE.teacherOnly': '《{title}》是教师用书，只借给教师。',
  'domain.refuse.NOT_LENDABLE.rule': '《{title}》是{itemType}，借阅规则不借给{readerType}。',
  'domain.refuse.ALREADY_ON_LOAN_TO': '《{title}》已借给 {name}，无需再借。',
  'domain.refuse.ALREADY_ON_LOAN': '《{title}》已借出，请先还书。',
  'domain.refuse.LIMIT_REACHED': '{name} 已借 {open} 册，最多 {max} 册，请先还书。',
  'domain.refuse.LIMIT_REACHED.inRoomToo': '{name} 已借 {open} 册（另有 {inRoom} 本工具书在馆内阅览，不计入），最多 {max} 册，请先还书。',
  'domain.refuse.LIMIT_REACHED.inRoom': '{name} 已在馆内阅览 {open} 本工具书，馆内阅览同时最多 {max} 本，请先还一本。',
  'domain.refuse.LIMIT_REACHED.type': '{name} 已借 {open} 册{itemType}，这类书最多 {max} 册，请先还书。',
  'domain.refuse.RENEW_NO_EXTENSION': '《{title}》已到学期最后一天，不能再续借。',
  'domain.refuse.OVERDUE_BLOCK': '有 {count} 本书逾期未还（《{title}》逾期 {days} 天），请先还书。',
  'domain.refuse.RENEW_LIMIT': '《{title}》不能再续借（已续借 {renewals} 次，最多 {max} 次）。',
  'domain.refuse.RENEW_OVERDUE': '《{title}》已逾期 {days} 天，不能续借，请先还书。',
  'domain.warn.OUTSIDE_ROTA': '现在不是{className}的借书时间（{slot}），仍已借出。',
  'domain.warn.IN_ROOM_SAME_DAY': '工具书只能在阅览室阅读，今天内归还。',
  'domain.warn.HARD_DUE_TERM_END': '学期即将结束，应还日期提前到学期最后一天。',
  'domain.blocked.READER_INACTIVE': '借书证已停用',
  'domain.blocked.OVERDUE_BLOCK': '有 {overdue} 本书逾期未还',
  'domain.blocked.LIMIT_REACHED': '已借满 {max} 册',
  'domain.blocked.LIMIT_REACHED.inRoomToo': '已借满 {max} 册（另有馆内阅览 {inRoom} 本，不计入）',
  'domain.import.noRows': '没有可导入的数据行',
  'domain.import.missingColumn': '缺少必需的列「{column}」',
  'domain.import.required': '「{column}」不能为空',
  'domain.import.badKey': '「{column}」含有空格或非法字符：{value}',
  'domain.import.keyTooLong': '「{column}」太长（最多 {max} 个字符）：{value}',
  'domain.import.keyNotReader': '「{column}」{value} 不符合设置中的读者证号规则（{pattern}），借还书台扫到它时认不出是借书证',
  'domain.import.keyLooksItem': '「{column}」{value} 符合设置中的图书条码规则，借还书台会把它当作图书',
  'domain.import.keyNotItem': '「{column}」{value} 不符合设置中的图书条码规则（{pattern}），借还书台扫到它时认不出是图书',
  'domain.import.keyLooksReader': '「{column}」{value} 符合设置中的读者证号规则，借还书台会把它当作借书证',
  'domain.import.dupCase': '{key} 与工作簿中的 {other} 只差大小写，借还书台分不开',
  'domain.import.dupInFile': '{key} 与第 {first} 行重复',
  'domain.import.dupExisting': '{key} 已在工作簿中',
  'domain.import.badIsbn': 'ISBN 校验位不对：{value}',
  'domain.import.badDate': '「{column}」不是日期：{value}',
  'domain.import.badPrice': '价格无效：{value}',
  'domain.import.badNumber': '「{column}」不是有效的数字：{value}',
  'domain.import.badChoice': '「{column}」无法识别：{value}',
  'domain.import.badGrade': '年级应为 1–6：{value}',
  'domain.import.badClass': '班级无法识别（应如 三年级(2)班、3-2 或 Grade 3 Class 2）：{value}',
  'domain.import.gradeMismatch': '年级 {grade} 与班级 {className} 不符',
  'domain.import.badEmail': '邮箱格式不对：{value}',
  'domain.import.badClassNo': '分类号不是中图法分类号：{value}',
  'domain.import.onLoanStatus': '导入的图书不能是“借出”状态（没有借阅记录）',
  // --- sheets ---
  'sheets.missingColumn': '工作表「{tab}」缺少必需的列：{column}。',
  'sheets.missingTab': '缺少工作表「{tab}」，请先在菜单中运行「初始化图书馆工作簿」。',
  'app.lent': '已借出：《{title}》，请于 {due} 前归还。',
  'app.lentInRoom': '馆内阅览：《{title}》，今天闭馆前归还。',
  'app.lentAgain': '这本书刚才已经借出（重复扫描），无需再借。',
  'app.alreadyLent': '《{title}》已借给 {name}（重复扫描），无需再借。',
  'app.returnedLostNoPrice': '已登记遗失：《{title}》（{name}）。这本书没有价格，赔偿金额请另行确定。',
  'app.returned': '已还：《{title}》（{name}）。',
  'app.returnedOverdue': '已还：《{title}》（{name}），逾期 {days} 天。',
  'app.returnedDamaged': '已还并送修：《{title}》（{name}）。',
  'app.returnedLost': '已登记遗失：《{title}》，应赔偿 {amount} 元（{name}）。',
  'app.returnedAgain': '这本书刚才已经还过（重复扫描）。',
  'app.renewed': '已续借：《{title}》，新的应还日期 {due}。',
  'app.setupDone': '图书馆工作簿已就绪：新建工作表 {tabs} 个，新增列 {columns} 个。',
  'app.setupNothing': '图书馆工作簿已就绪，无需改动。',
  'app.sampleLoaded': '已载入示例学校：读者 {readers} 人，图书 {items} 册，在借 {loans} 册。',
  'app.sampleNotEmpty': '工作簿里已有读者或图书，为避免混淆，示例数据只能载入空的图书馆。',
  'app.importDone': '已导入 {count} 行。',
  'app.importPartial': '已导入 {count} / {total} 行，请再次点击继续。',
  'app.warnEdit': '这张表由借还书台自动维护，手工修改可能导致数据不一致。',
  // --- desk ---
  'desk.title': '借还书台',
  // --- import ---
  'import.title': '导入读者或图书',
  ...notices.zh,
  ...classSheets.zh,
  ...documents.zh,
  ...collection.zh,
  ...input.zh,
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  // --- app ---
  'app.name': 'School Library',
  'menu.desk': 'Open the lending desk',
  'menu.setup': 'Set up the library workbook',
  'menu.sample': 'Load sample data',
  'menu.import': 'Import readers or items…',
  // --- errors ---
  'error.INVALID_INPUT': 'Invalid input: {detail}',
  'error.INTERNAL': 'Something unexpected went wrong: {detail}',
  'error.BUSY': 'Another desk is working right now; please try again in a moment.',
  'error.READER_NOT_FOUND': 'No reader with card “{readerId}”.',
  'error.ITEM_NOT_FOUND': 'No item with accession number “{barcode}”.',
  'error.NOT_ON_LOAN': '“{title}” ({barcode}) is not on loan; nothing to return.',
  'error.SETTINGS_INVALID': 'Settings problem: {detail}',
  'error.MISSING_COLUMN': 'Tab “{tab}” is missing the required column: {column}.',
  'error.NOT_SET_UP': 'Tab “{tab}” is missing: run “Set up the library workbook” from the menu first.',
  'error.IMPORT_EXPIRED': 'This import preview has expired; preview it again, then confirm.',
  // --- domain ---
  'domain.settings.empty': 'Row {row} "{item}" must not be empty',
  'domain.settings.notDate': 'Row {row} "{item}" is not a date: {value}',
  'domain.settings.notNumber': 'Row {row} "{item}" is not a valid number: {value}',
  'domain.settings.notTimeRange': 'Row {row} "{item}" is not a time range (like 12:10-13:00): {value}',
  'domain.settings.notSlot': 'Row {row} "{item}" is not a borrowing time (like Mon afternoon, Tue 12:10-13:00): {value}',
  'domain.settings.notPattern': 'Row {row} "{item}" is not a valid regular expression: {value}',
  'domain.settings.notEmail': 'Row {row} "{item}" is not a valid e-mail address: {value}',
  'domain.settings.notYesNo': 'Row {row} "{item}" must be yes or no: {value}',
  'domain.settings.badChoice': 'Row {row} "{item}" is not recognised: {value}',
  'domain.settings.duplicateRule': 'Row {row}: a second rule for {item} (first on row {first})',
  'domain.settings.termOrder': 'Row {row} "{item}": the term ends ({end}) before it starts ({start})',
  'domain.refuse.READER_INACTIVE': '{name}’s card is “{status}”; no lending.',
  'domain.refuse.NOT_LENDABLE': '"{title}" cannot be lent.',
  'domain.refuse.NOT_LENDABLE.repair': '"{title}" is in repair; it can be lent once repaired.',
  'domain.refuse.NOT_LENDABLE.lost': '"{title}" is recorded as lost and cannot be lent (if found, set its status back to On shelf first).',
  'domain.refuse.NOT_LENDABLE.withdrawn': '"{title}" has been written off and cannot be lent.',
  'domain.refuse.NOT_LENDABLE.teacherOnly': '"{title}" is a teacher book, lent to teachers only.',
  'domain.refuse.NOT_LENDABLE.rule': '"{title}" is a {itemType}; the loan rules do not lend it to a {readerType}.',
  'domain.refuse.ALREADY_ON_LOAN_TO': '"{title}" is already lent to {name}; nothing more to do.',
  'domain.refuse.ALREADY_ON_LOAN': '"{title}" is already on loan; return it first.',
  'domain.refuse.LIMIT_REACHED': '{name} has {open} of {max} books; return one first.',
  'domain.refuse.LIMIT_REACHED.inRoomToo': '{name} has {open} of {max} books (plus {inRoom} reference book(s) in the reading room, not counted); return one first.',
  'domain.refuse.LIMIT_REACHED.inRoom': '{name} is reading {open} reference book(s) in the room, the most at once is {max}; return one first.',
  'domain.refuse.LIMIT_REACHED.type': '{name} has {open} of {max} {itemType} loans allowed; return one first.',
  'domain.refuse.RENEW_NO_EXTENSION': '"{title}" is already due on the last day of term; no renewal.',
  'domain.refuse.OVERDUE_BLOCK': '{count} overdue book(s) ("{title}", {days} days late); return them first.',
  'domain.refuse.RENEW_LIMIT': '"{title}" cannot be renewed again ({renewals} of {max} renewals used).',
  'domain.refuse.RENEW_OVERDUE': '"{title}" is {days} days overdue and cannot be renewed; please return it.',
  'domain.warn.OUTSIDE_ROTA': 'Not {className}’s borrowing time ({slot}); lent anyway.',
  'domain.warn.IN_ROOM_SAME_DAY': 'Reference book: reading room only, back today.',
  'domain.warn.HARD_DUE_TERM_END': 'The term ends soon: due on its last day.',
  'domain.blocked.READER_INACTIVE': 'Card not active',
  'domain.blocked.OVERDUE_BLOCK': '{overdue} overdue book(s)',
  'domain.blocked.LIMIT_REACHED': 'All {max} borrowed',
  'domain.blocked.LIMIT_REACHED.inRoomToo': 'All {max} borrowed (plus {inRoom} in the reading room, not counted)',
  'domain.import.noRows': 'No data rows to import',
  'domain.import.missingColumn': 'Required column "{column}" is missing',
  'domain.import.required': '"{column}" must not be empty',
  'domain.import.badKey': '"{column}" contains spaces or invalid characters: {value}',
  'domain.import.keyTooLong': '"{column}" is too long (at most {max} characters): {value}',
  'domain.import.keyNotReader': '"{column}" {value} does not fit the reader card pattern in Settings ({pattern}); the desk would not know it as a card',
  'domain.import.keyLooksItem': '"{column}" {value} fits the book barcode pattern in Settings; the desk would take it for a book',
  'domain.import.keyNotItem': '"{column}" {value} does not fit the book barcode pattern in Settings ({pattern}); the desk would not know it as a book',
  'domain.import.keyLooksReader': '"{column}" {value} fits the reader card pattern in Settings; the desk would take it for a reader card',
  'domain.import.dupCase': '{key} differs from {other} in the workbook only by upper/lower case; the desk cannot tell them apart',
  'domain.import.dupInFile': '{key} repeats row {first}',
  'domain.import.dupExisting': '{key} is already in the workbook',
  'domain.import.badIsbn': 'ISBN check digit is wrong: {value}',
  'domain.import.badDate': '"{column}" is not a date: {value}',
  'domain.import.badPrice': 'Invalid price: {value}',
  'domain.import.badNumber': '"{column}" is not a valid number: {value}',
  'domain.import.badChoice': '"{column}" is not recognised: {value}',
  'domain.import.badGrade': 'Grade must be 1–6: {value}',
  'domain.import.badClass': 'Class not recognised (expected like Grade 3 Class 2, 3-2 or 三年级(2)班): {value}',
  'domain.import.gradeMismatch': 'Grade {grade} does not match class {className}',
  'domain.import.badEmail': 'Invalid e-mail address: {value}',
  'domain.import.badClassNo': 'Not a Chinese Library Classification number: {value}',
  'domain.import.onLoanStatus': 'An imported copy cannot be "on loan" (there is no loan for it)',
  // --- sheets ---
  'sheets.missingColumn': 'Tab “{tab}” is missing the required column: {column}.',
  'sheets.missingTab': 'Tab “{tab}” is missing: run “Set up the library workbook” from the menu first.',
  'app.lent': 'Lent: “{title}”, due back {due}.',
  'app.lentInRoom': 'Reading room: “{title}”, back before closing today.',
  'app.lentAgain': 'This book was just lent (repeated scan); nothing more to do.',
  'app.alreadyLent': '“{title}” is already lent to {name} (scanned again); nothing more to do.',
  'app.returnedLostNoPrice': 'Recorded as lost: “{title}” ({name}). The copy has no price; settle the amount separately.',
  'app.returned': 'Returned: “{title}” ({name}).',
  'app.returnedOverdue': 'Returned: “{title}” ({name}), {days} days overdue.',
  'app.returnedDamaged': 'Returned and sent to repair: “{title}” ({name}).',
  'app.returnedLost': 'Recorded as lost: “{title}”, {amount} yuan to pay ({name}).',
  'app.returnedAgain': 'This book was just returned (repeated scan).',
  'app.renewed': 'Renewed: “{title}”, now due {due}.',
  'app.setupDone': 'The library workbook is ready: {tabs} tabs and {columns} columns added.',
  'app.setupNothing': 'The library workbook is ready; nothing to change.',
  'app.sampleLoaded': 'Sample school loaded: {readers} readers, {items} items, {loans} on loan.',
  'app.sampleNotEmpty': 'This workbook already has readers or items; sample data only goes into an empty library.',
  'app.importDone': '{count} rows imported.',
  'app.importPartial': '{count} of {total} rows imported; click again to continue.',
  'app.warnEdit': 'The lending desk keeps this tab; editing it by hand may make the records disagree.',
  // --- desk ---
  'desk.title': 'Lending desk',
  // --- import ---
  'import.title': 'Import readers or items',
  ...notices.en,
  ...classSheets.en,
  ...documents.en,
  ...collection.en,
  ...input.en,
};

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const catalog: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** Chinese for any zh* locale, English for everything else. */
export function pickLocale(raw: string | undefined | null): Locale {
  return String(raw ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type Params = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(catalog[locale][key] ?? catalog['zh-CN'][key] ?? key, params);
}

/** A message with its {placeholders} filled (an unknown one stays as it is). */
export function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
