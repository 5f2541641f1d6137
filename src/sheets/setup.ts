// setupLibrary's work on the spreadsheet: every missing tab and column, formats, dropdowns, the overdue
// highlight, warning-only protection of machine-kept tabs, and default settings rows. Idempotent: it only
// adds what is missing; it never deletes, moves or overwrites a cell that holds data.
import {
  type ColumnDef, type EnumName, ENUMS, type Lang, type TabKey, TAB_KEYS, tabDef,
} from '../domain/schema';
import { calendarSeedRows, DEFAULT_LOAN_RULES, defaultSettings, parseSettings, SETTING_DEFS } from '../domain/settings';
import { startOfDay } from '../domain/dates';
import { t, type Locale } from '../i18n/catalog';
import { columnLetter, findSheet, mapHeader, normHeader, numberFormatFor, readHeader, Table } from './table';

export interface SetupReport { tabs: string[]; columns: string[] }

const label = (c: { zh: string; en: string }, lang: Lang): string => (lang === 'zh' ? c.zh : c.en);

export function setupWorkbook(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, locale: Locale, today: Date, tz: string): SetupReport {
  const report: SetupReport = { tabs: [], columns: [] };
  for (const key of TAB_KEYS) {
    const def = tabDef(key);
    let sheet = findSheet(ss, key);
    const isNew = !sheet;
    if (!sheet) {
      sheet = ss.insertSheet(label(def, lang));
      report.tabs.push(sheet.getName());
    }
    // Header: add the columns this tab lacks at its right end, leave everything else where it is.
    const header = readHeader(sheet);
    const map = mapHeader(def, header);
    const missing = def.columns.filter((c) => map[c.key] === undefined);
    if (missing.length) {
      // Fill blank header cells first? No: a blank header cell may sit above data; append instead.
      const start = header.length + 1;
      const need = start + missing.length - 1;
      if (need > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), need - sheet.getMaxColumns());
      sheet.getRange(1, start, 1, missing.length).setValues([missing.map((c) => label(c, lang))]);
      if (!isNew) for (const c of missing) report.columns.push(`${sheet.getName()}.${label(c, lang)}`);
    }
    if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
    const full = [...header, ...missing.map((c) => label(c, lang))];
    const fullMap = mapHeader(def, full);
    if (isNew || missing.length) sheet.getRange(1, 1, 1, full.length).setFontWeight('bold');
    // Formats and dropdowns for new columns, and for known columns of a tab the librarian made herself
    // whose format is not ours yet (so text she later types stays text); one read tells which.
    const unformatted = isNew ? def.columns : columnsNeedingFormat(sheet, def.columns, fullMap, missing);
    formatColumns(sheet, unformatted, fullMap, lang);
    if (key === 'loans') overdueHighlight(sheet, fullMap);
    if (def.machineKept) protectWarningOnly(sheet, t(locale, 'app.warnEdit'));
  }
  seedSettings(ss, lang, today, tz);
  dropEmptyDefaultTab(ss);
  return report;
}

/** The tab a new spreadsheet comes with (工作表1 / Sheet1), left empty once the library's tabs exist: removed, so
 *  the librarian does not meet a blank first tab. Never one holding anything, never the last tab (Sheets
 *  refuses to remove every sheet of a spreadsheet). */
function dropEmptyDefaultTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const sheets = ss.getSheets();
  for (const sheet of sheets) {
    if (!DEFAULT_TAB_NAMES.includes(sheet.getName()) || sheets.length < 2) continue;
    if (sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) ss.deleteSheet(sheet);
  }
}

/** What Sheets names the first tab of a new spreadsheet, in the locales the library speaks. */
const DEFAULT_TAB_NAMES = ['工作表1', 'Sheet1'];

function columnsNeedingFormat(sheet: GoogleAppsScript.Spreadsheet.Sheet, cols: readonly ColumnDef[], map: Record<string, number>, missing: readonly ColumnDef[]): ColumnDef[] {
  const width = Math.max(...Object.values(map)) + 1;
  const formats = sheet.getRange(2, 1, 1, width).getNumberFormats()[0];
  return cols.filter((c) => missing.includes(c) || (map[c.key] !== undefined && formats[map[c.key]] !== numberFormatFor(c)));
}

/** Number formats (text stays text) and dropdowns for enum columns, on the column below the header. */
function formatColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, cols: readonly ColumnDef[], map: Record<string, number>, lang: Lang): void {
  if (cols.length === 0) return;
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const col of cols) {
    const i = map[col.key];
    if (i === undefined) continue;
    const range = sheet.getRange(2, i + 1, rows, 1);
    range.setNumberFormat(numberFormatFor(col));
    if (col.kind === 'enum' && col.enumName) {
      const values = Object.values(ENUMS[col.enumName as EnumName]).map((v) => label(v, lang));
      range.setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build());
    }
  }
}

function overdueHighlight(sheet: GoogleAppsScript.Spreadsheet.Sheet, map: Record<string, number>): void {
  const due = map.dueDate;
  if (due === undefined) return;
  const letter = columnLetter(due + 1);
  const formula = `=AND($${letter}2<>"",$${letter}2<TODAY())`;
  const rules = sheet.getConditionalFormatRules();
  const at = rules.findIndex((r) => {
    const cond = r.getBooleanCondition();
    return cond !== null && cond.getCriteriaValues().some((v) => String(v) === formula);
  });
  const maxRows = sheet.getMaxRows();
  const width = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(2, 1, Math.max(maxRows - 1, 1), width);
  if (at >= 0) {
    // Sheets shrinks a rule's range with every deleted row (each return deletes one) and does not grow it
    // for rows appended below: setting up again stretches it over the whole tab once more.
    const covered = rules[at].getRanges().some((r) => r.getRow() <= 2 && r.getLastRow() >= maxRows && r.getLastColumn() >= width);
    if (covered) return;
    sheet.setConditionalFormatRules(rules.map((r, i) => (i === at ? r.copy().setRanges([range]).build() : r)));
    return;
  }
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground('#f8d7da')
    .setFontColor('#842029')
    .setRanges([range])
    .build();
  sheet.setConditionalFormatRules([...rules, rule]);
}

function protectWarningOnly(sheet: GoogleAppsScript.Spreadsheet.Sheet, description: string): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  if (existing.length) return;
  sheet.protect().setDescription(description).setWarningOnly(true);
}

/** Default rows of 设置, 借阅规则 and 校历 — only the ones that are missing; values already there stay. */
function seedSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, today: Date, tz: string): void {
  const settings = Table.open(ss, 'settings', lang);
  const rows = settings.readAll();
  const present = new Set(rows.map((r) => normHeader(r.rec.item)));
  const add = SETTING_DEFS.filter((d) => !present.has(normHeader(d.zh)) && !present.has(normHeader(d.en)));
  if (add.length) {
    settings.appendMany(add.map((d) => ({ item: label(d, lang), value: lang === 'en' ? d.defaultTextEn ?? d.defaultText : d.defaultText, note: lang === 'zh' ? d.noteZh : d.noteEn })));
  }
  seedIfEmpty(ss, 'loanRules', lang, () => DEFAULT_LOAN_RULES.map((r) => ({ ...r })));
  seedIfEmpty(ss, 'calendar', lang, () => calendarSeedRows(today, lang, tz).map((r) => ({ ...r })));
  // 学期 starts with 设置's current term (学期名称, 学期开始, 学期结束; their defaults where unreadable).
  seedIfEmpty(ss, 'terms', lang, () => {
    const parsed = parseSettings({ settingsRows: rows.map((r) => ({ item: r.rec.item, value: r.raw[settings.col('value')], row: r.row })), calendarRows: [], tz, lang });
    const s = parsed.ok ? parsed.settings : defaultSettings();
    return [{ name: s.termName, start: startOfDay(s.termStart, tz), end: startOfDay(s.termEnd, tz) }];
  });
}

function seedIfEmpty(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey, lang: Lang, rows: () => Record<string, unknown>[]): void {
  const table = Table.open(ss, key, lang);
  if (table.sheet.getLastRow() > 1) return;
  table.appendMany(rows());
}

