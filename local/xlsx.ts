// .xlsx persistence with fflate (zip) and fast-xml-parser (small parts). Sheet data is written and
// scanned by hand for speed (millions of cells). Chosen over SheetJS 0.18.5 (npm; prototype-pollution
// CVE-2023-30533 on crafted files) and exceljs (heavy). A JSON sidecar `<path>.state.json` keeps what
// .xlsx has no place for here: properties, triggers, protections, validations, formats, clock.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { dateToSerial, hasTimePart, isDateFormat, serialToDate } from './dates';
import { colToLetters, lettersToCol, SheetModel, Workbook, type CellValue } from './workbook';
import type { LocalOptions, LocalRuntime } from './index';
import type { TriggerRecord } from './core';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
  // XML 1.0 forbids most control characters
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const unesc = (s: string) => s.indexOf('&') < 0 ? s : s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
  e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" :
    String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const BUILTIN_FMT: Record<number, string> = { 0: '', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 14: 'yyyy-mm-dd', 22: 'yyyy-mm-dd hh:mm', 49: '@' };
const AUTO_DATE = 'yyyy-mm-dd', AUTO_DATETIME = 'yyyy-mm-dd hh:mm';

interface SidecarSheet {
  name: string; maxRows: number; maxColumns: number; frozenRows: number; frozenColumns: number; hidden: boolean; tabColor: string | null;
  protections: SheetModel['protections']; validations: SheetModel['validations']; conditionalRules: SheetModel['conditionalRules'];
  formats: ReturnType<SheetModel['formatEntries']>; notes: [number, string][]; columnWidths: [number, number][]; backgrounds?: [number, string][];
}
interface SidecarBook { name: string; id: string; locale: string; timeZone: string; owner: string; editors: string[]; viewers: string[]; trashed?: boolean }
interface Sidecar {
  version: 1; workbook: SidecarBook;
  sheets: SidecarSheet[]; properties: { script: Record<string, string>; document: Record<string, string>; user: Record<string, string> };
  triggers: (Omit<TriggerRecord, 'nextRun' | 'at'> & { nextRun?: string; at?: string })[]; now: string;
  /** spreadsheets the bundle made (SpreadsheetApp.create), each saved beside as spreadsheets/<id>.xlsx */
  files?: string[];
}
/** The sidecar of a spreadsheet the bundle made: what its .xlsx has no place for. */
interface FileSidecar { version: 1; workbook: SidecarBook; sheets: SidecarSheet[] }

const FILES_DIR = 'spreadsheets';

function bookSidecar(wb: Workbook): SidecarBook {
  return { name: wb.name, id: wb.id, locale: wb.locale, timeZone: wb.timeZone, owner: wb.owner, editors: wb.editors, viewers: wb.viewers, trashed: wb.trashed };
}

function sheetsSidecar(wb: Workbook): SidecarSheet[] {
  return wb.allSheets().map((s) => ({
    name: s.name, maxRows: s.maxRows, maxColumns: s.maxColumns, frozenRows: s.frozenRows, frozenColumns: s.frozenColumns, hidden: s.hidden, tabColor: s.tabColor,
    protections: s.protections, validations: s.validations, conditionalRules: s.conditionalRules, formats: s.formatEntries(),
    notes: [...s.notes], columnWidths: [...s.columnWidths], backgrounds: [...s.backgrounds],
  }));
}

function applySheetsSidecar(wb: Workbook, sheets: SidecarSheet[]): void {
  for (const ss of sheets) {
    const s = wb.sheet(ss.name);
    if (!s) continue;
    s.maxRows = Math.max(s.maxRows, ss.maxRows); s.maxColumns = Math.max(s.maxColumns, ss.maxColumns);
    s.frozenRows = ss.frozenRows; s.frozenColumns = ss.frozenColumns; s.hidden = ss.hidden; s.tabColor = ss.tabColor;
    s.protections = ss.protections ?? []; s.validations = ss.validations ?? []; s.conditionalRules = ss.conditionalRules ?? [];
    for (const f of ss.formats ?? []) s.setNumberFormat(f.r1, f.c1, f.r2 - f.r1 + 1, f.c2 - f.c1 + 1, f.fmt);
    s.notes = new Map(ss.notes ?? []); s.columnWidths = new Map(ss.columnWidths ?? []); s.backgrounds = new Map(ss.backgrounds ?? []);
  }
}

/** Per made workbook: the fingerprint it had when last saved, by .xlsx path (see saveFiles). */
const savedFingerprints = new WeakMap<Workbook, Map<string, string>>();

/** Saves the spreadsheets the bundle made as <dir>/spreadsheets/<id>.xlsx (+ .state.json); files of
 *  spreadsheets deleted since are removed. Returns the ids saved. */
async function saveFiles(rt: LocalRuntime, dir: string): Promise<string[]> {
  const others = [...rt.workbooks.values()].filter((w) => w !== rt.workbook);
  const folder = join(dir, FILES_DIR);
  if (others.length) await mkdir(folder, { recursive: true });
  for (const wb of others) {
    const xlsxPath = join(folder, `${wb.id}.xlsx`), statePath = `${xlsxPath}.state.json`;
    const side: FileSidecar = { version: 1, workbook: bookSidecar(wb), sheets: sheetsSidecar(wb) };
    const sideJson = JSON.stringify(side);
    // what the two files are made of: the sidecar (names, sharing, sheet order, formats, sizes, …) and each
    // sheet's cells and formulas (SheetModel.version, bumped on every content change; sheetId tells a new sheet)
    const fingerprint = `${sideJson}\n${wb.allSheets().map((sh) => `${sh.sheetId}:${sh.version}`).join(',')}`;
    const saved = savedFingerprints.get(wb) ?? new Map<string, string>();
    savedFingerprints.set(wb, saved);
    if (saved.get(xlsxPath) === fingerprint && existsSync(xlsxPath) && existsSync(statePath)) continue; // unchanged since its last save here
    await writeFile(xlsxPath, workbookToXlsx(wb));
    await writeFile(statePath, sideJson);
    saved.set(xlsxPath, fingerprint);
  }
  const keep = new Set(others.map((w) => w.id));
  if (existsSync(folder)) {
    for (const f of await readdir(folder)) {
      const id = f.replace(/\.xlsx(\.state\.json)?$/, '');
      if (!keep.has(id)) await rm(join(folder, f), { force: true });
    }
  }
  return others.map((w) => w.id);
}

async function loadFile(dir: string, id: string): Promise<Workbook | null> {
  const path = join(dir, FILES_DIR, `${id}.xlsx`);
  if (!existsSync(path) || !existsSync(`${path}.state.json`)) return null;
  const side = JSON.parse(await readFile(`${path}.state.json`, 'utf8')) as FileSidecar;
  const wb = xlsxToWorkbook(new Uint8Array(await readFile(path)), {
    timeZone: side.workbook.timeZone, locale: side.workbook.locale, owner: side.workbook.owner, name: side.workbook.name, applyCellFormats: false,
  });
  wb.id = side.workbook.id; wb.editors = side.workbook.editors ?? []; wb.viewers = side.workbook.viewers ?? []; wb.trashed = side.workbook.trashed ?? false;
  applySheetsSidecar(wb, side.sheets);
  return wb;
}

export function workbookToXlsx(wb: Workbook): Uint8Array {
  const sst = new Map<string, number>();
  const sstList: string[] = [];
  const fmtIds = new Map<string, number>([['', 0], [AUTO_DATE, 164], [AUTO_DATETIME, 165], ['@', 49]]);
  const xfOf = new Map<string, number>([['', 0], [AUTO_DATE, 1], [AUTO_DATETIME, 2], ['@', 3]]);
  const xfList: number[] = [0, 164, 165, 49];
  const styleFor = (fmt: string): number => {
    let s = xfOf.get(fmt);
    if (s !== undefined) return s;
    let id = fmtIds.get(fmt);
    if (id === undefined) { id = 166 + fmtIds.size - 4; fmtIds.set(fmt, id); }
    s = xfList.length; xfList.push(id); xfOf.set(fmt, s);
    return s;
  };
  const sheetsXml: Uint8Array[] = [];
  const sheets = wb.allSheets();
  for (const sh of sheets) {
    const tz = wb.timeZone;
    const lr = sh.lastRow(), lc = sh.lastColumn();
    const letters: string[] = [];
    for (let c = 1; c <= Math.max(lc, 1); c++) letters[c] = colToLetters(c);
    const chunks: Uint8Array[] = [];
    let head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
    if (sh.tabColor) head += `<sheetPr><tabColor rgb="FF${sh.tabColor.replace('#', '').toUpperCase()}"/></sheetPr>`;
    head += `<dimension ref="A1${lr && lc ? ':' + letters[lc] + lr : ''}"/>`;
    head += '<sheetViews><sheetView workbookViewId="0">';
    if (sh.frozenRows || sh.frozenColumns) {
      const tl = colToLetters(sh.frozenColumns + 1) + (sh.frozenRows + 1);
      const pane = sh.frozenRows && sh.frozenColumns ? 'bottomRight' : sh.frozenRows ? 'bottomLeft' : 'topRight';
      head += `<pane${sh.frozenColumns ? ` xSplit="${sh.frozenColumns}"` : ''}${sh.frozenRows ? ` ySplit="${sh.frozenRows}"` : ''} topLeftCell="${tl}" activePane="${pane}" state="frozen"/>`;
    }
    head += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
    if (sh.columnWidths.size) {
      head += '<cols>' + [...sh.columnWidths].sort((a, b) => a[0] - b[0]).map(([c, w]) => `<col min="${c}" max="${c}" width="${(w / 7).toFixed(2)}" customWidth="1"/>`).join('') + '</cols>';
    }
    head += '<sheetData>';
    chunks.push(strToU8(head));
    const hasFmt = sh.hasFormats();
    let buf = '';
    for (let r = 1; r <= lr; r++) {
      const row = sh.rows[r - 1];
      if (!row) continue;
      let rx = `<row r="${r}">`;
      let any = false;
      for (let c = 1; c <= row.length; c++) {
        const v = row[c - 1];
        const f = sh.formulas.size ? sh.formulas.get(r * 20000 + c) : undefined;
        if ((v === '' || v === undefined) && !f) continue;
        const fmt = hasFmt ? sh.numberFormat(r, c) : '';
        const ref = letters[c] ?? colToLetters(c);
        any = true;
        const fx = f ? `<f>${esc(f.slice(1))}</f>` : '';
        if (typeof v === 'string') {
          if (f) { rx += `<c r="${ref}${r}" t="str"${fmt ? ` s="${styleFor(fmt)}"` : ''}>${fx}<v>${esc(v)}</v></c>`; continue; }
          let i = sst.get(v);
          if (i === undefined) { i = sstList.length; sst.set(v, i); sstList.push(v); }
          rx += `<c r="${ref}${r}" t="s"${fmt ? ` s="${styleFor(fmt)}"` : ''}><v>${i}</v></c>`;
        } else if (typeof v === 'number') {
          rx += `<c r="${ref}${r}"${fmt ? ` s="${styleFor(fmt)}"` : ''}>${fx}<v>${v}</v></c>`;
        } else if (typeof v === 'boolean') {
          rx += `<c r="${ref}${r}" t="b">${fx}<v>${v ? 1 : 0}</v></c>`;
        } else if (v instanceof Date) {
          const st = fmt && isDateFormat(fmt) ? styleFor(fmt) : hasTimePart(v, tz) ? 2 : 1;
          rx += `<c r="${ref}${r}" s="${st}">${fx}<v>${dateToSerial(v, tz)}</v></c>`;
        } else if (f) {
          rx += `<c r="${ref}${r}">${fx}</c>`;
        }
      }
      if (!any) continue;
      buf += rx + '</row>';
      if (buf.length > 1 << 20) { chunks.push(strToU8(buf)); buf = ''; }
    }
    buf += '</sheetData></worksheet>';
    chunks.push(strToU8(buf));
    sheetsXml.push(concat(chunks));
  }
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 }]> = {};
  const ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ...sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`),
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
    '</Types>'].join('');
  files['[Content_Types].xml'] = strToU8(ct);
  files['_rels/.rels'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>');
  files['docProps/core.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(wb.name)}</dc:title><dc:creator>local/</dc:creator></cp:coreProperties>`);
  const activeIdx = Math.max(0, sheets.findIndex((s) => s.name === wb.activeSheetName));
  files['xl/workbook.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<workbookPr date1904="false"/><bookViews><workbookView activeTab="${activeIdx}"/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>');
  files['xl/_rels/workbook.xml.rels'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  sheetsXml.forEach((x, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = [x, { level: 3 }]; });
  const customFmts = [...fmtIds].filter(([, id]) => id >= 164);
  files['xl/styles.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${customFmts.length}">` + customFmts.map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`).join('') + '</numFmts>' +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfList.length}">` + xfList.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('') + '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>');
  const sstChunks: Uint8Array[] = [strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sstList.length}" uniqueCount="${sstList.length}">`)];
  let sb = '';
  for (const s of sstList) {
    sb += /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`;
    if (sb.length > 1 << 20) { sstChunks.push(strToU8(sb)); sb = ''; }
  }
  sstChunks.push(strToU8(sb + '</sst>'));
  files['xl/sharedStrings.xml'] = [concat(sstChunks), { level: 3 }];
  return zipSync(files, { level: 6 });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let n = 0; for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0; for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function xlsxToWorkbook(bytes: Uint8Array, opts: { timeZone?: string; locale?: string; owner?: string; name?: string; applyCellFormats?: boolean } = {}): Workbook {
  const zip = unzipSync(bytes);
  const text = (p: string) => (zip[p] ? strFromU8(zip[p]) : '');
  const xp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseAttributeValue: false, processEntities: true, htmlEntities: false });
  const wbx = xp.parse(text('xl/workbook.xml'));
  const rels = xp.parse(text('xl/_rels/workbook.xml.rels'));
  const relMap = new Map<string, string>();
  for (const r of asArray(rels?.Relationships?.Relationship)) relMap.set(r['@Id'], String(r['@Target']));
  const date1904 = String(wbx?.workbook?.workbookPr?.['@date1904'] ?? '') === '1' || String(wbx?.workbook?.workbookPr?.['@date1904'] ?? '') === 'true';
  // shared strings (hand-scanned: can be large)
  const sst: string[] = [];
  const sstXml = text('xl/sharedStrings.xml');
  for (const m of sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    let s = '';
    for (const t of m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) s += unesc(t[1] ?? '');
    // phonetic runs (<rPh>) are not part of the value
    if (m[1].includes('<rPh')) { s = ''; for (const t of m[1].replace(/<rPh[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) s += unesc(t[1]); }
    sst.push(s);
  }
  // styles → number format per xf
  const st = xp.parse(text('xl/styles.xml') || '<styleSheet/>');
  const custom = new Map<number, string>();
  for (const f of asArray(st?.styleSheet?.numFmts?.numFmt)) custom.set(Number(f['@numFmtId']), String(f['@formatCode']));
  const xfFmt: { fmt: string; isDate: boolean; auto: boolean }[] = asArray(st?.styleSheet?.cellXfs?.xf).map((xf: Record<string, string>) => {
    const id = Number(xf['@numFmtId'] ?? 0);
    const fmt = custom.get(id) ?? BUILTIN_FMT[id] ?? (BUILTIN_DATE_IDS.has(id) ? 'yyyy-mm-dd' : '');
    const isDate = BUILTIN_DATE_IDS.has(id) || (custom.has(id) && isDateFormat(fmt));
    return { fmt, isDate, auto: id === 0 || fmt === AUTO_DATE || fmt === AUTO_DATETIME || id === 14 || id === 22 };
  });
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const wb = new Workbook({ name: opts.name, timeZone: tz, locale: opts.locale, owner: opts.owner, empty: true });
  const sheetEls = asArray(wbx?.workbook?.sheets?.sheet);
  for (const se of sheetEls) {
    const name = String(se['@name']);
    const rid = se['@id'];
    let target = relMap.get(rid) ?? '';
    target = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sh = wb.addSheet(name);
    if (se['@state'] === 'hidden' || se['@state'] === 'veryHidden') sh.hidden = true;
    const xml = text(target);
    const pane = /<pane\b([^>]*)\/?>/.exec(xml);
    if (pane && /state="frozen"|state="frozenSplit"/.test(pane[1])) {
      sh.frozenRows = Number(/ySplit="(\d+)/.exec(pane[1])?.[1] ?? 0);
      sh.frozenColumns = Number(/xSplit="(\d+)/.exec(pane[1])?.[1] ?? 0);
    }
    const tab = /<tabColor\b[^>]*rgb="(?:FF)?([0-9A-Fa-f]{6})"/.exec(xml);
    if (tab) sh.tabColor = '#' + tab[1].toLowerCase();
    const start = xml.indexOf('<sheetData');
    const end = xml.lastIndexOf('</sheetData>');
    const data = start >= 0 && end > start ? xml.slice(start, end) : '';
    const rowsOut: CellValue[][] = [];
    let maxC = 0;
    let rowNo = 0;
    const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    for (let rm; (rm = rowRe.exec(data));) {
      const ra = /\br="(\d+)"/.exec(rm[1]);
      rowNo = ra ? Number(ra[1]) : rowNo + 1;
      const body = rm[2];
      if (!body) continue;
      const row: CellValue[] = [];
      let colNo = 0;
      cellRe.lastIndex = 0;
      for (let cm; (cm = cellRe.exec(body));) {
        const attrs = cm[1];
        const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
        colNo = ref ? lettersToCol(ref[1]) : colNo + 1;
        const t = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
        const sIdx = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
        const inner = cm[2] ?? '';
        const vRaw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        const fRaw = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(inner)?.[1];
        let v: CellValue = '';
        const xf = xfFmt[sIdx];
        if (t === 's') v = sst[Number(vRaw)] ?? '';
        else if (t === 'inlineStr') { let s = ''; for (const tm of inner.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) s += unesc(tm[1]); v = s; }
        else if (t === 'str') v = unesc(vRaw ?? '');
        else if (t === 'b') v = vRaw === '1' || vRaw === 'true';
        else if (t === 'e') v = unesc(vRaw ?? '#ERROR!');
        else if (t === 'd') v = vRaw ? new Date(vRaw) : '';
        else if (vRaw !== undefined && vRaw !== '') {
          const n = Number(vRaw);
          v = xf?.isDate ? serialToDate(date1904 ? n + 1462 : n, tz) : n;
        }
        if (v !== '') { row[colNo - 1] = v; if (colNo > maxC) maxC = colNo; }
        if (fRaw) sh.formulas.set(rowNo * 20000 + colNo, '=' + unesc(fRaw));
        if (opts.applyCellFormats !== false && xf && xf.fmt && !xf.auto) sh.setNumberFormat(rowNo, colNo, 1, 1, xf.fmt);
      }
      if (row.length) { for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = ''; rowsOut[rowNo - 1] = row; }
    }
    for (let i = 0; i < rowsOut.length; i++) if (!rowsOut[i]) rowsOut[i] = undefined as unknown as CellValue[];
    sh.rows = rowsOut;
    if (rowsOut.length > sh.maxRows) sh.maxRows = rowsOut.length;
    if (maxC > sh.maxColumns) sh.maxColumns = maxC;
    sh.version++;
  }
  if (!wb.allSheets().length) wb.addSheet('Sheet1');
  return wb;
}

export async function saveRuntime(rt: LocalRuntime, path: string): Promise<void> {
  const wb = rt.workbook;
  await writeFile(path, workbookToXlsx(wb));
  const files = await saveFiles(rt, dirname(path));
  const side: Sidecar = {
    version: 1,
    workbook: bookSidecar(wb),
    sheets: sheetsSidecar(wb),
    properties: { script: Object.fromEntries(rt.properties.script), document: Object.fromEntries(rt.properties.document), user: Object.fromEntries(rt.properties.user) },
    triggers: rt.triggers.map((t) => ({ ...t, nextRun: t.nextRun?.toISOString(), at: t.at?.toISOString() })),
    now: rt.clock.now().toISOString(),
    files,
  };
  await writeFile(`${path}.state.json`, JSON.stringify(side, null, 1));
}

export async function loadRuntime(path: string, opts: LocalOptions, make: (o: LocalOptions) => LocalRuntime): Promise<LocalRuntime> {
  const bytes = new Uint8Array(await readFile(path));
  const sidePath = `${path}.state.json`;
  const side: Sidecar | null = existsSync(sidePath) ? JSON.parse(await readFile(sidePath, 'utf8')) : null;
  const tz = side?.workbook.timeZone ?? opts.timeZone ?? 'Asia/Shanghai';
  const wb = xlsxToWorkbook(bytes, {
    timeZone: tz, locale: side?.workbook.locale ?? opts.locale?.replace('-', '_'), owner: side?.workbook.owner ?? opts.userEmail,
    name: side?.workbook.name ?? path.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, ''), applyCellFormats: !side,
  });
  if (side) {
    wb.id = side.workbook.id; wb.editors = side.workbook.editors ?? []; wb.viewers = side.workbook.viewers ?? [];
    applySheetsSidecar(wb, side.sheets);
  }
  const rt = make({ ...opts, workbook: wb, timeZone: opts.timeZone ?? tz, now: opts.now ?? side?.now });
  if (side) {
    for (const [k, v] of Object.entries(side.properties.script ?? {})) rt.properties.script.set(k, v);
    for (const [k, v] of Object.entries(side.properties.document ?? {})) rt.properties.document.set(k, v);
    for (const [k, v] of Object.entries(side.properties.user ?? {})) rt.properties.user.set(k, v);
    for (const t of side.triggers ?? []) rt.triggers.push({ ...t, nextRun: t.nextRun ? new Date(t.nextRun) : undefined, at: t.at ? new Date(t.at) : undefined } as TriggerRecord);
    for (const id of side.files ?? []) {
      const file = await loadFile(dirname(path), id);
      if (file) rt.workbooks.set(file.id, file);
    }
  }
  return rt;
}
