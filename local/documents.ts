// DocumentApp (developers.google.com/apps-script/reference/document) with exactly the calls the renderer
// (src/platform/docs.ts) uses, and the advanced Drive service (v3, files.create/update) under the
// drive.file scope. Every document is kept as a model and saved as a real .docx and an HTML page under
// <dataDir>/documents/; PDF exports are recorded (which revision, whether edits were pending), not faked.
//
// Platform behaviour kept here, never kinder:
//  - DocumentApp.openById of an unknown id throws (reference: document-app#openById; the message is the
//    platform's "Document is missing (perhaps it was deleted, or you don't have read access?)").
//  - A body always holds at least one paragraph: a new body and a cleared body hold one empty paragraph
//    (reference: body#clear, document-app#create).
//  - After saveAndClose the document is closed: "A closed Document can't be edited. Use
//    DocumentApp.openById() to reopen" (reference: document#saveAndClose). Edits through its objects throw.
//  - Pending edits are applied by saveAndClose (or when the execution ends); a getAs('application/pdf')
//    before it exports the last saved revision, and the record says edits were missing.
//  - Document.getAs converts only to PDF (reference: document#getAs "the only valid MIME type is
//    application/pdf"); appendImage takes PNG, JPEG or GIF, not SVG (DESIGN §7).
//  - The manifest's oauthScopes, when present, must hold the scope a call needs (documents; drive.file or
//    drive for Drive), and Drive exists only when appsscript.json enables the advanced service.
//  - drive.file: Drive.Files.update reaches only files this script created; others are "File not found".
//    A document DocumentApp.create made is such a file (mimeType application/vnd.google-apps.document): get
//    and update reach it, e.g. to move it to the trash ({ trashed: true }); its content is DocumentApp's.
//    (developers.google.com/docs/api/auth: drive.file reaches "only the specific Google Drive files you use
//    with this app"; the script's DocumentApp and its advanced Drive service are one app, one OAuth client;
//    the self-check's drive.trash line checks it on Google.)
//  - Drive.Files.export (v3 files.export, developers.google.com/drive/api/reference/rest/v3/files/export):
//    drive, drive.file or drive.readonly scope; under drive.file only a spreadsheet this script made
//    (SpreadsheetApp.create) is found. Through the advanced service it needs { alt: 'media' }, else
//    "Export requires alt=media to download the exported content." (issuetracker.google.com/issues/468534237);
//    a spreadsheet converts to xlsx, ods, pdf, csv, tsv or zip only (developers.google.com/drive/api/guides/
//    ref-export-formats), anything else "The requested conversion is not supported."; the exported content
//    is limited to 10 MB ("This file is too large to be exported."). The answer here is a Blob of the bytes.
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { argError, countCreation, enumOf, Invocation, readManifest, requireScope, sharingEmail, unwrap } from './core';
import { BlobImpl } from './services';
import { workbookToXlsx } from './xlsx';
import { madeByScript } from './spreadsheet';
import type { Workbook } from './workbook';
import { buildDocx, buildHtml, type DocElement } from './docx';
import { pngSize } from './chartpng';
import { chartOfBlob } from './charts';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PdfExport { at: string; revision: number; pendingEdits: number; fileId?: string }
export interface DocRecord {
  id: string; name: string; owner: string; viewers: string[]; editors: string[];
  elements: DocElement[]; revision: number; savedRevision: number;
  created: string; updated: string; exports: PdfExport[];
  /** moved to the Drive trash (Drive.Files.update({ trashed: true })); it still opens by id, as on Drive */
  trashed?: boolean;
}
export interface DriveFileRecord {
  id: string; name: string; mimeType: string; created: string; modified: string; version: number;
  /** what the content is: a recorded export of a document, or bytes saved beside the index */
  content: { kind: 'pdfExport'; docId: string; revision: number; pendingEdits: number } | { kind: 'bytes'; file: string; size: number };
  trashed?: boolean;
}

const SCOPE_DOCS = ['https://www.googleapis.com/auth/documents'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SCOPE_DRIVE = ['https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/drive'];

/** Every document and Drive file of the runtime, persisted under <dataDir>/documents. */
export class DocStore {
  readonly docs = new Map<string, DocRecord>();
  readonly files = new Map<string, DriveFileRecord>();
  private _seq = 0;
  constructor(readonly dir: string) {
    const idx = join(dir, 'index.json');
    if (existsSync(idx)) {
      const j = JSON.parse(readFileSync(idx, 'utf8')) as { seq: number; docs: DocRecord[]; files: DriveFileRecord[] };
      this._seq = j.seq;
      for (const d of j.docs) this.docs.set(d.id, d);
      for (const f of j.files) this.files.set(f.id, f);
    }
  }
  newId(prefix: string): string {
    // Google ids are 44 url-safe characters; ours are recognisable and unique in this data folder
    return `${prefix}${String(++this._seq).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;
  }
  docxPath(id: string): string { return join(this.dir, `${id}.docx`); }
  htmlPath(id: string): string { return join(this.dir, `${id}.html`); }
  /** Writes the document's .docx and HTML (its saved state); the index follows when the execution ends. */
  persist(doc: DocRecord | null, locale = 'zh-CN'): void {
    mkdirSync(this.dir, { recursive: true });
    if (doc) {
      writeFileSync(this.docxPath(doc.id), buildDocx({ name: doc.name, elements: doc.elements }));
      writeFileSync(this.htmlPath(doc.id), buildHtml({ name: doc.name, elements: doc.elements }, locale));
    }
    this.changed();
  }
  private _dirty = false;
  /** Something the index holds changed; it is written once, when the execution ends (flush). */
  changed(): void { this._dirty = true; }
  /**
   * Writes index.json (every record, images included, so a later runtime on this data folder reads the
   * documents back whole) if anything changed: once per execution instead of once per call
   * (LocalRuntime calls it when the outermost invocation ends, thrown or not).
   */
  flush(): void {
    if (!this._dirty) return;
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, 'index.json.tmp');
    writeFileSync(tmp, JSON.stringify({ seq: this._seq, docs: [...this.docs.values()], files: [...this.files.values()] }));
    renameSync(tmp, join(this.dir, 'index.json'));
    this._dirty = false;
  }
  list(): DocRecord[] { return [...this.docs.values()].sort((a, b) => b.updated.localeCompare(a.updated)); }
}

// ---------------------------------------------------------------- manifest: scopes and advanced services
// ---------------------------------------------------------------- one open document
class Handle {
  closed = false;
  constructor(readonly inv: Invocation, readonly store: DocStore, readonly rec: DocRecord) {}
  edit(): void {
    if (this.closed) throw new Error("Document is closed, its contents cannot be updated.");
    this.rec.revision++;
    this.rec.updated = new Date(this.inv.rt.nowMs()).toISOString();
  }
  save(): void {
    this.rec.savedRevision = this.rec.revision;
    this.store.persist(this.rec, this.inv.locale);
  }
}

const emptyParagraph = (): Extract<DocElement, { type: 'paragraph' }> => ({ type: 'paragraph', text: '', heading: 'NORMAL', bold: false, italic: false });

class TextImpl {
  constructor(private _h: Handle, private _targets: () => { bold: boolean; italic: boolean }[], private _text: () => string) {}
  setBold(...a: unknown[]): Any {
    if (a.length !== 1) throw new Error('local/: Text.setBold(start, end, bold) is not emulated');
    this._h.edit();
    for (const t of this._targets()) t.bold = Boolean(a[0]);
    return this;
  }
  setItalic(...a: unknown[]): Any {
    if (a.length !== 1) throw new Error('local/: Text.setItalic(start, end, italic) is not emulated');
    this._h.edit();
    for (const t of this._targets()) t.italic = Boolean(a[0]);
    return this;
  }
  getText(): string { return this._text(); }
}

export class ParagraphImpl {
  constructor(protected _h: Handle, readonly _el: Extract<DocElement, { type: 'paragraph' | 'listItem' }>) {}
  setHeading(h: unknown): Any {
    const v = String(h);
    if (!(v in PARAGRAPH_HEADING)) throw argError('DocumentApp.Paragraph', 'setHeading');
    this._h.edit(); this._el.heading = v; return this;
  }
  getHeading(): string { return this._el.heading; }
  setText(t: string): Any { this._h.edit(); this._el.text = String(t); return this; }
  getText(): string { return this._el.text; }
  editAsText(): Any { return this._h.inv.wrap('Text', new TextImpl(this._h, () => [this._el], () => this._el.text)); }
}
export class ListItemImpl extends ParagraphImpl {
  setGlyphType(g: unknown): Any {
    const v = String(g);
    if (!(v in GLYPH_TYPE)) throw argError('DocumentApp.ListItem', 'setGlyphType');
    this._h.edit(); (this._el as Extract<DocElement, { type: 'listItem' }>).glyph = v; return this;
  }
  getGlyphType(): string { return (this._el as Extract<DocElement, { type: 'listItem' }>).glyph; }
  getListId(): string { return (this._el as Extract<DocElement, { type: 'listItem' }>).listId; }
}
type TableEl = Extract<DocElement, { type: 'table' }>;
class TableRowImpl {
  constructor(private _h: Handle, private _row: TableEl['rows'][number]) {}
  getNumCells(): number { return this._row.cells.length; }
  getText(): string { return this._row.cells.join('\n'); }
  editAsText(): Any {
    const row = this._row;
    const style = { get bold() { return row.bold; }, set bold(b: boolean) { row.bold = b; }, italic: false };
    return this._h.inv.wrap('Text', new TextImpl(this._h, () => [style], () => this.getText()));
  }
}
export class TableImpl {
  constructor(private _h: Handle, private _el: TableEl) {}
  getNumRows(): number { return this._el.rows.length; }
  getRow(i: number): Any {
    const r = this._el.rows[i];
    if (!r) throw new Error(`Child index (${i}) must be less than the number of child elements (${this._el.rows.length}).`);
    return this._h.inv.wrap('TableRow', new TableRowImpl(this._h, r));
  }
  getCell(r: number, c: number): Any {
    const row = this._el.rows[r];
    if (!row || c < 0 || c >= row.cells.length) throw new Error('Child index out of bounds.');
    return this._h.inv.wrap('TableCell', { getText: () => row.cells[c] });
  }
  getText(): string { return this._el.rows.map((r) => r.cells.join('\t')).join('\n'); }
}
export class InlineImageImpl {
  constructor(private _h: Handle, private _el: Extract<DocElement, { type: 'image' }>) {}
  getWidth(): number { return this._el.width; }
  getHeight(): number { return this._el.height; }
  setWidth(w: number): Any { this._h.edit(); this._el.width = Math.round(Number(w)); return this; }
  setHeight(h: number): Any { this._h.edit(); this._el.height = Math.round(Number(h)); return this; }
  setAltTitle(t: unknown): Any { this._h.edit(); this._el.alt = String(t); return this; }
  getAltTitle(): string | null { return this._el.alt ?? null; }
}

// the platform's limits for an inserted image: 50 MB and 25 megapixels (Docs editor help, "Insert images")
const IMAGE_MAX_BYTES = 50 * 1024 * 1024;
const IMAGE_MAX_PIXELS = 25_000_000;
function imageInfo(bytes: Uint8Array): { contentType: string; width: number; height: number } | null {
  const png = pngSize(bytes);
  if (png) return { contentType: 'image/png', ...png };
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return { contentType: 'image/gif', width: bytes[6] | (bytes[7] << 8), height: bytes[8] | (bytes[9] << 8) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // walk the JPEG segments to the first SOFn
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1];
      const len = (bytes[i + 2] << 8) | bytes[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { contentType: 'image/jpeg', height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
      }
      i += 2 + len;
    }
  }
  return null;
}

export class BodyImpl {
  constructor(private _h: Handle) {}
  private get _els(): DocElement[] { return this._h.rec.elements; }
  clear(): Any { this._h.edit(); this._h.rec.elements = [emptyParagraph()]; return this; }
  getNumChildren(): number { return this._els.length; }
  getText(): string { return this._els.map((e) => ('text' in e ? e.text : e.type === 'table' ? e.rows.map((r) => r.cells.join('\t')).join('\n') : '')).join('\n'); }
  getParagraphs(): Any[] {
    return this._els.filter((e): e is Extract<DocElement, { type: 'paragraph' | 'listItem' }> => e.type === 'paragraph' || e.type === 'listItem')
      .map((e) => (e.type === 'listItem' ? this._h.inv.wrap('ListItem', new ListItemImpl(this._h, e)) : this._h.inv.wrap('Paragraph', new ParagraphImpl(this._h, e))));
  }
  appendParagraph(text: unknown): Any {
    if (typeof text !== 'string') throw argError('DocumentApp.Body', 'appendParagraph');
    this._h.edit();
    const el = { ...emptyParagraph(), text };
    this._els.push(el);
    return this._h.inv.wrap('Paragraph', new ParagraphImpl(this._h, el));
  }
  appendListItem(text: unknown): Any {
    if (typeof text !== 'string') throw argError('DocumentApp.Body', 'appendListItem');
    this._h.edit();
    // a list item right after another continues its list; otherwise it starts a new one
    const prev = this._els[this._els.length - 1];
    const listId = prev && prev.type === 'listItem' ? prev.listId : `kix.${this._h.store.newId('l')}`;
    const el: Extract<DocElement, { type: 'listItem' }> = { type: 'listItem', text, heading: 'NORMAL', glyph: 'BULLET', bold: false, italic: false, listId };
    this._els.push(el);
    return this._h.inv.wrap('ListItem', new ListItemImpl(this._h, el));
  }
  appendTable(cells?: unknown): Any {
    this._h.edit();
    if (cells !== undefined && (!Array.isArray(cells) || cells.some((r) => !Array.isArray(r) || r.some((c: unknown) => typeof c !== 'string')))) {
      throw new Error("The parameters (number[][]) don't match the method signature for DocumentApp.Body.appendTable.");
    }
    const el: TableEl = { type: 'table', rows: ((cells as string[][] | undefined) ?? []).map((r) => ({ cells: [...r], bold: false })) };
    this._els.push(el);
    return this._h.inv.wrap('Table', new TableImpl(this._h, el));
  }
  appendImage(image: unknown): Any {
    const b = unwrap(image) as Any;
    const blob = b && typeof b.getBytes === 'function' && !(b instanceof BlobImpl) ? unwrap(b.getBlob?.() ?? b) as BlobImpl : b as BlobImpl;
    if (!(blob instanceof BlobImpl)) throw argError('DocumentApp.Body', 'appendImage');
    const info = imageInfo(blob._bytes);
    if (!info) throw new Error('Invalid image data.');
    if (blob._bytes.length > IMAGE_MAX_BYTES || info.width * info.height > IMAGE_MAX_PIXELS) throw new Error('Invalid image data.');
    this._h.edit();
    const el: Extract<DocElement, { type: 'image' }> = { type: 'image', contentType: info.contentType, base64: Buffer.from(blob._bytes).toString('base64'), width: info.width, height: info.height };
    const chart = chartOfBlob.get(blob);
    if (chart) el.chart = { type: chart.type, title: chart.title, xTitle: chart.xTitle, yTitle: chart.yTitle, categories: [...chart.categories], series: chart.series.map((x) => ({ name: x.name, values: [...x.values] })) };
    this._els.push(el);
    return this._h.inv.wrap('InlineImage', new InlineImageImpl(this._h, el));
  }
  appendPageBreak(): Any {
    this._h.edit();
    this._els.push({ type: 'pageBreak' });
    return this._h.inv.wrap('PageBreak', {});
  }
}

/** A PDF export: a Blob of type application/pdf whose bytes local/ does not make (no PDF engine here). */
class PdfExportBlob extends BlobImpl {
  constructor(readonly _export: { docId: string; revision: number; pendingEdits: number }, name: string) { super(new Uint8Array(0), 'application/pdf', name); }
  override getBytes(): number[] { throw new Error('local/: PDF exports are recorded, not rendered; open the .docx instead'); }
  override getDataAsString(): string { return this.getBytes() as unknown as string; }
  override copyBlob(): Any { return new PdfExportBlob(this._export, this._name ?? ''); }
  override getAs(t: string): Any { if (t === 'application/pdf') return this.copyBlob(); throw new Error(`local/: converting a PDF export to ${t} is not emulated`); }
}

export class DocumentImpl {
  constructor(private _h: Handle) {}
  getId(): string { return this._h.rec.id; }
  getName(): string { return this._h.rec.name; }
  getUrl(): string { return `https://docs.google.com/open?id=${this._h.rec.id}`; }
  setName(n: unknown): Any {
    if (typeof n !== 'string') throw argError('DocumentApp.Document', 'setName');
    this._h.edit(); this._h.rec.name = n; return this;
  }
  getBody(): Any { return this._h.inv.wrap('Body', new BodyImpl(this._h)); }
  saveAndClose(): void {
    if (this._h.closed) return;
    this._h.save();
    this._h.closed = true;
  }
  addViewer(e: unknown): Any { return this.addViewers([e]); }
  addViewers(list: unknown): Any {
    if (!Array.isArray(list)) throw argError('DocumentApp.Document', 'addViewers');
    const emails = list.map((e) => sharingEmail(e, 'Document', 'addViewers'));
    const rec = this._h.rec;
    for (const e of emails) {
      const k = e.toLowerCase();
      // the owner and editors already read it: adding them as viewers changes nothing
      if (k === rec.owner.toLowerCase() || rec.editors.some((x) => x.toLowerCase() === k)) continue;
      if (!rec.viewers.some((x) => x.toLowerCase() === k)) rec.viewers.push(e);
    }
    this._h.store.changed();
    return this;
  }
  removeViewer(e: unknown): Any {
    const k = sharingEmail(e, 'Document', 'removeViewer').toLowerCase();
    this._h.rec.viewers = this._h.rec.viewers.filter((x) => x.toLowerCase() !== k);
    this._h.store.changed();
    return this;
  }
  getViewers(): Any[] { return this._h.rec.viewers.map((e) => this._h.inv.wrap('User', { getEmail: () => e, toString: () => e })); }
  getEditors(): Any[] { return [this._h.rec.owner, ...this._h.rec.editors].map((e) => this._h.inv.wrap('User', { getEmail: () => e, toString: () => e })); }
  getAs(contentType: unknown): Any {
    if (String(contentType) !== 'application/pdf') throw new Error(`Converting from application/vnd.google-apps.document to ${String(contentType)} is not supported.`);
    const rec = this._h.rec;
    const exp: PdfExport = { at: new Date(this._h.inv.rt.nowMs()).toISOString(), revision: rec.savedRevision, pendingEdits: rec.revision - rec.savedRevision };
    rec.exports.push(exp);
    this._h.store.changed();
    return this._h.inv.wrap('Blob', new PdfExportBlob({ docId: rec.id, revision: exp.revision, pendingEdits: exp.pendingEdits }, `${rec.name}.pdf`));
  }
  getBlob(): Any { return this.getAs('application/pdf'); }
}

const PARAGRAPH_HEADING = enumOf('NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE');
const GLYPH_TYPE = enumOf('BULLET', 'HOLLOW_BULLET', 'SQUARE_BULLET', 'NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER');

export class DocumentAppImpl {
  ParagraphHeading = PARAGRAPH_HEADING;
  GlyphType = GLYPH_TYPE;
  HorizontalAlignment = enumOf('LEFT', 'CENTER', 'RIGHT', 'JUSTIFY');
  constructor(private _inv: Invocation, private _store: DocStore) {}
  create(name: unknown): Any {
    requireScope(this._inv, 'DocumentApp.create', SCOPE_DOCS);
    if (typeof name !== 'string') throw argError('DocumentApp', 'create');
    if (name === '') throw new Error('Invalid argument: name');
    countCreation(this._inv.rt, 'documents');
    const now = new Date(this._inv.rt.nowMs()).toISOString();
    const rec: DocRecord = {
      id: this._store.newId('doc'), name, owner: this._inv.userEmail, viewers: [], editors: [],
      elements: [emptyParagraph()], revision: 0, savedRevision: 0, created: now, updated: now, exports: [],
    };
    this._store.docs.set(rec.id, rec);
    // a created document exists in Drive at once, empty
    this._store.persist(rec, this._inv.locale);
    return this._open(rec);
  }
  openById(id: unknown): Any {
    requireScope(this._inv, 'DocumentApp.openById', SCOPE_DOCS);
    const rec = this._store.docs.get(String(id));
    if (!rec) throw new Error("Document is missing (perhaps it was deleted, or you don't have read access?)");
    return this._open(rec);
  }
  private _open(rec: DocRecord): Any {
    const h = new Handle(this._inv, this._store, rec);
    this._inv.docHandles ??= [];
    this._inv.docHandles.push(h);
    return this._inv.wrap('Document', new DocumentImpl(h));
  }
}

/** When an execution ends the platform saves its open documents (reference: document#saveAndClose). */
export function saveOpenDocuments(inv: Invocation): void {
  for (const h of (inv.docHandles ?? []) as Handle[]) {
    if (!h.closed && h.rec.revision !== h.rec.savedRevision) h.save();
    h.closed = true;
  }
}

// ---------------------------------------------------------------- advanced Drive service (v3), drive.file
function driveError(method: string, msg: string): Error {
  return new Error(`API call to drive.files.${method} failed with error: ${msg}`);
}
function selectFields(f: DriveFileRecord, optionalArgs: unknown): Record<string, unknown> {
  const full: Record<string, unknown> = {
    kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType, createdTime: f.created, modifiedTime: f.modified, version: String(f.version),
    webViewLink: `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`, trashed: f.trashed === true,
  };
  const fields = optionalArgs && typeof optionalArgs === 'object' ? (optionalArgs as { fields?: unknown }).fields : undefined;
  // v3 answers the default fields (kind, id, name, mimeType) unless `fields` asks for others
  const keys = typeof fields === 'string' && fields.trim() ? (fields.trim() === '*' ? Object.keys(full) : fields.split(',').map((s) => s.trim())) : ['kind', 'id', 'name', 'mimeType'];
  return Object.fromEntries(keys.filter((k) => k in full).map((k) => [k, full[k]]));
}
/** A DocumentApp document as the Drive file it is. */
function docFile(d: DocRecord): DriveFileRecord {
  return {
    id: d.id, name: d.name, mimeType: 'application/vnd.google-apps.document', created: d.created, modified: d.updated,
    version: d.revision + 1, content: { kind: 'bytes', file: '', size: 0 }, trashed: d.trashed,
  };
}
/** A spreadsheet this script made (SpreadsheetApp.create) as the Drive file it is: drive.file reaches it. */
function sheetFile(wb: Workbook): DriveFileRecord {
  return {
    id: wb.id, name: wb.name, mimeType: 'application/vnd.google-apps.spreadsheet', created: '', modified: '',
    version: 1, content: { kind: 'bytes', file: '', size: 0 }, trashed: wb.trashed === true,
  };
}
export class DriveFilesImpl {
  constructor(private _inv: Invocation, private _store: DocStore) {}
  private _content(blob: unknown, id: string): DriveFileRecord['content'] {
    const b = unwrap(blob) as Any;
    if (b instanceof PdfExportBlob) return { kind: 'pdfExport', ...b._export };
    if (b instanceof BlobImpl) {
      const file = `drive-${id}.bin`;
      mkdirSync(this._store.dir, { recursive: true });
      writeFileSync(join(this._store.dir, file), b._bytes);
      return { kind: 'bytes', file, size: b._bytes.length };
    }
    throw driveError('create', 'Media is not a Blob');
  }
  create(resource: unknown, mediaData?: unknown, optionalArgs?: unknown): Any {
    requireScope(this._inv, 'Drive.Files.create', SCOPE_DRIVE);
    const r = (resource ?? {}) as { name?: unknown; mimeType?: unknown };
    const id = this._store.newId('file');
    const now = new Date(this._inv.rt.nowMs()).toISOString();
    const blob = unwrap(mediaData) as Any;
    const name = r.name !== undefined ? String(r.name) : blob?._name ?? 'Untitled';
    const f: DriveFileRecord = {
      id, name, mimeType: r.mimeType !== undefined ? String(r.mimeType) : blob?._type ?? 'application/octet-stream',
      created: now, modified: now, version: 1,
      content: mediaData === undefined ? { kind: 'bytes', file: '', size: 0 } : this._content(mediaData, id),
    };
    this._store.files.set(id, f);
    this._linkExport(f);
    this._store.changed();
    return selectFields(f, optionalArgs);
  }
  update(resource: unknown, fileId: unknown, mediaData?: unknown, optionalArgs?: unknown): Any {
    requireScope(this._inv, 'Drive.Files.update', SCOPE_DRIVE);
    const r = (resource ?? {}) as { name?: unknown; trashed?: unknown };
    const doc = this._store.docs.get(String(fileId));
    if (doc) {
      if (mediaData !== undefined) throw driveError('update', 'The content of a Google Docs file cannot be replaced by an upload.');
      if (r.name !== undefined) doc.name = String(r.name);
      if (r.trashed !== undefined) doc.trashed = r.trashed === true;
      this._store.changed();
      return selectFields(docFile(doc), optionalArgs);
    }
    const wb = this._madeBook(fileId);
    if (wb) {
      if (mediaData !== undefined) throw driveError('update', 'local/: replacing a spreadsheet by an upload is not emulated');
      if (r.name !== undefined) wb.name = String(r.name);
      if (r.trashed !== undefined) wb.trashed = r.trashed === true;
      return selectFields(sheetFile(wb), optionalArgs);
    }
    const f = this._store.files.get(String(fileId));
    // drive.file: files this script did not create are invisible, as if they did not exist
    if (!f) throw driveError('update', `File not found: ${String(fileId)}.`);
    if (r.trashed !== undefined) f.trashed = r.trashed === true;
    if (r.name !== undefined) f.name = String(r.name);
    if (mediaData !== undefined) f.content = this._content(mediaData, f.id);
    f.version++;
    f.modified = new Date(this._inv.rt.nowMs()).toISOString();
    this._linkExport(f);
    this._store.changed();
    return selectFields(f, optionalArgs);
  }
  get(fileId: unknown, optionalArgs?: unknown): Any {
    requireScope(this._inv, 'Drive.Files.get', SCOPE_DRIVE);
    const doc = this._store.docs.get(String(fileId));
    if (doc) return selectFields(docFile(doc), optionalArgs);
    const wb = this._madeBook(fileId);
    if (wb) return selectFields(sheetFile(wb), optionalArgs);
    const f = this._store.files.get(String(fileId));
    if (!f) throw driveError('get', `File not found: ${String(fileId)}.`);
    return selectFields(f, optionalArgs);
  }
  export(fileId: unknown, mimeType: unknown, optionalArgs?: unknown): Any {
    requireScope(this._inv, 'Drive.Files.export', [...SCOPE_DRIVE, 'https://www.googleapis.com/auth/drive.readonly']);
    if (typeof fileId !== 'string' || typeof mimeType !== 'string') throw argError('Drive.Files', 'export');
    const alt = optionalArgs && typeof optionalArgs === 'object' ? (optionalArgs as { alt?: unknown }).alt : undefined;
    if (alt !== 'media') throw driveError('export', 'Export requires alt=media to download the exported content.');
    const wb = this._madeBook(fileId);
    // drive.file: a file this script did not make is invisible (the bound spreadsheet included)
    if (!wb) throw driveError('export', `File not found: ${fileId}.`);
    if (mimeType !== XLSX) {
      const known = ['application/x-vnd.oasis.opendocument.spreadsheet', 'application/pdf', 'text/csv', 'text/tab-separated-values', 'application/zip'];
      throw driveError('export', known.includes(mimeType) ? `local/: export to ${mimeType} is not emulated` : 'The requested conversion is not supported.');
    }
    const bytes = workbookToXlsx(wb);
    if (bytes.length > 10 * 1024 * 1024) throw driveError('export', 'This file is too large to be exported.');
    return new BlobImpl(bytes, XLSX, null);
  }
  /** A spreadsheet this script made, still there (deleted forever: gone); others are invisible under drive.file. */
  private _madeBook(fileId: unknown): Workbook | null {
    const wb = this._inv.rt.workbooks.get(String(fileId));
    return wb && madeByScript.has(wb) ? wb : null;
  }
  private _linkExport(f: DriveFileRecord): void {
    if (f.content.kind !== 'pdfExport') return;
    const c = f.content;
    const d = this._store.docs.get(c.docId);
    const e = d?.exports.slice().reverse().find((x) => x.revision === c.revision && !x.fileId);
    if (e) e.fileId = f.id;
  }
}
export class DriveImpl {
  Files: Any;
  constructor(inv: Invocation, store: DocStore) { this.Files = inv.wrap('Drive.Files', new DriveFilesImpl(inv, store)); }
}

/** The advanced Drive service's global name when appsscript.json enables it (v3), else null. */
export function driveSymbol(distDir: string): string | null {
  const m = readManifest(distDir);
  const s = m?.dependencies?.enabledAdvancedServices?.find((x) => x.serviceId === 'drive');
  if (!s) return null;
  if (s.version !== 'v3') throw new Error(`local/: the advanced Drive service is emulated in v3 only (appsscript.json asks for ${s.version})`);
  return s.userSymbol;
}
