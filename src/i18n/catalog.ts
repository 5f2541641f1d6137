// The one message catalogue, server side: every string the server shows (menus, e-mails, documents,
// errors, answers). Strings only the browser pages show are its pages' side, ./pages.ts (kept out of
// dist/Code.js); pages import t() from there.
// Each key is written once with its [zh-CN, en] pair, so no language can lack a string (the type checker
// enforces the pair) and dist/Code.js carries each key once, not once per language.
// Placeholders are {name}; fill them with t(locale, key, { name }).
// A feature with many strings keeps them in its own part (src/i18n/parts/*.ts: `messages`, pairs the
// same way); they are spread in here, so there is still one catalogue, one key type, one t() per
// side. A string only a page shows goes to the pages' side (./pages.ts, parts/*-pages.ts) instead.
import * as notices from './parts/notices';
import * as classSheets from './parts/classsheets';
import * as classView from './parts/classview';
import * as documents from './parts/documents';
import * as reports from './parts/reports';
import * as collection from './parts/collection';
import * as input from './parts/input';
import * as reading from './parts/reading';
import * as words from './parts/words';
import * as desk17b from './parts/desk17b';
import * as calendar from './parts/calendar';
import * as selfCheck from './parts/selfcheck';

const messages = {
  // --- app ---
  'app.name': ['小学图书馆', 'School Library'],
  'menu.desk': ['打开借还书台', 'Open the lending desk'],
  'menu.setup': ['初始化图书馆工作簿', 'Set up the library workbook'],
  'menu.sample': ['载入示例数据', 'Load sample data'],
  'menu.import': ['导入读者或图书…', 'Import readers or items…'],
  'menu.consistency': ['检查并修复借还记录', 'Check and repair the loan records'],
  'consistency.clean': ['借还记录一致，没有需要修复的地方。', 'The loan records agree; nothing to repair.'],
  'consistency.summary': ['检查完成：自动修复 {repaired} 处，{problems} 处需要人工核对。', 'Check done: {repaired} repaired automatically, {problems} to check by hand.'],
  'consistency.partial': ['检查未完成（时间用尽），下次继续。', 'The check did not finish in time; it continues next time.'],
  'consistency.finishReturn': ['{barcode}：上次还书没有写完（{loanId} 已记入借阅记录），已删除在借中的这一行（{cell}）。', '{barcode}: a return had not finished ({loanId} is in History); its row in Loans was removed ({cell}).'],
  'consistency.setStatus': ['{barcode}：状态由「{from}」改为「{to}」（{cell}）。', '{barcode}: status changed from “{from}” to “{to}” ({cell}).'],
  'consistency.twoLoans': ['{barcode}：在借中有多行记录（{cells}），请核对是哪位读者借走的。', '{barcode}: several rows in Loans ({cells}); please check which reader has it.'],
  'consistency.loanOfUnknownCopy': ['{barcode}：在借中有记录（{cell}），但图书中没有这本书或它的状态是「{status}」，请核对。', '{barcode}: on loan ({cell}) but not in Items, or its status is “{status}”; please check.'],
  'consistency.badCells': ['{count} 个单元格的内容无法识别，请改正：{cells}', '{count} cells cannot be read, please correct them: {cells}'],
  'consistency.duplicateReader': ['读者证号 {readerId} 重复出现：{cells}。', 'Card no. {readerId} appears more than once: {cells}.'],
  // --- errors ---
  'error.INVALID_INPUT': ['输入无效：{detail}', 'Invalid input: {detail}'],
  'error.INTERNAL': ['出现意外错误：{detail}', 'Something unexpected went wrong: {detail}'],
  'error.BUSY': ['另一台借还书台正在操作，请稍后再试。', 'Another desk is working right now; please try again in a moment.'],
  'error.READER_NOT_FOUND': ['找不到读者「{readerId}」。', 'No reader with card “{readerId}”.'],
  'error.ITEM_NOT_FOUND': ['找不到登记号「{barcode}」的图书。', 'No item with accession number “{barcode}”.'],
  'error.NOT_ON_LOAN': ['《{title}》（{barcode}）没有借出记录，无需还书。', '“{title}” ({barcode}) is not on loan; nothing to return.'],
  'error.SETTINGS_INVALID': ['设置有误：{detail}', 'Settings problem: {detail}'],
  'error.MISSING_COLUMN': ['工作表「{tab}」缺少必需的列：{column}。', 'Tab “{tab}” is missing the required column: {column}.'],
  'error.NOT_SET_UP': ['缺少工作表「{tab}」，请先在菜单中运行「初始化图书馆工作簿」。', 'Tab “{tab}” is missing: run “Set up the library workbook” from the menu first.'],
  'error.IMPORT_EXPIRED': ['导入预览已过期，请重新预览后再确认。', 'This import preview has expired; preview it again, then confirm.'],
  'error.BAD_CELL': ['《{title}》的记录中 {cells} 的内容无法识别（例如不是日期），请先在工作表里改正。', 'The record of “{title}” has a cell that cannot be read ({cells}, e.g. not a date): correct it in the sheet first.'],
  // --- domain ---
  'domain.settings.empty': ['第 {row} 行「{item}」不能为空', 'Row {row} "{item}" must not be empty'],
  'domain.settings.notDate': ['第 {row} 行「{item}」不是日期：{value}', 'Row {row} "{item}" is not a date: {value}'],
  'domain.settings.notNumber': ['第 {row} 行「{item}」不是有效的数字：{value}', 'Row {row} "{item}" is not a valid number: {value}'],
  'domain.settings.notTimeRange': ['第 {row} 行「{item}」不是时间段（如 12:10-13:00）：{value}', 'Row {row} "{item}" is not a time range (like 12:10-13:00): {value}'],
  'domain.settings.notSlot': ['第 {row} 行「{item}」不是借书时间（如 周一下午、周二 12:10-13:00）：{value}', 'Row {row} "{item}" is not a borrowing time (like Mon afternoon, Tue 12:10-13:00): {value}'],
  'domain.settings.notPattern': ['第 {row} 行「{item}」不是有效的正则表达式：{value}', 'Row {row} "{item}" is not a valid regular expression: {value}'],
  'domain.settings.notEmail': ['第 {row} 行「{item}」不是有效的邮箱：{value}', 'Row {row} "{item}" is not a valid e-mail address: {value}'],
  'domain.settings.notYesNo': ['第 {row} 行「{item}」应填“是”或“否”：{value}', 'Row {row} "{item}" must be yes or no: {value}'],
  'domain.settings.badChoice': ['第 {row} 行「{item}」无法识别：{value}', 'Row {row} "{item}" is not recognised: {value}'],
  'domain.settings.duplicateRule': ['第 {row} 行：{item} 的规则重复（第 {first} 行已有）', 'Row {row}: a second rule for {item} (first on row {first})'],
  'domain.settings.termOrder': ['第 {row} 行「{item}」：学期结束（{end}）早于学期开始（{start}）', 'Row {row} "{item}": the term ends ({end}) before it starts ({start})'],
  'domain.refuse.READER_INACTIVE': ['{name} 的借书证状态为「{status}」，不能借书。', '{name}’s card is “{status}”; no lending.'],
  'domain.refuse.NOT_LENDABLE': ['《{title}》不能外借。', '"{title}" cannot be lent.'],
  'domain.refuse.NOT_LENDABLE.repair': ['《{title}》正在修补中，修好后才能外借。', '"{title}" is in repair; it can be lent once repaired.'],
  'domain.refuse.NOT_LENDABLE.lost': ['《{title}》已登记遗失，不能外借。找到了？点“放回书架”，再扫描借出。', '"{title}" is recorded as lost and cannot be lent. Found it? Click “Back on the shelf”, then scan it again.'],
  'domain.refuse.NOT_LENDABLE.withdrawn': ['《{title}》已注销，不能外借。', '"{title}" has been written off and cannot be lent.'],
  'domain.refuse.NOT_LENDABLE.teacherOnly': ['《{title}》是教师用书，只借给教师。', '"{title}" is a teacher book, lent to teachers only.'],
  'domain.refuse.NOT_LENDABLE.rule': ['《{title}》是{itemType}，借阅规则不借给{readerType}。', '"{title}" is a {itemType}; the loan rules do not lend it to a {readerType}.'],
  'domain.refuse.ALREADY_ON_LOAN': ['《{title}》已借出，请先还书。', '"{title}" is already on loan; return it first.'],
  'domain.refuse.LIMIT_REACHED': ['{name} 已借 {open} 册，最多 {max} 册，请先还书。', '{name} has {open} of {max} books; return one first.'],
  'domain.refuse.LIMIT_REACHED.inRoomToo': ['{name} 已借 {open} 册（另有 {inRoom} 本工具书在馆内阅览，不计入），最多 {max} 册，请先还书。', '{name} has {open} of {max} books (reference books in the reading room, not counted: {inRoom}); return one first.'],
  'domain.refuse.LIMIT_REACHED.inRoom': ['{name} 已在馆内阅览 {open} 本工具书，馆内阅览同时最多 {max} 本，请先还一本。', '{name} is using reference books in the room: {open}, the most at once is {max}; return one first.'],
  'domain.refuse.LIMIT_REACHED.type': ['{name} 已借 {open} 册{itemType}，这类书最多 {max} 册，请先还书。', '{name} has {open} of {max} {itemType} loans allowed; return one first.'],
  'domain.refuse.RENEW_NO_EXTENSION': ['《{title}》的应还日期已是本学期最后一个上学日（{due}），不能再续借。', '"{title}" is already due on the term\'s last school day ({due}); no renewal.'],
  'domain.refuse.OVERDUE_BLOCK': ['有 {count} 本书逾期未还（《{title}》逾期 {days} 天），请先还书。', 'Overdue books: {count} ("{title}" is {days} school days late); return them first.'],
  'domain.refuse.RENEW_LIMIT': ['《{title}》不能再续借（已续借 {renewals} 次，最多 {max} 次）。', '"{title}" cannot be renewed again ({renewals} of {max} renewals used).'],
  'domain.refuse.RENEW_OVERDUE': ['《{title}》已逾期 {days} 天，不能续借，请先还书。', '"{title}" is {days} days overdue and cannot be renewed; please return it.'],
  'domain.warn.OUTSIDE_ROTA': ['现在不是{className}的借书时间（{slot}），仍已借出。', 'Not {className}’s borrowing time ({slot}); lent anyway.'],
  'domain.warn.IN_ROOM_SAME_DAY': ['工具书只能在阅览室阅读，今天内归还。', 'Reference book: reading room only, back today.'],
  'domain.blocked.READER_INACTIVE': ['借书证已停用', 'Card not active'],
  'domain.blocked.OVERDUE_BLOCK': ['有 {overdue} 本书逾期未还', 'Overdue books: {overdue}'],
  'domain.blocked.LIMIT_REACHED': ['已借满 {max} 册', 'All {max} borrowed'],
  'domain.blocked.LIMIT_REACHED.inRoomToo': ['已借满 {max} 册（另有馆内阅览 {inRoom} 本，不计入）', 'All {max} borrowed (plus {inRoom} in the reading room, not counted)'],
  'domain.import.missingColumn': ['缺少必需的列「{column}」', 'Required column "{column}" is missing'],
  'domain.import.required': ['「{column}」不能为空', '"{column}" must not be empty'],
  'domain.import.badKey': ['「{column}」含有空格或非法字符：{value}', '"{column}" contains spaces or invalid characters: {value}'],
  'domain.import.keyTooLong': ['「{column}」太长（最多 {max} 个字符）：{value}', '"{column}" is too long (at most {max} characters): {value}'],
  'domain.import.keyLooksItem': ['「{column}」{value} 符合设置中的图书条码规则，借还书台会把它当作图书', '"{column}" {value} fits the book barcode pattern in Settings; the desk would take it for a book'],
  'domain.import.keyLooksReader': ['「{column}」{value} 符合设置中的读者证号规则，借还书台会把它当作借书证', '"{column}" {value} fits the reader card pattern in Settings; the desk would take it for a reader card'],
  'domain.import.dupCase': ['{key} 与工作簿中的 {other} 只差大小写，借还书台分不开', '{key} differs from {other} in the workbook only by upper/lower case; the desk cannot tell them apart'],
  'domain.import.dupInFile': ['{key} 与第 {first} 行重复', '{key} repeats row {first}'],
  'domain.import.dupExisting': ['{key} 已在工作簿中', '{key} is already in the workbook'],
  'domain.import.badIsbn': ['ISBN 校验位不对：{value}', 'ISBN check digit is wrong: {value}'],
  'domain.import.badDate': ['「{column}」不是日期：{value}', '"{column}" is not a date: {value}'],
  'domain.import.tooLong': ['「{column}」超过一个单元格能存的 {max} 个字符', '"{column}" is longer than the {max} characters a cell can hold'],
  'domain.import.badPrice': ['价格无效：{value}', 'Invalid price: {value}'],
  'domain.import.badNumber': ['「{column}」不是有效的数字：{value}', '"{column}" is not a valid number: {value}'],
  'domain.import.badChoice': ['「{column}」无法识别：{value}', '"{column}" is not recognised: {value}'],
  'domain.import.badGrade': ['年级应为 1–6：{value}', 'Grade must be 1–6: {value}'],
  'domain.import.badClass': ['班级无法识别（应如 三年级(2)班、3-2 或 Grade 3 Class 2）：{value}', 'Class not recognised (expected like Grade 3 Class 2, 3-2 or 三年级(2)班): {value}'],
  'domain.import.gradeMismatch': ['年级 {grade} 与班级 {className} 不符', 'Grade {grade} does not match class {className}'],
  'domain.import.badEmail': ['邮箱格式不对：{value}', 'Invalid e-mail address: {value}'],
  'domain.import.badClassNo': ['分类号「{value}」不是中图法分类号：应为大写字母加数字，每三位数字后加一个点，如 I287.45、G623.2', 'Class no. “{value}” is not a Chinese Library Classification number: a capital letter and digits, a point after every third digit, e.g. I287.45, G623.2'],
  'domain.import.onLoanStatus': ['导入的图书不能是“借出”状态（没有借阅记录）', 'An imported copy cannot be "on loan" (there is no loan for it)'],
  // --- sheets ---
  'sheets.missingColumn': ['工作表「{tab}」缺少必需的列：{column}。', 'Tab “{tab}” is missing the required column: {column}.'],
  'sheets.missingTab': ['缺少工作表「{tab}」，请先在菜单中运行「初始化图书馆工作簿」。', 'Tab “{tab}” is missing: run “Set up the library workbook” from the menu first.'],
  'app.lent': ['已借出：《{title}》，请于 {due} 前归还。', 'Lent: “{title}”, due back {due}.'],
  'app.lentInRoom': ['馆内阅览：《{title}》，今天闭馆前归还。', 'Reading room: “{title}”, back before closing today.'],
  'app.lentAgain': ['这本书刚才已经借出（重复扫描），无需再借。', 'This book was just lent (repeated scan); nothing more to do.'],
  'app.alreadyLent': ['《{title}》已借给 {name}（重复扫描），无需再借。', '“{title}” is already lent to {name} (scanned again); nothing more to do.'],
  'app.returnedLostNoPrice': ['已登记遗失：《{title}》（{name}）。这本书没有价格，赔偿金额请另行确定。', 'Recorded as lost: “{title}” ({name}). The copy has no price; settle the amount separately.'],
  'app.returned': ['已还：《{title}》（{name}）。', 'Returned: “{title}” ({name}).'],
  'app.returnedOverdue': ['已还：《{title}》（{name}），逾期 {days} 天。', 'Returned: “{title}” ({name}), {days} days overdue.'],
  'app.returnedDamaged': ['已还并送修：《{title}》（{name}）。', 'Returned and sent to repair: “{title}” ({name}).'],
  'app.returnedLost': ['已登记遗失：《{title}》，应赔偿 {amount} 元（{name}）。', 'Recorded as lost: “{title}”, {amount} yuan to pay ({name}).'],
  'app.returnedAgain': ['这本书刚才已经还过（重复扫描）。', 'This book was just returned (repeated scan).'],
  'app.badCells': ['请核对工作表中无法识别的单元格：{cells}。', 'Please check these cells in the sheet, they could not be read: {cells}.'],
  'app.renewed': ['已续借：《{title}》，新的应还日期 {due}。', 'Renewed: “{title}”, now due {due}.'],
  'app.setupDone': ['图书馆工作簿已就绪：新建工作表 {tabs} 个，新增列 {columns} 个。', 'The library workbook is ready: {tabs} tabs and {columns} columns added.'],
  'app.setupNothing': ['图书馆工作簿已就绪，无需改动。', 'The library workbook is ready; nothing to change.'],
  'app.sampleLoaded': ['已载入示例学校：读者 {readers} 人，图书 {items} 册，在借 {loans} 册。', 'Sample school loaded: {readers} readers, {items} items, {loans} on loan.'],
  'app.sampleNotEmpty': ['工作簿里已有读者或图书，为避免混淆，示例数据只能载入空的图书馆。', 'This workbook already has readers or items; sample data only goes into an empty library.'],
  'app.importDone': ['已导入 {count} 行。', '{count} rows imported.'],
  'app.importPartial': ['已导入 {count} / {total} 行，请再次点击继续。', '{count} of {total} rows imported; click again to continue.'],
  'app.warnEdit': ['这张表由借还书台自动维护，手工修改可能导致数据不一致。', 'The lending desk keeps this tab; editing it by hand may make the records disagree.'],
  // --- desk ---
  'desk.title': ['借还书台', 'Lending desk'],
  // --- import ---
  'import.title': ['导入读者或图书', 'Import readers or items'],
  ...notices.messages,
  ...classSheets.messages,
  ...classView.messages,
  ...documents.messages,
  ...reports.messages,
  ...collection.messages,
  ...desk17b.messages,
  ...input.messages,
  ...reading.messages,
  ...words.messages,
  ...calendar.messages,
  ...selfCheck.messages,
} as const satisfies Record<string, readonly [zh: string, en: string]>;

export type MessageKey = keyof typeof messages;

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const side = (i: 0 | 1): Record<MessageKey, string> =>
  Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, v[i]])) as Record<MessageKey, string>;
/** The catalogue per language (for the pages' side and tests; t() reads the pairs directly). Marked pure so
 *  the server bundle, which never reads it, does not build it on every execution. */
export const catalog: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': /* @__PURE__ */ side(0), en: /* @__PURE__ */ side(1) };

/** Chinese for any zh* locale, English for everything else. */
export function pickLocale(raw: string | undefined | null): Locale {
  return String(raw ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type Params = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const pair = messages[key] as readonly [string, string] | undefined;
  return fill(pair ? pair[locale === 'zh-CN' ? 0 : 1] : key, params);
}

/** True when `key` is in the catalogue (a field label, a schema's own message). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/** A message with its {placeholders} filled (an unknown one stays as it is). */
export function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
